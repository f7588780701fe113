"""A user's factors, schemas, linked objects and admin roles as the Okta twin keeps them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
from typing import Any

from starlette.testclient import TestClient

from tests.okta.test_users import error, make


def totp(secret: str, at: float) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def twin_now(okta: TestClient) -> float:
    return float(okta.get("/_twin/clock").json()["now"])


def test_question_factor_is_active_and_verifies_its_answer(okta: TestClient) -> None:
    user = make(okta, "quizzed")
    factors = f"/api/v1/users/{user['id']}/factors"
    assert okta.get(factors).json() == []
    factor = okta.post(
        factors,
        json={
            "factorType": "question",
            "provider": "OKTA",
            "profile": {"question": "disliked_food", "answer": "lasagna"},
        },
    ).json()
    assert factor["status"] == "ACTIVE" and factor["profile"]["questionText"] and "answer" not in factor["profile"]
    assert error(okta.post(f"{factors}/{factor['id']}/verify", json={"answer": "pizza"})) == (403, "E0000068")
    assert okta.post(f"{factors}/{factor['id']}/verify", json={"answer": "Lasagna"}).json() == {
        "factorResult": "SUCCESS"
    }
    assert okta.delete(f"{factors}/{factor['id']}").status_code == 204
    assert error(okta.get(f"{factors}/{factor['id']}")) == (404, "E0000007")


def test_totp_factor_activates_with_a_code_from_its_shared_secret(okta: TestClient) -> None:
    user = make(okta, "totp")
    factors = f"/api/v1/users/{user['id']}/factors"
    factor = okta.post(factors, json={"factorType": "token:software:totp", "provider": "GOOGLE"}).json()
    assert factor["status"] == "PENDING_ACTIVATION"
    secret = factor["_embedded"]["activation"]["sharedSecret"]
    activate = f"{factors}/{factor['id']}/lifecycle/activate"
    assert error(
        okta.post(activate, json={"passCode": "000000" if totp(secret, twin_now(okta)) != "000000" else "111111"})
    ) == (403, "E0000068")
    assert okta.post(activate, json={"passCode": totp(secret, twin_now(okta))}).json()["status"] == "ACTIVE"
    reset = okta.post(f"/api/v1/users/{user['id']}/lifecycle/reset_factors")
    assert reset.status_code == 200 and okta.get(factors).json() == []


def test_sms_factor_waits_for_activation_and_refuses_a_bad_number(okta: TestClient) -> None:
    user = make(okta, "texted")
    factors = f"/api/v1/users/{user['id']}/factors"
    assert error(okta.post(factors, json={"factorType": "sms", "profile": {"phoneNumber": "call me"}})) == (
        400,
        "E0000001",
    )
    sms = okta.post(
        factors, json={"factorType": "sms", "provider": "OKTA", "profile": {"phoneNumber": "+12345678901"}}
    ).json()
    assert sms["status"] == "PENDING_ACTIVATION" and {"resend", "activate", "self", "user"} == set(sms["_links"])
    resent = okta.post(f"{factors}/{sms['id']}/resend", json={"factorType": "sms"})
    assert resent.status_code == 200 and resent.json()["status"] == "PENDING_ACTIVATION"


def test_user_schema_custom_property_is_accepted_on_profiles_until_removed(okta: TestClient) -> None:
    schema = "/api/v1/meta/schemas/user/default"
    base = okta.get(schema).json()["definitions"]["base"]
    assert base["properties"]["login"]["minLength"] == 5 and "login" in base["required"]
    user = make(okta, "custom")
    assert error(okta.post(f"/api/v1/users/{user['id']}", json={"profile": {"badge": "7"}})) == (400, "E0000001")
    added = okta.post(
        schema, json={"definitions": {"custom": {"properties": {"badge": {"title": "Badge", "type": "string"}}}}}
    ).json()
    assert added["definitions"]["custom"]["properties"]["badge"]["title"] == "Badge"
    assert okta.post(f"/api/v1/users/{user['id']}", json={"profile": {"badge": "7"}}).json()["profile"]["badge"] == "7"
    removed = okta.post(schema, json={"definitions": {"custom": {"properties": {"badge": None}}}}).json()
    assert "badge" not in removed["definitions"]["custom"]["properties"]
    assert "badge" not in okta.get(f"/api/v1/users/{user['id']}").json()["profile"]
    assert okta.post(f"/api/v1/users/{user['id']}", json={"profile": {"title": "Chief"}}).status_code == 200


def test_linked_object_definitions(okta: TestClient) -> None:
    definitions = "/api/v1/meta/schemas/user/linkedObjects"
    body = {
        "primary": {"name": "manager", "title": "Manager", "type": "USER"},
        "associated": {"name": "subordinate", "title": "Subordinate", "type": "USER"},
    }
    assert okta.post(definitions, json=body).status_code == 201
    assert error(okta.post(definitions, json=body)) == (400, "E0000001")
    assert okta.get(f"{definitions}/subordinate").json()["primary"]["name"] == "manager"
    assert okta.delete(f"{definitions}/subordinate").status_code == 204
    assert error(okta.get(f"{definitions}/manager")) == (404, "E0000007")


def test_linked_objects_link_an_associated_user_to_one_primary(okta: TestClient) -> None:
    definitions = "/api/v1/meta/schemas/user/linkedObjects"
    body = {
        "primary": {"name": "manager", "title": "Manager", "type": "USER"},
        "associated": {"name": "subordinate", "title": "Subordinate", "type": "USER"},
    }
    okta.post(definitions, json=body)
    boss, worker = make(okta, "boss"), make(okta, "worker")
    url = f"/api/v1/users/{worker['id']}/linkedObjects/manager/{boss['id']}"
    assert okta.put(url).status_code == 204
    hrefs = [
        x["_links"]["self"]["href"] for x in okta.get(f"/api/v1/users/{boss['id']}/linkedObjects/subordinate").json()
    ]
    assert len(hrefs) == 1 and hrefs[0].endswith(worker["id"])
    assert okta.delete(f"{definitions}/subordinate").status_code == 204
    assert error(okta.get(f"{definitions}/manager")) == (404, "E0000007")


def test_custom_roles_and_assignments(okta: TestClient) -> None:
    role = okta.post(
        "/api/v1/iam/roles", json={"label": "Auditor", "description": "Reads", "permissions": ["okta.users.read"]}
    ).json()
    assert okta.get("/api/v1/iam/roles/Auditor").json()["id"] == role["id"]
    assert error(
        okta.post(
            "/api/v1/iam/roles", json={"label": "auditor", "description": "x", "permissions": ["okta.users.read"]}
        )
    ) == (400, "E0000001")
    user = make(okta, "delegate")
    roles = f"/api/v1/users/{user['id']}/roles"
    assigned: Any = okta.post(roles, json={"type": "USER_ADMIN"}).json()
    assert assigned["id"] == base64.b32encode(b"USER_ADMIN").decode().rstrip("=")
    assert error(okta.post(roles, json={"type": "USER_ADMIN"})) == (409, "E0000090")
    assert [r["type"] for r in okta.get(roles).json()] == ["USER_ADMIN"]
    assert okta.delete(f"{roles}/{assigned['id']}").status_code == 204
    assert okta.delete(f"/api/v1/iam/roles/{role['id']}").status_code == 204
    assert error(okta.get(f"/api/v1/iam/roles/{role['id']}")) == (404, "E0000007")


def test_app_links_list_the_active_apps_a_user_is_assigned(okta: TestClient) -> None:
    user = make(okta, "linked")
    app = okta.post(
        "/api/v1/apps",
        json={
            "label": "Wiki",
            "signOnMode": "BOOKMARK",
            "name": "bookmark",
            "settings": {"app": {"url": "https://wiki.example.com"}},
        },
    ).json()
    assert okta.get(f"/api/v1/users/{user['id']}/appLinks").json() == []
    okta.post(f"/api/v1/apps/{app['id']}/users", json={"id": user["id"]})
    links = okta.get(f"/api/v1/users/{user['id']}/appLinks").json()
    assert [(link["appInstanceId"], link["label"]) for link in links] == [(app["id"], "Wiki")]
    okta.post(f"/api/v1/apps/{app['id']}/lifecycle/deactivate")
    assert okta.get(f"/api/v1/users/{user['id']}/appLinks").json() == []


def test_users_with_role_assignments_include_the_super_admin(okta: TestClient) -> None:
    user = make(okta, "helper")
    okta.post(f"/api/v1/users/{user['id']}/roles", json={"type": "HELP_DESK_ADMIN"})
    assert [u["id"] for u in okta.get("/api/v1/iam/assignees/users").json()["value"]] == ["00uadmin", user["id"]]


def test_user_oauth_grants_and_tokens(okta: TestClient, okta_app: Any) -> None:
    user = make(okta, "consenter")
    base = f"/api/v1/users/{user['id']}"
    assert okta.get(f"{base}/grants").json() == [] and okta.get(f"{base}/clients").json() == []
    assert error(okta.get("/api/v1/users/00unknownunknown0000/grants")) == (404, "E0000007")
    app = okta.post(
        "/api/v1/apps",
        json={
            "label": "Portal",
            "signOnMode": "BOOKMARK",
            "name": "bookmark",
            "settings": {"app": {"url": "https://portal.example.com"}},
        },
    ).json()
    client = app["id"]
    assert error(okta.get(f"{base}/clients/0oanoclient/tokens")) == (404, "E0000007")
    state = okta_app.twin.state
    state.collection("oauth2_refresh_tokens").put(
        "oar1", {"id": "oar1", "status": "ACTIVE", "clientId": client, "userId": user["id"], "issuer": "x"}
    )
    state.collection("oauth2_grants").put(
        "oag1", {"id": "oag1", "status": "ACTIVE", "clientId": client, "userId": user["id"], "scopeId": "scp1"}
    )
    assert [c["client_id"] for c in okta.get(f"{base}/clients").json()] == [client]
    assert okta.get(f"{base}/clients/{client}/tokens/oar1").json()["status"] == "ACTIVE"
    assert okta.delete(f"{base}/clients/{client}/tokens").status_code == 204
    assert error(okta.get(f"{base}/clients/{client}/tokens/oar1")) == (404, "E0000007")
    assert okta.delete(f"{base}/grants/oag1").status_code == 204
    assert okta.get(f"{base}/grants").json() == []
    state.collection("oauth2_refresh_tokens").put(
        "oar2", {"id": "oar2", "status": "ACTIVE", "clientId": client, "userId": user["id"], "issuer": "x"}
    )
    assert okta.delete(f"{base}/sessions?oauthTokens=true").status_code == 204
    assert okta.get(f"{base}/clients/{client}/tokens").json() == []


def test_classification_and_risk_overrides(okta: TestClient) -> None:
    user = make(okta, "risky")
    base = f"/api/v1/users/{user['id']}"
    assert okta.get(f"{base}/classification").json()["type"] == "STANDARD"
    assert okta.put(f"{base}/classification", json={"type": "LITE"}).json()["type"] == "LITE"
    assert error(okta.put(f"{base}/classification", json={"type": "GOLD"})) == (400, "E0000001")
    assert okta.get(f"{base}/risk").json()["riskLevel"] == "NONE"
    assert okta.put(f"{base}/risk", json={"riskLevel": "HIGH"}).status_code == 201
    assert okta.put(f"{base}/risk", json={"riskLevel": "LOW"}).status_code == 200
    assert okta.get(f"{base}/risk").json()["reason"] == "override.by.admin"
    assert "_risk" not in str(okta.get(base).json())


def test_app_admin_targets_an_app_type_or_one_app(okta: TestClient) -> None:
    user = make(okta, "appadmin")
    role = okta.post(f"/api/v1/users/{user['id']}/roles", json={"type": "APP_ADMIN"}).json()
    targets = f"/api/v1/users/{user['id']}/roles/{role['id']}/targets/catalog/apps"
    app = okta.post(
        "/api/v1/apps",
        json={
            "label": "Docs",
            "signOnMode": "BOOKMARK",
            "name": "bookmark",
            "settings": {"app": {"url": "https://docs.example.com"}},
        },
    ).json()
    assert okta.get(targets).json() == []
    assert okta.put(f"{targets}/bookmark/{app['id']}").status_code == 204
    assert error(okta.put(f"{targets}/salesforce/{app['id']}")) == (404, "E0000007")
    assert okta.put(f"{targets}/salesforce").status_code == 204
    assert [(t["name"], t.get("id")) for t in okta.get(targets).json()] == [
        ("bookmark", app["id"]),
        ("salesforce", None),
    ]
    assert okta.put(targets).status_code == 204 and okta.get(targets).json() == []
    helper = okta.post(f"/api/v1/users/{user['id']}/roles", json={"type": "HELP_DESK_ADMIN"}).json()
    assert error(okta.get(f"/api/v1/users/{user['id']}/roles/{helper['id']}/targets/catalog/apps")) == (400, "E0000001")


def test_role_targets_by_user_and_role_as_orns(okta: TestClient) -> None:
    user = make(okta, "targeted")
    group = okta.post("/api/v1/groups", json={"profile": {"name": "Targets"}}).json()
    role = okta.post(f"/api/v1/users/{user['id']}/roles", json={"type": "USER_ADMIN"}).json()
    okta.put(f"/api/v1/users/{user['id']}/roles/{role['id']}/targets/groups/{group['id']}")
    targets = okta.get(f"/api/v1/users/{user['id']}/roles/{role['id']}/targets?assignmentType=USER").json()
    assert [t["orn"].rsplit(":", 1)[-1] for t in targets] == [group["id"]]
    assert okta.get(f"/api/v1/users/{user['id']}/roles/{role['id']}/targets?assignmentType=GROUP").json() == []


def test_a_user_type_has_its_own_schema_for_profiles(okta: TestClient) -> None:
    kind = okta.post("/api/v1/meta/types/user", json={"name": "contractor", "displayName": "Contractor"}).json()
    schema = kind["_links"]["schema"]["href"].rsplit("/", 1)[-1]
    okta.post(
        f"/api/v1/meta/schemas/user/{schema}",
        json={"definitions": {"custom": {"properties": {"agency": {"title": "Agency", "type": "string"}}}}},
    )
    profile = {
        "firstName": "C",
        "lastName": "T",
        "email": "c.t@example.com",
        "login": "c.t@example.com",
        "agency": "Acme",
    }
    assert error(okta.post("/api/v1/users", json={"profile": profile})) == (400, "E0000001")
    made = okta.post("/api/v1/users", json={"profile": profile, "type": {"id": kind["id"]}}).json()
    assert made["type"]["id"] == kind["id"] and made["profile"]["agency"] == "Acme"
    assert made["_links"]["schema"]["href"].endswith(schema)
    assert error(okta.post("/api/v1/users", json={"profile": profile, "type": "contractor"})) == (400, "E0000003")


def test_an_admin_assigned_role_has_one_custom_governance_source(okta: TestClient) -> None:
    user = make(okta, "governed")
    group = okta.post("/api/v1/groups", json={"profile": {"name": "Governed"}}).json()
    role = okta.post(f"/api/v1/users/{user['id']}/roles", json={"type": "USER_ADMIN"}).json()
    okta.put(f"/api/v1/users/{user['id']}/roles/{role['id']}/targets/groups/{group['id']}")
    base = f"/api/v1/users/{user['id']}/roles/{role['id']}/governance"
    grants = okta.get(base).json()["grants"]
    assert [g["type"] for g in grants] == ["CUSTOM"]
    grant = okta.get(f"{base}/{grants[0]['grantId']}").json()
    assert grant["grantId"] == grants[0]["grantId"]
    resources = okta.get(f"{base}/{grant['grantId']}/resources").json()["resources"]
    assert [r["label"] for r in resources] == ["Governed"]
    assert error(okta.get(f"{base}/granotagrant")) == (404, "E0000007")
    assert error(okta.get(f"/api/v1/users/{user['id']}/roles/NOSUCHROLE/governance")) == (404, "E0000007")


def test_expand_classification_embeds_it_in_the_list(okta: TestClient) -> None:
    user = make(okta, "lite")
    okta.put(f"/api/v1/users/{user['id']}/classification", json={"type": "LITE"})
    listed = okta.get('/api/v1/users?search=profile.login eq "lite@example.com"&expand=classification').json()
    assert listed[0]["_embedded"]["classification"]["type"] == "LITE"
