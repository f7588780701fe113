"""Vendor rate-limit models: off by default, on through the control plane, each vendor's answer; and
slack_sdk's own retry handler recovering against a Slack twin over real HTTP."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from twingen.runtime import Registry, create_app

from . import behaviours, slack_seed, specs
from .conftest import LiveServer, bearer, credential

BOT = {"Authorization": "Bearer xoxb-test-bot"}


def test_off_by_default(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("okta")
    assert c.get("/_twin/ratelimits").json()["enabled"] is False
    r = c.get("/api/v1/users", headers={"Authorization": f"SSWS {credential(c, 'apikey')['token']}"})
    assert r.status_code == 200 and "x-rate-limit-limit" not in r.headers


def test_slack_tiers_scale_and_per_channel_posting(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")
    # Tier 2 (conversations.list) is 20/min: a scale of 0.1 leaves 2 calls
    assert c.post("/_twin/ratelimits", json={"enabled": True, "scale": 0.1}).json()["scale"] == 0.1
    answers = [c.get("/api/conversations.list", headers=BOT) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].json() == {"ok": False, "error": "ratelimited"}
    assert 1 <= int(answers[2].headers["retry-after"]) <= 60
    # another token has its own allowance
    assert c.get("/api/conversations.list", headers={"Authorization": "Bearer xoxp-test-user"}).status_code == 200
    # chat.postMessage: one per second per channel
    post = [c.post("/api/chat.postMessage", headers=BOT, data={"channel": ch, "text": "x"}) for ch in "AAB"]
    assert [p.status_code for p in post] == [200, 429, 200]
    assert c.get("/_twin/requests?limit=3").json()["requests"][1]["fault"] == "ratelimit"


def test_google_per_user_and_project(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("google")
    c.post("/_twin/ratelimits", json={"methods": {"drive.files.list": {"limit": 1, "window": 60}}})
    assert c.get("/drive/v3/files", headers=bearer(c)).status_code == 200
    r = c.get("/drive/v3/files", headers=bearer(c))
    assert r.status_code == 403 and r.json()["error"]["errors"][0] == {
        "message": "User rate limit exceeded.",
        "domain": "usageLimits",
        "reason": "userRateLimitExceeded",
    }
    c.post("/_twin/ratelimits", json={"methods": {"*": {"limit": 2, "window": 60}, "drive.files.list": {"limit": 9}}})
    codes = [c.get("/drive/v3/files", headers=h).status_code for h in (bearer(c), {"Authorization": "Bearer b"})]
    assert codes[0] == 200
    r = c.get("/drive/v3/files", headers={"Authorization": "Bearer other"})
    assert r.status_code == 429 and r.json()["error"]["errors"][0]["reason"] == "rateLimitExceeded"


def test_okta_headers_on_every_answer_and_e0000047(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("okta")
    auth = {"Authorization": f"SSWS {credential(c, 'apikey')['token']}"}
    c.post("/_twin/ratelimits", json={"enabled": True, "methods": {"*": {"limit": 2, "window": 60}}})
    first, second, third = (c.get("/api/v1/users", headers=auth) for _ in range(3))
    assert [first.headers["x-rate-limit-remaining"], second.headers["x-rate-limit-remaining"]] == ["1", "0"]
    assert first.headers["x-rate-limit-limit"] == "2"
    assert int(first.headers["x-rate-limit-reset"]) > time.time()
    assert third.status_code == 429 and third.json()["errorCode"] == "E0000047"
    assert third.headers["x-rate-limit-remaining"] == "0"
    missing = c.get("/api/v1/users/nobody", headers=auth)  # its own endpoint family: /api/v1/users
    assert missing.status_code == 429


def test_jira_retry_after(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("jira")
    cred = credential(c, "basic")
    c.post("/_twin/ratelimits", json={"methods": {"*": {"limit": 1, "window": 5}}})
    auth = (cred["username"], cred["password"])
    assert c.get("/rest/api/3/project/search", auth=auth).status_code == 200
    r = c.get("/rest/api/3/project/search", auth=auth)
    assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 5 and r.json()["errorMessages"]


@pytest.mark.parametrize(
    "body",
    [{"scale": 0}, {"enabled": "yes"}, {"methods": {"x": {"limit": 0}}}, {"methods": {"x": 3}}, {"speed": 1}, [1]],
)
def test_bad_configuration_is_400(client_for: Callable[[str], TestClient], body: object) -> None:
    c = client_for("slack")
    r = c.post("/_twin/ratelimits", json=body)
    assert r.status_code == 400 and r.json()["message"]
    assert c.get("/_twin/ratelimits").json()["enabled"] is False


@pytest.mark.network_loopback
def test_slack_sdk_retry_handler_recovers() -> None:
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError
    from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

    app = create_app(specs.slack(), Registry.from_modules([behaviours, slack_seed]), rate_limits=True)
    app.twin.limits.configure({"methods": {"auth.test": {"limit": 1, "window": 1}}})
    with LiveServer(app) as server:
        plain = WebClient(token="xoxb-test-bot", base_url=f"{server.base_url}/api/", timeout=5)
        assert plain.auth_test()["user_id"] == "U0BOT"
        with pytest.raises(SlackApiError) as raised:
            plain.auth_test()
        assert raised.value.response.status_code == 429 and raised.value.response["error"] == "ratelimited"

        client = WebClient(token="xoxb-test-bot", base_url=f"{server.base_url}/api/", timeout=5)
        client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=2))
        started = time.monotonic()
        assert client.auth_test()["user_id"] == "U0BOT"  # waited Retry-After, then succeeded
        assert time.monotonic() - started < 5
    statuses = [e["status"] for e in app.twin.requests.recent()]
    assert statuses.count(429) >= 2 and statuses[-1] == 200
