"""Okta's list paging: ``limit`` and an opaque ``after`` cursor, handed out in ``Link`` headers (``self`` first,
then ``next`` while more remain).

The cursor names the last record of the page just served, so a page is the records after it in insertion order:
records added meanwhile land at the end and are neither skipped nor repeated (what Okta's cursor paging promises).
Source: https://developer.okta.com/docs/api/#pagination
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlencode

from ..runtime import Context, Response, arguments, keyset
from ._errors import okta_error

Record = dict[str, Any]
_CHUNK = 256
_MARK = b"okta1:"
"""What every cursor this twin hands out starts with, sealed: anything else is a cursor Okta never gave."""


def limit_of(ctx: Context, default: int = 200, maximum: int | None = None) -> int:
    """The ``limit`` asked for: Okta takes what it can (a limit over the maximum is cut to it; zero or less, or a
    non-number, gives the default)."""
    raw = arguments.text(ctx.params, "limit")
    try:
        asked = int(raw) if raw is not None else default
    except ValueError:
        asked = default
    if asked <= 0:
        asked = default
    return min(asked, maximum) if maximum else asked


def cursor_of(ctx: Context) -> str | None:
    """The record id an ``after`` cursor names; None from the start. A cursor this twin never gave out is
    Okta's 400."""
    raw = arguments.text(ctx.params, "after")
    if not raw:
        return None
    opened = keyset.unseal(raw) or b""
    if not opened.startswith(_MARK):
        # recorded: GET /api/v1/devices?after=mock_cursor_for_testing -> 400 E0000031, cause "Invalid cursor."
        raise okta_error("E0000031", "Invalid search criteria.", causes=["Invalid cursor."])
    return opened[len(_MARK) :].decode("utf-8", "replace")


def cursor(record_id: str) -> str:
    """The opaque ``after`` value naming ``record_id`` (what ``cursor_of`` reads back)."""
    return keyset.seal(_MARK + record_id.encode())


def walk(collection: Any, after: str | None) -> Iterator[tuple[str, Record]]:
    """(id, record) after ``after`` in insertion order, read a chunk at a time (O(page), not O(collection))."""
    try:
        chunk = collection.page_after(after, _CHUNK)
    except KeyError:
        return
    while chunk:
        yield from chunk
        if len(chunk) < _CHUNK:
            return
        chunk = collection.page_after(chunk[-1][0], _CHUNK)


def take(items: Iterable[tuple[str, Record]], limit: int) -> tuple[list[tuple[str, Record]], bool]:
    """The first ``limit`` items and whether more follow."""
    page: list[tuple[str, Record]] = []
    for item in items:
        if len(page) == limit:
            return page, True
        page.append(item)
    return page, False


def after_in(items: list[tuple[str, Record]], after: str | None) -> list[tuple[str, Record]]:
    """``items`` (an already built list, e.g. sorted) from the one after ``after``; all of them for None."""
    if after is None:
        return items
    for index, (key, _) in enumerate(items):
        if key == after:
            return items[index + 1 :]
    return []


def answer(
    ctx: Context,
    page: list[tuple[str, Record]],
    more: bool,
    limit: int,
    render: Callable[[Record], Any] = lambda record: record,
    headers: dict[str, str] | None = None,
) -> Response:
    """The page as Okta answers it: a JSON array, and ``Link`` headers for ``self`` and (while more remain)
    ``next``, carrying the request's other query parameters."""
    url = ctx.base_url.rstrip("/") + ctx.path.split("?", 1)[0]
    query = {k: v for k, v in _query(ctx).items() if k not in ("after", "limit")}
    links = [f'<{url}?{urlencode({**query, "limit": limit}) if query or limit else ""}>; rel="self"']
    if more and page:
        links.append(f'<{url}?{urlencode({**query, "after": cursor(page[-1][0]), "limit": limit})}>; rel="next"')
    return Response(200, [render(record) for _, record in page], {"link": ", ".join(links), **(headers or {})})


def served(
    ctx: Context,
    rows: Iterable[tuple[str, Record]],
    render: Callable[[Record], Any] = lambda record: record,
    default: int = 200,
    maximum: int | None = None,
) -> Response:
    """One page of ``rows`` (already past the cursor) at the ``limit`` asked for, answered as ``answer`` does."""
    limit = limit_of(ctx, default, maximum)
    page, more = take(rows, limit)
    return answer(ctx, page, more, limit, render)


def _query(ctx: Context) -> dict[str, str]:
    """The query parameters the client sent (path parameters excluded): what a Link carries forward."""
    names = {p["name"] for p in ctx.op.get("parameters") or () if p.get("location") == "query"}
    return {k: str(v) for k, v in ctx.params.items() if k in names and v not in (None, "") and not isinstance(v, list)}
