"""Recorded real traffic, read into one shape: vcrpy cassettes (YAML or JSON) and HAR files.

A cassette is a list of interactions, each a request as the SDK sent it and the answer the real service gave.
Bodies are bytes; a recorded answer still compressed (gzip, deflate) is decompressed, since the comparison
reads its JSON. Nothing here talks to the network.
"""

from __future__ import annotations

import base64
import fnmatch
import json
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml

SUFFIXES = (".yaml", ".yml", ".json", ".har")
Headers = tuple[tuple[str, str], ...]


class CassetteError(ValueError):
    """A file that is not a cassette this reader knows, or a cassette it cannot read."""


@dataclass(frozen=True)
class Interaction:
    """One recorded request and the real service's answer."""

    index: int
    method: str
    url: str
    request_headers: Headers
    request_body: bytes
    status: int
    response_headers: Headers
    response_body: bytes

    def header(self, name: str, *, response: bool = True) -> str:
        """The first value of a header (case-insensitive), or ""."""
        wanted = name.lower()
        pairs = self.response_headers if response else self.request_headers
        return next((value for key, value in pairs if key.lower() == wanted), "")


@dataclass(frozen=True)
class Cassette:
    path: Path
    name: str
    """The path relative to the folder given (or the file name): stable across machines."""
    format: str
    """``vcr-yaml``, ``vcr-json`` or ``har``."""
    interactions: tuple[Interaction, ...]


def find_cassettes(root: Path, match: str | None = None) -> list[Path]:
    """``root`` itself, or every cassette-like file under the folder ``root`` (recursively, sorted);
    ``match`` (fnmatch) keeps those whose relative path or file name matches."""
    if root.is_file():
        found = [root]
    elif root.is_dir():
        found = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    else:
        raise CassetteError(f"{root}: no such file or folder")
    if match:
        found = [p for p in found if _matches(p, root, match)]
    return found


def _matches(path: Path, root: Path, pattern: str) -> bool:
    relative = path.name if path == root else path.relative_to(root).as_posix()
    return fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern)


def read_cassette(path: Path, root: Path | None = None) -> Cassette:
    """Read one file; ``CassetteError`` when it is not a vcrpy cassette or a HAR file."""
    name = path.name if root is None or path == root else path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CassetteError(f"{name}: cannot read: {exc}") from exc
    try:
        data = json.loads(text) if path.suffix.lower() in (".json", ".har") else yaml.load(text, Loader=_Loader)
    except (ValueError, yaml.YAMLError) as exc:
        raise CassetteError(f"{name}: not JSON or YAML: {exc}") from exc
    if isinstance(data, dict) and isinstance(data.get("log"), dict):
        return Cassette(path, name, "har", tuple(_har(data["log"], name)))
    if isinstance(data, dict) and isinstance(data.get("interactions"), list):
        kind = "vcr-json" if path.suffix.lower() == ".json" else "vcr-yaml"
        return Cassette(path, name, kind, tuple(_vcr(data["interactions"], name)))
    raise CassetteError(f"{name}: neither a vcrpy cassette (interactions) nor a HAR file (log.entries)")


class _Loader(yaml.SafeLoader):
    """Safe YAML that reads the Python-specific tags old vcrpy cassettes carry as plain values."""


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return None


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)


def _vcr(items: list[Any], name: str) -> Iterable[Interaction]:
    for index, item in enumerate(items):
        try:
            request, response = item["request"], item["response"]
            status = response["status"]
            code = int(status["code"] if isinstance(status, Mapping) else status)
            headers = _vcr_headers(response.get("headers"))
            body = _vcr_body(response.get("body"))
            yield Interaction(
                index=index,
                method=str(request["method"]).upper(),
                url=_vcr_url(request),
                request_headers=_vcr_headers(request.get("headers")),
                request_body=_vcr_request_body(request.get("body")),
                status=code,
                response_headers=headers,
                response_body=_decompressed(body, headers),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise CassetteError(f"{name}: interaction {index} is malformed: {exc!r}") from exc


def _vcr_url(request: Mapping[str, Any]) -> str:
    if "uri" in request:
        return str(request["uri"])
    # the oldest vcrpy layout: protocol, host, port and path apart
    scheme, host, port = request["protocol"], request["host"], request.get("port")
    default = {"http": 80, "https": 443}.get(str(scheme))
    netloc = host if port in (None, default) else f"{host}:{port}"
    return f"{scheme}://{netloc}{request['path']}"


def _vcr_headers(raw: Any) -> Headers:
    if not raw:
        return ()
    pairs: list[tuple[str, str]] = []
    for key, value in raw.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((str(key), str(item)))
    return tuple(pairs)


def _vcr_request_body(raw: Any) -> bytes:
    """A recorded request body; a mapping (how some recorders keep a form post) is form-encoded again."""
    if isinstance(raw, Mapping) and not {"string", "base64_string"} & set(raw):
        return urlencode({str(k): "" if v is None else str(v) for k, v in raw.items()}).encode("utf-8")
    return _vcr_body(raw)


def _vcr_body(raw: Any) -> bytes:
    if isinstance(raw, Mapping):  # a response body: {"string": ...} or {"base64_string": ...}
        if "base64_string" in raw:
            return base64.b64decode(raw["base64_string"])
        raw = raw.get("string")
    if raw is None:
        return b""
    if isinstance(raw, bytes):
        return raw
    return str(raw).encode("utf-8")


def _har(log: Mapping[str, Any], name: str) -> Iterable[Interaction]:
    for index, entry in enumerate(log.get("entries") or []):
        try:
            request, response = entry["request"], entry["response"]
            headers = _har_headers(response.get("headers"))
            content = response.get("content") or {}
            body = _har_text(content.get("text"), content.get("encoding"))
            yield Interaction(
                index=index,
                method=str(request["method"]).upper(),
                url=str(request["url"]),
                request_headers=_har_headers(request.get("headers")),
                request_body=_har_post(request.get("postData")),
                status=int(response["status"]),
                response_headers=headers,
                response_body=_decompressed(body, headers),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise CassetteError(f"{name}: entry {index} is malformed: {exc!r}") from exc


def _har_headers(raw: Any) -> Headers:
    # HTTP/2 pseudo-headers (":authority") are not headers a client sets
    return tuple((str(h["name"]), str(h["value"])) for h in raw or () if not str(h["name"]).startswith(":"))


def _har_text(text: Any, encoding: Any) -> bytes:
    if text is None:
        return b""
    if encoding == "base64":
        return base64.b64decode(str(text))
    return str(text).encode("utf-8")


def _har_post(post: Any) -> bytes:
    if not post:
        return b""
    if post.get("text") is not None:
        return _har_text(post["text"], post.get("encoding"))
    from urllib.parse import urlencode

    return urlencode([(p["name"], p.get("value", "")) for p in post.get("params") or ()]).encode("ascii")


def _decompressed(body: bytes, headers: Headers) -> bytes:
    """The body as the client read it: vcrpy and HAR keep some answers still compressed."""
    encoding = next((v.lower() for k, v in headers if k.lower() == "content-encoding"), "")
    try:
        if body[:2] == b"\x1f\x8b":
            return zlib.decompress(body, 16 + zlib.MAX_WBITS)
        if encoding == "deflate" and body:
            return zlib.decompress(body)
    except zlib.error:
        return body  # recorded already decoded despite the header
    return body
