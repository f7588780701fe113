"""Send a vendor SDK's requests to the twin inside its own test suite: URL prefix rewrites and token swaps.

Suites build clients with the vendor's default base URL (``https://slack.com/api/``) or hosts the SDK
hard-codes (``sheets.googleapis.com``); the suite driver names those prefixes and where they go on the twin.
The rewrite sits where each HTTP library sends a request (requests' ``HTTPAdapter.send``, urllib's
``OpenerDirector.open``, aiohttp's ``ClientSession._request``, httpx's transports), so whatever the SDK
builds on top reaches the twin. ``tokens`` swaps placeholder credentials a suite sends (``<ACCESS_TOKEN>``)
for the twin's seeded ones inside ``Authorization`` headers. Libraries that are not installed are left out.

Standard library only at import: it runs inside the vendor suite's interpreter.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Mapping, Sequence
from typing import Any

AUTHORIZATION = "Authorization"


class Rewriter:
    """The driver's URL prefixes and placeholder tokens, applied to one URL or header at a time."""

    def __init__(self, rewrites: Sequence[tuple[str, str]], tokens: Mapping[str, str]) -> None:
        self.rewrites = list(rewrites)
        self.tokens = dict(tokens)

    def url(self, url: str) -> str:
        for prefix, replacement in self.rewrites:
            if url.startswith(prefix):
                return replacement + url[len(prefix) :]
        return url

    def authorization(self, value: str) -> str:
        for placeholder, token in self.tokens.items():
            value = value.replace(placeholder, token)
        return value

    def headers(self, headers: Any) -> Any:
        """The headers as a new dict with the ``Authorization`` token swapped (as given when there is none)."""
        if not self.tokens or not hasattr(headers, "items"):
            return headers
        return {
            key: self.authorization(value) if str(key).lower() == "authorization" and isinstance(value, str) else value
            for key, value in headers.items()
        }


def _optional(module: str) -> Any:
    with contextlib.suppress(ImportError):
        return importlib.import_module(module)
    return None


def _patch_requests(rw: Rewriter) -> None:
    adapters = _optional("requests.adapters")
    if adapters is None:
        return
    original = adapters.HTTPAdapter.send

    def send(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        request.url = rw.url(request.url)
        if AUTHORIZATION in request.headers:
            request.headers[AUTHORIZATION] = rw.authorization(request.headers[AUTHORIZATION])
        return original(self, request, *args, **kwargs)

    adapters.HTTPAdapter.send = send


def _patch_urllib(rw: Rewriter) -> None:
    import urllib.request

    original = urllib.request.OpenerDirector.open

    def open_(self: Any, fullurl: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(fullurl, str):
            fullurl = rw.url(fullurl)
        else:
            fullurl.full_url = rw.url(fullurl.full_url)
            value = fullurl.get_header(AUTHORIZATION)
            if value is not None:
                fullurl.add_header(AUTHORIZATION, rw.authorization(value))
        return original(self, fullurl, *args, **kwargs)

    urllib.request.OpenerDirector.open = open_  # type: ignore[method-assign]


def _patch_aiohttp(rw: Rewriter) -> None:
    client = _optional("aiohttp.client")
    if client is None:
        return
    original = client.ClientSession._request

    async def request(self: Any, method: str, str_or_url: Any, **kwargs: Any) -> Any:
        if "headers" in kwargs:
            kwargs["headers"] = rw.headers(kwargs["headers"])
        return await original(self, method, rw.url(str(str_or_url)), **kwargs)

    client.ClientSession._request = request
    # aiodns (c-ares) would resolve outside the socket module, where the guard cannot see: use threads
    resolver, connector = _optional("aiohttp.resolver"), _optional("aiohttp.connector")
    if resolver is not None and connector is not None:
        resolver.DefaultResolver = connector.DefaultResolver = resolver.ThreadedResolver


def _patch_httpx(rw: Rewriter) -> None:
    httpx = _optional("httpx")
    if httpx is None:
        return

    def moved(request: Any) -> None:
        target = rw.url(str(request.url))
        if target != str(request.url):
            request.url = httpx.URL(target)
            request.headers["Host"] = request.url.netloc.decode("ascii")
        if AUTHORIZATION in request.headers:
            request.headers[AUTHORIZATION] = rw.authorization(request.headers[AUTHORIZATION])

    sync_original = httpx.HTTPTransport.handle_request
    async_original = httpx.AsyncHTTPTransport.handle_async_request

    def handle(self: Any, request: Any) -> Any:
        moved(request)
        return sync_original(self, request)

    async def handle_async(self: Any, request: Any) -> Any:
        moved(request)
        return await async_original(self, request)

    httpx.HTTPTransport.handle_request = handle
    httpx.AsyncHTTPTransport.handle_async_request = handle_async


def patch_clients(rewrites: Sequence[tuple[str, str]], tokens: Mapping[str, str]) -> Rewriter:
    """Rewrite in every installed HTTP library for the rest of this process; nothing to do without rewrites."""
    rw = Rewriter(rewrites, tokens)
    if rw.rewrites or rw.tokens:
        for patch in (_patch_requests, _patch_urllib, _patch_aiohttp, _patch_httpx):
            patch(rw)
    return rw
