"""Event and inline hooks: write-only secrets, Okta's lifecycle links, delete only when inactive."""

from __future__ import annotations

from starlette.testclient import TestClient

CHANNEL = {
    "type": "HTTP",
    "version": "1.0.0",
    "config": {
        "uri": "https://hooks.example.com/okta",
        "authScheme": {"type": "HEADER", "key": "Authorization", "value": "s3"},
    },
}
EVENT = {"name": "audit", "events": {"type": "EVENT_TYPE", "items": ["user.lifecycle.create"]}, "channel": CHANNEL}


def test_an_event_hook_starts_unverified_and_hides_its_secret(okta: TestClient) -> None:
    hook = okta.post("/api/v1/eventHooks", json=EVENT).json()
    assert hook["id"].startswith("who") and hook["status"] == "ACTIVE"
    assert hook["verificationStatus"] == "UNVERIFIED" and hook["createdBy"]
    assert "value" not in hook["channel"]["config"]["authScheme"]
    assert set(hook["_links"]) == {"self", "verify", "deactivate"}


def test_an_active_hook_cannot_be_deleted_an_inactive_one_can(okta: TestClient) -> None:
    hook_id = okta.post("/api/v1/eventHooks", json=EVENT).json()["id"]
    refused = okta.delete(f"/api/v1/eventHooks/{hook_id}")
    assert refused.status_code == 403 and refused.json()["errorCode"] == "E0000006"
    inactive = okta.post(f"/api/v1/eventHooks/{hook_id}/lifecycle/deactivate").json()
    assert set(inactive["_links"]) == {"activate", "self", "delete"}
    assert okta.delete(f"/api/v1/eventHooks/{hook_id}").status_code == 204
    assert okta.get(f"/api/v1/eventHooks/{hook_id}").json()["errorSummary"].endswith("(Webhook)")


def test_an_inline_hook_keeps_its_type_through_a_replace_without_one(okta: TestClient) -> None:
    made = okta.post(
        "/api/v1/inlineHooks",
        json={"name": "tokens", "type": "com.okta.oauth2.tokens.transform", "version": "1.0.0", "channel": CHANNEL},
    ).json()
    replaced = okta.put(
        f"/api/v1/inlineHooks/{made['id']}", json={"name": "renamed", "version": "1.0.0", "channel": CHANNEL}
    ).json()
    assert replaced["type"] == "com.okta.oauth2.tokens.transform" and replaced["name"] == "renamed"
    bad = okta.post("/api/v1/inlineHooks", json={"name": "x", "type": "com.example.nope", "channel": CHANNEL})
    assert bad.status_code == 400


def test_hook_changes_are_in_the_system_log_with_okta_event_types(okta: TestClient) -> None:
    hook_id = okta.post("/api/v1/eventHooks", json=EVENT).json()["id"]
    okta.post(f"/api/v1/eventHooks/{hook_id}/lifecycle/deactivate")
    types = [e["eventType"] for e in okta.get("/api/v1/logs").json() if e["target"][0]["id"] == hook_id]
    assert {"event_hook.created", "event_hook.deactivated"} <= set(types)
