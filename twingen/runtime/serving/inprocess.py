"""In-process mode for httpx clients: requests for the vendor's host go straight into the twin's ASGI app.

(The other HTTP stacks SDKs use, urllib, requests and httplib2, are routed by ``inprocess_stacks``.)

No socket is opened. ``httpx.ASGITransport`` (and respx's ASGI handler) serve async clients only, so every
call, sync or async, goes through ``bridge.AppRunner``: one private event loop in a daemon thread.

Only users who use httpx import this module (the rest of the runtime never does), so httpx is imported
at the top here and is not a dependency of the twin.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any
from urllib.parse import urlsplit

import httpx

from .bridge import Answer, AppRunner, ASGIApp, Disconnected


def request_scope(request: httpx.Request) -> dict[str, Any]:
    """The ASGI scope uvicorn would build for this request had it reached the vendor's host."""
    url = request.url
    raw_path, _, query = url.raw_path.partition(b"?")
    default_port = 443 if url.scheme == "https" else 80
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": request.method,
        "scheme": url.scheme,
        "path": url.path,
        "raw_path": raw_path,
        "query_string": query,
        "root_path": "",
        "headers": [(k.lower(), v) for k, v in request.headers.raw],
        "server": (url.host, url.port or default_port),
        "client": ("127.0.0.1", 50000),
    }


def _response(request: httpx.Request, answer: Answer) -> httpx.Response:
    status, headers, body = answer
    return httpx.Response(status, headers=headers, stream=httpx.ByteStream(body), request=request)


def _read_timeout(request: httpx.Request) -> float | None:
    read = (request.extensions.get("timeout") or {}).get("read")
    return float(read) if read is not None else None


def _transport_error(request: httpx.Request, error: Exception) -> httpx.TransportError:
    """What httpx raises when a real server does the same: a timeout or a closed connection."""
    if isinstance(error, TimeoutError):
        return httpx.ReadTimeout(str(error), request=request)
    if isinstance(error, Disconnected) and error.partial:
        message = "peer closed connection without sending complete message body"
        return httpx.RemoteProtocolError(message, request=request)
    return httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)


class TwinTransport(httpx.BaseTransport):
    """A sync httpx transport answering every request from the twin app: ``httpx.Client(transport=...)``."""

    def __init__(self, runner: AppRunner) -> None:
        self.runner = runner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        try:
            answer = self.runner.call(request_scope(request), body, _read_timeout(request))
        except (TimeoutError, ConnectionError) as error:  # a fault rule's timeout or dropped connection
            raise _transport_error(request, error) from error
        return _response(request, answer)


class AsyncTwinTransport(httpx.AsyncBaseTransport):
    """The async twin of ``TwinTransport``: ``httpx.AsyncClient(transport=...)``."""

    def __init__(self, runner: AppRunner) -> None:
        self.runner = runner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        try:
            answer = await self.runner.acall(request_scope(request), body, _read_timeout(request))
        except (TimeoutError, ConnectionError) as error:
            raise _transport_error(request, error) from error
        return _response(request, answer)


# -- patching httpx for the vendor's hosts ----------------------------------------------------------------

_routes: dict[str, AppRunner] = {}
_patch_depth = 0
_patch_lock = threading.Lock()
_original_sync = httpx.HTTPTransport.handle_request
_original_async = httpx.AsyncHTTPTransport.handle_async_request


def _routed_sync(self: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
    runner = _routes.get(request.url.host)
    if runner is None:
        return _original_sync(self, request)
    return TwinTransport(runner).handle_request(request)


async def _routed_async(self: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
    runner = _routes.get(request.url.host)
    if runner is None:
        return await _original_async(self, request)
    return await AsyncTwinTransport(runner).handle_async_request(request)


def origin_of(url: str) -> str:
    """``https://slack.com/api`` -> ``https://slack.com``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else url


def hosts_of(base_url: str) -> list[str]:
    """The host of a spec's ``base_url`` (``https://slack.com/api`` -> ``slack.com``), if it has one."""
    host = urlsplit(base_url).hostname
    return [host] if host else []


@contextmanager
def mock_hosts(runner: AppRunner, hosts: Iterable[str]) -> Iterator[None]:
    """Route httpx requests for ``hosts`` (every client using httpx's default transports) to the app.

    The patch sits on httpx's own transport classes, so clients created before the block are routed
    too; other hosts go out as usual. Blocks nest: an inner block's hosts win until it exits.
    """
    global _patch_depth
    names = list(hosts)
    if not names:
        raise ValueError("no vendor host to route: the spec has no base_url; name the hosts explicitly")
    with _patch_lock:
        previous = {name: _routes.get(name) for name in names}
        _routes.update(dict.fromkeys(names, runner))
        if _patch_depth == 0:
            httpx.HTTPTransport.handle_request = _routed_sync  # type: ignore[method-assign]
            httpx.AsyncHTTPTransport.handle_async_request = _routed_async  # type: ignore[method-assign]
        _patch_depth += 1
    try:
        yield
    finally:
        with _patch_lock:
            for name, before in previous.items():
                if before is None:
                    _routes.pop(name, None)
                else:
                    _routes[name] = before
            _patch_depth -= 1
            if _patch_depth == 0:
                httpx.HTTPTransport.handle_request = _original_sync  # type: ignore[method-assign]
                httpx.AsyncHTTPTransport.handle_async_request = _original_async  # type: ignore[method-assign]


class InProcessTwin:
    """A twin app served without a socket: transports and clients for it, and the vendor-host patch.

    ``base_url`` is the vendor's origin (``https://slack.com``), where the twin's paths and ``/_twin/``
    live; ``api_url`` is the spec's ``base_url`` (``https://slack.com/api``), what an SDK takes.
    """

    def __init__(self, app: ASGIApp, api_url: str = "") -> None:
        self.app = app
        self.api_url = api_url.rstrip("/") or "http://twin.local"
        self.base_url = origin_of(self.api_url)
        self.runner = AppRunner(app)

    def transport(self) -> TwinTransport:
        return TwinTransport(self.runner)

    def async_transport(self) -> AsyncTwinTransport:
        return AsyncTwinTransport(self.runner)

    def client(self, **kwargs: Any) -> httpx.Client:
        """A sync client for the twin; relative URLs resolve against the vendor's origin."""
        kwargs.setdefault("base_url", self.base_url)
        return httpx.Client(transport=self.transport(), **kwargs)

    def async_client(self, **kwargs: Any) -> httpx.AsyncClient:
        kwargs.setdefault("base_url", self.base_url)
        return httpx.AsyncClient(transport=self.async_transport(), **kwargs)

    def mock_vendor_hosts(self, *extra_hosts: str) -> AbstractContextManager[None]:
        """``with twin.mock_vendor_hosts(): ...``: requests to the vendor's host reach this twin, whether made
        with httpx, urllib, requests or httplib2 (``inprocess_stacks``; aiohttp ones are refused)."""
        from .inprocess_stacks import mock_vendor_stacks

        return mock_vendor_stacks(self.runner, [*hosts_of(self.api_url), *extra_hosts])

    def close(self) -> None:
        self.runner.close()
