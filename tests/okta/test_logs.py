"""The System Log as an auditor reads it: every change recorded, narrowed by filter, keyword and time, walked with
Link paging, and a polling request that always hands back a next link."""

from __future__ import annotations

import re

from starlette.testclient import TestClient


def _next(response: object) -> str | None:
    found = re.search(r'<([^>]+)>; rel="next"', response.headers.get("link", ""))  # type: ignore[attr-defined]
    return found.group(1) if found else None


def test_changes_are_recorded_and_filtered(okta: TestClient) -> None:
    group = okta.post("/api/v1/groups", json={"profile": {"name": "auditors"}}).json()
    okta.post("/api/v1/policies", json={"name": "p", "type": "PASSWORD"})
    events = okta.get("/api/v1/logs").json()
    assert [e["eventType"] for e in events][-2:] == ["group.lifecycle.create", "policy.lifecycle.create"]
    assert events[-1]["actor"]["id"] == "00uadmin" and events[-1]["outcome"]["result"] == "SUCCESS"
    by_target = okta.get("/api/v1/logs", params={"filter": f'target.id eq "{group["id"]}"'}).json()
    assert [e["eventType"] for e in by_target] == ["group.lifecycle.create"]
    both = 'eventType eq "policy.lifecycle.create" or eventType eq "group.lifecycle.create"'
    assert len(okta.get("/api/v1/logs", params={"filter": both}).json()) == 2
    assert [e["eventType"] for e in okta.get("/api/v1/logs", params={"q": "auditors"}).json()] == [
        "group.lifecycle.create"
    ]
    newest = okta.get("/api/v1/logs", params={"sortOrder": "DESCENDING", "limit": 1}).json()
    assert newest[0]["eventType"] == "policy.lifecycle.create"


def test_bad_requests_are_okta_400s(okta: TestClient) -> None:
    assert okta.get("/api/v1/logs", params={"filter": "eventType eq"}).json()["errorCode"] == "E0000031"
    assert okta.get("/api/v1/logs", params={"since": "last tuesday"}).json()["errorCode"] == "E0000030"
    assert okta.get("/api/v1/logs", params={"limit": "5000"}).status_code == 400
    future = okta.get("/api/v1/logs", params={"since": "2999-01-01T00:00:00Z", "until": "2999-01-02T00:00:00Z"})
    assert future.status_code == 200 and future.json() == [] and _next(future) is None


def test_polling_walks_every_event_once_then_waits_for_more(okta: TestClient) -> None:
    for n in range(3):
        okta.post("/api/v1/groups", json={"profile": {"name": f"g{n}"}})
    seen, url = [], "/api/v1/logs?limit=2"
    for _ in range(3):
        page = okta.get(url)
        seen += [e["uuid"] for e in page.json()]
        url = _next(page) or ""
        assert url  # polling: always a next link
    assert len(seen) == len(set(seen)) == 3
    okta.post("/api/v1/groups", json={"profile": {"name": "late"}})
    assert [e["eventType"] for e in okta.get(url).json()] == ["group.lifecycle.create"]
