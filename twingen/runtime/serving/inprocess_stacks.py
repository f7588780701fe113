"""In-process mode for the HTTP stacks vendor SDKs use besides httpx: urllib, requests, httplib2 (and aiohttp,
which is refused).

slack_sdk's ``WebClient`` speaks urllib, google-api-python-client httplib2, jira and gspread requests. While
``mock_stacks`` is active, a request any of them makes to one of the twin's vendor hosts is answered by the twin's
ASGI app through ``bridge.AppRunner`` (as the httpx transports do), and the stack parses the twin's exact status
line, headers and body with its own code (a real ``http.client.HTTPResponse`` is built from them), so redirects,
cookies, decompression and error statuses behave as they would over a socket. Each stack is patched at the
place where it would open a connection, so no socket is made; requests to other hosts go on to that place
unchanged (where, under the pytest plugin, the network guard refuses them).

aiohttp (slack_sdk's ``AsyncWebClient``, okta) is not covered: its response object cannot be faked faithfully
here. A request it makes to a vendor host raises ``InProcessNotCovered`` (before any socket) telling the user to
serve the twin on loopback (the ``twin`` fixture) instead.

Only the stacks that can be imported are patched; none of them is a dependency of the twin.
"""

from __future__ import annotations

import http.client
import importlib.util
import io
import threading
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from http import HTTPStatus
from typing import Any
from urllib.parse import unquote, urlsplit

from .bridge import Answer, AppRunner, Disconnected

STACKS = ("urllib", "requests", "httplib2", "aiohttp")
"""The stacks this module knows, besides httpx (``inprocess.py``)."""


class InProcessNotCovered(RuntimeError):
    """An SDK's HTTP stack that in-process mode cannot serve tried to reach the twin's vendor host."""


def not_covered(stack: str, url: str) -> InProcessNotCovered:
    return InProcessNotCovered(
        f"{stack} is not covered by the twin's in-process mode (a request to {url}): serve the twin on loopback "
        f"instead (the pytest fixture `twin` rather than `twin_inprocess`, no --twin-inprocess) and give the "
        f"SDK the handle's `api_url`"
    )


# -- one request through the app ------------------------------------------------------------------------


def url_scope(method: str, url: str, headers: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """The ASGI scope uvicorn would build for ``method url`` with these headers, had it reached the vendor."""
    parts = urlsplit(url)
    raw_path = (parts.path or "/").encode("latin-1")
    default_port = 443 if parts.scheme == "https" else 80
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method.upper(),
        "scheme": parts.scheme,
        "path": unquote(parts.path or "/"),
        "raw_path": raw_path,
        "query_string": parts.query.encode("latin-1"),
        "root_path": "",
        "headers": [(k.lower().encode("latin-1"), str(v).encode("latin-1")) for k, v in headers],
        "server": (parts.hostname or "", parts.port or default_port),
        "client": ("127.0.0.1", 50000),
    }


def with_wire_headers(headers: Iterable[tuple[str, str]], url: str, body: bytes) -> list[tuple[str, str]]:
    """The headers as ``http.client`` puts them on the wire: ``Host`` and ``Content-Length`` added when missing."""
    found = list(headers)
    names = {k.lower() for k, _ in found}
    if "host" not in names:
        found.insert(0, ("Host", urlsplit(url).netloc))
    if body and "content-length" not in names and "transfer-encoding" not in names:
        found.append(("Content-Length", str(len(body))))
    return found


class _ReadOnlySocket:
    """What ``http.client.HTTPResponse`` reads from: the answer's bytes, as if from a socket."""

    def __init__(self, data: bytes) -> None:
        self._file = io.BytesIO(data)

    def makefile(self, *args: Any, **kwargs: Any) -> io.BytesIO:
        return self._file


def http_response(answer: Answer, method: str) -> http.client.HTTPResponse:
    """The twin's answer as the ``http.client.HTTPResponse`` a socket carrying it would give, its head parsed."""
    status, headers, body = answer
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = ""
    head = [f"HTTP/1.1 {status} {reason}".encode("latin-1")]
    head += [name + b": " + value for name, value in headers]
    names = {name.lower() for name, _ in headers}
    if b"content-length" not in names and b"transfer-encoding" not in names:
        head.append(
            b"content-length: %d" % len(body)
        )  # the body is whole: its length, as a server framing it would say
    raw = b"\r\n".join(head) + b"\r\n\r\n" + body
    response = http.client.HTTPResponse(_ReadOnlySocket(raw), method=method.upper())  # type: ignore[arg-type]
    response.begin()
    return response


def dropped(error: Disconnected) -> http.client.HTTPException:
    """What ``http.client`` raises when a server drops the connection as the twin did (a fault rule)."""
    if error.partial:
        return http.client.IncompleteRead(b"")
    return http.client.RemoteDisconnected("Remote end closed connection without response")


def seconds(timeout: object) -> float | None:
    """A timeout a stack carries (a number, or ``socket._GLOBAL_DEFAULT_TIMEOUT``/None for none)."""
    return float(timeout) if isinstance(timeout, (int, float)) and not isinstance(timeout, bool) else None


# -- the routes ------------------------------------------------------------------------------------------

_routes: dict[str, AppRunner] = {}
_lock = threading.Lock()
_depth = 0
_undo: list[Callable[[], None]] = []


def route(url: str) -> AppRunner | None:
    """The app that answers ``url`` now, if its host is routed."""
    host = urlsplit(url).hostname
    return _routes.get(host) if host else None


def _patch(owner: Any, name: str, replacement: Callable[..., Any]) -> None:
    original = owner.__dict__[name]
    setattr(owner, name, replacement)
    _undo.append(lambda: setattr(owner, name, original))


def importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


# -- urllib -----------------------------------------------------------------------------------------------


def _urllib_open(req: urllib.request.Request, method: str) -> http.client.HTTPResponse:
    """What ``AbstractHTTPHandler.do_open`` returns for ``req``, from the twin instead of a connection."""
    url = req.full_url
    runner = route(url)
    assert runner is not None
    body = _request_body(req.data)
    headers = dict(req.unredirected_hdrs)
    headers.update({k: v for k, v in req.headers.items() if k not in headers})
    headers["Connection"] = "close"
    headers.pop("Proxy-Authorization", None)
    wire = with_wire_headers(((k.title(), v) for k, v in headers.items()), url, body)
    try:
        answer = runner.call(url_scope(method, url, wire), body, seconds(getattr(req, "timeout", None)))
    except TimeoutError:
        raise TimeoutError("timed out") from None  # socket.timeout, as a read on the connection raises
    except Disconnected as error:
        raise dropped(error) from error
    response = http_response(answer, method)
    response.url = url  # as do_open sets them
    response.msg = response.reason  # type: ignore[assignment]
    return response


def _patch_urllib() -> None:
    for handler, name in ((urllib.request.HTTPHandler, "http_open"), (urllib.request.HTTPSHandler, "https_open")):
        original = handler.__dict__[name]

        def opened(self: Any, req: urllib.request.Request, _original: Any = original) -> Any:
            if route(req.full_url) is None:
                return _original(self, req)
            return _urllib_open(req, req.get_method())

        _patch(handler, name, opened)


# -- requests ---------------------------------------------------------------------------------------------


def _request_body(body: object) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if hasattr(body, "read"):
        data = body.read()
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return b"".join(c.encode("utf-8") if isinstance(c, str) else bytes(c) for c in body)  # type: ignore[attr-defined]


def _patch_requests() -> None:
    import requests.adapters
    import requests.exceptions
    import urllib3

    original = requests.adapters.HTTPAdapter.__dict__["send"]

    def send(self: Any, request: Any, stream: bool = False, timeout: Any = None, *args: Any, **kwargs: Any) -> Any:
        runner = route(request.url)
        if runner is None:
            return original(self, request, stream, timeout, *args, **kwargs)
        body = _request_body(request.body)
        wire = with_wire_headers(request.headers.items(), request.url, body)
        read = timeout[1] if isinstance(timeout, tuple) else getattr(timeout, "read_timeout", timeout)
        try:
            answer = runner.call(url_scope(request.method, request.url, wire), body, seconds(read))
        except TimeoutError as error:
            raise requests.exceptions.ReadTimeout(f"Read timed out. (read timeout={read})", request=request) from error
        except Disconnected as error:
            cause = urllib3.exceptions.ProtocolError("Connection aborted.", dropped(error))
            raise requests.exceptions.ConnectionError(cause, request=request) from error
        original_response = http_response(answer, request.method)
        raw = urllib3.HTTPResponse(  # as urllib3's connection builds it from http.client's response
            body=original_response,
            headers=urllib3.HTTPHeaderDict([(k.decode("latin-1"), v.decode("latin-1")) for k, v in answer[1]]),
            status=original_response.status,
            version=original_response.version,
            reason=original_response.reason,
            preload_content=False,
            decode_content=False,
            original_response=original_response,
            request_method=request.method,
            request_url=request.url,
        )
        return self.build_response(request, raw)  # ``Session.send`` reads the body unless ``stream``

    _patch(requests.adapters.HTTPAdapter, "send", send)


# -- httplib2 ---------------------------------------------------------------------------------------------


def _patch_httplib2() -> None:
    import httplib2

    original = httplib2.Http.__dict__["_conn_request"]

    def conn_request(self: Any, conn: Any, request_uri: str, method: str, body: Any, headers: Any) -> Any:
        scheme = "https" if isinstance(conn, http.client.HTTPSConnection) else "http"
        default_port = 443 if scheme == "https" else 80
        netloc = conn.host if conn.port in (None, default_port) else f"{conn.host}:{conn.port}"
        url = f"{scheme}://{netloc}{request_uri}"
        runner = route(url)
        if runner is None:
            return original(self, conn, request_uri, method, body, headers)
        data = _request_body(body)
        wire = with_wire_headers(((k, v) for k, v in (headers or {}).items()), url, data)
        try:
            answer = runner.call(url_scope(method, url, wire), data, seconds(conn.timeout))
        except TimeoutError:
            raise TimeoutError("timed out") from None
        except Disconnected as error:
            raise dropped(error) from error
        response = http_response(answer, method)
        content = b"" if method == "HEAD" else response.read()
        found = httplib2.Response(response)
        if method != "HEAD":  # what ``_conn_request`` does with a connection's answer
            content = httplib2._decompressContent(found, content, self.limit_kwargs)
        return found, content

    _patch(httplib2.Http, "_conn_request", conn_request)


# -- aiohttp: refused -------------------------------------------------------------------------------------


def _patch_aiohttp() -> None:
    import aiohttp

    original = aiohttp.ClientSession.__dict__["_request"]

    async def request(self: Any, method: str, str_or_url: Any, *args: Any, **kwargs: Any) -> Any:
        build = getattr(self, "_build_url", None)
        url = str(build(str_or_url) if build is not None else str_or_url)
        if route(url) is not None:
            raise not_covered("aiohttp", url)
        return await original(self, method, str_or_url, *args, **kwargs)

    _patch(aiohttp.ClientSession, "_request", request)


_PATCHES: dict[str, Callable[[], None]] = {
    "urllib": _patch_urllib,
    "requests": _patch_requests,
    "httplib2": _patch_httplib2,
    "aiohttp": _patch_aiohttp,
}


def patched_stacks() -> list[str]:
    """The stacks routed now (those importable in this process), aiohttp included (it refuses)."""
    return [name for name in STACKS if name == "urllib" or importable(name)]


@contextmanager
def mock_stacks(runner: AppRunner, hosts: Iterable[str]) -> Iterator[None]:
    """Route urllib, requests and httplib2 requests for ``hosts`` to the app; aiohttp ones raise
    ``InProcessNotCovered``. Blocks nest: an inner block's hosts win until it exits."""
    global _depth
    names = list(hosts)
    if not names:
        raise ValueError("no vendor host to route: the spec has no base_url; name the hosts explicitly")
    with _lock:
        previous = {name: _routes.get(name) for name in names}
        _routes.update(dict.fromkeys(names, runner))
        if _depth == 0:
            for stack in patched_stacks():
                _PATCHES[stack]()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            for name, before in previous.items():
                if before is None:
                    _routes.pop(name, None)
                else:
                    _routes[name] = before
            _depth -= 1
            if _depth == 0:
                while _undo:
                    _undo.pop()()


@contextmanager
def mock_vendor_stacks(runner: AppRunner, hosts: Iterable[str]) -> Iterator[None]:
    """Every stack routed for ``hosts``: httpx (when importable, ``inprocess.mock_hosts``) and those above."""
    names = list(hosts)
    with ExitStack() as stack:
        if importable("httpx"):
            from .inprocess import mock_hosts  # httpx only for those who have it

            stack.enter_context(mock_hosts(runner, names))
        stack.enter_context(mock_stacks(runner, names))
        yield
