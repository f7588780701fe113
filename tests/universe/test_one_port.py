"""A universe on one port (``one_port``, ``twingen universe serve --one-port``): each twin under its name, beside
``/_universe/``, reached by the vendors' own SDKs given only a base URL with that prefix; every URL a twin writes into
an answer (Okta's ``Link`` and ``_links``, its issuer, Jira's ``self``, Drive's resumable ``Location``, Slack's RTM
websocket) leads back through the same port.

The committed twins, served from the test process (``threads=True``) so the module starts in seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import google_auth_httplib2
import httplib2
import httpx
import okta.client
import pytest
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from jira import JIRA
from okta.models import AppUserAssignRequest, CreateUserRequest
from slack_sdk import WebClient
from websockets.sync.client import connect

from twingen.universe import Universe, start_universe
from twingen.universe.members import MemberError, free_port
from twingen.universe.running import default_twins

pytestmark = pytest.mark.network_loopback

REPO = Path(__file__).resolve().parents[2]
EMAIL = "ona.porter@acme.example"
HIRE = {"firstName": "Ona", "lastName": "Porter", "email": EMAIL, "login": EMAIL}


@pytest.fixture(scope="module")
def _session() -> Iterator[tuple[Universe, str]]:
    with start_universe(default_twins(REPO / "generated"), threads=True, one_port=0) as running:
        yield running, running.snapshot()["id"]


@pytest.fixture
def universe(_session: tuple[Universe, str]) -> Universe:
    running, baseline = _session
    running.restore(baseline)
    return running


def _port(universe: Universe) -> str:
    assert universe.gateway is not None
    return universe.gateway.url


def _okta(universe: Universe, monkeypatch: pytest.MonkeyPatch) -> okta.client.Client:
    monkeypatch.setenv("OKTA_TESTING_TESTINGDISABLEHTTPSCHECK", "true")  # plain http on loopback
    config = {"orgUrl": f"{_port(universe)}/okta", "token": universe.members["okta"].credentials()["apikey"]["token"],
              "rateLimit": {"maxRetries": 0}, "cache": {"enabled": False}}  # fmt: skip
    return okta.client.Client(config)


def _google(universe: Universe, api: str, version: str, endpoint: str) -> Any:
    credentials = Credentials(token=universe.members["google"].credentials()["owner"]["token"])  # type: ignore[no-untyped-call]
    raw = httplib2.Http(timeout=30, proxy_info=None)
    raw.redirect_codes = set(raw.redirect_codes) - {308}  # a resumable upload's 308 is "send the next chunk"
    http = google_auth_httplib2.AuthorizedHttp(credentials, http=raw)
    return build(api, version, http=http, client_options={"api_endpoint": endpoint},
                 static_discovery=True, cache_discovery=False)  # fmt: skip


def test_every_twin_and_the_plane_answer_on_one_port(universe: Universe) -> None:
    port = _port(universe)
    assert {n: m.base_url for n, m in universe.members.items()} == {n: f"{port}/{n}" for n in universe.members}
    with httpx.Client(base_url=port, trust_env=False) as http:
        health = http.get("/_universe/health")
        assert health.status_code == 200 and health.json()["ok"] is True
        assert http.get("/_universe/").json()["twins"]["slack"] == f"{port}/slack"
        assert http.get("/slack/_twin/health").status_code == 200  # each twin's own plane under its name
        missing = http.get("/nowhere/api/x")
        assert missing.status_code == 404 and "/okta/" in missing.json()["message"]


def test_the_story_through_one_port_with_the_vendors_sdks(universe: Universe, monkeypatch: pytest.MonkeyPatch) -> None:
    port, apps = _port(universe), universe.apps["default"]
    client, loop = _okta(universe, monkeypatch), asyncio.new_event_loop()

    def call(method: str, *args: Any, **kwargs: Any) -> Any:
        result, answer, error = loop.run_until_complete(getattr(client, method)(*args, **kwargs))
        assert error is None, error
        return result, answer

    try:
        user, _ = call("create_user", CreateUserRequest.from_dict({"profile": HIRE}), activate=True)
        for app in ("slack", "jira", "google"):
            call("assign_user_to_application", apps[app], AppUserAssignRequest.from_dict({"id": user.id}))
        assert user.links.var_self.href == f"{port}/okta/api/v1/users/{user.id}"
        seen: list[str] = []
        after = None
        while True:  # okta SDK v3 pages with ``after``, read from the Link header's next URL
            page, answer = call("list_users", limit=2, **({"after": after} if after else {}))
            seen += [u.id for u in page]
            link = {k.lower(): v for k, v in (answer.headers or {}).items()}.get("link", "")
            found = re.search(r'<([^>]+)>; rel="next"', link)
            if found is None:
                break
            assert found.group(1).startswith(f"{port}/okta/api/v1/users?")
            after = parse_qs(urlsplit(found.group(1)).query)["after"][0]
        assert user.id in seen and len(seen) == len(set(seen)) >= 6  # the admin, the roster of 4, the hire
    finally:
        loop.close()

    slack = WebClient(token=universe.members["slack"].credentials()["bot"]["token"], base_url=f"{port}/slack/api/")
    assert slack.users_lookupByEmail(email=EMAIL)["user"]["profile"]["email"] == EMAIL
    basic = universe.members["jira"].credentials()["basic"]
    jira = JIRA(server=f"{port}/jira", basic_auth=(basic["username"], basic["password"]), max_retries=0)
    [account] = jira.search_users(query=EMAIL)
    assert jira.user(account.accountId).self.startswith(f"{port}/jira/rest/api/2/user?")
    directory = _google(universe, "admin", "directory_v1", f"{port}/google/")
    made = directory.users().get(userKey=EMAIL).execute()
    directory.close()
    assert made["primaryEmail"] == EMAIL and made["suspended"] is False


def test_a_resumable_drive_upload_comes_back_through_the_prefix(universe: Universe) -> None:
    """The protocol as Drive documents it (https://developers.google.com/drive/api/guides/manage-uploads#resumable):
    the session's ``Location`` names the prefix, and the chunks sent there finish the file. (googleapiclient sends a
    media upload to ``https://`` on the endpoint's host and port, dropping its path: not through a prefix.)"""
    port = _port(universe)
    token = universe.members["google"].credentials()["owner"]["token"]
    data = b"a" * (256 * 1024) + b"b" * 1000
    with httpx.Client(base_url=port, trust_env=False, headers={"Authorization": f"Bearer {token}"}) as http:
        opened = http.post("/google/upload/drive/v3/files", params={"uploadType": "resumable"},
                           json={"name": "through-one-port.txt", "mimeType": "text/plain"})  # fmt: skip
        session = opened.headers["location"]
        assert opened.status_code == 200 and session.startswith(f"{port}/google/upload/drive/v3/files?")
        first = http.put(session, content=data[: 256 * 1024], headers={"Content-Range": f"bytes 0-{256 * 1024 - 1}/*"})
        assert first.status_code == 308 and first.headers["range"] == f"bytes=0-{256 * 1024 - 1}"
        last = f"bytes {256 * 1024}-{len(data) - 1}/{len(data)}"
        made = http.put(session, content=data[256 * 1024 :], headers={"Content-Range": last}).json()
    drive = _google(universe, "drive", "v3", f"{port}/google/drive/v3/")
    assert drive.files().get(fileId=made["id"], fields="size").execute()["size"] == str(len(data))
    content = drive.files().get_media(fileId=made["id"]).execute()
    drive.close()
    assert content == data


def test_okta_tokens_and_keys_name_the_prefixed_issuer(universe: Universe) -> None:
    port = _port(universe)
    with httpx.Client(base_url=port, trust_env=False) as http:
        found = http.get("/okta/oauth2/default/.well-known/openid-configuration").json()
        assert found["issuer"] == f"{port}/okta/oauth2/default" and found["jwks_uri"].startswith(f"{port}/okta/")
        client = universe.sso["default"]["slack"]
        assert (client["issuer"], client["jwks_uri"]) == (f"{port}/okta", f"{port}/okta/oauth2/v1/keys")
        person = universe.people["default"][0]
        signed = http.post("/_universe/signin", json={"email": person["email"], "twin": "slack"}).json()
    me = WebClient(token=signed["id_token"], base_url=f"{port}/slack/api/").auth_test()  # trusted at the prefix
    assert me["user_id"] == person["ids"]["slack"]


def test_slack_rtm_websocket_is_relayed_under_the_prefix(universe: Universe) -> None:
    port = _port(universe)
    classic = WebClient(
        token=universe.members["slack"].credentials()["classic_bot"]["token"], base_url=f"{port}/slack/api/"
    )
    url = classic.rtm_connect()["url"]
    assert url.startswith(port.replace("http://", "ws://") + "/slack/")
    with connect(url, open_timeout=5, proxy=None) as ws:
        assert json.loads(ws.recv(timeout=5)) == {"type": "hello"}
        ws.send(json.dumps({"id": 1, "type": "ping"}))
        assert json.loads(ws.recv(timeout=5))["type"] == "pong"


def test_serve_one_port_runs_twin_processes_behind_it() -> None:
    port = free_port()
    cmd = [sys.executable, "-m", "twingen", "universe", "serve", "--one-port", "--twin", "okta", "--twin", "slack",
           "--control-port", str(port)]  # fmt: skip
    process = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, trust_env=False) as http:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and process.poll() is None:
                with contextlib.suppress(httpx.TransportError):
                    if http.get("/_universe/health").status_code == 200:
                        break
                time.sleep(0.2)
            assert http.get("/_universe/").json()["twins"] == {"okta": f"{base}/okta", "slack": f"{base}/slack"}
            token = http.get("/_universe/credentials").json()["twins"]["okta"]["credentials"][0]["token"]
            users = http.get("/okta/api/v1/users", params={"limit": 1}, headers={"Authorization": f"SSWS {token}"})
            assert users.status_code == 200 and f"<{base}/okta/api/v1/users?after=" in users.headers["link"]
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    assert f"twin slack: {base}/slack (control plane: {base}/slack/_twin/)" in output
    assert f"universe control plane: {base}/_universe/" in output
    with pytest.raises(httpx.TransportError):
        httpx.get(base + "/_universe/health", timeout=2, trust_env=False)


def test_a_taken_port_is_refused_with_its_reason() -> None:
    twins = default_twins(REPO / "generated", ("okta",))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        refused = pytest.raises(MemberError, match=f"cannot serve the universe on 127.0.0.1:{port}: .*in use")
        with refused, start_universe(twins, threads=True, one_port=port):
            pass
