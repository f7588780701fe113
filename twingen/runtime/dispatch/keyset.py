"""Keyset paging: one page of an ordered listing and the position the next page starts from, never an offset, so
items added or removed between two calls never make a page repeat or skip one that is still there.

Vendors differ in what a cursor names, and both rules are here: ``page_after`` continues *after* the last item of a
page (Drive's page tokens), ``page_from`` continues *from* the first item of the next page (Slack's cursors). Either
way a page is followed by another exactly when items are left. What a cursor looks like on the wire stays the
vendor's (its prefix, its base64, the error for a cursor it did not give out); ``seal``/``unseal`` are the URL-safe
unpadded base64 that Drive's tokens and the inferred CRUD's use.
"""

from __future__ import annotations

import base64
import binascii
import functools
from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

__all__ = ["compare", "ordered", "page_after", "page_from", "seal", "unseal"]

T = TypeVar("T")
Key = Callable[[Any], Any]
"""An item's position in its listing: the sort key (whose last part is unique, such as the id)."""


def seal(data: bytes) -> str:
    """``data`` as an opaque token: URL-safe base64 without padding."""
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unseal(token: str) -> bytes | None:
    """What ``seal`` made ``token`` from; None when it is not base64 at all (the caller words the vendor's error)."""
    try:
        return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return None


def compare(a: Sequence[Any], b: Sequence[Any], descending: Sequence[bool] = ()) -> int:
    """-1, 0 or 1 as key ``a`` sorts before, with or after key ``b``; part ``i`` descends when ``descending[i]``."""
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x == y:
            continue
        less = x < y
        flip = descending[index] if index < len(descending) else False
        return (1 if less else -1) if flip else (-1 if less else 1)
    return 0


def ordered(items: Sequence[T], key: Callable[[T], Sequence[Any]], descending: Sequence[bool] = ()) -> list[T]:
    """``items`` sorted by ``key``, each part of it ascending or (``descending[i]``) descending; stable."""
    keyed = [(key(item), item) for item in items]

    def by_key(a: tuple[Sequence[Any], T], b: tuple[Sequence[Any], T]) -> int:
        return compare(a[0], b[0], descending)

    keyed.sort(key=functools.cmp_to_key(by_key))
    return [item for _, item in keyed]


def page_after(
    items: Sequence[T],
    after: Sequence[Any] | None,
    limit: int,
    key: Callable[[T], Sequence[Any]],
    descending: Sequence[bool] = (),
) -> tuple[list[T], Sequence[Any] | None]:
    """The ``limit`` items of ``ordered`` ``items`` that sort after position ``after`` (from the start without one),
    and the position to continue after: the last item's key when more follow, else None."""
    start = 0
    if after is not None:
        start = next((i for i, item in enumerate(items) if compare(key(item), after, descending) > 0), len(items))
    page = list(items[start : start + limit])
    return page, key(page[-1]) if page and start + limit < len(items) else None


def page_from(
    items: Sequence[T], position: Any | None, limit: int, *, key: Key | None = None, descending: bool = False
) -> tuple[list[T], Any | None]:
    """The ``limit`` items of ``items`` (sorted by ``key``, largest first when ``descending``) from the first one not
    before ``position`` (from the start without one), and the position of the next page: the key of its first item,
    or None when this page is the last."""
    at: Key = key or _itself
    start = 0
    if position is not None and descending:
        start = next((i for i, item in enumerate(items) if at(item) <= position), len(items))
    elif position is not None:
        start = bisect_left(items, position, key=key)
    following = start + limit
    return list(items[start:following]), at(items[following]) if following < len(items) else None


def _itself(item: Any) -> Any:
    return item
