"""Media downloads: ``alt=media`` on ``files.get`` and ``revisions.get``, with ``Range`` support."""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, Response
from . import _errors as err
from ._content import read_content
from ._files_model import FOLDER, is_google_type

__all__ = ["download"]

_BYTES = re.compile(r"bytes=(\d*)-(\d*)")


def download(ctx: Context, record: dict[str, Any], revision_id: Any) -> Response:
    """The content of a revision; a ``Range`` header gets a 206 with ``Content-Range``, as Google sends."""
    mime = str(record["mimeType"])
    if mime == FOLDER or is_google_type(mime):
        raise err.not_downloadable()
    data = read_content(ctx.state, str(revision_id) if revision_id else None)
    headers = {"Content-Disposition": f'attachment; filename="{record["name"]}"'}
    wanted = ctx.headers.get("range", "")
    match = _BYTES.fullmatch(wanted.strip()) if wanted else None
    if match and data:
        first, last = match.groups()
        if first == "":
            start, end = max(0, len(data) - int(last or 0)), len(data) - 1
        else:
            start, end = int(first), min(int(last), len(data) - 1) if last else len(data) - 1
        if start >= len(data) or start > end:
            return Response(416, b"", {"Content-Range": f"bytes */{len(data)}"}, mime)
        headers["Content-Range"] = f"bytes {start}-{end}/{len(data)}"
        return Response(206, data[start : end + 1], headers, mime)
    return Response(200, data, headers, mime)
