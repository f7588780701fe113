"""One request on a connection of the twin's HTTP/1.1 protocol (``protocol.py``) and the state of its answer.

``Exchange.receive``/``send`` are the ASGI pair the app gets. The answer's head is held until its first body
part so both leave in one write; header names and values are checked, as uvicorn does, so no CR/LF from a
request echoed into a header can split the answer.
"""

from __future__ import annotations

import asyncio
import http
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .protocol import TwinHttp

_BAD_NAME = re.compile(rb"[^!#$%&'*+\-.^_`|~0-9a-zA-Z]")
_BAD_VALUE = re.compile(rb"[\x00\r\n]")
TEXT = b"text/plain; charset=utf-8"
_status_lines: dict[int, bytes] = {}


def status_line(status: int) -> bytes:
    """``HTTP/1.1 200 OK\r\n``, made once per status."""
    line = _status_lines.get(status)
    if line is None:
        try:
            phrase = http.HTTPStatus(status).phrase.encode()
        except ValueError:
            phrase = b""
        line = _status_lines[status] = b"HTTP/1.1 %d %s\r\n" % (status, phrase)
    return line


class DefaultHeaders:
    """uvicorn's default headers (``date``, ``server``) as bytes, re-joined only when uvicorn renews them."""

    source: list[tuple[bytes, bytes]] | None = None
    block = b""

    @classmethod
    def of(cls, headers: list[tuple[bytes, bytes]]) -> bytes:
        if headers is not cls.source:  # uvicorn makes a new list each second, with the new date
            cls.block = b"".join(name + b": " + value + b"\r\n" for name, value in headers)
            cls.source = headers
        return cls.block


class Exchange:
    """One request on a connection and the state of its answer; ``receive``/``send`` are its ASGI pair."""

    __slots__ = (
        "body",
        "chunked",
        "complete",
        "conn",
        "disconnected",
        "expect_continue",
        "head",
        "keep_alive",
        "read",
        "remaining",
        "scope",
        "started",
        "status",
        "waiter",
    )

    def __init__(self, conn: TwinHttp, scope: dict[str, Any], keep_alive: bool, expect_continue: bool) -> None:
        self.conn = conn
        self.scope = scope
        self.keep_alive = keep_alive
        self.expect_continue = expect_continue
        self.body: list[bytes] = []
        self.read = False
        self.started = False
        self.status = 0
        self.complete = False
        self.disconnected = False
        self.chunked = False
        self.remaining = 0
        self.head: bytes | None = None
        self.waiter: asyncio.Future[None] | None = None

    async def receive(self) -> dict[str, Any]:
        if not self.read:
            self.read = True
            body = self.body[0] if len(self.body) == 1 else b"".join(self.body)
            self.body = []
            return {"type": "http.request", "body": body, "more_body": False}
        if not (self.disconnected or self.complete):
            self.waiter = self.conn.loop.create_future()
            await self.waiter  # woken when the client goes away or the answer is complete
        return {"type": "http.disconnect"}

    async def send(self, message: dict[str, Any]) -> None:
        conn = self.conn
        if conn.drained is not None and not self.disconnected:
            await asyncio.shield(conn.drained)
        if self.disconnected:
            return
        kind = message["type"]
        if not self.started:
            if kind != "http.response.start":
                raise RuntimeError(f"Expected ASGI message 'http.response.start', but got {kind!r}.")
            self.head = self._head(message["status"], message.get("headers") or ())
            self.started = True  # after the head is made: a bad header still gets the 500
        elif not self.complete:
            if kind != "http.response.body":
                raise RuntimeError(f"Expected ASGI message 'http.response.body', but got {kind!r}.")
            self._body(message.get("body", b""), message.get("more_body", False))
        else:
            raise RuntimeError(f"Unexpected ASGI message {kind!r} sent, after response already completed.")

    def _head(self, status: int, headers: Any) -> bytes:
        self.status = status
        parts = [status_line(status), DefaultHeaders.of(self.conn.server_state.default_headers)]
        length: int | None = None
        close = False
        for name, value in headers:
            if _BAD_NAME.search(name):
                raise RuntimeError("Invalid HTTP header name.")
            if _BAD_VALUE.search(value):
                raise RuntimeError("Invalid HTTP header value.")
            name = name.lower()
            if name == b"content-length" and length is None and not self.chunked:
                length = int(value)
            elif name == b"transfer-encoding" and value.lower() == b"chunked":
                self.chunked = True
            elif name == b"connection" and b"close" in [token.strip() for token in value.lower().split(b",")]:
                close = True
            parts += (name, b": ", value, b"\r\n")
        if close:
            self.keep_alive = False
        elif not self.keep_alive:
            parts.append(b"connection: close\r\n")
        method = self.scope["method"]
        if length is not None and not self.chunked:
            self.remaining = length
        elif not self.chunked and method != "HEAD" and status not in (204, 304):
            self.chunked = True  # neither length nor chunking given: chunk it, so the reader knows the end
            parts.append(b"transfer-encoding: chunked\r\n")
        if method == "HEAD":
            self.remaining = 0
        parts.append(b"\r\n")
        return b"".join(parts)

    def _body(self, body: bytes, more: bool) -> None:
        if self.scope["method"] == "HEAD":
            body = b""
        elif self.chunked:
            body = (b"%x\r\n%b\r\n" % (len(body), body) if body else b"") + (b"" if more else b"0\r\n\r\n")
        elif len(body) > self.remaining:
            raise RuntimeError("Response content longer than Content-Length")
        else:
            self.remaining -= len(body)
        head, self.head = self.head, None
        transport = self.conn.transport
        if head is not None:
            if len(body) <= 65536:
                body = head + body
            else:  # one more write costs less than copying a large body onto the head
                transport.write(head)
        if body:
            transport.write(body)
        if not more:
            if self.remaining and not self.chunked and self.scope["method"] != "HEAD":
                raise RuntimeError("Response content shorter than Content-Length")
            self.complete = True
            self.wake()
            if not self.keep_alive:
                transport.close()

    def fail(self) -> None:
        """Answer 500 and close: the app failed before its answer started."""
        self.keep_alive = False
        body = b"Internal Server Error"
        self.head = self._head(500, [(b"content-type", TEXT), (b"content-length", b"%d" % len(body))])
        self.started = True
        self._body(body, False)

    def flush_head(self) -> None:
        """Write a head that is still held (the app stopped before its body)."""
        head, self.head = self.head, None
        if head is not None and not self.conn.transport.is_closing():
            self.conn.transport.write(head)

    def wake(self) -> None:
        waiter, self.waiter = self.waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_result(None)
