"""Cell references inside formula text, rewritten as Sheets rewrites them: rows or columns inserted or deleted move
the references that point past them (a reference into deleted cells becomes ``#REF!``), and a formula pasted
elsewhere moves its relative references by the same offset (``$`` parts stay)
(https://support.google.com/docs/answer/1102226 on relative and absolute references)."""

from __future__ import annotations

import re
from collections.abc import Callable

from ._sheets_a1 import col_letters, col_number

__all__ = ["moved_by_paste", "moved_by_structure"]

# a string literal (left alone), or an optional sheet prefix and a cell, column or row reference (``A1``,
# ``$B$2``, ``A1:C3``, ``A:A``, ``1:2``); a name followed by ``(`` is a function, not a reference
_TOKEN = re.compile(
    r"""(?P<string>"(?:[^"]|"")*")"""
    r"""|(?<![A-Za-z0-9_.$'])(?P<prefix>(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?"""
    r"""(?P<ref>\$?[A-Za-z]{1,3}\$?[0-9]+(?::\$?[A-Za-z]{1,3}\$?[0-9]+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}"""
    r"""|\$?[0-9]+:\$?[0-9]+)(?![A-Za-z0-9_(!])"""
)
_PART = re.compile(r"(\$?)([A-Za-z]{1,3})?(\$?)([0-9]+)?")

Part = tuple[bool, int | None, bool, int | None]
"""One end of a reference: column absolute, column (0-based), row absolute, row (0-based)."""


def _parse(end: str) -> Part:
    match = _PART.fullmatch(end)
    assert match is not None
    col_abs, letters, row_abs, digits = match.groups()
    col = col_number(letters) if letters else None
    row = int(digits) - 1 if digits else None
    return bool(col_abs), col, bool(row_abs), row


def _write(part: Part) -> str:
    col_abs, col, row_abs, row = part
    out = ""
    if col is not None:
        out += ("$" if col_abs else "") + col_letters(col)
    if row is not None:
        out += ("$" if row_abs else "") + str(row + 1)
    return out


def _rewrite(text: str, change: Callable[[str | None, list[Part]], list[Part] | None]) -> str:
    """Apply ``change(prefix title, ends)`` to each reference; None makes it ``#REF!``."""

    def one(match: re.Match[str]) -> str:
        if match.group("string"):
            return match.group(0)
        prefix = match.group("prefix") or ""
        title = prefix[:-1]
        if title.startswith("'"):
            title = title[1:-1].replace("''", "'")
        ends = [_parse(end) for end in match.group("ref").split(":")]
        changed = change(title or None, ends)
        if changed is None:
            return "#REF!"
        return prefix + ":".join(_write(part) for part in changed)

    if not text.startswith("="):
        return text
    return "=" + _TOKEN.sub(one, text[1:])


def moved_by_structure(text: str, on_this_sheet: Callable[[str | None], bool], rows: bool, at: int, delta: int) -> str:
    """Rows (or columns) from ``at`` on moved by ``delta`` (negative: ``-delta`` of them deleted from ``at``)."""
    gone_end = at - delta if delta < 0 else at

    def shift(index: int | None, first: bool, single: bool) -> int | str | None:
        if index is None or index < at:
            return index
        if delta > 0:
            return index + delta
        if index >= gone_end:
            return index + delta
        if single:
            return "gone"
        return at if first else at - 1  # a range end inside the deleted span moves to its edge

    def change(title: str | None, ends: list[Part]) -> list[Part] | None:
        if not on_this_sheet(title):
            return ends
        out = []
        for i, (col_abs, col, row_abs, row) in enumerate(ends):
            single = len(ends) == 1
            if rows:
                moved = shift(row, i == 0, single)
                if moved == "gone":
                    return None
                out.append((col_abs, col, row_abs, moved if isinstance(moved, int) or moved is None else None))
            else:
                moved = shift(col, i == 0, single)
                if moved == "gone":
                    return None
                out.append((col_abs, moved if isinstance(moved, int) or moved is None else None, row_abs, row))
        if len(out) == 2:
            first, last = out
            low = first[3] if rows else first[1]
            high = last[3] if rows else last[1]
            if low is not None and high is not None and high < low:
                return None  # the whole range was deleted
        return out

    return _rewrite(text, change)


def moved_by_paste(text: str, rows: int, cols: int) -> str:
    """A formula pasted ``rows`` down and ``cols`` right: relative parts move, ``$`` parts stay."""

    def change(title: str | None, ends: list[Part]) -> list[Part] | None:
        out = []
        for col_abs, col, row_abs, row in ends:
            new_col = col if col is None or col_abs else col + cols
            new_row = row if row is None or row_abs else row + rows
            if (new_col is not None and new_col < 0) or (new_row is not None and new_row < 0):
                return None
            out.append((col_abs, new_col, row_abs, new_row))
        return out

    return _rewrite(text, change)
