"""Subscriptions, UI schemas, realms, trusted origins and push providers as a new org has them."""

from __future__ import annotations

from starlette.testclient import TestClient

APNS = {
    "name": "ios",
    "providerType": "APNS",
    "configuration": {
        "fileName": "k.p8",
        "keyId": "ABC1234567",
        "teamId": "DEF9876543",
        "tokenSigningKey": "-----BEGIN PRIVATE KEY...",
    },
}


def test_role_subscriptions_start_at_okta_defaults_and_toggle(okta: TestClient) -> None:
    base = "/api/v1/roles/SUPER_ADMIN/subscriptions"
    assert okta.get(f"{base}/OKTA_UPDATE").json()["status"] == "subscribed"
    assert okta.post(f"{base}/OKTA_UPDATE/unsubscribe").content == b""
    after = okta.get(f"{base}/OKTA_UPDATE").json()
    assert after["status"] == "unsubscribed" and "subscribe" in after["_links"]
    assert okta.get("/api/v1/roles/NOT_A_ROLE/subscriptions").status_code == 404


def test_ui_schemas_default_form_and_idempotent_delete(okta: TestClient) -> None:
    assert len(okta.get("/api/v1/meta/uischemas").json()) == 1
    assert okta.delete("/api/v1/meta/uischemas/uisnothere").status_code == 204
    made = okta.post(
        "/api/v1/meta/uischemas",
        json={
            "uiSchema": {
                "type": "Group",
                "elements": [{"type": "Control", "scope": "#/properties/email", "label": "Email"}],
            }
        },
    ).json()
    assert made["id"].startswith("uis") and made["_links"]["self"]["hints"]["allow"] == ["GET", "PUT", "DELETE"]
    assert okta.post("/api/v1/meta/uischemas", json={"uiSchema": {"elements": [{"type": "Bogus"}]}}).status_code == 400


def test_realms_have_a_default_that_stays(okta: TestClient) -> None:
    default = next(r for r in okta.get("/api/v1/realms").json() if r["isDefault"])
    assert okta.delete(f"/api/v1/realms/{default['id']}").status_code == 403
    assert okta.post("/api/v1/realms").json()["errorCode"] == "E0000003"
    made = okta.post("/api/v1/realms", json={"profile": {"name": "Partners"}}).json()
    assert made["profile"] == {"name": "Partners", "domains": []} and made["isDefault"] is False


def test_trusted_origins_are_unique_by_origin(okta: TestClient) -> None:
    body = {"name": "app", "origin": "https://app.example.com", "scopes": [{"type": "CORS"}]}
    assert okta.post("/api/v1/trustedOrigins", json=body).status_code == 200
    again = okta.post("/api/v1/trustedOrigins", json={**body, "name": "again"})
    assert again.status_code == 400 and again.json()["errorCode"] == "E0000001"
    assert okta.post("/api/v1/trustedOrigins", json={**body, "origin": "not a url"}).status_code == 400


def test_push_provider_secrets_are_write_only_and_kept_on_replace(okta: TestClient) -> None:
    made = okta.post("/api/v1/push-providers", json=APNS).json()
    assert "tokenSigningKey" not in made["configuration"]
    config = {k: v for k, v in APNS["configuration"].items() if k != "tokenSigningKey"}
    replaced = okta.put(f"/api/v1/push-providers/{made['id']}", json={**APNS, "name": "ios2", "configuration": config})
    assert replaced.status_code == 200 and replaced.json()["name"] == "ios2"
    blank = okta.post("/api/v1/push-providers", json={"name": "x"}).json()
    assert [c["errorSummary"] for c in blank["errorCauses"]] == [
        "providerType: The field cannot be left blank",
        "configuration: The field cannot be left blank",
    ]
