"""Google media uploads as they arrive at ``/upload/drive/v3/files``: ``uploadType`` media, multipart
(``multipart/related``: JSON metadata, then the content) and resumable sessions.

A resumable upload starts with a POST (or PATCH, for update) carrying only metadata; Drive answers 200
with a ``Location`` session URL (the runtime does that part), and the content then goes there in one or
more PUTs carrying ``Content-Range``; until the last byte Drive answers 308 with the ``Range`` it holds.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from dataclasses import dataclass
from typing import Any

import orjson

from ..runtime import Context, Response
from . import _errors as err
from ._request import p_str

__all__ = ["Upload", "incomplete", "read_upload", "receive_chunk", "resumable_type"]


@dataclass(frozen=True)
class Upload:
    """What a create or update request carries: metadata (or None) and content (or None)."""

    metadata: dict[str, Any] | None
    content: bytes | None
    content_type: str


_RANGE = re.compile(r"bytes (?:(\d+)-(\d+)|\*)/(\d+|\*)")


def _boundary(content_type: str) -> str:
    for piece in content_type.split(";")[1:]:
        key, _, value = piece.strip().partition("=")
        if key.strip().lower() == "boundary":
            return value.strip().strip('"')
    return ""


def _parts(raw: bytes, boundary: str) -> list[tuple[dict[str, str], bytes]]:
    """Split a multipart body on the raw bytes: binary content keeps every CR and LF it had."""
    out: list[tuple[dict[str, str], bytes]] = []
    for chunk in raw.split(b"--" + boundary.encode("latin-1"))[1:]:
        if chunk.startswith(b"--"):
            break
        chunk = chunk[2:] if chunk.startswith(b"\r\n") else chunk[1:] if chunk.startswith(b"\n") else chunk
        head, sep, content = chunk.partition(b"\r\n\r\n")
        if not sep:
            head, _, content = chunk.partition(b"\n\n")
        headers: dict[str, str] = {}
        name = ""
        for line in head.decode("latin-1").splitlines():
            if line[:1] in (" ", "\t") and name:  # a folded header (RFC 5322): the client's email generator folds
                headers[name] += " " + line.strip()  # a long Content-Type such as .docx's onto a second line
                continue
            name, _, value = line.partition(":")
            name = name.strip().lower()
            headers[name] = value.strip()
        content = content[:-2] if content.endswith(b"\r\n") else content[:-1] if content.endswith(b"\n") else content
        if headers.get("content-transfer-encoding", "").lower() == "base64":
            content = base64.b64decode(content)
        out.append((headers, content))
    return out


def _multipart(ctx: Context) -> Upload:
    """Parse ``multipart/related`` ourselves: the media part's own Content-Type names the content's type."""
    boundary = _boundary(ctx.content_type)
    parts = _parts(ctx.raw_body, boundary) if boundary else []
    if not parts:
        raise err.bad_request("Malformed multipart body.", "badContent")
    metadata: dict[str, Any] | None = None
    if "json" in parts[0][0].get("content-type", ""):
        raw = parts[0][1]
        try:
            loaded = orjson.loads(raw) if raw.strip() else {}
        except orjson.JSONDecodeError:
            raise err.bad_request("Invalid JSON payload received.", "parseError") from None
        metadata = loaded if isinstance(loaded, dict) else {}
        parts = parts[1:]
    if not parts:
        return Upload(metadata, b"", "application/octet-stream")
    headers, content = parts[0]
    media_type = headers.get("content-type", "application/octet-stream").split(";", 1)[0].strip()
    return Upload(metadata, content, media_type)


def _json_body(ctx: Context) -> dict[str, Any] | None:
    if isinstance(ctx.body, dict):
        return ctx.body
    if ctx.body is None and ctx.raw_body.strip():
        try:
            loaded = orjson.loads(ctx.raw_body)
        except orjson.JSONDecodeError:
            raise err.bad_request("Invalid JSON payload received.", "parseError") from None
        return loaded if isinstance(loaded, dict) else None
    return None


def read_upload(ctx: Context) -> Upload:
    """Metadata and content of a create/update request, whichever way it was sent."""
    upload_type = (p_str(ctx, "uploadType") or "").lower()
    kind = ctx.content_type.split(";", 1)[0].strip().lower()
    if upload_type == "multipart" or kind == "multipart/related":
        return _multipart(ctx)
    if upload_type == "media":
        content = ctx.media if ctx.media is not None else ctx.raw_body
        return Upload(None, content, kind or "application/octet-stream")
    if ctx.upload is not None and upload_type != "resumable":
        raise err.bad_request("Upload requests must specify an uploadType url parameter.", "badRequest")
    return Upload(_json_body(ctx), None, "")


def receive_chunk(ctx: Context) -> tuple[bytes, bool]:
    """Append this PUT's bytes to its session; returns (all bytes so far, whether the upload is complete).

    The runtime opens the session and routes every PUT to the session URL back to the operation; the
    bytes received so far are kept here, in ``uploads``, until the ``Content-Range`` total is reached.
    """
    upload_id = p_str(ctx, "upload_id") or ""
    session = ctx.state.collection("uploads").get(upload_id) or {"id": upload_id, "data": ""}
    have = base64.b64decode(session["data"]) if session["data"] else b""
    header = ctx.headers.get("content-range", "")
    chunk = ctx.raw_body
    total: int | None = len(have) + len(chunk)
    if header:
        match = _RANGE.fullmatch(header.strip())
        if match is None:
            raise err.bad_request("Failed to parse Content-Range header.", "badContent")
        start, _end, size = match.groups()
        if start is not None and int(start) != len(have):
            raise err.bad_request("Content-Range does not continue the upload.", "badContent")
        total = None if size == "*" else int(size)
    data = have + chunk
    complete = total is not None and len(data) >= total
    if complete:
        ctx.state.collection("uploads").delete(upload_id)
    else:
        ctx.state.collection("uploads").put(upload_id, {"id": upload_id, "data": base64.b64encode(data).decode()})
    return data, complete


def resumable_type(ctx: Context, metadata: dict[str, Any]) -> str:
    """The content's type: the session's ``X-Upload-Content-Type`` when the runtime passes it on, else
    a guess from the name (as Drive guesses for ``application/octet-stream``)."""
    declared = ctx.headers.get("x-upload-content-type") or ctx.content_type.split(";", 1)[0].strip()
    if declared:
        return declared
    guessed, _ = mimetypes.guess_type(str(metadata.get("name") or ""))
    return guessed or "application/octet-stream"


def incomplete(received: int) -> Response:
    """Drive's "resume incomplete": 308 with the range it holds (none before the first byte)."""
    headers = {"Range": f"bytes=0-{received - 1}"} if received else {}
    return Response(308, b"", headers, "text/plain")
