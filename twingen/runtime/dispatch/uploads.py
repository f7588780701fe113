"""Google resumable uploads: the first request opens a session (``Location`` header), the next carries media.

Simple and multipart uploads need nothing here: the media path routes to the operation with
``ctx.upload`` set and the bytes in ``ctx.media``.

A session belongs to the tenant that opened it and remembers what the opening request declared about
the media (``X-Upload-Content-Type``, ``X-Upload-Content-Length``): each resumed PUT sees those headers
in ``ctx.headers``. Once a PUT is answered 2xx the upload is over and the session is dropped; a PUT to
it afterwards (or to a session that never was, or another tenant's) gets the vendor's "gone" answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from ..clock import IdFactory
from ..types import JSON
from ..vendors import VendorProfile
from .requests import Incoming, Scope
from .routing import Match

if TYPE_CHECKING:
    from ..state.tenants import Tenant
    from .twin import Reply

_KEPT_HEADERS = ("x-upload-content-type", "x-upload-content-length")
"""What the opening request says about the media, handed to every resumed PUT."""
_UPLOAD_ID = "upload_id"
_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@dataclass(frozen=True)
class Session:
    id: str
    match: Match
    body: JSON
    tenant: Tenant
    """The very tenant object: a tenant reset since (a new object) no longer owns the session."""
    headers: dict[str, str]

    def apply(self, incoming: Incoming) -> None:
        """Give a resumed PUT the opening request's metadata body and upload headers."""
        incoming.body = self.body
        if self.headers:
            incoming.headers = {**self.headers, **incoming.headers}


class Uploads:
    def __init__(self, ids: IdFactory, profile: VendorProfile) -> None:
        self._sessions: dict[str, Session] = {}
        self._ids = ids
        self._profile = profile

    def clear(self) -> None:
        self._sessions.clear()

    def resume(self, incoming: Incoming) -> Session | None:
        upload_id = incoming.query.get(_UPLOAD_ID) if incoming.query else None
        return self._sessions.get(upload_id) if upload_id else None

    def check_unknown(self, incoming: Incoming) -> None:
        """An upload path with an ``upload_id`` that is no (longer a) session: the vendor's "gone"."""
        if incoming.query.get(_UPLOAD_ID):
            raise self._profile.upload_session_gone()

    def wants_session(self, incoming: Incoming, match: Match) -> bool:
        return match.upload == "resumable" or (
            match.upload is not None and incoming.query.get("uploadType") == "resumable"
        )

    def start(self, incoming: Incoming, scope: Scope, match: Match, tenant: Tenant) -> Reply:
        # ids from the twin's factory, so ``serve --seed`` repeats session URLs too
        upload_id = "AHVr" + self._ids.token(72, _ID_CHARS)
        headers = {name: incoming.headers[name] for name in _KEPT_HEADERS if name in incoming.headers}
        resumed = Match(match.op_id, match.params, "resumable")
        self._sessions[upload_id] = Session(upload_id, resumed, incoming.body, tenant, headers)
        query = urlencode({**incoming.query, "uploadType": "resumable", _UPLOAD_ID: upload_id})
        location = f"{incoming.base_url(scope)}{incoming.path}?{query}"
        return 200, b"", {"location": location, "x-guploader-uploadid": upload_id}, "text/plain"

    def finish(self, session: Session) -> None:
        self._sessions.pop(session.id, None)
