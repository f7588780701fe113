"""WebSocket connections for behaviour: a ``@websocket(path)`` handler receives one ``Connection``.

```python
@websocket("/link/")
async def link(conn: Connection) -> None:
    if conn.query.get("ticket") != "ok":
        await conn.refuse()               # the client's handshake gets HTTP 403
        return
    await conn.send_json({"type": "hello"})  # the first send accepts the connection
    while (text := await conn.receive()) is not None:
        ...
```

A twin only accepts connections; it never opens one. The handshake is logged at ``/_twin/requests``
(operation ``websocket``, status 101 accepted or 403 refused/no handler). Requests without a credential
reach the tenant named by ``?twin_tenant=`` (as ``auth=False`` routes do), else the default tenant.

uvicorn imports its WebSocket protocol (``websockets``, which ``uvicorn[standard]`` brings) only when the
first upgrade arrives (``lazy_protocol``), so serving websockets costs a twin's start-up nothing.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import orjson

from .behaviour import TENANT_PARAM
from .clock import ID_ALPHABET
from .dispatch.requests import origin
from .state.records import State

if TYPE_CHECKING:
    from .dispatch.twin import Twin

log = logging.getLogger("twin")

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

OPERATION = "websocket"
"""The operation name WebSocket handshakes carry in the request log."""


class ConnectionClosed(Exception):
    """The peer went away (or the connection was closed): nothing more can be sent or received."""


class Connection:
    """One WebSocket connection as a handler sees it: request details, the tenant's state, send/receive."""

    def __init__(self, twin: Twin, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        self._twin = twin
        self._receive = receive
        self._send = send
        self._started = time.perf_counter()
        self.path: str = scope.get("path", "")
        self.query: dict[str, str] = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        self.headers: dict[str, str] = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        found = twin.tenants.find(self.query[TENANT_PARAM]) if TENANT_PARAM in self.query else None
        self.tenant: str = (found or twin.tenants.default).id
        self.base_url = origin(self.headers, scope, "ws")
        self.accepted = False
        self.closed = False

    # -- the twin -------------------------------------------------------------------------------
    @property
    def state(self) -> State:
        """This tenant's state now (a reset or restore replaces it, so read it afresh after awaiting)."""
        tenant = self._twin.tenants.find(self.tenant) or self._twin.tenants.default
        return tenant.state

    def now(self) -> float:
        return self._twin.clock.now()

    def new_id(self, prefix: str = "", length: int = 10, alphabet: str = ID_ALPHABET) -> str:
        return self._twin.ids.new_id(prefix, length, alphabet)

    def commit(self) -> None:
        """Write this connection's state changes through (``serve --state``), as a request's end does."""
        self._twin.tenants.commit()

    # -- the socket -----------------------------------------------------------------------------
    async def accept(self, headers: dict[str, str] | None = None) -> None:
        """Complete the handshake (``101 Switching Protocols``); sending does this by itself."""
        if self.accepted:
            return
        if self.closed:
            raise ConnectionClosed("refused")
        raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
        await self._send({"type": "websocket.accept", "headers": raw})
        self.accepted = True
        self._record(101)

    async def refuse(self) -> None:
        """Refuse the handshake: the client gets HTTP 403 and no connection."""
        if self.accepted or self.closed:
            return
        self.closed = True
        await self._send({"type": "websocket.close", "code": 1008})
        self._record(403)

    async def send_text(self, text: str) -> None:
        await self.accept()
        if self.closed:
            raise ConnectionClosed("closed")
        try:
            await self._send({"type": "websocket.send", "text": text})
        except (OSError, RuntimeError) as error:  # uvicorn: ClientDisconnected (an OSError) or a late send
            self.closed = True
            raise ConnectionClosed(str(error)) from None

    async def send_json(self, data: Any) -> None:
        await self.send_text(orjson.dumps(data).decode())

    async def receive(self) -> str | None:
        """The next text (or UTF-8 binary) message, or None once the peer has closed the connection."""
        await self.accept()
        while not self.closed:
            message = await self._receive()
            kind = message["type"]
            if kind == "websocket.disconnect":
                self.closed = True
                return None
            if kind == "websocket.receive":
                text = message.get("text")
                if text is None:
                    text = (message.get("bytes") or b"").decode("utf-8", "replace")
                return str(text)
        return None

    async def receive_json(self) -> Any:
        """The next message parsed as JSON (``ValueError`` if it is not JSON); None once closed."""
        text = await self.receive()
        return None if text is None else orjson.loads(text)

    async def close(self, code: int = 1000, reason: str = "") -> None:
        if self.closed:
            return
        if not self.accepted:
            await self.refuse()
            return
        self.closed = True
        with contextlib.suppress(OSError, RuntimeError):  # already gone
            await self._send({"type": "websocket.close", "code": code, "reason": reason})

    def _record(self, status: int) -> None:
        twin = self._twin
        elapsed = (time.perf_counter() - self._started) * 1000
        twin.requests.record(twin.clock.now(), OPERATION, "GET", self.path, status, elapsed, "", self.tenant)


async def serve(twin: Twin, scope: dict[str, Any], receive: Receive, send: Send) -> None:
    """Run the registered handler for a ``websocket`` ASGI scope (refused with 403 when there is none)."""
    first = await receive()
    if first["type"] != "websocket.connect":
        return
    conn = Connection(twin, scope, receive, send)
    handler = twin.registry.socket_handler(conn.path)
    if handler is None:
        await conn.refuse()
        return
    try:
        await handler(conn)
    except ConnectionClosed:
        pass
    except Exception:
        log.exception("websocket handler failed for %s", conn.path)
        await conn.close(1011, "internal error")
    finally:
        if not conn.closed:
            await conn.close()
        twin.tenants.commit()


def lazy_protocol(**kwargs: Any) -> Any:
    """uvicorn's ``ws=`` protocol, imported on the first upgrade rather than at start-up (~0.1 s).

    uvicorn's own choice (``ws="auto"``): the sans-I/O ``websockets`` protocol (uvicorn >= 0.35), else its
    older ``websockets`` protocol, else ``wsproto``.
    """
    try:
        from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol as Protocol
    except ImportError:  # pragma: no cover - uvicorn < 0.35
        from uvicorn.protocols.websockets.auto import AutoWebSocketsProtocol as Protocol  # type: ignore[assignment]
    return Protocol(**kwargs)


__all__ = ["Connection", "ConnectionClosed", "lazy_protocol", "serve"]
