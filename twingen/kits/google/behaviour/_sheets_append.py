"""``values.append``: find the table the range holds and write after its last row
(https://developers.google.com/sheets/api/guides/values#append_values: "the input range is used to search for
existing data and find a table within that range; values are appended to the next row of the table, starting
with the first column of the table")."""

from __future__ import annotations

from typing import Any

from ._sheets_dims import insert_rows
from ._sheets_grid import Written, write_box
from ._sheets_model import Book, row_count
from ._sheets_ranges import Box

__all__ = ["append", "find_table"]


def _filled(book: Book, sheet_id: int, r: int, c0: int, c1: int) -> tuple[int, int] | None:
    """The first and last filled column of row ``r`` within ``c0..c1-1``."""
    row = book.row(sheet_id, r)
    if not row:
        return None
    hits = [c for c in range(c0, min(c1, len(row))) if row[c] and "u" in row[c]]
    return (hits[0], hits[-1]) if hits else None


def find_table(book: Book, box: Box) -> Box | None:
    """The first run of filled rows at or below the range's top, within its columns."""
    sid, rows = box.sheet_id, row_count(box.sheet)
    r = box.r0
    while r < rows and _filled(book, sid, r, box.c0, box.c1) is None:
        r += 1
    if r >= rows:
        return None
    start, low, high = r, box.c1, box.c0
    while r < rows:
        span = _filled(book, sid, r, box.c0, box.c1)
        if span is None:
            break
        low, high = min(low, span[0]), max(high, span[1])
        r += 1
    return Box(box.sheet, start, r, low, high + 1)


def append(
    book: Book, box: Box, values: Any, major: str, option: str, insert: str
) -> tuple[Box | None, Written]:
    table = find_table(book, box)
    at_row, at_col = (table.r1, table.c0) if table else (box.r0, box.c0)
    height = len(values) if isinstance(values, list) else 0
    if major == "COLUMNS" and isinstance(values, list):
        height = max((len(v) for v in values if isinstance(v, list)), default=0)
    if insert == "INSERT_ROWS" and height:
        insert_rows(book, box.sheet, at_row, height)
    anchor = Box(box.sheet, at_row, at_row + 1, at_col, at_col + 1)
    return table, write_box(book, anchor, values, major, option, bounded=False)
