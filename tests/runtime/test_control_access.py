"""Access to the control plane (issue #18 item 3): cross-site "simple" requests and forged ``Host`` names are
refused, a control token guards a twin bound beyond loopback, and loopback callers, the web UI, the in-process
transport and the test harness keep working as they did."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from twingen.runtime import TwinApp, server
from twingen.runtime.control.access import host_name, is_loopback
from twingen.runtime.serving.harness import start_twin
from twingen.runtime.serving.inprocess import InProcessTwin

from .conftest import make_app
from .test_faults import Served

pytestmark = pytest.mark.network_loopback

TOKEN = "s3cret-control-token"
EVIL = "http://evil.example"
SIMPLE = {"origin": EVIL, "content-type": "text/plain"}  # what a page elsewhere can send without a preflight


@pytest.fixture
def served() -> Iterator[tuple[TwinApp, str]]:
    app = make_app("slack")
    with Served(app) as running:
        yield app, f"http://127.0.0.1:{running.port}"


@pytest.fixture
def guarded() -> Iterator[tuple[TwinApp, str]]:
    app = make_app("slack")
    app.control_token = TOKEN
    with Served(app) as running:
        yield app, f"http://127.0.0.1:{running.port}"


def forbidden(answer: httpx.Response) -> str:
    assert answer.status_code == 403, answer.text
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert body["error"] == "forbidden"
    return str(body["message"])


# -- the reproducers ---------------------------------------------------------------------------------------------


def test_cross_site_simple_posts_are_refused_and_change_nothing(served: tuple[TwinApp, str]) -> None:
    app, base = served
    twin = app.twin
    before = twin.clock.now()
    posts = {
        "/_twin/faults": b'{"operation": "*", "action": {"drop": true}}',
        "/_twin/clock": b'{"advance": 86400}',
        "/_twin/tenants": b'{"name": "mine"}',
        "/_twin/reset": b"",
    }
    for path, body in posts.items():
        message = forbidden(httpx.post(base + path, content=body, headers=SIMPLE))
        assert EVIL in message
    assert twin.faults.rules == [] and twin.clock.now() - before < 3600
    assert [t["id"] for t in httpx.get(base + "/_twin/tenants").json()["tenants"]] == ["default"]
    # a form post from a sandboxed page (Origin: null) and a fetch the browser calls cross-site are refused too
    forbidden(httpx.post(base + "/_twin/reset", headers={"origin": "null"}))
    forbidden(httpx.post(base + "/_twin/reset", headers={"sec-fetch-site": "cross-site"}))
    forbidden(
        httpx.get(base + "/_twin/credentials", headers={"sec-fetch-site": "same-site", "sec-fetch-dest": "empty"})
    )


def test_a_forged_host_cannot_read_the_credentials(served: tuple[TwinApp, str]) -> None:
    _, base = served
    port = base.rsplit(":", 1)[1]
    message = forbidden(httpx.get(base + "/_twin/credentials", headers={"host": f"rebind.evil.example:{port}"}))
    assert "rebind.evil.example" in message and "loopback" in message
    forbidden(httpx.get(base + "/_twin/", headers={"host": f"10.0.0.5:{port}"}))


def test_with_a_control_token_the_tenants_and_their_tokens_need_it(guarded: tuple[TwinApp, str]) -> None:
    _, base = guarded
    assert "control token" in forbidden(httpx.get(base + "/_twin/tenants"))
    forbidden(httpx.get(base + "/_twin/tenants", headers={"authorization": "Bearer wrong"}))
    listing = httpx.get(base + "/_twin/tenants", headers={"authorization": f"Bearer {TOKEN}"})
    assert listing.status_code == 200 and listing.json()["tenants"][0]["credentials"]
    # with the token, any name the machine goes by is fine (a LAN address, a hostname)
    port = base.rsplit(":", 1)[1]
    named = {"authorization": f"Bearer {TOKEN}", "host": f"devbox.lan:{port}"}
    assert httpx.get(base + "/_twin/health", headers=named).status_code == 200
    # a cross-site request is refused even with the token
    forbidden(httpx.post(base + "/_twin/reset", headers={**SIMPLE, "authorization": f"Bearer {TOKEN}"}))
    # vendor calls never needed the control token
    answer = httpx.post(base + "/api/auth.test", headers={"authorization": "Bearer xoxb-test-bot"})
    assert answer.json()["ok"] is True


def test_binding_beyond_loopback_warns_and_makes_a_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert server.control_token("127.0.0.1", None) == (None, [])
    assert server.control_token("localhost", "given") == ("given", [])
    token, lines = server.control_token("0.0.0.0", None)
    assert token and len(token) >= 24 and "WARNING" in lines[0] and token in lines[1]
    assert server.control_token("192.168.1.20", "mine")[0] == "mine"

    app = make_app("slack")
    started: list[Any] = []
    monkeypatch.setattr(server, "load_app", lambda package, **kwargs: app)
    monkeypatch.setattr(server, "serve_all", _record(started))  # nothing is bound: the test only reads the start
    monkeypatch.delenv("TWIN_CONTROL_TOKEN", raising=False)
    assert server.main(["serve", "--host", "0.0.0.0", "--port", "0"], package="twin_x") == 0
    err = capsys.readouterr().err
    assert "WARNING: --host 0.0.0.0" in err and f"control token: {app.control_token}" in err
    assert started and app.control_token

    monkeypatch.setenv("TWIN_CONTROL_TOKEN", "from-env")
    assert server.main(["serve", "--port", "0", "--max-body", "5M", "--head-timeout", "2"], package="twin_x") == 0
    assert app.control_token == "from-env" and "control token" not in capsys.readouterr().err
    assert (app.limits.max_body, app.limits.head_timeout) == (5 * 2**20, 2.0)


def _record(started: list[Any]) -> Any:
    async def serve_all(servers: list[Any]) -> None:
        started.extend(servers)

    return serve_all


# -- what keeps working ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "twin.localhost"])
def test_loopback_callers_need_nothing(served: tuple[TwinApp, str], host: str) -> None:
    _, base = served
    port = base.rsplit(":", 1)[1]
    headers = {"host": f"{host}:{port}"}
    assert httpx.get(base + "/_twin/health", headers=headers).json() == {"status": "ok"}
    assert httpx.get(base + "/_twin/credentials", headers=headers).json()["credentials"]
    same_origin = {**headers, "origin": f"http://{host}:{port}", "sec-fetch-site": "same-origin"}
    assert httpx.post(base + "/_twin/reset", headers=same_origin).json() == {"status": "ok"}
    assert httpx.post(base + "/_twin/reset", headers=headers).json() == {"status": "ok"}


def test_following_a_link_to_the_page_from_elsewhere_opens_it(served: tuple[TwinApp, str]) -> None:
    _, base = served
    link = {"sec-fetch-site": "cross-site", "sec-fetch-dest": "document", "sec-fetch-mode": "navigate"}
    page = httpx.get(base + "/_twin/", headers=link)
    assert page.status_code == 200 and page.headers["x-frame-options"] == "DENY"
    forbidden(httpx.get(base + "/_twin/", headers={**link, "sec-fetch-dest": "iframe"}))


def test_the_page_with_a_token_sets_a_cookie_and_its_forms_work(guarded: tuple[TwinApp, str]) -> None:
    app, base = guarded
    with httpx.Client(base_url=base) as browser:
        forbidden(browser.get("/_twin/"))
        forbidden(browser.get("/_twin/?token=wrong"))
        opened = browser.get(f"/_twin/?msg=hi&token={TOKEN}")
        assert opened.status_code == 303 and opened.headers["location"] == "/_twin/?msg=hi"
        cookie = opened.headers["set-cookie"]
        assert cookie.startswith(f"twin_control_{base.rsplit(':', 1)[1]}={TOKEN};") and "HttpOnly" in cookie
        assert browser.get("/_twin/").status_code == 200  # the cookie carries the token from now on
        app.twin.clock.advance(100)
        reset = browser.post("/_twin/ui/reset", headers={"origin": base})
        assert reset.status_code == 303 and "reset" in reset.headers["location"].lower()
        assert browser.get("/_twin/credentials").status_code == 200


def test_the_in_process_transport_and_the_harness_reach_the_control_plane() -> None:
    twin = InProcessTwin(make_app("slack"), "https://slack.com/api")
    try:
        with twin.client() as client:  # Host: slack.com, and no socket
            assert client.get("/_twin/credentials").json()["credentials"]
            assert client.post("/_twin/reset").json() == {"status": "ok"}
    finally:
        twin.close()
    for inprocess in (True, False):
        with start_twin(app=make_app("slack"), inprocess=inprocess) as handle:
            handle.reset()
            assert handle.token()


def test_host_names() -> None:
    assert [host_name(h) for h in ("127.0.0.1:80", "[::1]:8000", "localhost", "[::1]")] == [
        "127.0.0.1",
        "::1",
        "localhost",
        "::1",
    ]
    loopback = ["localhost", "LOCALHOST.", "a.localhost", "127.0.0.1", "127.9.9.9", "::1"]
    assert all(is_loopback(name) for name in loopback)
    assert not any(is_loopback(n) for n in ("0.0.0.0", "::", "10.0.0.1", "localhost.evil.example", "evil", ""))


# -- the UI in a real browser, with a token --------------------------------------------------------------------

CHROMIUM = os.environ.get("TWIN_UI_CHROMIUM", "/usr/bin/chromium")


def test_the_ui_in_a_browser_with_a_token(guarded: tuple[TwinApp, str]) -> None:
    app, base = guarded
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the UI browser test needs playwright: pip install playwright")
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        pytest.fail(f"the UI browser test needs chromium at {CHROMIUM}: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_default_timeout(10_000)
            page.goto(f"{base}/_twin/")
            assert "control token" in page.inner_text("body")
            page.goto(f"{base}/_twin/?token={TOKEN}")
            assert page.url == f"{base}/_twin/"  # the token left the address bar
            page.click("#switch-0")
            assert "on" in page.inner_text(".flash").lower()
            assert app.twin.faults.rules
        finally:
            browser.close()
