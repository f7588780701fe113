"""One port for a whole universe (``twingen universe serve --one-port``): each twin under its name, and ``/_universe/``.

A reverse proxy in the universe's process: ``/NAME/REST`` goes to twin NAME's own loopback port as ``/REST``, with the
client's ``Host`` and ``X-Forwarded-Prefix: /NAME``, from which the twin's runtime builds every URL it writes into an
answer (``Link`` headers, ``_links``, ``self``, an upload's ``Location``, an issuer, a websocket URL), so they lead back
through this port. Bodies stream both ways (an upload is never held whole here); a websocket is relayed message by
message. ``GatewayServer`` runs it in a thread of its own, started before the universe is wired, so the wiring goes
through it too: the identity provider's issuer and keys, and the SCIM endpoints it pushes to, are the one-port URLs.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx
import orjson
import uvicorn

from .members import reachable

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
App = Callable[[Any, Any, Any], Awaitable[None]]

PLANE = "/_universe"
# hop-by-hop headers (RFC 9110 §7.6.1) and the proxy's own, never passed on
_HOP = frozenset(
    {b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization", b"te", b"trailer",
     b"transfer-encoding", b"upgrade", b"x-forwarded-prefix"}
)  # fmt: skip
# what the websocket client writes itself for its own handshake with the twin
_HANDSHAKE = frozenset({b"host", b"origin", b"user-agent", b"content-length"})


class Gateway:
    """The ASGI app: ``members`` maps each twin's name to its own base URL (``http://127.0.0.1:PORT``)."""

    def __init__(self, members: Mapping[str, str], plane: App) -> None:
        self.members = dict(members)
        self.plane = plane
        self.wired = False
        """Set once the universe is wired: until then ``/_universe/`` answers 503 (the twins are already reached
        here, as the wiring goes through them)."""
        self._client: httpx.AsyncClient | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        path = scope["path"]
        if path == PLANE or path.startswith(PLANE + "/"):
            if not self.wired and scope["type"] == "http":
                await _json(send, 503, {"error": "starting", "message": "the universe is being wired"})
                return
            await self.plane(scope, receive, send)
            return
        raw = (scope.get("raw_path") or path.encode()).decode("latin-1")
        name, _, rest = raw[1:].partition("/")
        target = self.members.get(name)
        if scope["type"] == "websocket":
            await (self._websocket(target, name, "/" + rest, scope, receive, send) if target else _refuse(send))
        elif target is None:
            known = ", ".join(f"/{n}/" for n in self.members)
            await _json(send, 404, {"error": "not_found", "message": f"no twin here: {known}, and {PLANE}/"})
        else:
            await self._http(target, name, "/" + rest, scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                # no timeout: a twin holding an answer (a fault) is the client's to wait out; proxies ignored
                self._client = httpx.AsyncClient(timeout=None, trust_env=False, follow_redirects=False)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self._client is not None:
                    await self._client.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _http(self, target: str, name: str, path: str, scope: Scope, receive: Receive, send: Send) -> None:
        assert self._client is not None, "served without lifespan"
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in _HOP]
        headers.append((b"x-forwarded-prefix", f"/{name}".encode()))
        query = scope.get("query_string", b"").decode("latin-1")
        url = target + path + (f"?{query}" if query else "")
        sized = any(k.lower() == b"content-length" for k, _ in headers)
        chunked = any(k.lower() == b"transfer-encoding" for k, _ in scope["headers"])
        content = _body(receive) if sized or chunked else None  # no body: none sent (not an empty chunked one)
        request = self._client.build_request(scope["method"], url, headers=headers, content=content)
        try:
            answer = await self._client.send(request, stream=True)
        except httpx.HTTPError as error:
            await _json(send, 502, {"error": "twin_unreachable", "message": f"twin {name}: {error!r}"})
            return
        try:
            kept = [(k, v) for k, v in answer.headers.raw if k.lower() not in _HOP]
            await send({"type": "http.response.start", "status": answer.status_code, "headers": kept})
            async for chunk in answer.aiter_raw():  # as the twin sent it: no decoding, no buffering
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b""})
        finally:
            await answer.aclose()

    async def _websocket(self, target: str, name: str, path: str, scope: Scope, receive: Receive, send: Send) -> None:
        from websockets.asyncio.client import connect
        from websockets.exceptions import ConnectionClosed, InvalidHandshake

        if (await receive())["type"] != "websocket.connect":
            return
        given = {k.lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = scope.get("query_string", b"").decode("latin-1")
        where = urlsplit(target)
        # the URI names the client's Host (what the twin builds its URLs from); the socket goes to the twin's port
        uri = f"ws://{given.get(b'host', where.netloc)}{path}" + (f"?{query}" if query else "")
        extra = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
        extra = [(k, v) for k, v in extra if k.lower().encode() not in _HOP | _HANDSHAKE and not _websocket_own(k)]
        extra.append(("x-forwarded-prefix", f"/{name}"))
        try:
            upstream = await connect(
                uri, host=where.hostname, port=where.port, additional_headers=extra, origin=given.get(b"origin"),
                subprotocols=scope.get("subprotocols") or None, user_agent_header=given.get(b"user-agent"),
                compression=None, proxy=None, max_size=None, ping_interval=None,
            )  # fmt: skip
        except (InvalidHandshake, OSError, TimeoutError):
            await _refuse(send)  # the twin refused the handshake (its 403), or is gone
            return

        async def to_client() -> None:
            with contextlib.suppress(ConnectionClosed):
                async for message in upstream:
                    kind = "text" if isinstance(message, str) else "bytes"
                    await send({"type": "websocket.send", kind: message})
            code = upstream.close_code if upstream.close_code not in (None, 1005, 1006) else 1000
            with contextlib.suppress(OSError, RuntimeError):  # the client is gone already
                await send({"type": "websocket.close", "code": code, "reason": upstream.close_reason or ""})

        async def to_twin() -> None:
            while True:
                message = await receive()
                if message["type"] == "websocket.disconnect":
                    code = message.get("code", 1000)
                    await upstream.close(code if code not in (1005, 1006) else 1000)
                    return
                data = message.get("text")
                with contextlib.suppress(ConnectionClosed):
                    await upstream.send(data if data is not None else message.get("bytes") or b"")

        async with upstream:
            await send({"type": "websocket.accept", "subprotocol": upstream.subprotocol})
            tasks = {asyncio.ensure_future(to_client()), asyncio.ensure_future(to_twin())}
            _, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)


def _websocket_own(name: str) -> bool:
    return name.lower().startswith("sec-websocket-")


async def _body(receive: Receive) -> AsyncIterator[bytes]:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        if message.get("body"):
            yield message["body"]
        if not message.get("more_body", False):
            return


async def _json(send: Send, status: int, answer: Any) -> None:
    body = orjson.dumps(answer)
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _refuse(send: Send) -> None:
    await send({"type": "websocket.close", "code": 1008})  # before accepting: the client gets HTTP 403


class GatewayServer:
    """uvicorn serving a ``Gateway`` on ``host:port`` (0: a free one) in a daemon thread; ``url`` is where."""

    def __init__(self, app: Gateway, host: str, port: int) -> None:
        self.app = app
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._socket = socket.socket(family)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self._socket.bind((host, port))
        except OSError:
            self._socket.close()
            raise
        self.port = int(self._socket.getsockname()[1])
        self.url = f"http://{reachable(host)}:{self.port}"  # reached over loopback, as members are
        # the twins' own Date and Server headers pass through; uvicorn adds none of its own
        config = uvicorn.Config(
            app, log_level="warning", lifespan="on", ws="websockets-sansio", server_header=False, date_header=False
        )
        self.server = uvicorn.Server(config)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="twin-universe-gateway", daemon=True)

    def _run(self) -> None:
        try:
            asyncio.run(self.server.serve(sockets=[self._socket]))
        except BaseException as error:  # reported by start(), which waits for this thread
            self.error = error

    def start(self, timeout: float = 15) -> None:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if self.error is not None or not self.thread.is_alive():
                raise RuntimeError(f"the universe's gateway did not start: {self.error!r}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the universe's gateway did not start within {timeout:g} s")
            time.sleep(0.005)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self._socket.close()
