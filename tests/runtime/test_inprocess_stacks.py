"""In-process mode for the vendor SDKs' own HTTP stacks: slack_sdk (urllib), requests, google-api-python-client
(httplib2) reach the committed twins through the pytest plugin's per-test block, with no socket; aiohttp is refused.
"""

from __future__ import annotations

import asyncio
import http.client
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httplib2
import pytest
import requests

from twingen.runtime import testing
from twingen.runtime.serving import inprocess_stacks, netguard
from twingen.runtime.serving.harness import TwinHandle, start_twin
from twingen.runtime.serving.inprocess import InProcessTwin
from twingen.runtime.serving.inprocess_stacks import InProcessNotCovered

from .test_inprocess import _dropping_app

GENERATED = Path(__file__).resolve().parents[2] / "generated"
_tried: list[str] = []
"""Every non-loopback DNS lookup or connection the process attempted while ``_watching`` (refused or not)."""
_watching = False


def _watch(event: str, args: tuple[Any, ...]) -> None:
    if _watching and event.startswith("socket."):
        found = netguard.target(event, args)
        if found is not None and not netguard.is_loopback(found[0]):
            _tried.append(found[1])


sys.addaudithook(_watch)  # hooks stay for the process's life; this one only records, and only while watched


def _load(name: str) -> Any:
    folder = str(GENERATED / name)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    runtime = __import__(f"twin_{name}.runtime", fromlist=["load_app"])
    return runtime.load_app(f"twin_{name}")


def _plugin_block(name: str) -> Iterator[TwinHandle]:
    """The twin as the plugin's ``twin_inprocess`` fixture gives it: its per-test block (guard + routing) on."""
    global _watching
    with start_twin(app=_load(name), inprocess=True) as session:
        with contextmanager(testing._per_test)(session) as handle:
            assert netguard.installed(), "no guard: nothing below may be tried"
            _tried.clear()
            _watching = True
            try:
                yield handle
            finally:
                _watching = False
        assert _tried == [], f"non-loopback lookups or connections were attempted: {_tried}"


@pytest.fixture
def slack() -> Iterator[TwinHandle]:
    yield from _plugin_block("slack")


@pytest.fixture
def google() -> Iterator[TwinHandle]:
    yield from _plugin_block("google")


def test_slack_sdk_web_client_over_urllib(slack: TwinHandle) -> None:
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    assert slack.api_url == "https://slack.com/api"
    client = WebClient(token=slack.token("bot"))  # its default base_url: https://slack.com/api/
    assert client.auth_test()["user"] == "twinbot"
    channel = client.conversations_list()["channels"][0]["id"]
    posted = client.chat_postMessage(channel=channel, text="from slack_sdk")
    assert posted["ok"] and posted["message"]["text"] == "from slack_sdk"
    assert [r["operation"] for r in slack.requests()][-3:] == ["auth.test", "conversations.list", "chat.postMessage"]
    with pytest.raises(SlackApiError) as error:
        WebClient(token="xoxb-nope").auth_test()
    assert error.value.response["error"] == "invalid_auth"


def test_requests_and_urllib_get_the_twins_exact_answer(slack: TwinHandle) -> None:
    url = f"{slack.api_url}/auth.test"
    auth = {"Authorization": f"Bearer {slack.token('bot')}"}
    expected = slack.transport().handle_request(__import__("httpx").Request("POST", url, headers=auth))
    expected.read()

    answer = requests.post(url, headers=auth, timeout=10)
    assert answer.status_code == expected.status_code
    assert list(answer.raw.headers.items()) == list(expected.headers.items())
    assert answer.content == expected.content

    with urllib.request.urlopen(urllib.request.Request(url, data=b"", headers=auth)) as opened:
        assert opened.status == expected.status_code and opened.url == url
        assert opened.headers.items() == list(expected.headers.items())
        assert opened.read() == expected.content

    # an error status is urllib's HTTPError, carrying the twin's body
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen("https://slack.com/no/such/path")
    with error.value:
        missing = requests.get("https://slack.com/no/such/path", timeout=10)
        assert error.value.code == missing.status_code >= 400
        assert error.value.read() == missing.content


def test_google_api_client_over_httplib2(google: TwinHandle) -> None:
    import google_auth_httplib2
    from google.oauth2.credentials import Credentials
    from googleapiclient.discovery import build
    from googleapiclient.errors import HttpError

    assert google.base_url == "https://www.googleapis.com"
    http = google_auth_httplib2.AuthorizedHttp(Credentials(google.token("owner")), http=httplib2.Http())
    drive = build("drive", "v3", http=http, static_discovery=True)
    before = drive.files().list().execute()
    created = drive.files().create(body={"name": "in-process.txt"}).execute()
    after = drive.files().list().execute()
    assert created["id"] not in {f["id"] for f in before["files"]}
    assert created["id"] in {f["id"] for f in after["files"]}
    assert created["name"] == "in-process.txt"
    with pytest.raises(HttpError) as error:
        drive.files().get(fileId="no-such-file").execute()
    assert error.value.resp.status == 404


def test_aiohttp_is_refused_with_a_clear_error(slack: TwinHandle) -> None:
    from slack_sdk.web.async_client import AsyncWebClient

    async def scenario() -> None:
        await AsyncWebClient(token=slack.token("bot")).auth_test()

    with pytest.raises(InProcessNotCovered, match=r"aiohttp is not covered .*the pytest fixture `twin`"):
        asyncio.run(scenario())


def test_patches_last_only_for_the_block_and_only_for_the_vendor_hosts() -> None:
    import aiohttp

    def current() -> list[object]:
        return [
            urllib.request.HTTPHandler.http_open,
            urllib.request.HTTPSHandler.https_open,
            requests.adapters.HTTPAdapter.send,
            httplib2.Http._conn_request,
            aiohttp.ClientSession._request,
        ]

    before = current()
    twin = InProcessTwin(_dropping_app, "https://drop.example.test")
    with netguard.refuse_network("test"), twin.mock_vendor_hosts():
        assert current() != before
        # another host is left to the guard
        with pytest.raises(requests.exceptions.ConnectionError, match="refused a DNS lookup of 'elsewhere"):
            requests.get("https://elsewhere.example.test/", timeout=5)
        # a connection the twin drops looks like one a server drops, in each stack
        with pytest.raises(requests.exceptions.ConnectionError, match="Connection aborted"):
            requests.get("https://drop.example.test/drop", timeout=5)
        with pytest.raises(requests.exceptions.ReadTimeout):
            requests.get("https://drop.example.test/hold", timeout=(5, 0.2))
        with pytest.raises(http.client.RemoteDisconnected):
            urllib.request.urlopen("https://drop.example.test/drop")
        with pytest.raises(TimeoutError):
            urllib.request.urlopen("https://drop.example.test/hold", timeout=0.2)
    twin.close()
    assert current() == before
    assert inprocess_stacks._routes == {}
