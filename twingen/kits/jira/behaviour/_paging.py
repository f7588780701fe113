"""Jira's offset paging: ``startAt`` and ``maxResults`` (capped per operation), and the two page shapes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..runtime import Context
from ._errors import jira_error


def window(ctx: Context, default: int = 50, cap: int = 1000) -> tuple[int, int]:
    """(startAt, maxResults) as sent; a value that is not a number is refused as Jira does."""
    start, limit = _number(ctx, "startAt", 0), _number(ctx, "maxResults", default)
    if start < 0:
        start = 0
    if limit < 0:
        limit = default
    return start, min(limit, cap)


def _number(ctx: Context, name: str, default: int) -> int:
    raw = ctx.params.get(name)
    if raw is None and isinstance(ctx.body, dict):
        raw = ctx.body.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise jira_error("bad_request", f"The value '{raw}' is not valid for '{name}'.") from None


def page(ctx: Context, items: Sequence[Any], self_url: str, default: int = 50) -> dict[str, Any]:
    """A ``PageBean``: ``values`` with ``startAt``, ``maxResults``, ``total``, ``isLast``."""
    start, limit = window(ctx, default)
    chosen = list(items[start : start + limit])
    return {
        "self": self_url,
        "maxResults": limit,
        "startAt": start,
        "total": len(items),
        "isLast": start + len(chosen) >= len(items),
        "values": chosen,
    }
