"""Okta applications as an org keeps them: lifecycle (delete only once inactive), OIDC clients with issued
credentials, real signing keys and CSRs, user and group assignments with priorities, profile mappings."""

from __future__ import annotations

import base64
from typing import Any

from cryptography import x509
from starlette.testclient import TestClient

BOOKMARK = {
    "label": "Wiki",
    "signOnMode": "BOOKMARK",
    "name": "bookmark",
    "settings": {"app": {"requestIntegration": False, "url": "https://wiki.example.com"}},
}
OIDC = {
    "label": "Portal",
    "signOnMode": "OPENID_CONNECT",
    "name": "oidc_client",
    "settings": {
        "oauthClient": {
            "redirect_uris": ["https://portal.example.com/cb"],
            "response_types": ["code"],
            "grant_types": ["authorization_code"],
            "application_type": "web",
        }
    },
}


def _app(okta: TestClient, body: dict[str, Any], query: str = "") -> dict[str, Any]:
    answer = okta.post("/api/v1/apps" + query, json=body)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _user(okta: TestClient, last: str) -> dict[str, Any]:
    body = {
        "profile": {
            "firstName": "Ada",
            "lastName": last,
            "login": f"{last}@example.com",
            "email": f"{last}@example.com",
        }
    }
    return dict(okta.post("/api/v1/users?activate=false", json=body).json())


def test_an_app_is_deleted_only_once_deactivated(okta: TestClient) -> None:
    app = _app(okta, BOOKMARK, "?activate=false")
    assert app["status"] == "INACTIVE" and "activate" in app["_links"] and "deactivate" not in app["_links"]
    assert okta.post(f"/api/v1/apps/{app['id']}/lifecycle/activate").json() == {}
    refused = okta.delete(f"/api/v1/apps/{app['id']}")
    assert refused.status_code == 403 and refused.json()["errorCode"] == "E0000056"
    assert okta.get(f"/api/v1/apps/{app['id']}").json()["status"] == "ACTIVE"
    okta.post(f"/api/v1/apps/{app['id']}/lifecycle/deactivate")
    assert okta.delete(f"/api/v1/apps/{app['id']}").status_code == 204
    gone = okta.get(f"/api/v1/apps/{app['id']}").json()
    assert gone["errorCode"] == "E0000007" and gone["errorSummary"].endswith("(AppInstance)")


def test_a_bad_app_is_refused_and_nothing_is_kept(okta: TestClient) -> None:
    before = len(okta.get("/api/v1/apps").json())
    assert okta.post("/api/v1/apps", json={**BOOKMARK, "label": ""}).status_code == 400
    assert okta.post("/api/v1/apps", json={"label": "x", "signOnMode": "NOT_A_MODE"}).status_code == 400
    vault = {"label": "Vault", "name": "template_sps", "settings": {"app": {"url": "https://vault.example.com"}}}
    missing = okta.post("/api/v1/apps", json=vault)  # a password-store template needs its form's field names
    assert missing.status_code == 400 and missing.json()["errorSummary"].endswith("passwordField")
    assert len(okta.get("/api/v1/apps").json()) == before


def test_an_oidc_client_gets_credentials_and_signs_with_a_real_key(okta: TestClient) -> None:
    app = _app(okta, OIDC)
    client = app["credentials"]["oauthClient"]
    assert client["client_id"] == app["id"] and len(client["client_secret"]) == 40
    secrets = okta.get(f"/api/v1/apps/{app['id']}/credentials/secrets").json()
    assert [s["client_secret"] for s in secrets] == [client["client_secret"]]
    keys = okta.get(f"/api/v1/apps/{app['id']}/credentials/keys").json()
    assert app["credentials"]["signing"]["kid"] in [k["kid"] for k in keys]
    cert = x509.load_der_x509_certificate(base64.b64decode(keys[0]["x5c"][0]))
    assert cert.public_key().key_size == 2048  # type: ignore[union-attr]
    filtered = okta.get("/api/v1/apps", params={"filter": 'status eq "ACTIVE"', "q": "Port"}).json()
    assert [a["id"] for a in filtered] == [app["id"]]


def test_a_csr_is_pkcs10_with_the_subject_asked(okta: TestClient) -> None:
    app = _app(okta, BOOKMARK)
    body = {
        "subject": {"countryName": "US", "organizationName": "Example", "commonName": "SP Issuer"},
        "subjectAltNames": {"dnsNames": ["sp.example.com"]},
    }
    answer = okta.post(f"/api/v1/apps/{app['id']}/credentials/csrs", json=body)
    assert answer.status_code == 201 and answer.json()["kty"] == "RSA"
    csr = x509.load_der_x509_csr(base64.b64decode(answer.json()["csr"]))
    assert csr.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == "SP Issuer"
    csr_id = answer.json()["id"]
    assert okta.delete(f"/api/v1/apps/{app['id']}/credentials/csrs/{csr_id}").status_code == 204
    assert okta.get(f"/api/v1/apps/{app['id']}/credentials/csrs").json() == []


def test_users_get_the_app_directly_or_through_a_group_by_priority(okta: TestClient) -> None:
    app = _app(okta, BOOKMARK)
    direct, member = _user(okta, "Direct"), _user(okta, "Member")
    assigned = okta.post(
        f"/api/v1/apps/{app['id']}/users",
        json={"id": direct["id"], "credentials": {"userName": "direct", "password": {"value": "s3"}}},
    )
    assert assigned.json()["scope"] == "USER" and "password" not in assigned.json()["credentials"]
    first = dict(okta.post("/api/v1/groups", json={"profile": {"name": "First"}}).json())
    second = dict(okta.post("/api/v1/groups", json={"profile": {"name": "Second"}}).json())
    okta.put(f"/api/v1/groups/{second['id']}/users/{member['id']}")
    okta.put(f"/api/v1/apps/{app['id']}/groups/{first['id']}", json={})
    placed = okta.put(f"/api/v1/apps/{app['id']}/groups/{second['id']}", json={"priority": 0}).json()
    assert placed["priority"] == 0
    order = [(g["id"], g["priority"]) for g in okta.get(f"/api/v1/apps/{app['id']}/groups").json()]
    assert order == [(second["id"], 0), (first["id"], 1)]
    scopes = {u["id"]: u["scope"] for u in okta.get(f"/api/v1/apps/{app['id']}/users").json()}
    assert scopes == {direct["id"]: "USER", member["id"]: "GROUP"}
    assert [a["id"] for a in okta.get(f"/api/v1/groups/{second['id']}/apps").json()] == [app["id"]]
    okta.delete(f"/api/v1/apps/{app['id']}/groups/{second['id']}")
    assert [(g["id"], g["priority"]) for g in okta.get(f"/api/v1/apps/{app['id']}/groups").json()] == [(first["id"], 0)]


def test_a_profile_mapping_takes_only_attributes_its_target_has(okta: TestClient) -> None:
    mapping = okta.get("/api/v1/mappings").json()[0]
    full = okta.get(f"/api/v1/mappings/{mapping['id']}").json()
    refused = okta.post(
        f"/api/v1/mappings/{mapping['id']}",
        json={"properties": {"notAnAttribute": {"expression": "user.login", "pushStatus": "PUSH"}}},
    )
    assert refused.status_code == 400 and "Invalid target field notAnAttribute" in refused.text
    assert okta.get(f"/api/v1/mappings/{mapping['id']}").json() == full
    target = "nickName" if full["target"]["type"] == "user" else "displayName"
    changed = okta.post(
        f"/api/v1/mappings/{mapping['id']}",
        json={"properties": {target: {"expression": "appuser.userName", "pushStatus": "PUSH"}}},
    )
    assert changed.json()["properties"][target] == {"expression": "appuser.userName", "pushStatus": "PUSH"}
    by_source = okta.get("/api/v1/mappings", params={"sourceId": full["source"]["id"]}).json()
    assert mapping["id"] in [m["id"] for m in by_source]


def test_a_deleted_user_no_longer_has_the_app(okta: TestClient) -> None:
    app = _app(okta, BOOKMARK)
    user = _user(okta, "Leaver")
    okta.post(f"/api/v1/apps/{app['id']}/users", json={"id": user["id"]})
    okta.post(f"/api/v1/users/{user['id']}/lifecycle/deactivate")
    assert okta.delete(f"/api/v1/users/{user['id']}").status_code == 204
    assert okta.get(f"/api/v1/apps/{app['id']}/users").json() == []
    assert okta.get(f"/api/v1/apps/{app['id']}/users/{user['id']}").status_code == 404


def test_a_field_of_the_wrong_json_type_is_not_well_formed_and_changes_nothing(okta: TestClient) -> None:
    app = _app(okta, BOOKMARK)
    for body in ({**BOOKMARK, "settings": "x"}, {**BOOKMARK, "visibility": {"hide": 5}}):
        answer = okta.put(f"/api/v1/apps/{app['id']}", json=body)
        assert answer.status_code == 400 and answer.json()["errorCode"] == "E0000003"
    assert okta.get(f"/api/v1/apps/{app['id']}").json()["settings"]["app"]["url"] == "https://wiki.example.com"
    group = dict(okta.post("/api/v1/groups", json={"profile": {"name": "Typed"}}).json())
    assert okta.put(f"/api/v1/apps/{app['id']}/groups/{group['id']}", json={"priority": "1"}).status_code == 400
    assert okta.get(f"/api/v1/apps/{app['id']}/groups").json() == []
