"""The System Log's read side (``GET /api/v1/logs``): the events every area records through ``_log.record``,
between ``since`` (default: 7 days before ``until``) and ``until`` (default: now), narrowed by ``filter`` (the
SCIM-style language: ``eventType eq "..."``, ``target.id eq``, ``actor.id eq``, ``outcome.result eq``, and/or) and
``q`` (case-insensitive keywords, every one present), oldest first or newest first (``sortOrder``), ``limit``
(default 100, at most 1000) and the ``after`` cursor in ``Link`` headers.

A polling request (no ``until``, oldest first) always gets a ``next`` link, even on its last page: following it
later returns the events recorded since (Okta's polling contract). A bounded request's last page has none.
Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/SystemLog/ and
https://developer.okta.com/docs/reference/system-log-query/
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from ..runtime import Context, Response, arguments, behaviour
from . import _paging
from ._errors import okta_error, validation_failed
from ._log import COLLECTION
from ._search import SearchError, invalid, parse

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
WEEK = 7 * 86400
KEYWORDS = 10
KEYWORD_LENGTH = 40
_CHUNK = 256


def _instant(ctx: Context, name: str) -> float | None:
    raw = arguments.text(ctx.params, name)
    if raw is None:
        return None
    try:
        moment = datetime.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise okta_error("E0000030", causes=[f"{name}: {raw}"]) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp()


def _view(event: dict[str, Any]) -> dict[str, Any]:
    """The event as a filter reads it: each target field a list over the targets (any may match)."""
    targets = event.get("target") or []
    return {
        **event,
        "target": {key: [t.get(key) for t in targets] for key in ("id", "type", "alternateId", "displayName")},
    }


def _words(event: dict[str, Any]) -> str:
    parts = [
        event.get("eventType"),
        event.get("displayMessage"),
        event.get("severity"),
        (event.get("outcome") or {}).get("result"),
        (event.get("outcome") or {}).get("reason"),
    ]
    for who in [event.get("actor") or {}, *(event.get("target") or [])]:
        parts += [who.get("id"), who.get("alternateId"), who.get("displayName"), who.get("type")]
    return " ".join(str(p) for p in parts if p).lower()


def _keywords(ctx: Context) -> list[str]:
    words = (arguments.text(ctx.params, "q") or "").lower().split()
    if len(words) > KEYWORDS or any(len(w) > KEYWORD_LENGTH for w in words):
        raise validation_failed("q", f"At most {KEYWORDS} keywords of at most {KEYWORD_LENGTH} characters each.")
    return words


def _walk(collection: Any, after: str | None, reverse: bool) -> Iterator[tuple[str, dict[str, Any]]]:
    try:
        chunk = collection.page_after(after, _CHUNK, reverse)
    except KeyError:
        return
    while chunk:
        yield from chunk
        if len(chunk) < _CHUNK:
            return
        chunk = collection.page_after(chunk[-1][0], _CHUNK, reverse)


def _limit(ctx: Context) -> int:
    raw = arguments.text(ctx.params, "limit")
    if raw is None:
        return DEFAULT_LIMIT
    try:
        asked = int(raw)
    except ValueError:
        raise validation_failed("limit", f"Invalid value '{raw}'") from None
    if asked < 0 or asked > MAX_LIMIT:
        raise validation_failed("limit", f"limit must be between 0 and {MAX_LIMIT}")
    return asked or DEFAULT_LIMIT


@behaviour("listLogEvents")
def list_log_events(ctx: Context) -> Any:
    now = ctx.now()
    until = _instant(ctx, "until")
    since = _instant(ctx, "since")
    upper = until if until is not None else now
    lower = since if since is not None else upper - WEEK
    if lower > upper:
        raise validation_failed("since", "since must be earlier than until")
    order = (arguments.text(ctx.params, "sortOrder") or "ASCENDING").upper()
    if order not in ("ASCENDING", "DESCENDING"):
        raise validation_failed("sortOrder", f"Invalid value '{order}'")
    text = arguments.text(ctx.params, "filter")
    try:
        keep = parse(text) if text else None
    except SearchError as error:
        raise invalid(error) from None
    words = _keywords(ctx)
    limit = _limit(ctx)
    after = _paging.cursor_of(ctx)
    page: list[tuple[str, dict[str, Any]]] = []
    more = False
    for key, event in _walk(ctx.state.collection(COLLECTION), after, order == "DESCENDING"):
        at = float(event.get("_at", 0.0))
        if at < lower or at > upper:
            continue
        if keep is not None and not keep(_view(event)):
            continue
        if words and not all(w in _words(event) for w in words):
            continue
        if len(page) == limit:
            more = True
            break
        page.append((key, event))
    polling = until is None and order == "ASCENDING"
    response = _paging.answer(ctx, page, more, limit, lambda e: {k: v for k, v in e.items() if not k.startswith("_")})
    if not polling or more:
        return response
    # the polling contract: a next link resuming after the last event seen (or where this page started)
    last = page[-1][0] if page else after
    names = {p["name"] for p in ctx.op.get("parameters") or () if p.get("location") == "query"}
    query = {
        k: str(v)
        for k, v in ctx.params.items()
        if k in names and k not in ("after", "limit") and v not in (None, "") and not isinstance(v, list)
    }
    if last is not None:
        query["after"] = _paging.cursor(last)
    query["limit"] = str(limit)
    url = ctx.base_url.rstrip("/") + ctx.path.split("?", 1)[0]
    headers = {**response.headers, "link": f'{response.headers["link"]}, <{url}?{urlencode(query)}>; rel="next"'}
    return Response(response.status, response.body, headers)
