"""Sheets' range grammar: A1 notation (and R1C1) in, ``Span`` out, and Google's way of writing a range back.

A range is ``[sheet!]cells`` where the sheet title is bare or single-quoted (a quote inside doubled:
``'It''s'!A1``) and cells is a cell (``B2``), a box (``A1:C3``), open columns (``B:B``, ``A2:C``: rows run to
the grid's end), open rows (``1:2``), or absent (the whole sheet). A bare word that is no sheet title may be a
named range (https://developers.google.com/sheets/api/guides/concepts#cell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Cells", "RangeError", "a1_of", "col_letters", "col_number", "parse_cells", "quote_title", "split_sheet"]

_CELL = re.compile(r"\$?([A-Za-z]{1,3})?\$?([0-9]{1,7})?")
_R1C1 = re.compile(r"[Rr]([0-9]{1,7})?(?:[Cc]([0-9]{1,5}))?")
_BARE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class RangeError(ValueError):
    """Not a range Sheets can parse; the message is what Google answers ("Unable to parse range: X")."""


@dataclass(frozen=True)
class Cells:
    """Zero-based, end-exclusive bounds; None is open (to the grid's edge)."""

    r0: int | None = None
    r1: int | None = None
    c0: int | None = None
    c1: int | None = None


def col_number(letters: str) -> int:
    """``A`` -> 0, ``Z`` -> 25, ``AA`` -> 26."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def col_letters(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def split_sheet(text: str) -> tuple[str | None, str]:
    """``'My Sheet'!A1`` -> (``My Sheet``, ``A1``); no ``!`` -> (None, text)."""
    text = text.strip()
    if text.startswith("'"):
        i, chars = 1, []
        while i < len(text):
            if text[i] == "'":
                if text[i + 1 : i + 2] == "'":
                    chars.append("'")
                    i += 2
                    continue
                rest = text[i + 1 :]
                if rest == "":
                    return "".join(chars), ""
                if rest.startswith("!"):
                    return "".join(chars), rest[1:]
                raise RangeError(text)
            chars.append(text[i])
            i += 1
        raise RangeError(text)
    if "!" in text:
        title, _, cells = text.rpartition("!")
        return title, cells
    return None, text


def _corner(text: str) -> tuple[int | None, int | None]:
    """One end of a box: (row, col), either may be None (``B`` or ``3``)."""
    match = _CELL.fullmatch(text)
    if match is None or not (match.group(1) or match.group(2)):
        raise RangeError(text)
    col = col_number(match.group(1)) if match.group(1) else None
    row = int(match.group(2)) - 1 if match.group(2) else None
    if row is not None and row < 0:
        raise RangeError(text)
    return row, col


def _r1c1_corner(text: str) -> tuple[int | None, int | None]:
    match = _R1C1.fullmatch(text)
    if match is None or not (match.group(1) or match.group(2)):
        raise RangeError(text)
    row = int(match.group(1)) - 1 if match.group(1) else None
    col = int(match.group(2)) - 1 if match.group(2) else None
    if (row is not None and row < 0) or (col is not None and col < 0):
        raise RangeError(text)
    return row, col


def parse_cells(text: str) -> Cells:
    """The cell part of a range (after ``!``); ``""`` is the whole sheet."""
    text = text.strip()
    if not text:
        return Cells()
    first, sep, second = text.partition(":")
    corner = _corner
    if _CELL.fullmatch(first) is None or not first:
        corner = _r1c1_corner
    (ra, ca), (rb, cb) = corner(first), corner(second if sep else first)
    if not sep:
        if (ra is None or ca is None) and corner is _corner:
            raise RangeError(text)  # a lone ``B`` or ``3`` names nothing
        return Cells(ra, None if ra is None else ra + 1, ca, None if ca is None else ca + 1)
    r0 = _low(ra, rb)
    r1 = _high(ra, rb)
    c0 = _low(ca, cb)
    c1 = _high(ca, cb)
    if ra is None and rb is None and ca is None and cb is None:
        raise RangeError(text)
    return Cells(r0 if not (ra is None and rb is None) else None, r1, c0, c1)


def _low(a: int | None, b: int | None) -> int | None:
    if a is None and b is None:
        return None
    if a is None or b is None:
        return a if b is None else (0 if a is None else min(a, b))
    return min(a, b)


def _high(a: int | None, b: int | None) -> int | None:
    if a is None or b is None:
        return None  # an open end runs to the grid's edge (``A2:C``)
    return max(a, b) + 1


def quote_title(title: str) -> str:
    """Google writes a title bare when it is a plain word that cannot be read as a cell, else single-quoted."""
    if _BARE.fullmatch(title) and not _CELL.fullmatch(title) and not _R1C1.fullmatch(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def a1_of(title: str, r0: int, r1: int, c0: int, c1: int) -> str:
    """``Sheet1!A1:B2`` for a bounded box (a single cell as ``Sheet1!A1``)."""
    start = f"{col_letters(c0)}{r0 + 1}"
    end = f"{col_letters(c1 - 1)}{r1}"
    cells = start if (r1 - r0 == 1 and c1 - c0 == 1) else f"{start}:{end}"
    return f"{quote_title(title)}!{cells}"
