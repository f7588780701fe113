"""Agent pools as a new org has them: none, filtered by type; an unknown pool's settings are Okta's 404."""

from __future__ import annotations

from starlette.testclient import TestClient


def test_a_new_org_has_no_agent_pools_of_any_type(okta: TestClient) -> None:
    assert okta.get("/api/v1/agentPools").json() == []
    assert okta.get("/api/v1/agentPools?poolType=AD&limitPerPoolType=5").json() == []


def test_an_unknown_pool_has_no_updates_but_its_settings_are_not_found(okta: TestClient) -> None:
    assert okta.get("/api/v1/agentPools/nopool/updates").json() == []
    missing = okta.get("/api/v1/agentPools/nopool/updates/settings")
    assert missing.status_code == 404
    assert missing.json()["errorSummary"] == "Not found: Resource not found: nopool (AppInstance)"


def test_an_update_without_its_fields_is_refused_before_the_pool_is_looked_up(okta: TestClient) -> None:
    refused = okta.post("/api/v1/agentPools/nopool/updates", json={"enabled": True})
    assert refused.status_code == 400
    body = refused.json()
    assert body["errorSummary"] == "Api validation failed: name"
    assert [c["errorSummary"] for c in body["errorCauses"]] == [
        "errors in the field: name",
        "errors in the field: agentType",
        "errors in the field: agentList",
    ]
