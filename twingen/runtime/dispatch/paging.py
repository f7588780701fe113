"""Pages of a list in the operation's paging style (cursor, offset, page_token, link).

Positions are offsets into the collection's insertion order, wrapped in an opaque token for the
cursor styles, so walking every page of an unchanged collection gives each record exactly once.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from . import keyset

_MAX_PAGE = 1000


def encode(offset: int) -> str:
    return keyset.seal(f"offset:{offset}".encode())


def decode(token: str) -> int | None:
    try:
        text = (keyset.unseal(token) or b"").decode()
    except UnicodeDecodeError:
        return None
    kind, _, number = text.partition(":")
    return int(number) if kind == "offset" and number.isdigit() else None


def window(paging: dict[str, Any] | None, params: dict[str, Any], default_limit: int) -> tuple[int, int] | None:
    """(offset, limit) asked for; None when the position token is not one this twin gave out."""
    if not paging:
        return 0, _MAX_PAGE
    limit = _int(params.get(paging.get("request_limit") or ""), default_limit)
    limit = max(1, min(limit, _MAX_PAGE)) if limit > 0 else default_limit
    raw = params.get(paging.get("request_cursor") or "")
    if raw in (None, ""):
        return 0, limit
    if paging.get("style") == "offset":
        return max(0, _int(raw, 0)), limit
    offset = decode(str(raw))
    return None if offset is None else (offset, limit)


def fill(
    paging: dict[str, Any] | None,
    body: Any,
    offset: int,
    limit: int,
    total: int,
    link: tuple[str, dict[str, Any]] | None = None,
) -> dict[str, str]:
    """Write the next position (and totals) into ``body`` the vendor's way; returns extra headers."""
    if not paging:
        return {}
    more = offset + limit < total
    style = paging.get("style")
    nxt = paging.get("response_next") or ""
    if style == "offset":
        if isinstance(body, dict):
            body.update({"startAt": offset, "maxResults": limit})
            if "isLast" in body or not nxt:
                body["isLast"] = not more
    elif nxt and isinstance(body, dict):
        set_path(body, nxt, encode(offset + limit) if more else ("" if style == "cursor" else None))
    if paging.get("response_total") and isinstance(body, dict):
        set_path(body, paging["response_total"], total)
    if style == "link" and link is not None:
        url, query = link
        cursor, size = paging.get("request_cursor") or "after", paging.get("request_limit") or "limit"
        base = {k: v for k, v in query.items() if k not in (cursor, size)}
        links = [f'<{url}?{urlencode({**base, size: limit})}>; rel="self"']
        if more:
            links.append(f'<{url}?{urlencode({**base, cursor: encode(offset + limit), size: limit})}>; rel="next"')
        return {"link": ", ".join(links)}
    return {}


def items_path(paging: dict[str, Any] | None) -> str:
    return (paging or {}).get("response_items") or ""


def set_path(body: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    target = body
    for key in parents:
        child = target.get(key)
        if not isinstance(child, dict):
            child = target[key] = {}
        target = child
    if value is None:
        target.pop(last, None)
    else:
        target[last] = value


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
