"""Google resumable uploads: the first request opens a session (``Location`` header), the next carries media.

Simple and multipart uploads need nothing here: the media path routes to the operation with
``ctx.upload`` set and the bytes in ``ctx.media``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from .requests import Incoming, Scope
from .routing import Match
from .types import JSON

if TYPE_CHECKING:
    from .twin import Reply


@dataclass(frozen=True)
class Session:
    match: Match
    body: JSON


class Uploads:
    def __init__(self) -> None:
        self._sessions: dict[str, Session] = {}

    def clear(self) -> None:
        self._sessions.clear()

    def resume(self, incoming: Incoming) -> Session | None:
        upload_id = incoming.query.get("upload_id")
        return self._sessions.get(upload_id) if upload_id else None

    def wants_session(self, incoming: Incoming, match: Match) -> bool:
        return match.upload == "resumable" or (
            match.upload is not None and incoming.query.get("uploadType") == "resumable"
        )

    def start(self, incoming: Incoming, scope: Scope, match: Match, params: dict[str, Any]) -> Reply:
        upload_id = secrets.token_urlsafe(24)
        self._sessions[upload_id] = Session(Match(match.op_id, match.params, "resumable"), incoming.body)
        query = urlencode({**incoming.query, "uploadType": "resumable", "upload_id": upload_id})
        location = f"{incoming.base_url(scope)}{incoming.path}?{query}"
        return 200, b"", {"location": location, "x-guploader-uploadid": upload_id}, "text/plain"
