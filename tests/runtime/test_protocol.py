"""The twin's HTTP/1.1 protocol, driven byte by byte through a recording transport."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import uvicorn
from uvicorn.server import ServerState

from twingen.runtime.serving.protocol import TwinHttp

from .conftest import make_app
from .test_faults import BOT

App = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


class Recorder:
    """A transport that keeps what is written instead of sending it."""

    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False
        self.reading = True

    def write(self, data: bytes) -> None:
        assert not self.closed, "written after close"
        self.writes.append(bytes(data))

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_extra_info(self, name: str) -> object:
        return ("127.0.0.1", 50000) if name == "peername" else ("127.0.0.1", 8000) if name == "sockname" else None

    def pause_reading(self) -> None:
        self.reading = False

    def resume_reading(self) -> None:
        self.reading = True

    @property
    def data(self) -> bytes:
        return b"".join(self.writes)


def connect(app: App, **options: Any) -> tuple[TwinHttp, Recorder, ServerState]:
    config = uvicorn.Config(app, lifespan="off", **{"log_level": "warning", **options})
    config.load()
    state = ServerState()
    protocol = TwinHttp(config=config, server_state=state, app_state={})
    transport = Recorder()
    protocol.connection_made(transport)  # type: ignore[arg-type]
    return protocol, transport, state


async def turns(n: int = 20) -> None:
    for _ in range(n):
        await asyncio.sleep(0)


def answer(status: int = 200, body: bytes = b"ok", headers: list[tuple[bytes, bytes]] | None = None) -> App:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await receive()
        given = [(b"content-length", str(len(body)).encode())] if headers is None else headers
        await send({"type": "http.response.start", "status": status, "headers": given})
        await send({"type": "http.response.body", "body": body})

    return app


def echo_app(seen: list[dict[str, Any]]) -> App:
    """Answers each request with its own body; keeps each scope and the body it read."""

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        message = await receive()
        seen.append({**scope, "body": message["body"]})
        body = message["body"] or scope["path"].encode()
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"%d" % len(body))]})
        await send({"type": "http.response.body", "body": body})

    return app


def split_answers(data: bytes) -> list[tuple[bytes, bytes]]:
    """(head, body) of each answer in a stream of content-length answers."""
    found = []
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        length = next(
            int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
        )
        found.append((head, rest[:length]))
        data = rest[length:]
    return found


def test_the_twin_answers_a_request_with_one_write() -> None:
    async def scenario() -> Recorder:
        protocol, transport, _ = connect(make_app("slack"))
        auth = BOT["Authorization"].encode()
        protocol.data_received(
            b"POST /api/auth.test HTTP/1.1\r\nhost: x\r\nauthorization: " + auth + b"\r\ncontent-length: 0\r\n\r\n"
        )
        await turns()
        return transport

    transport = asyncio.run(scenario())
    assert len(transport.writes) == 1
    head, _, body = transport.writes[0].partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK\r\n") and b'"ok":true' in body
    assert not transport.closed  # HTTP/1.1 keeps the connection


def test_the_scope_carries_path_query_headers_and_the_close_hook() -> None:
    seen: list[dict[str, Any]] = []

    async def scenario() -> None:
        protocol, transport, _ = connect(echo_app(seen), root_path="/root")
        protocol.data_received(b"GET /a%20b/c?x=1&y=%32 HTTP/1.1\r\nHost: h\r\nX-Two: 1\r\nx-two: 2\r\n\r\n")
        await turns()
        scope = seen[0]
        assert (scope["method"], scope["path"], scope["raw_path"]) == ("GET", "/root/a b/c", b"/root/a%20b/c")
        assert scope["query_string"] == b"x=1&y=%32"
        assert scope["headers"] == [(b"host", b"h"), (b"x-two", b"1"), (b"x-two", b"2")]
        assert (scope["scheme"], scope["client"], scope["http_version"]) == ("http", ("127.0.0.1", 50000), "1.1")
        scope["extensions"]["twin.close"]()
        assert transport.closed

    asyncio.run(scenario())


def test_pipelined_requests_are_answered_in_order_even_when_the_first_waits() -> None:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await receive()
        if scope["path"] == "/slow":
            await asyncio.sleep(0.01)
        body = scope["path"].encode()
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"%d" % len(body))]})
        await send({"type": "http.response.body", "body": body})

    async def scenario() -> Recorder:
        protocol, transport, _ = connect(app)
        protocol.data_received(b"GET /slow HTTP/1.1\r\n\r\nGET /fast HTTP/1.1\r\n\r\nGET /last HTTP/1.1\r\n\r\n")
        await asyncio.sleep(0.05)
        return transport

    transport = asyncio.run(scenario())
    assert [body for _, body in split_answers(transport.data)] == [b"/slow", b"/fast", b"/last"]


def test_a_flood_of_pipelined_requests_pauses_reading_until_the_queue_drains() -> None:
    async def scenario() -> tuple[bool, bool, int]:
        gate = asyncio.Event()

        async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
            await receive()
            await gate.wait()
            await send({"type": "http.response.start", "status": 204, "headers": []})
            await send({"type": "http.response.body", "body": b""})

        protocol, transport, _ = connect(app)
        protocol.data_received(b"GET / HTTP/1.1\r\n\r\n" * 40)
        paused = not transport.reading
        gate.set()
        await turns(200)
        return paused, transport.reading, transport.data.count(b"HTTP/1.1 204")

    paused, reading_again, answered = asyncio.run(scenario())
    assert paused and reading_again and answered == 40


def test_a_chunked_request_body_reaches_the_app_whole() -> None:
    seen: list[dict[str, Any]] = []

    async def scenario() -> Recorder:
        protocol, transport, _ = connect(echo_app(seen))
        protocol.data_received(b"POST /up HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n")
        protocol.data_received(b"6\r\n world\r\n0\r\n\r\n")
        await turns()
        return transport

    transport = asyncio.run(scenario())
    assert seen[0]["body"] == b"hello world"
    assert split_answers(transport.data)[0][1] == b"hello world"


def test_expect_100_continue_is_answered_before_the_body_comes() -> None:
    seen: list[dict[str, Any]] = []

    async def scenario() -> Recorder:
        protocol, transport, _ = connect(echo_app(seen))
        protocol.data_received(b"PUT /f HTTP/1.1\r\ncontent-length: 3\r\nexpect: 100-continue\r\n\r\n")
        assert transport.writes == [b"HTTP/1.1 100 Continue\r\n\r\n"]
        protocol.data_received(b"abc")
        await turns()
        return transport

    transport = asyncio.run(scenario())
    assert seen[0]["body"] == b"abc" and transport.writes[1].endswith(b"\r\n\r\nabc")


@pytest.mark.parametrize(
    ("request_head", "closes"),
    [
        (b"GET / HTTP/1.0\r\n\r\n", True),
        (b"GET / HTTP/1.0\r\nconnection: keep-alive\r\n\r\n", True),  # as uvicorn: 1.0 always closes
        (b"GET / HTTP/1.1\r\nconnection: close\r\n\r\n", True),
        (b"GET / HTTP/1.1\r\n\r\n", False),
    ],
)
def test_the_connection_closes_when_the_request_asks_for_it(request_head: bytes, closes: bool) -> None:
    async def scenario() -> Recorder:
        protocol, transport, _ = connect(answer())
        protocol.data_received(request_head)
        await turns()
        return transport

    transport = asyncio.run(scenario())
    assert transport.closed is closes
    assert (b"connection: close\r\n" in transport.data) is closes


def test_an_app_that_says_connection_close_closes_it() -> None:
    async def scenario() -> Recorder:
        protocol, transport, _ = connect(answer(headers=[(b"content-length", b"2"), (b"Connection", b"Close")]))
        protocol.data_received(b"GET / HTTP/1.1\r\n\r\n")
        await turns()
        return transport

    transport = asyncio.run(scenario())
    assert transport.closed and transport.data.count(b"onnection") == 1


def test_an_answer_without_a_length_is_chunked_and_head_gets_no_body() -> None:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"abc", "more_body": True})
        await send({"type": "http.response.body", "body": b"de"})

    async def scenario(method: bytes) -> bytes:
        protocol, transport, _ = connect(app)
        protocol.data_received(method + b" / HTTP/1.1\r\n\r\n")
        await turns()
        return transport.data

    got = asyncio.run(scenario(b"GET"))
    assert b"transfer-encoding: chunked\r\n" in got and got.endswith(b"\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
    head = asyncio.run(scenario(b"HEAD"))
    assert head.endswith(b"\r\n\r\n") and b"abc" not in head and b"chunked" not in head


def test_a_large_body_is_not_copied_onto_the_head() -> None:
    body = b"x" * 70_000

    async def scenario() -> Recorder:
        protocol, transport, _ = connect(answer(body=body))
        protocol.data_received(b"GET / HTTP/1.1\r\n\r\n")
        await turns()
        return transport

    transport = asyncio.run(scenario())
    assert len(transport.writes) == 2 and transport.writes[1] == body


def test_malformed_requests_get_a_400_and_the_connection_closes(caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> Recorder:
        protocol, transport, _ = connect(answer())
        protocol.data_received(b"GET / HTTP/1.1\r\nbad header line\r\n\r\n")
        await turns()
        return transport

    with caplog.at_level(logging.WARNING):
        transport = asyncio.run(scenario())
    assert transport.data.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert transport.data.endswith(b"\r\n\r\nInvalid HTTP request received.") and transport.closed


@pytest.mark.parametrize(
    "app_kind", ["raises", "returns without answering", "bad header value", "body longer than its length"]
)
def test_a_failing_app_gets_a_500_not_a_traceback_on_the_wire(app_kind: str, caplog: pytest.LogCaptureFixture) -> None:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if app_kind == "raises":
            raise ValueError("boom")
        if app_kind == "bad header value":
            await send({"type": "http.response.start", "status": 200, "headers": [(b"x-echo", b"a\r\nset-cookie: x")]})
        if app_kind == "body longer than its length":
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1")]})
            await send({"type": "http.response.body", "body": b"too long"})

    async def scenario() -> Recorder:
        protocol, transport, _ = connect(app)
        # after connect: uvicorn's logging config replaces the handlers of its loggers
        logging.getLogger("uvicorn.error").addHandler(caplog.handler)
        protocol.data_received(b"GET / HTTP/1.1\r\n\r\n")
        await turns()
        return transport

    try:
        transport = asyncio.run(scenario())
    finally:
        logging.getLogger("uvicorn.error").removeHandler(caplog.handler)
    assert transport.closed and b"boom" not in transport.data and b"set-cookie" not in transport.data
    if app_kind == "body longer than its length":  # the head was already promised: the connection just ends
        assert transport.data.startswith(b"HTTP/1.1 200 OK\r\n") and b"too long" not in transport.data
    else:
        assert transport.data.startswith(b"HTTP/1.1 500 Internal Server Error\r\n")
        assert transport.data.endswith(b"\r\n\r\nInternal Server Error")
    assert any("ASGI" in record.message for record in caplog.records)


def test_receive_reports_the_disconnect_of_a_client_that_gives_up() -> None:
    async def scenario() -> list[str]:
        got: list[str] = []

        async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
            got.append((await receive())["type"])
            got.append((await receive())["type"])  # waits: nothing more comes until the client leaves

        protocol, _, state = connect(app)
        protocol.data_received(b"GET / HTTP/1.1\r\n\r\n")
        await turns()
        assert got == ["http.request"] and len(state.tasks) == 1
        protocol.connection_lost(None)
        await turns()
        return got

    assert asyncio.run(scenario()) == ["http.request", "http.disconnect"]


def test_an_idle_connection_is_closed_after_the_keep_alive_timeout_and_a_request_resets_it() -> None:
    async def scenario() -> tuple[bool, bool]:
        protocol, transport, _ = connect(answer(), timeout_keep_alive=0.05)  # type: ignore[arg-type]
        protocol.data_received(b"GET / HTTP/1.1\r\n\r\n")
        await asyncio.sleep(0.03)
        protocol.data_received(b"GET / HTTP/1.1\r\n\r\n")
        await asyncio.sleep(0.03)
        open_after_second = not transport.closed
        await asyncio.sleep(0.05)
        return open_after_second, transport.closed

    open_after_second, closed_later = asyncio.run(scenario())
    assert open_after_second and closed_later


def test_shutdown_closes_an_idle_connection_now_and_a_busy_one_after_its_answer() -> None:
    async def scenario() -> tuple[bool, bool, bool]:
        gate = asyncio.Event()

        async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
            await gate.wait()
            await answer()(scope, receive, send)

        idle, idle_transport, _ = connect(app)
        idle.shutdown()
        busy, busy_transport, _ = connect(app)
        busy.data_received(b"GET / HTTP/1.1\r\n\r\n")
        await turns()
        busy.shutdown()
        open_while_busy = not busy_transport.closed
        gate.set()
        await turns()
        assert b"connection: close" in busy_transport.data
        return idle_transport.closed, open_while_busy, busy_transport.closed

    assert asyncio.run(scenario()) == (True, True, True)


def test_send_waits_while_the_client_reads_slowly() -> None:
    async def scenario() -> list[str]:
        events: list[str] = []

        async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
            events.append("sending body")
            await send({"type": "http.response.body", "body": b"ok"})
            events.append("sent")

        protocol, _, _ = connect(app)
        protocol.pause_writing()
        protocol.data_received(b"GET / HTTP/1.1\r\n\r\n")
        await turns()
        events.append("resumed")
        protocol.resume_writing()
        await turns()
        return events

    assert asyncio.run(scenario()) == ["resumed", "sending body", "sent"]


def test_access_log_lines_name_the_request_and_its_status(caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> None:
        protocol, _, _ = connect(answer(status=201), access_log=True, log_level="info")
        logging.getLogger("uvicorn.access").addHandler(caplog.handler)
        protocol.data_received(b"GET /items?page=2 HTTP/1.1\r\n\r\n")
        await turns()

    try:
        asyncio.run(scenario())
    finally:
        logging.getLogger("uvicorn.access").removeHandler(caplog.handler)
    assert [r.getMessage() for r in caplog.records] == ['127.0.0.1:50000 - "GET /items?page=2 HTTP/1.1" 201']
