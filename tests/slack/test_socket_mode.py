"""Socket Mode user stories: slack_sdk's SocketModeClient (builtin, aiohttp, websockets) connects to the twin
over loopback with the seeded app-level token, gets ``hello``, receives ``events_api`` envelopes for what
happens in the workspace, and acknowledges them; unacknowledged envelopes come again with
``retry_attempt``; tickets open one connection; slash commands and interactive payloads come through
``POST /_twin/slack/socket``."""

from __future__ import annotations

import asyncio
import json
import queue
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from websockets.exceptions import InvalidStatus
from websockets.sync.client import ClientConnection, connect

from .conftest import Twin

pytestmark = pytest.mark.network_loopback

Record = dict[str, Any]


def _general(twin: Twin) -> str:
    listed = twin.client("bot").conversations_list(types="public_channel")["channels"]
    return str(next(c["id"] for c in listed if c["is_general"]))


def _bot_user(twin: Twin) -> str:
    return str(twin.client("bot").auth_test()["user_id"])


def _human(twin: Twin) -> str:
    return next(name for name in ("alice", "bob", "admin", "user") if name in twin.tokens)


@pytest.fixture
def socket_client(twin: Twin) -> Iterator[tuple[SocketModeClient, queue.Queue[Record], queue.Queue[SocketModeRequest]]]:
    web = WebClient(token=twin.tokens["app"], base_url=twin.api_url)
    client = SocketModeClient(app_token=twin.tokens["app"], web_client=web, ping_interval=1)
    messages: queue.Queue[Record] = queue.Queue()
    requests: queue.Queue[SocketModeRequest] = queue.Queue()
    client.message_listeners.append(lambda _c, message, _raw: messages.put(message))
    client.socket_mode_request_listeners.append(lambda _c, request: requests.put(request))
    yield client, messages, requests
    client.close()


def _next_event(requests: queue.Queue[SocketModeRequest], kind: str, timeout: float = 5) -> SocketModeRequest:
    while True:
        request = requests.get(timeout=timeout)
        if request.type != "events_api" or request.payload["event"]["type"] == kind:
            return request


def test_builtin_client_gets_hello_then_message_events_and_acks(
    twin: Twin, socket_client: tuple[SocketModeClient, queue.Queue[Record], queue.Queue[SocketModeRequest]]
) -> None:
    client, messages, requests = socket_client
    client.connect()
    hello = messages.get(timeout=5)
    app_id = twin.client("bot").auth_test().get("app_id") or hello["connection_info"]["app_id"]
    assert hello["type"] == "hello" and hello["num_connections"] == 1
    assert hello["connection_info"] == {"app_id": app_id}
    assert hello["debug_info"]["approximate_connection_time"] == 3600

    bot_user, human = _bot_user(twin), _human(twin)
    general = twin.client(human).conversations_create(name="socket-story")["channel"]["id"]
    created = _next_event(requests, "channel_created")
    assert created.payload["event"]["channel"]["id"] == general
    assert created.payload["event"]["channel"]["name"] == "socket-story"
    client.send_socket_mode_response(SocketModeResponse(envelope_id=created.envelope_id))
    twin.client("bot").conversations_join(channel=general)
    joined = _next_event(requests, "member_joined_channel")
    assert joined.payload["event"]["user"] == bot_user and joined.payload["event"]["channel"] == general
    client.send_socket_mode_response(SocketModeResponse(envelope_id=joined.envelope_id))

    posted = twin.client(human).chat_postMessage(channel=general, text=f"hello <@{bot_user}>")
    request = _next_event(requests, "message")
    assert request.type == "events_api" and request.retry_attempt == 0 and request.retry_reason == ""
    payload = request.payload
    assert payload["type"] == "event_callback" and payload["api_app_id"] == app_id
    assert payload["event_id"].startswith("Ev") and isinstance(payload["event_time"], int)
    assert payload["authorizations"][0]["user_id"] == bot_user and payload["authorizations"][0]["is_bot"]
    assert payload["is_ext_shared_channel"] is False and payload["event_context"].startswith("4-")
    assert payload["token"] and payload["team_id"].startswith("T")
    event = payload["event"]
    assert (event["ts"], event["channel"], event["channel_type"]) == (posted["ts"], general, "channel")
    assert event["text"] == f"hello <@{bot_user}>" and event["event_ts"] == posted["ts"]
    client.send_socket_mode_response(SocketModeResponse(envelope_id=request.envelope_id))
    mention = _next_event(requests, "app_mention")
    assert mention.payload["event"]["ts"] == posted["ts"] and mention.payload["event"]["channel"] == general
    client.send_socket_mode_response(SocketModeResponse(envelope_id=mention.envelope_id))

    twin.client(human).reactions_add(channel=general, timestamp=posted["ts"], name="tada")
    reaction = _next_event(requests, "reaction_added")
    assert reaction.payload["event"]["item"] == {"type": "message", "channel": general, "ts": posted["ts"]}
    assert reaction.payload["event"]["reaction"] == "tada"
    client.send_socket_mode_response(SocketModeResponse(envelope_id=reaction.envelope_id))

    with httpx.Client(base_url=twin.base_url) as http:
        status = http.get("/_twin/slack/socket", params={"envelope_id": request.envelope_id})
        assert status.status_code == 404  # acknowledged events are not kept
        log = http.get("/_twin/requests", params={"operation": "websocket"}).json()["requests"]
        assert [(e["path"], e["status"]) for e in log][-1:] == [("/link/", 101)]


def _open(twin: Twin, **query: str) -> str:
    url = str(WebClient(base_url=twin.api_url).apps_connections_open(app_token=twin.tokens["app"])["url"])
    return url + "".join(f"&{k}={v}" for k, v in query.items())


def _recv(ws: ClientConnection, timeout: float = 5) -> Record:
    found: Record = json.loads(ws.recv(timeout=timeout))
    return found


def _advance(twin: Twin, seconds: float) -> None:
    httpx.post(f"{twin.base_url}/_twin/clock", json={"advance": seconds}).raise_for_status()


def test_an_unacknowledged_envelope_comes_again_with_retry_attempt(twin: Twin) -> None:
    general = _general(twin)
    twin.client("bot").conversations_join(channel=general)
    with connect(_open(twin), open_timeout=5) as ws:
        assert _recv(ws)["type"] == "hello"
        posted = twin.client(_human(twin)).chat_postMessage(channel=general, text="anyone?")
        first = _recv(ws)
        assert first["type"] == "events_api" and first["payload"]["event"]["ts"] == posted["ts"]
        assert (first["retry_attempt"], first["retry_reason"], first["accepts_response_payload"]) == (0, "", False)
        _advance(twin, 4)  # past the 3 s acknowledgement window
        again = _recv(ws)
        assert again["envelope_id"] == first["envelope_id"] and again["payload"] == first["payload"]
        assert (again["retry_attempt"], again["retry_reason"]) == (1, "timeout")
        ws.send(json.dumps({"envelope_id": again["envelope_id"]}))
        _advance(twin, 400)
        with pytest.raises(TimeoutError):
            ws.recv(timeout=1.5)  # acknowledged: no retry 2


def test_a_ticket_opens_one_connection(twin: Twin) -> None:
    url = _open(twin)
    with connect(url, open_timeout=5) as ws:
        assert _recv(ws)["type"] == "hello"
        with pytest.raises(InvalidStatus, match="403"):
            connect(url, open_timeout=5)
    with pytest.raises(InvalidStatus, match="403"):
        connect(url, open_timeout=5)
    with pytest.raises(InvalidStatus, match="403"):
        connect(url.replace("ticket=", "ticket=0"), open_timeout=5)


def test_apps_connections_open_wants_an_app_level_token(twin: Twin) -> None:
    for name in ("bot", _human(twin)):
        with pytest.raises(SlackApiError) as raised:
            twin.client(name).apps_connections_open(app_token=twin.tokens[name])
        assert raised.value.response["error"] == "not_allowed_token_type"
    with pytest.raises(SlackApiError) as raised:
        WebClient(base_url=twin.api_url).apps_connections_open(app_token="xapp-1-A0000000000-0-nope")
    assert raised.value.response["error"] == "invalid_auth"
    client = SocketModeClient(app_token="xapp-1-bad", web_client=WebClient(base_url=twin.api_url))
    with pytest.raises(SlackApiError, match="invalid_auth"):
        client.connect()
    client.close()


def _manifest(twin: Twin, settings: Record) -> None:
    config = twin.client("config")
    app_id = WebClient(base_url=twin.api_url).apps_connections_open(app_token=twin.tokens["app"])["url"]
    app_id = str(app_id).rsplit("app_id=", 1)[1].split("&")[0]
    manifest = config.apps_manifest_export(app_id=app_id)["manifest"]
    manifest["settings"] = {**manifest["settings"], **settings}
    config.apps_manifest_update(app_id=app_id, manifest=manifest)


def test_events_follow_the_manifest_subscriptions_and_socket_mode_off_disables_the_link(twin: Twin) -> None:
    general = _general(twin)
    twin.client("bot").conversations_join(channel=general)
    _manifest(twin, {"event_subscriptions": {"bot_events": ["reaction_added"]}})
    with connect(_open(twin), open_timeout=5) as ws:
        assert _recv(ws)["type"] == "hello"
        human = twin.client(_human(twin))
        posted = human.chat_postMessage(channel=general, text="not subscribed")
        human.reactions_add(channel=general, timestamp=posted["ts"], name="eyes")
        got = _recv(ws)
        assert got["payload"]["event"]["type"] == "reaction_added"  # the message event was not sent
        ws.send(json.dumps({"envelope_id": got["envelope_id"]}))
        _manifest(twin, {"socket_mode_enabled": False, "event_subscriptions": None})
        assert _recv(ws) == {"type": "disconnect", "reason": "link_disabled", "debug_info": {"host": "applink-twin"}}
        with pytest.raises(Exception, match="1000"):
            ws.recv(timeout=5)


def test_an_app_that_subscribes_to_nothing_gets_no_events(twin: Twin) -> None:
    general = _general(twin)
    twin.client("bot").conversations_join(channel=general)
    _manifest(twin, {"event_subscriptions": None})
    with connect(_open(twin), open_timeout=5) as ws:
        assert _recv(ws)["type"] == "hello"
        twin.client(_human(twin)).chat_postMessage(channel=general, text="nobody listens")
        with pytest.raises(TimeoutError):
            ws.recv(timeout=1)


def test_refresh_warning_then_refresh_requested_on_the_twin_clock(twin: Twin) -> None:
    with connect(_open(twin, debug_reconnects="true"), open_timeout=5) as ws:
        assert _recv(ws)["debug_info"]["approximate_connection_time"] == 360
        _advance(twin, 352)
        assert _recv(ws)["reason"] == "warning"
        _advance(twin, 10)
        assert _recv(ws)["reason"] == "refresh_requested"


def test_injected_slash_command_is_acknowledged_with_a_response_payload(
    twin: Twin, socket_client: tuple[SocketModeClient, queue.Queue[Record], queue.Queue[SocketModeRequest]]
) -> None:
    client, messages, requests = socket_client
    client.connect()
    assert messages.get(timeout=5)["type"] == "hello"
    with httpx.Client(base_url=twin.base_url) as http:
        bad = http.post("/_twin/slack/socket", json={"type": "events_api", "payload": {}})
        assert bad.status_code == 400
        command = {"command": "/deploy", "text": "now", "user_id": "U1", "channel_id": _general(twin)}
        made = http.post("/_twin/slack/socket", json={"type": "slash_commands", "payload": command}).json()
        request = requests.get(timeout=5)
        assert (request.type, request.envelope_id, request.accepts_response_payload) == (
            "slash_commands",
            made["envelope_id"],
            True,
        )
        assert request.payload["command"] == "/deploy" and request.payload["api_app_id"] == made["app_id"]
        pending = http.get("/_twin/slack/socket", params={"envelope_id": made["envelope_id"]}).json()
        assert pending["status"] == "pending"
        client.send_socket_mode_response(SocketModeResponse(envelope_id=request.envelope_id, payload={"text": "ok"}))
        for _ in range(50):
            status = http.get("/_twin/slack/socket", params={"envelope_id": made["envelope_id"]}).json()
            if status["status"] == "acknowledged":
                break
            asyncio.run(asyncio.sleep(0.05))
        assert status == {"envelope_id": made["envelope_id"], "status": "acknowledged", "retry_attempt": 0,
                          "response": {"text": "ok"}}  # fmt: skip
        action = {"type": "block_actions", "actions": [{"action_id": "approve"}], "trigger_id": "1.2.3"}
        made = http.post("/_twin/slack/socket", json={"type": "interactive", "payload": action}).json()
        request = requests.get(timeout=5)
        assert (request.type, request.accepts_response_payload) == ("interactive", False)
        assert request.payload["type"] == "block_actions" and request.payload["team"]["id"].startswith("T")


@pytest.mark.parametrize("variant", ["aiohttp", "websockets"])
def test_async_clients_connect_and_receive_events(twin: Twin, variant: str) -> None:
    from slack_sdk.web.async_client import AsyncWebClient

    if variant == "aiohttp":
        from slack_sdk.socket_mode.aiohttp import SocketModeClient as AsyncClient
    else:
        from slack_sdk.socket_mode.websockets import SocketModeClient as AsyncClient  # type: ignore[assignment]

    general = _general(twin)
    twin.client("bot").conversations_join(channel=general)
    human = twin.client(_human(twin))

    async def story() -> tuple[Record, SocketModeRequest]:
        web = AsyncWebClient(token=twin.tokens["app"], base_url=twin.api_url)
        client = AsyncClient(app_token=twin.tokens["app"], web_client=web)
        hello: asyncio.Queue[Record] = asyncio.Queue()
        got: asyncio.Queue[SocketModeRequest] = asyncio.Queue()

        async def on_message(_c: Any, message: Record, _raw: str | None) -> None:
            if message.get("type") == "hello":
                await hello.put(message)

        async def on_request(c: Any, request: SocketModeRequest) -> None:
            await c.send_socket_mode_response(SocketModeResponse(envelope_id=request.envelope_id))
            await got.put(request)

        client.message_listeners.append(on_message)
        client.socket_mode_request_listeners.append(on_request)
        await client.connect()
        try:
            first = await asyncio.wait_for(hello.get(), 5)
            await asyncio.to_thread(human.chat_postMessage, channel=general, text=f"via {variant}")
            request = await asyncio.wait_for(got.get(), 5)
        finally:
            await client.close()
        return first, request

    first, request = asyncio.run(story())
    assert first["type"] == "hello"
    assert request.payload["event"]["text"] == f"via {variant}"
