"""RTM user stories: a classic app's bot calls rtm.connect, opens the message server's WebSocket with a small
client of our own, gets ``hello``, hears the messages, reactions and channels of the workspace it is in, and
gets ``pong`` for its ``ping``; granular bot tokens are refused, URLs open one connection and expire."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from slack_sdk.errors import SlackApiError
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from .conftest import Twin

pytestmark = pytest.mark.network_loopback

Record = dict[str, Any]


def _elsewhere(twin: Twin) -> str:
    """A public channel a person made, which the classic bot was not invited to."""
    return str(twin.client("user").conversations_create(name="elsewhere")["channel"]["id"])


def _url(twin: Twin, token: str = "classic_bot") -> str:
    return str(twin.client(token).rtm_connect()["url"])


@contextmanager
def _socket(url: str) -> Iterator[ClientConnection]:
    with connect(url, open_timeout=5) as ws:
        assert _next(ws) == {"type": "hello"}
        yield ws


def _next(ws: ClientConnection, kind: str | None = None) -> Record:
    """The next event (of ``kind``, when given: others are skipped)."""
    while True:
        event: Record = json.loads(ws.recv(timeout=5))
        if kind is None or event["type"] == kind:
            return event


def test_only_a_classic_apps_bot_or_a_user_with_rtm_stream_may_connect(twin: Twin) -> None:
    for method in ("rtm_connect", "rtm_start"):
        with pytest.raises(SlackApiError) as refused:
            getattr(twin.client("bot"), method)()
        assert refused.value.response["error"] == "not_allowed_token_type"
    with pytest.raises(SlackApiError) as no_scope:
        twin.client("user").rtm_connect()
    assert no_scope.value.response["error"] == "missing_scope"
    answer = twin.client("classic_bot").rtm_start()
    me = twin.client("classic_bot").auth_test()
    assert answer["self"]["id"] == me["user_id"] and answer["team"]["id"] == me["team_id"]
    assert answer["url"].startswith("ws://127.0.0.1:")


def test_messages_posted_through_the_web_api_reach_members_of_the_channel(twin: Twin) -> None:
    general, elsewhere = twin.channel_ids()["general"], _elsewhere(twin)
    with _socket(_url(twin)) as ws:
        twin.client("user").chat_postMessage(channel=elsewhere, text="not for the bot: it is not in #elsewhere")
        posted = twin.client("user").chat_postMessage(channel=general, text="hello RTM")
        event = _next(ws, "message")
        assert (event["channel"], event["text"], event["ts"]) == (general, "hello RTM", posted["ts"])
        assert event["user"] == twin.client("user").auth_test()["user_id"]
        own = twin.client("classic_bot").chat_postMessage(channel=general, text="my own")
        assert _next(ws, "message")["ts"] == own["ts"]  # Slack echoes the connection's own posts too


def test_reactions_and_new_channels_are_events_too(twin: Twin) -> None:
    general = twin.channel_ids()["general"]
    posted = twin.client("user").chat_postMessage(channel=general, text="react to me")
    with _socket(_url(twin)) as ws:
        twin.client("user").reactions_add(channel=general, timestamp=posted["ts"], name="tada")
        added = _next(ws, "reaction_added")
        assert added["reaction"] == "tada" and added["item"] == {"type": "message", "channel": general,
                                                                  "ts": posted["ts"]}  # fmt: skip
        made = twin.client("user").conversations_create(name="rtm-news")["channel"]["id"]
        assert _next(ws, "channel_created")["channel"]["id"] == made


def test_ping_gets_pong_and_typing_reaches_only_other_members(twin: Twin) -> None:
    general = twin.channel_ids()["general"]
    with _socket(_url(twin)) as ws:
        ws.send(json.dumps({"id": 7, "type": "ping", "time": 1403299273342, "nested": {"not": "flat"}}))
        assert _next(ws) == {"type": "pong", "reply_to": 7, "time": 1403299273342}  # only flat fields come back
        ws.send(json.dumps({"id": 8, "type": "typing", "channel": general}))  # no one else listens: nothing back
        ws.send(json.dumps({"id": 9, "type": "ping"}))
        assert _next(ws) == {"type": "pong", "reply_to": 9}


def test_a_url_opens_one_connection_and_expires_after_30_seconds(twin: Twin) -> None:
    url = _url(twin)
    with _socket(url), pytest.raises(InvalidStatus, match="403"):
        connect(url, open_timeout=5)
    late = _url(twin)
    with httpx.Client(base_url=twin.base_url) as http:
        http.post("/_twin/clock", json={"advance": 31}).raise_for_status()
        try:
            with connect(late, open_timeout=5) as ws:
                assert _next(ws) == {"type": "error", "error": {"code": 1, "msg": "Socket URL has expired"}}
        finally:
            http.post("/_twin/clock", json={"advance": -31}).raise_for_status()


def test_a_message_sent_over_the_socket_is_posted_and_answered(twin: Twin) -> None:
    general, elsewhere = twin.channel_ids()["general"], _elsewhere(twin)
    with _socket(_url(twin)) as ws:
        ws.send(json.dumps({"id": 1, "type": "message", "channel": general, "text": "sent over RTM"}))
        reply = _reply(ws, 1)  # the members' message event may come first
        assert reply["ok"] is True and reply["text"] == "sent over RTM"
        history = twin.client("user").conversations_history(channel=general)["messages"]
        posted = next(m for m in history if m["ts"] == reply["ts"])
        assert posted["text"] == "sent over RTM" and posted["user"] == twin.client("classic_bot").auth_test()["user_id"]
        ws.send(json.dumps({"id": 2, "type": "message", "channel": general}))
        assert _reply(ws, 2) == {"ok": False, "reply_to": 2, "error": {"code": 2, "msg": "message text is missing"}}
        ws.send(json.dumps({"id": 3, "type": "message", "channel": elsewhere, "text": "the bot is not in it"}))
        assert _reply(ws, 3)["error"]["msg"] == "not_in_channel"
        ws.send(json.dumps({"id": 4, "type": "message", "channel": general, "text": "x" * 17_000}))
        with pytest.raises(ConnectionClosed):  # over 16 KB: Slack disconnects the client
            _next(ws)
    left = twin.client("user").conversations_history(channel=elsewhere)["messages"]
    assert not any(m.get("text") == "the bot is not in it" for m in left)


def _reply(ws: ClientConnection, reply_to: int) -> Record:
    while True:
        event = _next(ws)
        if event.get("reply_to") == reply_to:
            return event
