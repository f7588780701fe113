"""Bad input never poisons the Slack twin's state (issue #18 item 6).

``chat.postMessage`` with blocks nested 255-1,023 levels used to be stored: orjson reads that deep but writes only
254 levels, so the post itself and then every ``conversations.history`` of the channel answered 500 until a reset
(and under ``--state`` the write never reached the file while memory kept it). Slack answers ``invalid_blocks``
for blocks it cannot take (https://api.slack.com/methods/chat.postMessage#errors); so does the twin, as a JSON
post and as a form post, and nothing is stored. A write the ``--state`` file refuses is Slack's
``service_unavailable`` with HTTP 503, and undone.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from slack_sdk.errors import SlackApiError
from starlette.testclient import TestClient

from .conftest import Twin, _app

pytestmark = pytest.mark.network_loopback


def nested_blocks(depth: int) -> bytes:
    """``blocks`` whose JSON nests ``depth`` levels (written by hand: json.dumps recurses, and stops near 1,000)."""
    # the blocks array, then context blocks (an object and its elements array: two levels each), then a section
    # whose text is two levels (an object holding an object) or, to make the parity, three (fields: [{...}])
    levels, odd = divmod(depth - 3, 2)
    inner = b'{"type": "section", ' + (
        b'"fields": [{"type": "mrkdwn", "text": "deep"}]}' if odd else b'"text": {"type": "mrkdwn", "text": "deep"}}'
    )
    return b"[" + b'{"type": "context", "elements": [' * levels + inner + b"]}" * levels + b"]"


def _depth(raw: bytes) -> int:
    deepest = level = 0
    for byte in raw:
        level += byte in b"[{"
        level -= byte in b"]}"
        deepest = max(deepest, level)
    return deepest


def _channel(twin: Twin) -> str:
    return str(twin.client().conversations_list()["channels"][0]["id"])


def _history(twin: Twin, channel: str) -> httpx.Response:
    with httpx.Client(base_url=twin.api_url, headers={"Authorization": f"Bearer {twin.tokens['bot']}"}) as http:
        return http.post("conversations.history", data={"channel": channel})


@pytest.mark.parametrize("depth", [255, 600, 1023])
def test_blocks_nested_too_deep_are_invalid_blocks_in_a_json_post(twin: Twin, depth: int) -> None:
    channel = _channel(twin)
    blocks = nested_blocks(depth - 1)  # the body around them is one level more
    body = b'{"channel": "' + channel.encode() + b'", "text": "t", "blocks": ' + blocks + b"}"
    assert _depth(body) == depth
    headers = {"Authorization": f"Bearer {twin.tokens['bot']}", "Content-Type": "application/json; charset=utf-8"}
    with httpx.Client(base_url=twin.api_url) as http:
        answer = http.post("chat.postMessage", headers=headers, content=body)
    assert answer.status_code == 200
    assert answer.json()["ok"] is False
    assert answer.json()["error"] == "invalid_blocks"
    history = _history(twin, channel)
    assert history.status_code == 200
    assert history.json()["ok"] is True
    assert history.json()["messages"] == []


def test_blocks_nested_too_deep_are_invalid_blocks_in_a_form_post(twin: Twin) -> None:
    channel = _channel(twin)
    with httpx.Client(base_url=twin.api_url) as http:
        answer = http.post(
            "chat.postMessage",
            data={"token": twin.tokens["bot"], "channel": channel, "blocks": nested_blocks(600).decode()},
        )
    assert answer.json()["ok"] is False
    assert answer.json()["error"] == "invalid_blocks"
    assert _history(twin, channel).json()["messages"] == []


def test_the_sdk_sees_invalid_blocks_and_the_channel_still_reads(twin: Twin) -> None:
    client = twin.client()
    channel = _channel(twin)
    blocks = json.loads(nested_blocks(300))  # json.loads is iterative enough for 300 levels; dumps too
    with pytest.raises(SlackApiError) as refused:
        client.chat_postMessage(channel=channel, text="t", blocks=blocks)
    assert refused.value.response["error"] == "invalid_blocks"
    client.chat_postMessage(channel=channel, text="after")
    assert [m["text"] for m in client.conversations_history(channel=channel)["messages"]] == ["after"]


def test_ordinary_rich_blocks_are_still_kept(twin: Twin) -> None:
    client = twin.client()
    channel = _channel(twin)
    blocks = [
        {
            "type": "rich_text",
            "elements": [
                {
                    "type": "rich_text_list",
                    "style": "bullet",
                    "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": "one"}]}],
                }
            ],
        }
    ]
    client.chat_postMessage(channel=channel, text="list", blocks=blocks)
    [message] = client.conversations_history(channel=channel)["messages"]
    assert message["blocks"] == blocks


# -- a write the state file refuses ------------------------------------------------------------------------
@pytest.fixture
def kept(tmp_path: Path) -> Iterator[TestClient]:
    """The Slack twin in this process, kept in ``tmp_path/state.db``."""
    app = _app(tmp_path)
    app.twin.keep_state(tmp_path / "state.db")
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        yield client
    app.twin.tenants.store.close()


def test_a_write_the_state_file_refuses_is_slacks_503_and_is_undone(
    kept: TestClient, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    tokens = {c["name"]: c["token"] for c in kept.get("/_twin/credentials").json()["credentials"]}
    auth = {"Authorization": f"Bearer {tokens['bot']}"}
    channel = kept.post("/api/conversations.list", headers=auth).json()["channels"][0]["id"]
    assert kept.post("/api/chat.postMessage", headers=auth, json={"channel": channel, "text": "kept"}).json()["ok"]
    store: Any = kept.app.twin.tenants.store  # type: ignore[attr-defined]
    store._db.close()  # the file can no longer be written: SQLite opens it read-only
    store._db = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    with caplog.at_level(logging.ERROR, logger="twin"):
        answer = kept.post("/api/chat.postMessage", headers=auth, json={"channel": channel, "text": "lost"})
    assert answer.status_code == 503
    assert answer.json() == {"ok": False, "error": "service_unavailable"}
    assert answer.headers["x-slack-failure"] == "service_unavailable"
    history = kept.post("/api/conversations.history", headers=auth, data={"channel": channel}).json()
    assert [m["text"] for m in history["messages"]] == ["kept"]
    assert "the change was undone" in caplog.text
