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
- Limits (``limits.py``, the app's ``limits``): a body over ``max_body`` is refused from its
  ``Content-Length`` before it is read (a chunked one as it comes), a head over ``max_head`` even while it is
  still coming, a head or request slower than its timeout, and a connection that sends nothing is closed after
  the keep-alive timeout from its first moment. A refused or malformed request is answered after every complete
  request before it, in the vendor's envelope (the app's ``refusal``; plain text for an app without one), and the
  connection then closes: the twin stops writing, drops what still comes for a moment so the client reads the
  answer instead of a reset, and closes.

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
from .limits import DEFAULT_LIMITS, HttpLimits

log = logging.getLogger("uvicorn.error")
access_log = logging.getLogger("uvicorn.access")

_EAGER = sys.version_info >= (3, 12)
_MAX_QUEUED = 16  # pipelined requests read ahead of the one being answered, before reading pauses
_CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
_LINGER = 2.0  # seconds a refused connection drops what still comes before it closes
_MALFORMED = "Invalid HTTP request received."


class Refused(Exception):
    """A request the HTTP layer answers itself, with ``status``; raised in a parser callback."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


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
        app = _twin_app(self.app)
        self.limits: HttpLimits = getattr(app, "limits", DEFAULT_LIMITS)
        self.render: Any = getattr(app, "refusal", None)
        self.refused: tuple[int, str] | None = None  # a refusal to answer once the requests before it are
        self.ended = False  # it was answered: the connection is closing
        self.chunk = 0  # the size of the data being parsed
        # the request being parsed
        self.url = b""
        self.headers: list[tuple[bytes, bytes]] = []
        self.reading: Exchange | None = None
        self.begun = 0.0  # when it was first seen unfinished (0: none under way; -1: not yet timed)
        self.spans = False  # its head goes on past the data it began in
        self.head_bytes = 0  # the data after that, while its head is still coming
        self.body_bytes = 0

    # -- asyncio.Protocol -----------------------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports quack like asyncio.Transport without deriving from it
        self.transport = transport = cast(asyncio.Transport, transport)
        self.server_state.connections.add(self)
        self.server = get_local_addr(transport)
        self.client = get_remote_addr(transport)
        self.scheme = "https" if is_ssl(transport) else "http"
        self.extensions = {"twin.close": transport.close}
        self.idle = self.loop.call_later(self.config.timeout_keep_alive, self._time_out)

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
        if self.refused is not None:
            return  # the connection ends after the refusal: what still comes is dropped unread
        self._stop_idle()
        self.chunk = len(data)
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            if self.upgrade:
                self._hand_to_websocket()
                return
            log.warning("Unsupported upgrade request.")
        except httptools.HttpParserCallbackError as error:
            cause = error.__context__
            if isinstance(cause, Refused):
                self._refuse(cause.status, str(cause))
            else:  # a path that is not ASCII, a URL httptools cannot split
                self._refuse(400, _MALFORMED)
            return
        except httptools.HttpParserError:
            self._refuse(400, _MALFORMED)
            return
        if self.begun:  # a request goes on past this data
            if self.begun < 0:  # timed from here: a request that comes whole is never timed at all
                self.begun = self.loop.time()
            if self.reading is None:  # its head is still coming
                if self.spans:
                    self.head_bytes += len(data)
                    if self.head_bytes > self.limits.max_head:
                        self._refuse(431, self._head_too_large())
                        return
                else:
                    self.spans = True
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
        self.begun = -1.0
        self.spans = False
        self.head_bytes = 0

    def on_url(self, url: bytes) -> None:
        self.url += url

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name.lower(), value))

    def on_headers_complete(self) -> None:
        limits = self.limits
        if self.spans or self.chunk > limits.max_head:  # else the head is smaller than the data it came in
            size = len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)
            if size > limits.max_head:
                raise Refused(431, self._head_too_large())
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
        expect = False
        for name, value in self.headers:
            if name == b"content-length":
                if int(value) > limits.max_body:
                    raise Refused(413, self._body_too_large())
            elif name == b"expect":
                expect = value.lower() == b"100-continue"
        self.body_bytes = 0
        keep_alive = version != "1.0" and parser.should_keep_alive()
        self.reading = Exchange(self, scope, keep_alive, expect)
        if expect and self.active is None and not self.queue:
            self.transport.write(_CONTINUE)  # the client holds its body until told to go on
            self.reading.expect_continue = False

    def on_body(self, body: bytes) -> None:
        if self.reading is not None:
            self.body_bytes += len(body)
            if self.body_bytes > self.limits.max_body:  # a chunked body: its length is known as it comes
                raise Refused(413, self._body_too_large())
            self.reading.body.append(body)

    def on_message_complete(self) -> None:
        self.begun = 0.0
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
        if self.refused is not None:
            if not self.ended:
                self._answer_refusal(*self.refused)
            return
        if self.reading is not None and self.reading.expect_continue:
            self.reading.expect_continue = False
            self.transport.write(_CONTINUE)
        self._stop_idle()
        if self.begun:  # a request under way: its head, then all of it, must come in time
            timeout = self.limits.head_timeout if self.reading is None else self.limits.request_timeout
            self.idle = self.loop.call_at(self.begun + timeout, self._time_out)
        else:
            self.idle = self.loop.call_later(self.config.timeout_keep_alive, self._time_out)

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

    def _refuse(self, status: int, message: str) -> None:
        """Stop reading requests: answer the complete ones before this one, then ``status``, then close."""
        log.warning(message)
        self.refused = (status, message)
        self.reading = None
        self.begun = 0.0
        self._stop_idle()
        self._next()

    def _answer_refusal(self, status: int, message: str) -> None:
        """The refusal in the vendor's envelope (plain text for an app without one); then the connection ends."""
        self.ended = True
        headers: dict[str, str] = {}
        body, media_type = message.encode(), TEXT.decode()
        if self.render is not None:
            try:
                status, body, headers, media_type = self.render(status, message)
            except Exception:  # a profile that cannot word it: the plain answer still goes out
                log.exception("the vendor profile could not render a %d refusal", status)
        head = [status_line(status), DefaultHeaders.of(self.server_state.default_headers)]
        head += [f"{name}: {value}\r\n".encode("latin-1") for name, value in headers.items()]
        head.append(b"content-type: %b\r\ncontent-length: %d\r\n" % (media_type.encode("latin-1"), len(body)))
        self.transport.write(b"".join(head) + b"connection: close\r\n\r\n" + body)
        can_write_eof = getattr(self.transport, "can_write_eof", None)  # transports that quack may lack it
        if can_write_eof is None or not can_write_eof():  # TLS: no half-close
            self.transport.close()
            return
        # closing with unread data in the socket would reset the connection, and a client still sending its body
        # could lose the answer: say we are done, drop what still comes, and close when the client does (or soon)
        self.transport.write_eof()
        self.idle = self.loop.call_later(_LINGER, self.transport.close)

    def _head_too_large(self) -> str:
        return f"The request head is larger than the {self.limits.max_head} bytes this twin accepts."

    def _body_too_large(self) -> str:
        return (
            f"The request body is larger than the {self.limits.max_body} bytes this twin accepts "
            "(serve --max-body sets the limit, up to the vendor's own)."
        )

    def _time_out(self) -> None:
        """A request that did not come in time gets 408; a connection with none under way just closes."""
        self.idle = None
        if self.active is not None or self.transport.is_closing() or self.refused is not None:
            return
        if not self.begun:
            self.transport.close()
        elif self.reading is None:
            self._refuse(408, f"The request head did not arrive within {self.limits.head_timeout:g} s.")
        else:
            self._refuse(408, f"The request did not arrive within {self.limits.request_timeout:g} s.")

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


def _twin_app(app: Any) -> Any:
    """The twin's app inside uvicorn's middleware (``ProxyHeadersMiddleware`` and the like), or None."""
    for _ in range(8):
        if hasattr(app, "limits"):
            return app
        app = getattr(app, "app", None)
    return None
