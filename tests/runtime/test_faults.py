"""Fault rules: the vendor's own errors, latency, seeded repeatability, the control plane's answers; and over
real HTTP, a held connection, a dropped one and a truncated body."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from twingen.runtime import TwinApp
from twingen.runtime.server import server

from .conftest import bearer, free_port, make_app

BOT = {"Authorization": "Bearer xoxb-test-bot"}


def test_error_fault_for_next_n_calls_in_vendor_envelopes(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")
    rules = c.post("/_twin/faults", json={"operation": "auth.test", "count": 2, "action": {"error": "ratelimited"}})
    assert rules.json()["rules"][0]["id"] == "f1"
    for _ in range(2):
        r = c.post("/api/auth.test", headers=BOT)
        assert (r.status_code, r.json(), r.headers["retry-after"]) == (429, {"ok": False, "error": "ratelimited"}, "1")
    assert c.post("/api/auth.test", headers=BOT).json()["ok"] is True
    listed = c.get("/_twin/faults").json()["rules"][0]
    assert (listed["hits"], listed["remaining"]) == (2, 0)
    c.post("/_twin/faults", json={"operation": "*", "count": 1, "action": {"error": "channel_not_found"}})
    assert c.post("/api/auth.test", headers=BOT).json() == {"ok": False, "error": "channel_not_found"}

    google = client_for("google")
    google.post("/_twin/faults", json={"operation": "drive.files.list", "action": {"error": "backendError"}})
    r = google.get("/drive/v3/files", headers=bearer(google))
    assert r.status_code == 503 and r.json()["error"]["errors"][0]["reason"] == "backendError"
    google.post("/_twin/faults", json={"operation": "drive.files.get", "action": {"error": "userRateLimitExceeded"}})
    r = google.get("/drive/v3/files/x", headers=bearer(google))
    assert r.status_code == 403 and r.json()["error"]["errors"][0]["reason"] == "userRateLimitExceeded"

    okta = client_for("okta")
    okta.post("/_twin/faults", json={"action": {"error": "E0000047"}})
    r = okta.get("/api/v1/users")
    assert r.status_code == 429 and r.json()["errorSummary"] == "API call exceeded rate limit due to too many requests."


def test_faults_come_before_auth_and_dispatch_and_are_logged(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")
    c.post("/_twin/faults", json={"operation": "conversations.create", "action": {"error": "fatal_error"}})
    r = c.post("/api/conversations.create", data={"name": "never"})  # no token: the fault still answers
    assert r.json() == {"ok": False, "error": "fatal_error"}
    entry = c.get("/_twin/requests?limit=1").json()["requests"][0]
    assert (entry["operation"], entry["fault"], entry["status"]) == (
        "conversations.create",
        "f1:error:fatal_error",
        200,
    )


def test_probability_is_repeatable_with_a_seed(client_for: Callable[[str], TestClient]) -> None:
    def run() -> list[bool]:
        c = client_for("slack")
        rule = {"operation": "auth.test", "probability": 0.5, "action": {"error": "ratelimited"}}
        c.post("/_twin/faults", json={"seed": 7, "rules": [rule]})
        return [c.post("/api/auth.test", headers=BOT).status_code == 429 for _ in range(40)]

    first, second = run(), run()
    assert first == second and 5 < sum(first) < 35


def test_latency_fixed_and_distributions(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")
    c.post("/_twin/faults", json={"operation": "auth.test", "count": 1, "action": {"latency_ms": 150}})
    started = time.monotonic()
    assert c.post("/api/auth.test", headers=BOT).json()["ok"] is True
    assert time.monotonic() - started >= 0.15
    for spec in (
        {"distribution": "uniform", "min_ms": 1, "max_ms": 5},
        {"distribution": "normal", "mean_ms": 3, "stddev_ms": 1},
        {"distribution": "exponential", "mean_ms": 2},
    ):
        c.post("/_twin/faults", json={"count": 1, "action": {"latency_ms": spec}})
        assert c.post("/api/auth.test", headers=BOT).json()["ok"] is True
    latencies = [e["latency_ms"] for e in c.get("/_twin/requests").json()["requests"]]
    assert latencies[0] >= 150


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{nope", "not valid JSON"),
        (b'{"action": {"error": "x"}, "probability": 2}', "probability"),
        (b'{"action": {"drop": true, "error": "x"}}', "one of"),
        (b'{"action": {"latency_ms": {"distribution": "pareto"}}}', "distribution"),
        (b'{"action": {}}', "action needs"),
        (b'{"count": 0, "action": {"drop": true}}', "count"),
        (b'{"action": {"drop": true}, "when": 1}', "unknown field"),
        (b"[1]", "rule 0"),
        (b'"x"', "expected a rule"),
    ],
)
def test_bad_rules_are_400(client_for: Callable[[str], TestClient], body: bytes, message: str) -> None:
    c = client_for("slack")
    r = c.post("/_twin/faults", content=body)
    assert r.status_code == 400 and r.json()["error"] == "bad_request" and message in r.json()["message"]
    assert c.get("/_twin/faults").json()["rules"] == []


def test_delete_one_and_all_and_reset_clears(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")
    c.post("/_twin/faults", json=[{"action": {"drop": True}}, {"action": {"truncate": True}}])
    assert c.delete("/_twin/faults/f1").json()["removed"] == 1
    assert c.delete("/_twin/faults/f1").status_code == 404
    assert [r["id"] for r in c.get("/_twin/faults").json()["rules"]] == ["f2"]
    assert c.delete("/_twin/faults").json()["removed"] == 1
    c.post("/_twin/faults", json={"action": {"error": "x"}})
    c.post("/_twin/reset")
    assert c.get("/_twin/faults").json()["rules"] == []


class Served:
    """The app on the twin's own uvicorn server (with the ``twin.close`` hook) in a thread."""

    def __init__(self, app: TwinApp, **options: Any) -> None:
        self.port = free_port()
        self.server = server(app, "127.0.0.1", self.port, **options)
        self.thread = threading.Thread(target=lambda: asyncio.run(self.server.serve()), daemon=True)

    def __enter__(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def slack_http() -> Iterator[httpx.Client]:
    with Served(make_app("slack")) as served, httpx.Client(base_url=f"http://127.0.0.1:{served.port}") as client:
        yield client


@pytest.mark.network_loopback
def test_drop_and_truncate_over_http(slack_http: httpx.Client) -> None:
    c = slack_http
    c.post("/_twin/faults", json={"operation": "auth.test", "count": 1, "action": {"drop": True}})
    with pytest.raises(httpx.RemoteProtocolError, match="without sending"):
        c.post("/api/auth.test", headers=BOT)
    c.post("/_twin/faults", json={"operation": "conversations.create", "count": 1, "action": {"truncate": True}})
    with pytest.raises(httpx.RemoteProtocolError, match=r"incomplete|complete message body"):
        c.post("/api/conversations.create", headers=BOT, data={"name": "cut"})
    assert c.post("/api/auth.test", headers=BOT).json()["ok"] is True  # the next connection is fine
    log = c.get("/_twin/requests?limit=3").json()["requests"]
    assert [(e["fault"], e["status"]) for e in log] == [("f1:drop", 0), ("f2:truncate", 200), ("", 200)]
    # truncated answers were processed (the write happened); dropped ones never reached the service
    listed = c.get("/api/conversations.list", headers=BOT).json()["channels"]
    assert "cut" in [ch["name"] for ch in listed]


@pytest.mark.network_loopback
def test_timeout_holds_until_the_client_gives_up_and_is_bounded(slack_http: httpx.Client) -> None:
    c = slack_http
    c.post("/_twin/faults", json={"operation": "auth.test", "count": 2, "action": {"timeout": True, "max_ms": 800}})
    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        c.post("/api/auth.test", headers=BOT, timeout=0.3)
    assert 0.3 <= time.monotonic() - started < 0.8
    started = time.monotonic()
    with pytest.raises(httpx.RemoteProtocolError):  # the hold ends before a patient client's timeout
        c.post("/api/auth.test", headers=BOT, timeout=5)
    assert 0.8 <= time.monotonic() - started < 3
    assert c.post("/api/auth.test", headers=BOT).json()["ok"] is True
