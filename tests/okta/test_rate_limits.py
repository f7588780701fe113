"""API tokens, their principal rate limits and the org's rate limit settings."""

from __future__ import annotations

from starlette.testclient import TestClient


def test_the_seeded_token_is_listed_and_is_the_current_one(okta: TestClient) -> None:
    tokens = okta.get("/api/v1/api-tokens").json()
    assert len(tokens) == 1 and tokens[0]["id"].startswith("00T") and tokens[0]["clientName"] == "Okta API"
    assert tokens[0]["_links"]["self"]["hints"]["allow"] == ["GET", "DELETE"]
    assert okta.get("/api/v1/api-tokens/00Tnothere").json()["errorSummary"].endswith("(Token)")


def test_every_token_has_one_principal_rate_limit_whose_percentages_are_read_only(okta: TestClient) -> None:
    token_id = okta.get("/api/v1/api-tokens").json()[0]["id"]
    entities = okta.get('/api/v1/principal-rate-limits?filter=principalType eq "SSWS_TOKEN"').json()
    entity = next(e for e in entities if e["principalId"] == token_id)
    assert entity["defaultPercentage"] == 50 and entity["orgId"]
    again = okta.post("/api/v1/principal-rate-limits", json={"principalId": token_id, "principalType": "SSWS_TOKEN"})
    assert again.json()["errorSummary"] == "Api validation failed: principalRateLimitMediated"
    replaced = okta.put(
        f"/api/v1/principal-rate-limits/{entity['id']}",
        json={"principalId": token_id, "principalType": "SSWS_TOKEN", "defaultPercentage": 90},
    ).json()
    assert replaced["defaultPercentage"] == 50
    assert okta.get("/api/v1/principal-rate-limits").status_code == 400


def test_rate_limit_settings_keep_what_is_set_within_okta_bounds(okta: TestClient) -> None:
    assert okta.get("/api/v1/rate-limit-settings/warning-threshold").json() == {"warningThreshold": 60}
    assert okta.put("/api/v1/rate-limit-settings/warning-threshold", json={"warningThreshold": 95}).status_code == 400
    okta.put("/api/v1/rate-limit-settings/warning-threshold", json={"warningThreshold": 30})
    assert okta.get("/api/v1/rate-limit-settings/warning-threshold").json() == {"warningThreshold": 30}
    okta.put("/api/v1/rate-limit-settings/per-client", json={"defaultMode": "PREVIEW"})
    assert okta.get("/api/v1/rate-limit-settings/per-client").json() == {"defaultMode": "PREVIEW"}


def test_revoking_a_token_removes_it_and_its_rate_limit(okta: TestClient) -> None:
    token_id = okta.get("/api/v1/api-tokens").json()[0]["id"]
    assert okta.delete(f"/api/v1/api-tokens/{token_id}").status_code == 204
    assert okta.get("/api/v1/api-tokens").json() == []
    entities = okta.get('/api/v1/principal-rate-limits?filter=principalType eq "SSWS_TOKEN"').json()
    assert all(e["principalId"] != token_id for e in entities)
