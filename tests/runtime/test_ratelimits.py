"""Vendor rate-limit models: off by default, on through the control plane, each vendor's answer; and
slack_sdk's own retry handler recovering against a Slack twin over real HTTP."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable

import pytest
from starlette.testclient import TestClient
from twingen.runtime.vendors.okta_ratelimits import OKTA_BUCKETS, okta_bucket

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
    # chat.postMessage: about one per second per channel, with bursts (30 at once, then 30 per 30 s)
    c.post("/_twin/ratelimits", json={"enabled": True, "scale": 1.0})
    post = [c.post("/api/chat.postMessage", headers=BOT, data={"channel": "A", "text": "x"}) for _ in range(31)]
    assert [p.status_code for p in post] == [200] * 30 + [429]
    assert c.post("/api/chat.postMessage", headers=BOT, data={"channel": "B", "text": "x"}).status_code == 200
    logged = c.get("/_twin/requests?limit=2").json()["requests"]  # the last two, oldest first
    assert [(r["fault"], r["status"]) for r in logged] == [("ratelimit", 429), ("", 200)]


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


@pytest.mark.parametrize(
    ("method", "path", "bucket"),
    [
        ("GET", "/api/v1/users", "/api/v1/users"),
        ("POST", "/api/v1/users?activate=true", "/api/v1/users"),
        ("GET", "/api/v1/users/00u1", "GET /api/v1/users/{id}"),
        ("GET", "/api/v1/users/me", "GET /api/v1/users/{id}"),
        ("PUT", "/api/v1/users/00u1", "/api/v1/users/{id}"),
        ("DELETE", "/api/v1/users/00u1", "/api/v1/users/{id}"),
        ("POST", "/api/v1/users/00u1/lifecycle/activate", "/api/v1*"),
        ("GET", "/api/v1/apps", "/api/v1/apps*"),
        ("GET", "/api/v1/apps/0oa1", "/api/v1/apps/{id}"),
        ("GET", "/api/v1/apps/0oa1/users", "/api/v1/apps*"),
        ("POST", "/api/v1/groups", "/api/v1/groups*"),
        ("GET", "/api/v1/groups/00g1", "/api/v1/groups/{id}"),
        ("PUT", "/api/v1/groups/00g1/users/00u1", "/api/v1/groups*"),
        ("GET", "/api/v1/logs", "/api/v1/logs"),
        ("POST", "/api/v1/authn", "/api/v1/authn"),
        ("POST", "/api/v1/authn/factors/mbl1/verify", "/api/v1/authn/factors/{id}/verify"),
        ("GET", "/api/v1/meta/schemas/user/default", "/api/v1*"),
        ("POST", "/oauth2/v1/token", "/oauth2/v1/token"),
        ("GET", "/oauth2/v1/clients/abc", "/oauth2/v1/clients"),
        ("GET", "/oauth2/v1/userinfo", "/oauth2/v1*"),
        ("POST", "/oauth2/aus1/v1/token", "/oauth2/{authServerId}/v1/token"),
        ("GET", "/oauth2/aus1/v1/userinfo", "/oauth2/{authServerId}/v1*"),
        ("GET", "/oauth2/v1/keys", None),
        ("GET", "/oauth2/aus1/.well-known/openid-configuration", None),
        ("GET", "/.well-known/okta-organization", None),
        ("GET", "/app/office365/key/sso/wsfed/active", "*"),
    ],
)
def test_okta_buckets_follow_the_published_table(method: str, path: str, bucket: str | None) -> None:
    assert okta_bucket(method, path) == bucket


def test_okta_bucket_numbers() -> None:
    # the Workforce identity column of Okta's management and end-user rate-limit pages
    assert OKTA_BUCKETS["/api/v1/users"] == 600 and OKTA_BUCKETS["GET /api/v1/users/{id}"] == 2_000
    assert OKTA_BUCKETS["/api/v1/apps*"] == 100 and OKTA_BUCKETS["/api/v1/apps/{id}"] == 500
    assert OKTA_BUCKETS["/api/v1/groups*"] == 500 and OKTA_BUCKETS["/api/v1/groups/{id}"] == 1_000
    assert OKTA_BUCKETS["/api/v1/logs"] == 120 and OKTA_BUCKETS["/api/v1*"] == 1_200


def test_okta_buckets_per_family_token_share_and_headers(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("okta")
    auth = {"Authorization": f"SSWS {credential(c, 'apikey')['token']}"}
    c.post("/_twin/ratelimits", json={"enabled": True, "scale": 0.01})
    # /api/v1/users is 600 a minute for the org: 6 at this scale, and one token gets half of it
    listed = [c.get("/api/v1/users", headers=auth) for _ in range(4)]
    assert [r.status_code for r in listed] == [200, 200, 200, 429]
    assert [r.headers["x-rate-limit-remaining"] for r in listed] == ["2", "1", "0", "0"]
    assert {r.headers["x-rate-limit-limit"] for r in listed} == {"3"}
    assert all(time.time() < int(r.headers["x-rate-limit-reset"]) <= time.time() + 61 for r in listed)
    # GET of one user is its own bucket (2,000 a minute: 20 here, 10 for a token), even when it is a 404
    missing = c.get("/api/v1/users/nobody", headers=auth)
    assert missing.status_code == 404 and missing.headers["x-rate-limit-limit"] == "10"
    assert missing.headers["x-rate-limit-remaining"] == "9"
    # another token still finds the org's other half; a third finds the bucket empty, and even a 401 says so
    other = c.get("/api/v1/users", headers={"Authorization": "SSWS second"})
    assert other.status_code == 401 and other.headers["x-rate-limit-remaining"] == "2"
    assert [c.get("/api/v1/users", headers={"Authorization": "SSWS second"}).status_code for _ in range(2)] == [
        401,
        401,
    ]
    third = c.get("/api/v1/users", headers={"Authorization": "SSWS third"})
    assert third.status_code == 429 and third.headers["x-rate-limit-limit"] == "6"
    assert c.get("/_twin/requests?limit=1").json()["requests"][0]["fault"] == "ratelimit"


def test_okta_e0000047_body_and_headers(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("okta")
    auth = {"Authorization": f"SSWS {credential(c, 'apikey')['token']}"}
    c.post("/_twin/ratelimits", json={"enabled": True, "methods": {"*": {"limit": 2, "window": 60}}})
    first, second, third = (c.get("/api/v1/users", headers=auth) for _ in range(3))
    assert [first.headers["x-rate-limit-remaining"], second.headers["x-rate-limit-remaining"]] == ["1", "0"]
    assert first.headers["x-rate-limit-limit"] == "2"  # an override is the client's own number, not halved
    assert third.status_code == 429 and third.headers["x-rate-limit-remaining"] == "0"
    assert third.headers["x-rate-limit-limit"] == "2" and int(third.headers["x-rate-limit-reset"]) > time.time()
    body = third.json()
    assert body.pop("errorId").startswith("oae")
    assert body == {
        "errorCode": "E0000047",
        "errorSummary": "API call exceeded rate limit due to too many requests.",
        "errorLink": "E0000047",
        "errorCauses": [],
    }


def test_jira_burst_per_endpoint_and_method(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("jira")
    cred = credential(c, "basic")
    auth = (cred["username"], cred["password"])
    c.post("/_twin/ratelimits", json={"methods": {"*": {"limit": 1, "window": 5}}})
    assert c.get("/rest/api/3/project/search", auth=auth).status_code == 200
    r = c.get("/rest/api/3/project/search", auth=auth)
    assert r.status_code == 429
    assert r.json() == {"errorMessages": ["The request has been rate-limited. Please try again later."], "errors": {}}
    retry_after = int(r.headers["retry-after"])
    assert 1 <= retry_after <= 5 and r.headers["ratelimit-reason"] == "jira-burst-based"
    assert r.headers["x-ratelimit-limit"] == "1" and r.headers["x-ratelimit-remaining"] == "0"
    reset = r.headers["x-ratelimit-reset"]  # ISO 8601 to the minute: the request time plus Retry-After
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\dZ", reset)
    moments = {time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime(time.time() + retry_after + d)) for d in (-2, 0, 2)}
    assert reset in moments
    # another endpoint, or another method on the same path, has its own bucket
    assert c.get("/rest/api/3/search/jql", params={"jql": "x"}, auth=auth).status_code == 200
    assert c.post("/rest/api/3/project", json={"key": "K", "name": "n"}, auth=auth).status_code == 201


def test_jira_near_limit_then_429(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("jira")
    cred = credential(c, "basic")
    c.post("/_twin/ratelimits", json={"methods": {"searchJql": {"limit": 5, "window": 60}}})
    answers = [
        c.get("/rest/api/3/search/jql", params={"jql": "x"}, auth=(cred["username"], cred["password"]))
        for _ in range(6)
    ]
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    # "less than 20% of any budget remains": 0 of 5 after the fifth call
    assert [a.headers.get("x-ratelimit-nearlimit") for a in answers[:5]] == [None] * 4 + ["true"]


def test_jira_points_quota_for_oauth_apps_only(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("jira")
    cred = credential(c, "basic")
    # 65,000 points an hour at a scale of 1/10,000 is 6; burst limits set out of the way
    c.post("/_twin/ratelimits", json={"scale": 0.0001, "methods": {"*": {"limit": 100, "window": 1}}})
    app = {"Authorization": "Bearer app-token"}
    codes = [c.get("/rest/api/3/project/search", headers=app).status_code for _ in range(7)]
    assert codes[-1] == 429 and 429 not in codes[:6]
    r = c.get("/rest/api/3/project/search", headers=app)
    assert r.headers["ratelimit-reason"] == "jira-quota-global-based" and int(r.headers["retry-after"]) > 3000
    basic = [c.get("/rest/api/3/project/search", auth=(cred["username"], cred["password"])) for _ in range(7)]
    assert {b.status_code for b in basic} == {200}  # API-token traffic meets only the burst limits


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


@pytest.mark.network_loopback
def test_okta_sdk_waits_for_x_rate_limit_reset(monkeypatch: pytest.MonkeyPatch) -> None:
    """okta-sdk-python's request executor retries a 429 after ``X-Rate-Limit-Reset - Date + 1`` seconds."""
    from okta.client import Client

    monkeypatch.setenv("OKTA_TESTING_TESTINGDISABLEHTTPSCHECK", "true")  # the SDK refuses http:// otherwise
    app = create_app(specs.okta(), Registry.from_modules([behaviours]), rate_limits=True)
    app.twin.limits.configure({"methods": {"listUsers": {"limit": 1, "window": 1}}})
    token = next(c.token for c in app.twin.tenants.default.credentials if c.scheme == "apikey")

    async def list_twice(base_url: str) -> list[int]:
        client = Client({"orgUrl": base_url, "token": token, "rateLimit": {"maxRetries": 2}})
        statuses = []
        for _ in range(2):
            # the SDK's own method, which sends ``SSWS<token>`` (no space) and retries inside
            _users, response, error = await client.list_users()
            assert error is None, error
            statuses.append(response.status_code)
        return statuses

    with LiveServer(app) as server:
        started = time.monotonic()
        assert asyncio.run(list_twice(server.base_url)) == [200, 200]  # the second after a 429 and a wait
        assert 1 <= time.monotonic() - started < 6
    assert [e["status"] for e in app.twin.requests.recent()] == [200, 429, 200]


@pytest.mark.parametrize("vendor", ["okta", "google"])
def test_a_tenant_that_spends_its_org_buckets_leaves_other_tenants_untouched(
    vendor: str, client_for: Callable[[str], TestClient]
) -> None:
    # parallel test workers each take a tenant: one worker's burst must not throttle another's
    c = client_for(vendor)
    c.post("/_twin/ratelimits", json={"enabled": True, "methods": {"*": {"limit": 2, "window": 60}}})
    path = "/api/v1/users" if vendor == "okta" else "/drive/v3/files"
    kind = "apikey" if vendor == "okta" else "bearer"

    def auth(token: str) -> dict[str, str]:
        return {"Authorization": f"SSWS {token}" if vendor == "okta" else f"Bearer {token}"}

    mine = credential(c, kind)["token"]
    created = c.post("/_twin/tenants", json={"name": "other"}).json()
    theirs = next(x["token"] for x in created["credentials"] if x["scheme"] == kind)
    statuses = [c.get(path, headers=auth(mine)).status_code for _ in range(3)]
    assert statuses[:2] == [200, 200] and statuses[2] in (403, 429)  # the org's (project's) 2 calls are spent...
    assert c.get(path, headers=auth(theirs)).status_code == 200  # ...in this tenant only
