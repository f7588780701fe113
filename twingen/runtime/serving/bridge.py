"""A private event loop in a daemon thread that runs ASGI requests for sync and async callers alike.

Sync code blocks on a future and async code awaits it, so a twin app called in-process always runs on
this one loop: its state is touched by one thread only, as under uvicorn, whichever threads or loops the
code under test uses, and a sync caller works even inside a thread whose own loop is running.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

Message = dict[str, Any]
ASGIApp = Callable[[dict[str, Any], Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Any]
Answer = tuple[int, list[tuple[bytes, bytes]], bytes]
"""(status, raw headers, body)"""


class Disconnected(ConnectionError):
    """The app closed the connection instead of answering (or in the middle of the body: ``partial``)."""

    def __init__(self, partial: bool = False) -> None:
        what = "in the middle of the response body" if partial else "without sending a response"
        super().__init__(f"the twin closed the connection {what}")
        self.partial = partial


class AppRunner:
    """Runs an ASGI app on a private event loop in a daemon thread, started on first use."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def _ensure_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is not None:
            return self._loop
        with self._start_lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name="twin-inprocess", daemon=True)
                thread.start()
                self._thread = thread
                self._loop = loop
        return self._loop

    def submit(self, coro: Coroutine[Any, Any, Answer]) -> Future[Answer]:
        return asyncio.run_coroutine_threadsafe(coro, self._ensure_loop())

    def call(self, scope: dict[str, Any], body: bytes, timeout: float | None = None) -> Answer:
        """Run one HTTP request through the app from any thread (even one whose own loop is running).

        Raises ``TimeoutError`` after ``timeout`` seconds (the request is cancelled, as a client closing
        its connection would) and ``Disconnected`` when the app drops the connection (a fault rule).
        """
        future = self.submit(self._exchange(scope, body))
        try:
            return future.result(timeout)
        except FutureTimeout:
            future.cancel()
            raise TimeoutError(f"no answer within {timeout} s") from None

    async def acall(self, scope: dict[str, Any], body: bytes, timeout: float | None = None) -> Answer:
        future = asyncio.wrap_future(self.submit(self._exchange(scope, body)))
        try:
            return await asyncio.wait_for(future, timeout)
        except asyncio.TimeoutError:  # an alias of TimeoutError from 3.11 on; 3.10 has its own class
            raise TimeoutError(f"no answer within {timeout} s") from None

    async def _exchange(self, scope: dict[str, Any], body: bytes) -> Answer:
        sent = closed = False
        status = 500
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []

        async def receive() -> Message:
            nonlocal sent
            if sent:
                # after the body a real connection stays open until the client leaves: wait to be cancelled
                await asyncio.Event().wait()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: Message) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = [(bytes(k), bytes(v)) for k, v in message.get("headers", ())]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        def close() -> None:
            nonlocal closed
            closed = True

        # ``twin.close``: the hook the twin's fault rules call to drop the connection (the server's is a
        # socket close); here the caller gets ``Disconnected``, which transports turn into their error
        scope = {**scope, "extensions": {**(scope.get("extensions") or {}), "twin.close": close}}
        await self.app(scope, receive, send)
        if closed:
            raise Disconnected(partial=bool(chunks))
        return status, headers, b"".join(chunks)

    def close(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()
        self._loop = self._thread = None


def plain_scope(method: str, path: str, headers: list[tuple[bytes, bytes]] | None = None) -> dict[str, Any]:
    """A minimal HTTP scope for a call without httpx (the control plane, from the test harness)."""
    target, _, query = path.partition("?")
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": target,
        "raw_path": target.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"twin.local"), *(headers or [])],
        "server": ("twin.local", 80),
        "client": ("127.0.0.1", 50000),
    }
