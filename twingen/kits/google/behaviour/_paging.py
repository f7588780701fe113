"""``orderBy`` and page tokens. Tokens remember the last item's sort key (keyset paging), so a listing
never repeats or drops an item across pages even when files are created or deleted between pages."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ..runtime import keyset
from ._errors import invalid

__all__ = ["ORDER_KEYS", "paginate", "parse_order"]

T = TypeVar("T")
SortValue = float | str | int

ORDER_KEYS = frozenset(
    {
        "createdTime",
        "folder",
        "modifiedByMeTime",
        "modifiedTime",
        "name",
        "name_natural",
        "quotaBytesUsed",
        "recency",
        "sharedWithMeTime",
        "starred",
        "viewedByMeTime",
    }
)


def parse_order(order_by: str | None, allowed: frozenset[str] = ORDER_KEYS) -> list[tuple[str, bool]]:
    """``"folder,modifiedTime desc,name"`` -> ``[("folder", False), ("modifiedTime", True), ("name", False)]``."""
    keys: list[tuple[str, bool]] = []
    for part in (order_by or "").split(","):
        words = part.split()
        if not words:
            continue
        if len(words) > 2 or words[0] not in allowed or (len(words) == 2 and words[1].lower() not in ("asc", "desc")):
            raise invalid("orderBy", "Invalid Value")
        keys.append((words[0], len(words) == 2 and words[1].lower() == "desc"))
    return keys


def _encode(key: Sequence[SortValue], salt: str) -> str:
    return keyset.seal(json.dumps({"k": list(key), "s": salt}, separators=(",", ":")).encode())


def _decode(token: str, salt: str) -> list[SortValue]:
    raw = keyset.unseal(token)
    try:
        data = json.loads(b"" if raw is None else raw)
        key = data["k"]
        ok = data["s"] == salt and isinstance(key, list)
    except (ValueError, KeyError, TypeError):
        ok, key = False, []
    if not ok:
        # a token from another query (or made up) is refused, as Drive refuses it
        raise invalid("pageToken", "Invalid Value")
    return list(key)


def fingerprint(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def paginate(
    items: Sequence[T],
    key: Callable[[T], list[SortValue]],
    desc: Sequence[bool],
    token: str | None,
    size: int,
    salt: str,
) -> tuple[list[T], str | None]:
    """One page of ``items`` sorted by ``key`` (whose last element must be unique, e.g. the id)."""
    rows = keyset.ordered(items, key, desc)
    page, last = keyset.page_after(rows, _decode(token, salt) if token else None, size, key, desc)
    return page, None if last is None else _encode(last, salt)
