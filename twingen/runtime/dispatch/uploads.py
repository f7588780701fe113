"""Google resumable uploads: the first request opens a session (``Location`` header), the next carries media.

Simple and multipart uploads need nothing here: the media path routes to the operation with
``ctx.upload`` set and the bytes in ``ctx.media``.

A session belongs to the tenant that opened it and remembers what the opening request declared about
the media (``X-Upload-Content-Type``, ``X-Upload-Content-Length``): each resumed PUT sees those headers
in ``ctx.headers``. Once a PUT is answered 2xx the upload is over and the session is dropped; a PUT to
it afterwards (or to a session that never was, or another tenant's) gets the vendor's "gone" answer.

The dispatch (``twin.py``) routes through ``Uploads.route`` and gets an ``Upload`` back, the hook it calls
once the body is read (``resume``), once auth and validation passed (``open``) and once the operation
answered (``close``); for a request that is no upload that hook does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from ..clock import BASE64URL_ALPHABET, IdFactory
from ..types import JSON
from ..vendors import VendorProfile
from .requests import Incoming, Scope
from .routing import Match, Router

if TYPE_CHECKING:
    from ..state.tenants import Tenant
    from .twin import Reply

_KEPT_HEADERS = ("x-upload-content-type", "x-upload-content-length")
"""What the opening request says about the media, handed to every resumed PUT."""
_UPLOAD_ID = "upload_id"


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


class Upload:
    """What one request does about resumable uploads, at the three points of the dispatch that concern them.

    This base does nothing: ``NO_UPLOAD`` is every request that is not on a media upload path.
    """

    def resume(self, incoming: Incoming) -> None:
        """Once the body is read: a resumed PUT takes on its opening request's body and upload headers."""

    def open(self, incoming: Incoming, scope: Scope, tenant: Tenant) -> Reply | None:
        """Once auth and validation passed: the answer that opens a session, or None to call the operation."""
        return None

    def close(self, reply: Reply) -> None:
        """Once the operation answered."""


NO_UPLOAD = Upload()


class _Opening(Upload):
    """A request on a media upload path: ``uploadType=resumable`` (or a resumable-only path) opens a session."""

    def __init__(self, uploads: Uploads, match: Match) -> None:
        self._uploads = uploads
        self._match = match

    def open(self, incoming: Incoming, scope: Scope, tenant: Tenant) -> Reply | None:
        match = self._match
        if match.upload == "resumable" or incoming.query.get("uploadType") == "resumable":
            return self._uploads.start(incoming, scope, match, tenant)
        return None  # a simple or multipart upload: the operation gets the media in ``ctx.media``


class _Resumed(Upload):
    """A PUT to an open session: it reaches the operation that opened it, and a 2xx answer ends the session."""

    def __init__(self, uploads: Uploads, session: Session) -> None:
        self._uploads = uploads
        self._session = session

    def resume(self, incoming: Incoming) -> None:
        self._session.apply(incoming)

    def open(self, incoming: Incoming, scope: Scope, tenant: Tenant) -> Reply | None:
        if self._session.tenant is not tenant:
            raise self._uploads.profile.upload_session_gone()
        return None

    def close(self, reply: Reply) -> None:
        if 200 <= reply[0] < 300:
            self._uploads.finish(self._session)  # a later PUT to it gets the vendor's "gone"


class Uploads:
    """The open sessions of a twin (all tenants'), and the routing of the requests that concern them."""

    def __init__(self, ids: IdFactory, profile: VendorProfile) -> None:
        self._sessions: dict[str, Session] = {}
        self._ids = ids
        self.profile = profile

    def clear(self) -> None:
        self._sessions.clear()

    def route(self, incoming: Incoming, router: Router) -> tuple[Match | None, Upload]:
        """The request's operation (a resumed PUT's is its session's) and what it does about uploads."""
        upload_id = incoming.query.get(_UPLOAD_ID) if incoming.query else None
        session = self._sessions.get(upload_id) if upload_id else None
        if session is not None:
            return session.match, _Resumed(self, session)
        match = router.match(incoming.method, incoming.path)
        if match is None or match.upload is None:
            return match, NO_UPLOAD
        if upload_id:  # an upload path naming a session that is not (or no longer) open
            raise self.profile.upload_session_gone()
        return match, _Opening(self, match)

    def start(self, incoming: Incoming, scope: Scope, match: Match, tenant: Tenant) -> Reply:
        # ids from the twin's factory, so ``serve --seed`` repeats session URLs too
        upload_id = "AHVr" + self._ids.token(72, BASE64URL_ALPHABET)
        headers = {name: incoming.headers[name] for name in _KEPT_HEADERS if name in incoming.headers}
        resumed = Match(match.op_id, match.params, "resumable")
        self._sessions[upload_id] = Session(upload_id, resumed, incoming.body, tenant, headers)
        query = urlencode({**incoming.query, "uploadType": "resumable", _UPLOAD_ID: upload_id})
        location = f"{incoming.base_url(scope)}{incoming.path}?{query}"
        return 200, b"", {"location": location, "x-guploader-uploadid": upload_id}, "text/plain"

    def finish(self, session: Session) -> None:
        self._sessions.pop(session.id, None)
