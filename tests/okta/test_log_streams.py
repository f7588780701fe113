"""Log streams: settings checked per type, created ACTIVE, empty 200 lifecycle answers, the Splunk token hidden."""

from __future__ import annotations

from starlette.testclient import TestClient

AWS = {
    "type": "aws_eventbridge",
    "name": "to aws",
    "status": "INACTIVE",
    "settings": {"accountId": "123456789012", "eventSourceName": "okta-events", "region": "us-east-1"},
}


def test_a_stream_is_active_whatever_was_sent_and_offers_deactivate(okta: TestClient) -> None:
    stream = okta.post("/api/v1/logStreams", json=AWS).json()
    assert stream["status"] == "ACTIVE" and set(stream["_links"]) == {"self", "deactivate"}
    assert stream["_links"]["self"]["method"] == "GET"


def test_lifecycle_answers_are_empty_and_change_the_status(okta: TestClient) -> None:
    stream_id = okta.post("/api/v1/logStreams", json=AWS).json()["id"]
    answer = okta.post(f"/api/v1/logStreams/{stream_id}/lifecycle/deactivate")
    assert answer.status_code == 200 and answer.content == b""
    assert okta.get(f"/api/v1/logStreams/{stream_id}").json()["status"] == "INACTIVE"
    assert okta.delete(f"/api/v1/logStreams/{stream_id}").status_code == 204
    assert okta.get(f"/api/v1/logStreams/{stream_id}").json()["errorSummary"].endswith("(AppInstance)")


def test_bad_settings_are_refused_and_the_splunk_token_is_never_returned(okta: TestClient) -> None:
    bad = okta.post("/api/v1/logStreams", json={**AWS, "settings": {**AWS["settings"], "accountId": "12"}})
    assert bad.status_code == 400 and bad.json()["errorCode"] == "E0000001"
    splunk = {
        "type": "splunk_cloud_logstreaming",
        "name": "to splunk",
        "settings": {"edition": "aws", "host": "acme.splunkcloud.com", "token": "11111111-2222-3333-4444-555555555555"},
    }
    made = okta.post("/api/v1/logStreams", json=splunk).json()
    assert "token" not in made["settings"] and made["settings"]["host"] == "acme.splunkcloud.com"
