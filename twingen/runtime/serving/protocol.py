"""The twin's HTTP/1.1 protocol: the class uvicorn's ``http=`` runs for each connection.

uvicorn still owns the sockets, signals, lifespan and graceful shutdown; this replaces its per-request
machinery, which was most of the server's time beyond the twin's own work (chat.postMessage under wrk,
py-spy: uvicorn's request cycle and middleware ~25 % of samples, the twin ~10 %, the socket write ~30 %).
What it does differently, and why:

- The app runs once the whole request is in. Twins read whole bodies anyway, so there is no body
  event to wait on and no task parked on one; on Python 3.12+ the task starts eagerly and a request
  that never waits is answered before ``data_received`` returns.
- An answer's head waits for its first body part and both leave in one write: on loopback each write
  does the reader's work inside the writer's system call.
- Header names and values the app sends are checked, as uvicorn does, so no CR/LF from a request
  echoed into a header can split the answer.

Each request and its answer is an ``Exchange`` (``exchange.py``). Every request's scope carries
``extensions["twin.close"]``, which closes the connection (the drop and timeout faults use it). WebSocket
upgrades go to uvicorn's websocket protocol, as in uvicorn.

It plugs into uvicorn's protocol interface (``config``, ``server_state``, ``uvicorn.protocols.utils``),
which uvicorn does not promise to keep, so twingen and every twin pin uvicorn to the versions this was
tested with (``>=0.29,<0.56``). It stays while it pays: ``benchmarks/bench_runtime.py`` serves the same
twin on uvicorn's own protocol beside it (chat.postMessage 1.29x the requests per second, uvicorn 0.55).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import urllib.parse
from collections import deque
from typing import Any, cast

import httptools
from uvicorn.protocols.utils import get_local_addr, get_remote_addr, is_ssl

from .exchange import TEXT, DefaultHeaders, Exchange, status_line

log = logging.getLogger("uvicorn.error")
access_log = logging.getLogger("uvicorn.access")

_EAGER = sys.version_info >= (3, 12)
_MAX_QUEUED = 16  # pipelined requests read ahead of the one being answered, before reading pauses
_CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"


class TwinHttp(asyncio.Protocol):
    """One client connection: parses requests with httptools and answers them in order."""

    def __init__(
        self, config: Any, server_state: Any, app_state: dict[str, Any] | None = None, _loop: Any = None
    ) -> None:
        self.config = config
        self.app = config.loaded_app
        self.loop: asyncio.AbstractEventLoop = _loop or asyncio.get_event_loop()
        self.server_state = server_state
        self.app_state = app_state if app_state is not None else {}
        self.root_path: str = config.root_path
        self.parser = httptools.HttpRequestParser(self)
        with contextlib.suppress(AttributeError):  # httptools < 0.6.3
            self.parser.set_dangerous_leniencies(lenient_data_after_close=True)
        self.transport: asyncio.Transport = None  # type: ignore[assignment]
        self.scheme = "http"
        self.server: tuple[str, int | None] | None = None
        self.client: tuple[str, int] | None = None
        self.extensions: dict[str, Any] = {}
        self.queue: deque[Exchange] = deque()
        self.active: Exchange | None = None
        self.idle: asyncio.TimerHandle | None = None
        self.drained: asyncio.Future[None] | None = None
        self.paused = False
        self.upgrade = False
        self.stepping = False
        # the request being parsed
        self.url = b""
        self.headers: list[tuple[bytes, bytes]] = []
        self.reading: Exchange | None = None

    # -- asyncio.Protocol -----------------------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports quack like asyncio.Transport without deriving from it
        self.transport = transport = cast(asyncio.Transport, transport)
        self.server_state.connections.add(self)
        self.server = get_local_addr(transport)
        self.client = get_remote_addr(transport)
        self.scheme = "https" if is_ssl(transport) else "http"
        self.extensions = {"twin.close": transport.close}

    def connection_lost(self, exc: Exception | None) -> None:
        self.server_state.connections.discard(self)
        self._stop_idle()
        for exchange in (self.active, *self.queue):
            if exchange is not None and not exchange.complete:
                exchange.disconnected = True
                exchange.wake()
        self.queue.clear()
        self.resume_writing()

    def data_received(self, data: bytes) -> None:
        self._stop_idle()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            if self.upgrade:
                self._hand_to_websocket()
                return
            log.warning("Unsupported upgrade request.")
        except httptools.HttpParserError:
            self._refuse("Invalid HTTP request received.")
            return
        self._next()

    def eof_received(self) -> None:
        pass

    def pause_writing(self) -> None:
        if self.drained is None:
            self.drained = self.loop.create_future()

    def resume_writing(self) -> None:
        drained, self.drained = self.drained, None
        if drained is not None and not drained.done():
            drained.set_result(None)

    def shutdown(self) -> None:
        """uvicorn's graceful shutdown: close now when idle, else after the answer being written."""
        if self.active is None:
            self.transport.close()
        else:
            self.active.keep_alive = False
            self.queue.clear()

    # -- httptools callbacks --------------------------------------------------------------------------
    def on_message_begin(self) -> None:
        self.url = b""
        self.headers = []
        self.upgrade = False

    def on_url(self, url: bytes) -> None:
        self.url += url

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name.lower(), value))

    def on_headers_complete(self) -> None:
        parser = self.parser
        method = parser.get_method().decode("ascii")
        version = parser.get_http_version()
        if parser.should_upgrade() and self._wants_websocket():
            self.upgrade = True
            return
        url = httptools.parse_url(self.url)
        raw_path = url.path
        path = raw_path.decode("ascii")
        if "%" in path:
            path = urllib.parse.unquote(path)
        scope = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": version,
            "server": self.server,
            "client": self.client,
            "scheme": self.scheme,
            "method": method,
            "root_path": self.root_path,
            "path": self.root_path + path,
            "raw_path": self.root_path.encode("ascii") + raw_path,
            "query_string": url.query or b"",
            "headers": self.headers,
            "state": self.app_state.copy(),
            "extensions": self.extensions,
        }
        expect = any(n == b"expect" and v.lower() == b"100-continue" for n, v in self.headers)
        keep_alive = version != "1.0" and parser.should_keep_alive()
        self.reading = Exchange(self, scope, keep_alive, expect)
        if expect and self.active is None and not self.queue:
            self.transport.write(_CONTINUE)  # the client holds its body until told to go on
            self.reading.expect_continue = False

    def on_body(self, body: bytes) -> None:
        if self.reading is not None:
            self.reading.body.append(body)

    def on_message_complete(self) -> None:
        exchange, self.reading = self.reading, None
        if exchange is None:  # an upgrade: the websocket protocol takes the request over
            return
        self.queue.append(exchange)
        if len(self.queue) >= _MAX_QUEUED and not self.paused:
            self.paused = True
            self.transport.pause_reading()

    # -- answering ------------------------------------------------------------------------------------
    def _next(self) -> None:
        """Answer queued requests in order while each finishes without waiting."""
        if self.stepping:  # an eager task that finished at once: the loop below goes on by itself
            return
        self.stepping = True
        try:
            while self.active is None and self.queue and not self.transport.is_closing():
                self.active = exchange = self.queue.popleft()
                if self.paused and len(self.queue) < _MAX_QUEUED // 2:
                    self.paused = False
                    self.transport.resume_reading()
                if _EAGER:
                    task = asyncio.Task(self._run(exchange), loop=self.loop, eager_start=True)  # type: ignore[call-arg]
                    if not task.done():
                        self._track(task)
                else:
                    self._track(self.loop.create_task(self._run(exchange)))
        finally:
            self.stepping = False
        if self.active is not None or self.transport.is_closing():
            return
        if self.reading is not None and self.reading.expect_continue:
            self.reading.expect_continue = False
            self.transport.write(_CONTINUE)
        self._stop_idle()
        self.idle = self.loop.call_later(self.config.timeout_keep_alive, self._close_idle)

    def _track(self, task: asyncio.Task[None]) -> None:
        tasks = self.server_state.tasks
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    async def _run(self, exchange: Exchange) -> None:
        try:
            await self.app(exchange.scope, exchange.receive, exchange.send)
        except BaseException as error:
            log.error("Exception in ASGI application\n", exc_info=error)
            if not exchange.started and not exchange.disconnected:
                exchange.fail()
            else:
                exchange.flush_head()
                self.transport.close()
        else:
            if not exchange.started and not exchange.disconnected:
                log.error("ASGI callable returned without starting response.")
                exchange.fail()
            elif not exchange.complete and not exchange.disconnected:
                log.error("ASGI callable returned without completing response.")
                exchange.flush_head()
                self.transport.close()
        finally:
            self._done(exchange)

    def _done(self, exchange: Exchange) -> None:
        self.server_state.total_requests += 1
        if self.config.access_log and access_log.hasHandlers():
            scope = exchange.scope
            query = scope["query_string"]
            target = scope["path"] + ("?" + query.decode("latin-1") if query else "")
            client = "%s:%d" % self.client if self.client else "-"  # noqa: UP031 - uvicorn's format
            status, version = exchange.status, scope["http_version"]
            access_log.info('%s - "%s %s HTTP/%s" %d', client, scope["method"], target, version, status)
        if self.active is exchange:
            self.active = None
            self._next()

    def _refuse(self, message: str) -> None:
        """A request httptools cannot parse: 400 with a plain-text reason, and the connection closes."""
        log.warning(message)
        body = message.encode("ascii")
        head = [status_line(400), DefaultHeaders.of(self.server_state.default_headers), b"content-type: " + TEXT]
        head.append(b"\r\ncontent-length: %d\r\nconnection: close\r\n\r\n" % len(body))
        self.transport.write(b"".join(head) + body)
        self.transport.close()

    def _close_idle(self) -> None:
        self.idle = None
        if self.active is None and not self.transport.is_closing():
            self.transport.close()

    def _stop_idle(self) -> None:
        if self.idle is not None:
            self.idle.cancel()
            self.idle = None

    # -- websocket upgrade ----------------------------------------------------------------------------
    def _wants_websocket(self) -> bool:
        if self.config.ws_protocol_class is None:
            return False
        connection: list[bytes] = []
        upgrade = None
        for name, value in self.headers:
            if name == b"connection":
                connection = [token.lower().strip() for token in value.split(b",")]
            elif name == b"upgrade":
                upgrade = value.lower()
        return b"upgrade" in connection and upgrade == b"websocket"

    def _hand_to_websocket(self) -> None:
        self.server_state.connections.discard(self)
        method = self.parser.get_method()
        lines = [method, b" ", self.url, b" HTTP/1.1\r\n"]
        for name, value in self.headers:
            lines += (name, b": ", value, b"\r\n")
        lines.append(b"\r\n")
        protocol = self.config.ws_protocol_class(
            config=self.config, server_state=self.server_state, app_state=self.app_state
        )
        protocol.connection_made(self.transport)
        protocol.data_received(b"".join(lines))
        self.transport.set_protocol(protocol)
