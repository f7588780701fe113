"""An ASGI request read into plain values: query, lower-cased headers, and a body parsed by content type.

A JSON body may nest at most ``MAX_DEPTH`` levels. orjson reads 1,024 levels but writes only 254, so a
deeper value would be stored and then fail every answer (and ``--state`` write) that contains it: it is
refused here (``TooDeep``), before anything runs, with room to spare for the records and envelopes that
hold it later.
"""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus

import orjson

from ..types import JSON

Scope = dict[str, Any]

_PREFIX = re.compile(r"(/[A-Za-z0-9._~-]+)+")
"""An ``X-Forwarded-Prefix`` the twin takes: path segments of URL-safe characters, nothing to escape."""

MAX_DEPTH = 100
"""The most levels of objects and arrays a JSON body may nest (``{"a": [1]}`` is 2)."""


class BodyError(Exception):
    """The body could not be parsed as its content type says."""


class TooDeep(BodyError):
    """The JSON body nests deeper than ``MAX_DEPTH``; ``name`` is the top-level field that does ("" for the body
    itself, when it is not an object)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name or 'the body'} nests more than {MAX_DEPTH} levels deep")
        self.name = name


@dataclass(frozen=True)
class UploadedFile:
    filename: str
    content_type: str
    content: bytes


@dataclass(slots=True)
class Incoming:
    method: str
    path: str
    """Raw path, still percent-encoded: routing splits it before decoding."""
    query: dict[str, str]
    headers: dict[str, str]
    content_type: str
    raw_body: bytes
    body: JSON = None
    form: dict[str, str] = field(default_factory=dict)
    files: dict[str, UploadedFile] = field(default_factory=dict)
    media: bytes | None = None
    """The media part of a Google upload (multipart/related second part, or a plain upload body)."""
    repeated: dict[str, list[str]] = field(default_factory=dict)
    """Query parameters sent more than once (``ranges=A1&ranges=B2``): every value, in order. ``query`` keeps the
    last; an operation that declares the parameter an array reads them all."""

    @property
    def media_kind(self) -> str:
        """The content type without its parameters, lower-cased (``application/json``)."""
        return self.content_type.split(";", 1)[0].strip().lower()

    def base_url(self, scope: Scope) -> str:
        return origin(self.headers, scope, "http") + str(scope.get("root_path", ""))


def forwarded_prefix(headers: dict[str, str]) -> str:
    """The path a reverse proxy serves the twin under (``X-Forwarded-Prefix: /slack``; ``twingen universe serve
    --one-port``), so the URLs the twin writes into answers lead back through it; "" without one, or for one that
    is not a plain path."""
    given = headers.get("x-forwarded-prefix", "").rstrip("/")
    if not _PREFIX.fullmatch(given) or any(part in (".", "..") for part in given.split("/")):
        return ""
    return given


def origin(headers: dict[str, str], scope: Scope, scheme: str) -> str:
    """Where the client reached the twin: scheme, ``Host`` (else the socket's address) and a proxy's prefix."""
    host = headers.get("host") or "{}:{}".format(*(scope.get("server") or ("127.0.0.1", 80)))
    return f"{scope.get('scheme', scheme)}://{host}{forwarded_prefix(headers)}"


def read_head(scope: Scope) -> Incoming:
    raw_path = scope.get("raw_path")
    path = raw_path.decode("latin-1") if raw_path else scope["path"]
    headers: dict[str, str] = {}
    for key, value in scope["headers"]:
        name = key.decode("latin-1").lower()
        text = value.decode("latin-1")
        headers[name] = f"{headers[name]}, {text}" if name in headers else text
    query_string = scope.get("query_string", b"")
    query, repeated = query_fields(query_string.decode("latin-1")) if query_string else ({}, {})
    return Incoming(scope["method"], path, query, headers, headers.get("content-type", ""), b"", repeated=repeated)


def form_fields(text: str) -> dict[str, str]:
    """``dict(parse_qsl(text, keep_blank_values=True))``: the last value of each name wins.

    Written out because parse_qsl unquotes every name and value, escaped or not, and that was a tenth of
    a form post's time in the twin; here only parts with ``%`` or ``+`` are unquoted.
    """
    fields: dict[str, str] = {}
    for part in text.split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        if "%" in name or "+" in name:
            name = unquote_plus(name)
        if "%" in value or "+" in value:
            value = unquote_plus(value)
        fields[name] = value
    return fields


def query_fields(text: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """``form_fields`` of a query string, and every value of each name sent more than once."""
    fields = form_fields(text)
    if text.count("&") + 1 == len(fields):  # no name twice (the common case): nothing more to read
        return fields, {}
    seen: dict[str, list[str]] = {}
    for part in text.split("&"):
        if part:
            name, _, value = part.partition("=")
            seen.setdefault(unquote_plus(name), []).append(unquote_plus(value))
    return fields, {name: values for name, values in seen.items() if len(values) > 1}


async def read_body(receive: Any) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


async def parse_body(incoming: Incoming) -> None:
    """Fill ``body``/``form``/``files``/``media`` from ``raw_body``; raises ``BodyError`` on bad JSON."""
    raw = incoming.raw_body
    if not raw:
        return
    kind = incoming.media_kind
    if kind == "application/json" or kind.endswith("+json"):
        try:
            incoming.body = load_json(raw)
        except orjson.JSONDecodeError as exc:
            raise BodyError(str(exc)) from exc
    elif kind == "application/x-www-form-urlencoded":
        incoming.form = form_fields(raw.decode("utf-8", "replace"))
    elif kind == "multipart/form-data":
        await _parse_form_data(incoming)
    elif kind == "multipart/related":
        _parse_related(incoming)
    elif kind in ("", "text/plain") and raw[:1] in (b"{", b"["):
        # some clients post JSON without a content type; take it when it parses, else leave it raw
        try:
            incoming.body = load_json(raw)
        except orjson.JSONDecodeError:
            incoming.media = raw
    else:
        incoming.media = raw


def load_json(raw: bytes) -> JSON:
    """``orjson.loads``, refusing a value that nests deeper than ``MAX_DEPTH`` (``TooDeep``)."""
    value: JSON = orjson.loads(raw)
    if raw.count(b"{") + raw.count(b"[") > MAX_DEPTH:  # fewer brackets than that cannot nest deeper: no walk
        name = _too_deep(value, MAX_DEPTH)
        if name is not None:
            raise TooDeep(name)
    return value


def _too_deep(value: JSON, limit: int) -> str | None:
    """None when ``value`` nests at most ``limit`` levels; else the top-level key under which it goes deeper."""
    if isinstance(value, dict):
        for key, item in value.items():
            if _deeper(item, limit - 1):
                return str(key)
        return None
    return "" if _deeper(value, limit) else None


def _deeper(value: JSON, limit: int) -> bool:
    """Whether ``value`` has more than ``limit`` levels of containers (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if type(item) is dict:
            children: Any = item.values()
        elif type(item) is list:
            children = item
        else:
            continue
        if level > limit:
            return True
        stack.extend((child, level + 1) for child in children if type(child) is dict or type(child) is list)
    return False


async def _parse_form_data(incoming: Incoming) -> None:
    # imported on first multipart request: starlette's form machinery costs ~100 ms of startup
    from starlette.datastructures import Headers, UploadFile
    from starlette.formparsers import MultiPartParser

    async def stream() -> AsyncGenerator[bytes, None]:
        yield incoming.raw_body

    headers = Headers(raw=[(b"content-type", incoming.content_type.encode("latin-1"))])
    try:
        form = await MultiPartParser(headers, stream(), max_part_size=64 * 1024 * 1024).parse()
    except Exception as exc:  # starlette raises its own MultiPartException and python-multipart errors
        raise BodyError(str(exc)) from exc
    for key, value in form.multi_items():
        if isinstance(value, UploadFile):
            content = await value.read()
            incoming.files[key] = UploadedFile(value.filename or "", value.content_type or "", content)
        else:
            incoming.form[key] = value
    await form.close()


def _parse_related(incoming: Incoming) -> None:
    """Google multipart upload: a JSON metadata part, then the media part."""
    boundary = ""
    for piece in incoming.content_type.split(";")[1:]:
        key, _, value = piece.strip().partition("=")
        if key.lower() == "boundary":
            boundary = value.strip('"')
    if not boundary:
        raise BodyError("multipart/related without a boundary")
    parts = []
    for chunk in incoming.raw_body.split(b"--" + boundary.encode())[1:]:
        if chunk.startswith(b"--"):
            break
        head, _, content = chunk.lstrip(b"\r\n").partition(b"\r\n\r\n")
        parts.append((head.decode("latin-1").lower(), content.removesuffix(b"\r\n")))
    if parts and "json" in parts[0][0]:
        try:
            incoming.body = load_json(parts[0][1]) if parts[0][1].strip() else None
        except orjson.JSONDecodeError as exc:
            raise BodyError(str(exc)) from exc
        parts = parts[1:]
    if parts:
        incoming.media = parts[0][1]


def overridden(incoming: Incoming) -> None:
    """A POST that says ``X-HTTP-Method-Override: GET`` is that GET, its form body the query (what
    google-api-python-client sends when a GET's URL is longer than 2,000 characters)."""
    override = incoming.headers.get("x-http-method-override", "").strip().upper()
    if not override:
        return
    incoming.method = override
    if incoming.media_kind == "application/x-www-form-urlencoded":
        incoming.query.update(form_fields(incoming.raw_body.decode("utf-8", "replace")))
        incoming.raw_body, incoming.content_type = b"", ""
