"""``values.append``: find the table the range holds and write after its last row
(https://developers.google.com/sheets/api/guides/values#append_values: "the input range is used to search for
existing data and find a table within that range; values are appended to the next row of the table, starting
with the first column of the table")."""

from __future__ import annotations

from typing import Any

from ._sheets_dims import insert_rows
from ._sheets_grid import Written, write_box
from ._sheets_model import Book, col_count, row_count
from ._sheets_ranges import Box

__all__ = ["append", "find_table"]


def _runs(book: Book, sheet_id: int, r: int, c0: int, c1: int) -> list[tuple[int, int]]:
    """Row ``r``'s runs of side-by-side filled cells within ``c0..c1-1``, as (first, last) columns."""
    row = book.row(sheet_id, r)
    runs: list[tuple[int, int]] = []
    for c in range(c0, min(c1, len(row or ()))):
        if row and row[c] and "u" in row[c]:
            if runs and runs[-1][1] == c - 1:
                runs[-1] = (runs[-1][0], c)
            else:
                runs.append((c, c))
    return runs


def find_table(book: Book, box: Box) -> Box | None:
    """The table the range holds, then the rows below that touch it. A one-cell range: the run of filled cells
    starting there (none if the cell is empty: values then go into that cell). A wider range: the first filled
    row at or below its top, and there the last run (two blocks side by side in a whole-sheet range: the values
    go under the right-hand one, as Sheets answers)."""
    sid, rows = box.sheet_id, row_count(box.sheet)
    single = box.c1 - box.c0 == 1 and box.r1 - box.r0 == 1
    c1 = col_count(box.sheet) if single else box.c1
    r = box.r0
    while r < rows and not single and not _runs(book, sid, r, box.c0, c1):
        r += 1
    runs = _runs(book, sid, r, box.c0, c1) if r < rows else []
    if single:  # a one-cell range names where the table starts: an empty cell there is no table
        runs = [run for run in runs if run[0] == box.c0]
    if not runs:
        return None
    low, high = runs[0] if single else runs[-1]
    start = r
    r += 1
    while r < rows:
        touching = [run for run in _runs(book, sid, r, box.c0, c1) if run[0] <= high and run[1] >= low]
        if not touching:
            break
        low, high = min(low, touching[0][0]), max(high, touching[-1][1])
        r += 1
    return Box(box.sheet, start, r, low, high + 1)


def append(book: Book, box: Box, values: Any, major: str, option: str, insert: str) -> tuple[Box | None, Written]:
    table = find_table(book, box)
    at_row, at_col = (table.r1, table.c0) if table else (box.r0, box.c0)
    height = len(values) if isinstance(values, list) else 0
    if major == "COLUMNS" and isinstance(values, list):
        height = max((len(v) for v in values if isinstance(v, list)), default=0)
    if insert == "INSERT_ROWS" and height:
        insert_rows(book, box.sheet, at_row, height)
    anchor = Box(box.sheet, at_row, at_row + 1, at_col, at_col + 1)
    return table, write_box(book, anchor, values, major, option, bounded=False)
