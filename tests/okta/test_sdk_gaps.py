"""Behaviour the okta-sdk-python method check found missing: small samples of what Okta does for each."""

from __future__ import annotations

from typing import Any


def _group(okta: Any) -> str:
    made = okta.post("/api/v1/groups", json={"profile": {"name": "Set members"}})
    assert made.status_code == 200, made.text
    return made.json()["id"]


def test_resource_set_takes_a_groups_members_url_and_all_realms(okta: Any) -> None:
    group = _group(okta)
    base = "http://127.0.0.1:8000"
    made = okta.post(
        "/api/v1/iam/resource-sets",
        json={
            "label": "IT people",
            "description": "d",
            "resources": [f"{base}/api/v1/groups/{group}/users", f"{base}/api/v1/realms"],
        },
    )
    assert made.status_code == 200, made.text
    resources = okta.get(f"/api/v1/iam/resource-sets/{made.json()['id']}/resources").json()["resources"]
    orns = sorted(r["orn"] for r in resources)
    assert orns[0].endswith(f":groups:{group}:contained_resources")
    assert orns[1].endswith(":realms")
    # a user has no members: not a resource Okta knows
    bad = okta.post("/api/v1/iam/resource-sets", json={"label": "x", "resources": [f"{base}/api/v1/users/00u1/users"]})
    assert bad.status_code == 400 and bad.json()["errorCode"] == "E0000001"


def test_resource_set_resource_added_by_orn_or_url(okta: Any) -> None:
    group = _group(okta)
    made = okta.post(
        "/api/v1/iam/resource-sets", json={"label": "one", "resources": ["http://127.0.0.1:8000/api/v1/users"]}
    ).json()
    added = okta.post(
        f"/api/v1/iam/resource-sets/{made['id']}/resources",
        json={"resourceOrnOrUrl": f"http://127.0.0.1:8000/api/v1/groups/{group}", "conditions": {}},
    )
    assert added.status_code == 200, added.text
    assert added.json()["orn"].endswith(f":groups:{group}")


def _oidc(okta: Any) -> str:
    made = okta.post(
        "/api/v1/apps",
        json={
            "name": "oidc_client",
            "label": "Service",
            "signOnMode": "OPENID_CONNECT",
            "credentials": {"oauthClient": {"token_endpoint_auth_method": "client_secret_basic"}},
            "settings": {
                "oauthClient": {
                    "grant_types": ["client_credentials"],
                    "response_types": ["token"],
                    "application_type": "service",
                    "redirect_uris": [],
                }
            },
        },
    )
    assert made.status_code == 200, made.text
    return made.json()["credentials"]["oauthClient"]["client_id"]


def test_a_client_holds_roles_and_their_targets(okta: Any) -> None:
    client = _oidc(okta)
    roles = f"/oauth2/v1/clients/{client}/roles"
    made = okta.post(roles, json={"type": "APP_ADMIN"})
    assert made.status_code == 200 and made.json()["assignmentType"] == "CLIENT", made.text
    role = made.json()["id"]
    assert [r["id"] for r in okta.get(roles).json()] == [role]
    assert okta.put(f"{roles}/{role}/targets/catalog/apps/bookmark").status_code == 204
    assert [a["name"] for a in okta.get(f"{roles}/{role}/targets/catalog/apps").json()] == ["bookmark"]
    unknown = okta.put(f"{roles}/{role}/targets/catalog/apps/00uNotAnAppKey")
    assert unknown.status_code == 404 and unknown.json()["errorCode"] == "E0000007"
    # app targets narrow an APP_ADMIN role only; group targets a group-scoped one
    refused = okta.put(f"{roles}/{role}/targets/groups/{_group(okta)}")
    assert refused.status_code == 400
    assert okta.delete(f"{roles}/{role}").status_code == 204
    assert okta.get(roles).json() == []
    missing = okta.post("/oauth2/v1/clients/0oaNoSuchClient00000/roles", json={"type": "APP_ADMIN"})
    assert missing.status_code == 404 and missing.json()["errorCode"] == "E0000007"


def test_an_app_service_account_is_kept_with_a_uuid_and_no_password(okta: Any) -> None:
    app = okta.post(
        "/api/v1/apps",
        json={
            "name": "bookmark",
            "label": "Vault",
            "signOnMode": "BOOKMARK",
            "settings": {"app": {"url": "https://example.com"}},
        },
    ).json()
    orn = f"orn:okta:idp:00o1:apps:bookmark:{app['id']}"
    body = {"name": "svc one", "containerOrn": orn, "username": "svc@example.com", "password": "s3cret!"}
    made = okta.post("/privileged-access/api/v1/service-accounts", json=body)
    assert made.status_code == 200, made.text
    account = made.json()
    assert len(account["id"]) == 36 and account["id"][14] == "4" and "password" not in account
    assert (account["containerGlobalName"], account["containerInstanceName"], account["status"]) == (
        "bookmark",
        "Vault",
        "UNSECURED",
    )
    path = f"/privileged-access/api/v1/service-accounts/{account['id']}"
    assert okta.patch(path, json={"description": "rotated"}).json()["description"] == "rotated"
    assert [a["id"] for a in okta.get("/privileged-access/api/v1/service-accounts?match=SVC").json()] == [account["id"]]
    no_password = okta.post("/privileged-access/api/v1/service-accounts", json={**body, "password": ""})
    assert no_password.status_code == 400
    assert okta.delete(path).status_code == 204 and okta.get(path).status_code == 404


def test_a_hook_keys_use_is_a_string(okta: Any) -> None:
    made = okta.post("/api/v1/hook-keys", json={"name": "k1"}).json()
    assert made["isUsed"] == "false"


def test_custom_aaguids_belong_to_the_webauthn_authenticator(okta: Any) -> None:
    from twingen.kits.okta.check.keys import X5C

    auths = {a["key"]: a["id"] for a in okta.get("/api/v1/authenticators").json()}
    path = f"/api/v1/authenticators/{auths['webauthn']}/aaguids"
    aaguid = "cb69481e-8ff7-4039-93ec-0a2729a154a8"
    made = okta.post(path, json={"aaguid": aaguid, "attestationRootCertificates": [{"x5c": X5C}]})
    assert made.status_code == 200, made.text
    cert = made.json()["attestationRootCertificates"][0]
    assert cert["iss"] == "CN=twincheck.example.com" and cert["exp"].startswith("2033-12-29")
    assert okta.post(path, json={"aaguid": aaguid}).status_code == 400  # the AAGUID is already there
    assert okta.patch(f"{path}/{aaguid}", json={"name": "Key"}).json()["name"] == "Key"
    assert [a["aaguid"] for a in okta.get(path).json()] == [aaguid]
    email = okta.get(f"/api/v1/authenticators/{auths['okta_email']}/aaguids")
    assert email.status_code == 400
    bad = okta.post(path, json={"aaguid": "cb69481e-8ff7-4039-93ec-0a272911111"})
    assert bad.status_code == 400
    assert okta.delete(f"{path}/{aaguid}").status_code == 204 and okta.get(f"{path}/{aaguid}").status_code == 404


def test_a_device_posture_check_is_kept_and_its_variable_name_is_unique(okta: Any) -> None:
    body = {
        "name": "Firewall",
        "platform": "MACOS",
        "mappingType": "CHECKBOX",
        "variableName": "macOSFirewall",
        "query": "SELECT 1 AS firewall_enabled;",
    }
    made = okta.post("/api/v1/device-posture-checks", json=body)
    assert made.status_code == 200, made.text
    check = made.json()
    assert check["id"].startswith("dch") and check["type"] == "CUSTOM"
    assert okta.post("/api/v1/device-posture-checks", json=body).status_code == 400
    path = f"/api/v1/device-posture-checks/{check['id']}"
    assert okta.put(path, json={**body, "name": "FW"}).json()["name"] == "FW"
    assert okta.post("/api/v1/device-posture-checks", json={**body, "platform": "LINUX"}).status_code == 400
    assert okta.delete(path).status_code == 204 and okta.get(path).status_code == 404


def test_admin_console_settings_personal_settings_and_the_governance_opt_in(okta: Any) -> None:
    console = "/api/v1/first-party-app-settings/admin-console"
    assert okta.get(console).json() == {"sessionIdleTimeoutMinutes": 15, "sessionMaxLifetimeMinutes": 720}
    body = {"sessionIdleTimeoutMinutes": 30, "sessionMaxLifetimeMinutes": 600}
    assert okta.put(console, json=body).json() == body and okta.get(console).json() == body
    assert okta.put(console, json={**body, "sessionIdleTimeoutMinutes": 4}).status_code == 400
    assert okta.get("/api/v1/first-party-app-settings/bookmark").status_code == 404
    blocks = "/okta-personal-settings/api/v1/export-blocklists"
    assert okta.put(blocks, json={"domains": ["yahoo.com"]}).status_code == 204
    assert okta.get(blocks).json() == {"domains": ["yahoo.com"]}
    optin = "/api/v1/iam/governance/optIn"
    assert okta.get(optin).json()["optInStatus"] == "OPTED_OUT"
    assert okta.post(optin).json()["optInStatus"] == "OPTING_IN"
    assert okta.get(optin).json()["optInStatus"] == "OPTED_IN"


def test_an_ssf_stream_is_configured_checked_and_verified(okta: Any) -> None:
    body = {
        "delivery": {"method": "urn:ietf:rfc:8935", "endpoint_url": "https://receiver.example.com/ssf"},
        "events_requested": [
            "https://schemas.openid.net/secevent/caep/event-type/session-revoked",
            "https://example.com/not-transmitted",
        ],
    }
    made = okta.post("/api/v1/ssf/stream", json=body)
    assert made.status_code == 201, made.text
    stream = made.json()
    assert stream["stream_id"].startswith("esc")
    assert stream["events_delivered"] == [body["events_requested"][0]]
    again = okta.post("/api/v1/ssf/stream", json=body)
    assert again.status_code == 409 and again.json()["errorCode"] == "E0000195"
    assert okta.post("/api/v1/ssf/stream", json={"events_requested": []}).status_code in (400, 409)
    sid = stream["stream_id"]
    assert okta.get(f"/api/v1/ssf/stream/status?stream_id={sid}").json() == {"stream_id": sid, "status": "enabled"}
    refused = okta.patch("/api/v1/ssf/stream", json={"stream_id": sid, "iss": "https://elsewhere"})
    assert refused.status_code == 400
    assert okta.post("/api/v1/ssf/stream/verification", json={"stream_id": sid}).status_code == 204
    assert okta.delete(f"/api/v1/ssf/stream?stream_id={sid}").status_code == 204
    assert okta.get(f"/api/v1/ssf/stream?stream_id={sid}").status_code == 404
    assert okta.get("/.well-known/ssf-configuration").json()["spec_version"] == "1_0-ID3"


def test_objects_made_outside_the_api_are_404(okta: Any) -> None:
    assert okta.get("/api/v1/device-integrations").json() == []
    gone = okta.post("/api/v1/device-integrations/dinNone/lifecycle/activate")
    assert gone.status_code == 404 and gone.json()["errorCode"] == "E0000007"
    unknown = okta.post("/api/v1/directories/0oaNone/groups/modify", json={"id": "x", "parameters": {}})
    assert unknown.status_code == 404
    app = okta.post(
        "/api/v1/apps",
        json={
            "name": "bookmark",
            "label": "B",
            "signOnMode": "BOOKMARK",
            "settings": {"app": {"url": "https://example.com"}},
        },
    ).json()
    assert okta.post(f"/api/v1/directories/{app['id']}/groups/modify", json={}).status_code == 400


def test_a_preregistered_webauthn_factor_is_enrolled_with_jwes_and_activated(okta: Any) -> None:
    from twingen.kits.okta.check.keys import ec_transport_jwk

    user = okta.post(
        "/api/v1/users?activate=false",
        json={"profile": {"firstName": "Y", "lastName": "K", "email": "yk@example.com", "login": "yk@example.com"}},
    ).json()["id"]
    body = {
        "userId": user,
        "fulfillmentProvider": "yubico",
        "enrollmentRpIds": ["a.example.com", "b.example.com"],
        "yubicoTransportKeyJWK": ec_transport_jwk("t1"),
    }
    made = okta.post("/webauthn-registration/api/v1/enroll", json=body)
    assert made.status_code == 200, made.text
    requests = made.json()["credRequests"]
    assert len(requests) == 2 and all(r["credRequestJwe"].count(".") == 4 for r in requests)
    bad_key = okta.post(
        "/webauthn-registration/api/v1/enroll",
        json={**body, "yubicoTransportKeyJWK": {**ec_transport_jwk("t1"), "y": "AAAA"}},
    )
    assert bad_key.status_code == 400
    first = requests[0]["authenticatorEnrollmentId"]
    jwe = "e30..AAAAAAAAAAAAAAAA.e30.AA"
    activated = okta.post(
        "/webauthn-registration/api/v1/activate",
        json={
            "userId": user,
            "fulfillmentProvider": "yubico",
            "credResponses": [{"authenticatorEnrollmentId": first, "credResponseJwe": jwe}],
        },
    )
    assert activated.json()["authenticatorEnrollmentIds"] == [first]
    listed = okta.get(f"/webauthn-registration/api/v1/users/{user}/enrollments").json()
    assert {f["id"]: f["status"] for f in listed}[first] == "ACTIVE"
    second = requests[1]["authenticatorEnrollmentId"]
    path = f"/webauthn-registration/api/v1/users/{user}/enrollments/{second}"
    assert okta.post(f"{path}/mark-error").status_code == 204
    assert okta.delete(path).status_code == 204 and okta.delete(path).status_code == 404


def test_log_stream_schemas_are_published_for_both_types(okta: Any) -> None:
    titles = [s["title"] for s in okta.get("/api/v1/meta/schemas/logStream").json()]
    assert titles == ["AWS EventBridge", "Splunk Cloud"]
    aws = okta.get("/api/v1/meta/schemas/logStream/aws_eventbridge").json()
    assert aws["properties"]["settings"]["required"] == ["eventSourceName", "accountId", "region"]
    assert okta.get("/api/v1/meta/schemas/logStream/kafka").status_code == 404


def test_a_new_org_has_no_custom_app_authenticator(okta: Any) -> None:
    assert okta.get("/.well-known/app-authenticator-configuration?oauthClientId=0oa1").json() == []
    missing = okta.get("/.well-known/app-authenticator-configuration")
    assert missing.status_code == 400  # the runtime's parameter check answers before the behaviour


def test_an_apps_user_schema_takes_custom_attributes(okta: Any) -> None:
    app = okta.post(
        "/api/v1/apps",
        json={
            "name": "bookmark",
            "label": "Wiki",
            "signOnMode": "BOOKMARK",
            "settings": {"app": {"url": "https://example.com"}},
        },
    ).json()
    path = f"/api/v1/meta/schemas/apps/{app['id']}/default"
    schema = okta.get(path).json()
    assert schema["title"] == "Wiki User" and schema["definitions"]["base"]["required"] == ["userName"]
    added = okta.post(
        path, json={"definitions": {"custom": {"properties": {"team": {"title": "Team", "type": "string"}}}}}
    ).json()
    assert added["definitions"]["custom"]["properties"]["team"]["title"] == "Team"
    assert (
        okta.post(
            path, json={"definitions": {"custom": {"properties": {"userName": {"title": "U", "type": "string"}}}}}
        ).status_code
        == 400
    )
    assert okta.get("/api/v1/meta/schemas/apps/0oaNone/default").status_code == 404


def test_a_group_assignment_is_patched(okta: Any) -> None:
    app = okta.post(
        "/api/v1/apps",
        json={
            "name": "bookmark",
            "label": "P",
            "signOnMode": "BOOKMARK",
            "settings": {"app": {"url": "https://example.com"}},
        },
    ).json()
    group = _group(okta)
    path = f"/api/v1/apps/{app['id']}/groups/{group}"
    assert okta.put(path, json={}).status_code == 200
    patched = okta.patch(
        path,
        json=[
            {"op": "replace", "path": "/profile", "value": {"role": "admin"}},
            {"op": "add", "path": "/profile/team", "value": "a"},
        ],
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["profile"] == {"role": "admin", "team": "a"}
    assert okta.patch(path, json=[{"op": "move", "path": "/profile"}]).status_code == 400
    assert okta.patch(f"/api/v1/apps/{app['id']}/groups/00gNone", json=[]).status_code == 404
