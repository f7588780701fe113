"""Shapes the replay of okta-sdk-python's recordings showed: a schema property keeps ``required`` only when true,
and an authorization server links its resource server keys (as the newest recording does)."""

from __future__ import annotations

from starlette.testclient import TestClient


def test_a_custom_group_property_sent_with_required_false_comes_back_without_it(okta: TestClient) -> None:
    prop = {"title": "Cost centre", "type": "string", "required": False, "maxLength": 20}
    body = {"definitions": {"custom": {"id": "#custom", "type": "object", "properties": {"costCentre": prop}}}}
    answer = okta.post("/api/v1/meta/schemas/group/default", json=body)
    assert answer.status_code == 200
    shown = answer.json()["definitions"]["custom"]["properties"]["costCentre"]
    assert "required" not in shown and shown["maxLength"] == 20
    prop["required"] = True
    again = okta.post("/api/v1/meta/schemas/group/default", json=body).json()
    assert again["definitions"]["custom"]["properties"]["costCentre"]["required"] is True


def test_an_authorization_server_links_its_resource_server_keys(okta: TestClient) -> None:
    made = okta.post("/api/v1/authorizationServers", json={"name": "s", "audiences": ["api://s"]}).json()
    link = made["_links"]["resourceServerCredentialsKeys"]
    assert link["href"].endswith(f"/api/v1/authorizationServers/{made['id']}/resourceservercredentials/keys")
    assert link["hints"] == {"allow": ["GET"]}
    assert okta.get(link["href"].split("8000", 1)[1]).status_code == 200
