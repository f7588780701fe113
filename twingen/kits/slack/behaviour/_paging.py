"""Slack's cursor paging: ``limit`` + ``cursor`` in, ``response_metadata.next_cursor`` out (``""`` at the end).

Cursors look like Slack's own: base64 of ``kind:position`` (``dXNlcjpVMDYxTkZUVDI=`` is ``user:U061NFTT2``).
The position is the sort key of the next page's first item (``keyset.page_from``), not an offset, so items added
or removed between two calls never make a page repeat or skip one that is still there.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from typing import Any

from ..runtime import Context, keyset
from . import _args
from ._errors import slack_error

MAX_LIMIT = 1000


def limit_of(ctx: Context, default: int, name: str = "limit", maximum: int = MAX_LIMIT) -> int:
    """``name`` as a page size: ``default`` when absent or not positive, at most ``maximum``."""
    value = _args.integer(ctx, name, 0)
    if value <= 0:
        return default
    return min(value, maximum)


def encode(kind: str, position: str) -> str:
    return base64.b64encode(f"{kind}:{position}".encode()).decode()


def decode(ctx: Context, kind: str) -> str | None:
    """The position inside ``cursor``; None when there is none; ``invalid_cursor`` when it is not ours."""
    raw = _args.text(ctx, "cursor").strip()
    if not raw:
        return None
    try:
        found = base64.b64decode(raw.encode(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise slack_error("invalid_cursor") from None
    prefix, sep, position = found.partition(":")
    if prefix != kind or not sep or not position:
        raise slack_error("invalid_cursor")
    return position


def page_of_keys(ctx: Context, keys: Sequence[str], kind: str, default_limit: int) -> tuple[list[str], str]:
    """One page of sorted ``keys`` and the next cursor (``""`` when this page is the last)."""
    page, following = keyset.page_from(keys, decode(ctx, kind), limit_of(ctx, default_limit))
    return page, "" if following is None else encode(kind, following)


def page_of_keys_desc(ctx: Context, keys: Sequence[str], kind: str, default_limit: int) -> tuple[list[str], str]:
    """``page_of_keys`` for a list sorted newest (largest) first."""
    page, following = keyset.page_from(keys, decode(ctx, kind), limit_of(ctx, default_limit), descending=True)
    return page, "" if following is None else encode(kind, following)


def metadata(next_cursor: str) -> dict[str, Any]:
    return {"response_metadata": {"next_cursor": next_cursor}}
