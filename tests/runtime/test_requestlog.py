"""``GET /_twin/requests``: recent vendor calls with operation, status, latency and fault; bounded memory."""

from __future__ import annotations

from collections.abc import Callable

from starlette.testclient import TestClient

from twingen.runtime.control.requestlog import RequestLog

BOT = {"Authorization": "Bearer xoxb-test-bot"}


def test_log_entries_and_filters(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")
    c.post("/api/auth.test", headers=BOT)
    c.get("/api/conversations.info", headers=BOT, params={"channel": "C0GENERAL"})
    c.post("/api/nope.method", headers=BOT)
    c.get("/_twin/health")  # control calls are not vendor traffic: not logged
    log = c.get("/_twin/requests").json()
    entries = log["requests"]
    assert [(e["operation"], e["method"], e["path"], e["status"]) for e in entries] == [
        ("auth.test", "POST", "/api/auth.test", 200),
        ("conversations.info", "GET", "/api/conversations.info", 200),
        ("", "POST", "/api/nope.method", 404),
    ]
    assert [e["seq"] for e in entries] == [1, 2, 3] and all(e["latency_ms"] >= 0 for e in entries)
    assert [e["tenant"] for e in entries] == ["default", "default", ""]  # unrouted: no credential was read
    assert all(e["fault"] == "" and e["time"] > 1.6e9 for e in entries)
    assert [e["seq"] for e in c.get("/_twin/requests?limit=1").json()["requests"]] == [3]
    assert c.get("/_twin/requests?limit=0").json()["requests"] == []
    only = c.get("/_twin/requests?operation=auth.test").json()["requests"]
    assert [e["operation"] for e in only] == ["auth.test"]
    assert c.get("/_twin/requests?limit=-1").status_code == 400
    assert c.delete("/_twin/requests").json() == {"status": "ok"}
    assert c.get("/_twin/requests").json()["requests"] == []


def test_ring_buffer_is_bounded() -> None:
    log = RequestLog(size=3)
    for n in range(10):
        log.record(float(n), "op", "GET", f"/{n}", 200, 0.1)
    assert len(log) == 3 and log.size == 3
    assert [e["path"] for e in log.recent()] == ["/7", "/8", "/9"]
    assert log.recent()[-1]["seq"] == 10
