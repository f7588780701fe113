"""A range as a request names it (A1 text, a GridRange, a named range) resolved against one spreadsheet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._sheets_a1 import RangeError, a1_of, parse_cells, split_sheet
from ._sheets_errors import bad, unparsable
from ._sheets_model import Book, col_count, row_count

__all__ = ["Box", "box_of_grid", "first_sheet", "grid_of", "resolve", "sheet_of_id"]


@dataclass
class Box:
    """A bounded box on one sheet: rows ``r0..r1-1``, columns ``c0..c1-1``."""

    sheet: dict[str, Any]
    r0: int
    r1: int
    c0: int
    c1: int

    @property
    def sheet_id(self) -> int:
        return int(self.sheet["properties"]["sheetId"])

    @property
    def title(self) -> str:
        return str(self.sheet["properties"]["title"])

    def a1(self) -> str:
        if self.r1 <= self.r0 or self.c1 <= self.c0:
            return a1_of(self.title, self.r0, self.r0 + 1, self.c0, self.c0 + 1)
        return a1_of(self.title, self.r0, self.r1, self.c0, self.c1)

    def grid(self) -> dict[str, Any]:
        return {
            "sheetId": self.sheet_id,
            "startRowIndex": self.r0,
            "endRowIndex": self.r1,
            "startColumnIndex": self.c0,
            "endColumnIndex": self.c1,
        }


def first_sheet(book: Book) -> dict[str, Any]:
    return min(book.sheets, key=lambda s: int(s["properties"].get("index", 0)))


def sheet_of_id(book: Book, sheet_id: Any) -> dict[str, Any]:
    sheet = book.sheet(int(sheet_id or 0))
    if sheet is None:
        raise bad(f"No grid with id: {sheet_id}")
    return sheet


def _named(book: Book, name: str) -> dict[str, Any] | None:
    folded = name.casefold()
    for named in book.meta.get("namedRanges", []):
        if str(named.get("name", "")).casefold() == folded:
            return dict(named["range"])
    return None


def resolve(book: Book, text: str, *, grow: bool = False) -> Box:
    """A1 text -> a box bounded by the sheet's grid; a box past the grid is Sheets' 400 (unless ``grow``:
    append and update may write past the last row and column, and the grid then grows)."""
    try:
        title, cells_text = split_sheet(text)
    except RangeError:
        raise unparsable(text) from None
    if title is None:
        sheet = book.sheet_titled(cells_text) if cells_text else None
        if sheet is not None:
            title, cells_text = cells_text, ""
        else:
            named = _named(book, cells_text)
            if named is not None:
                return box_of_grid(book, named)
    if title is not None:
        sheet = book.sheet_titled(title)
        if sheet is None:
            raise unparsable(text)
    else:
        sheet = first_sheet(book)
    try:
        cells = parse_cells(cells_text)
    except RangeError:
        named = _named(book, cells_text)  # ``'Sheet1'!Name``: a named range behind its sheet's title
        if named is None:
            raise unparsable(text) from None
        return box_of_grid(book, named)
    rows, cols = row_count(sheet), col_count(sheet)
    r0 = cells.r0 or 0
    c0 = cells.c0 or 0
    r1 = cells.r1 if cells.r1 is not None else rows
    c1 = cells.c1 if cells.c1 is not None else cols
    if not grow and (r1 > rows or c1 > cols or r0 >= rows or c0 >= cols):
        # Sheets quotes the title in this message whatever it is: ``Range ('Sheet1'!A1001) exceeds grid limits``
        shown = a1_of(str(sheet["properties"]["title"]), r0, max(r1, r0 + 1), c0, max(c1, c0 + 1))
        quoted = "'" + str(sheet["properties"]["title"]).replace("'", "''") + "'!" + shown.rpartition("!")[2]
        raise bad(f"Range ({quoted}) exceeds grid limits. Max rows: {rows}, max columns: {cols}")
    return Box(sheet, r0, max(r1, r0), c0, max(c1, c0))


def box_of_grid(book: Book, grid: dict[str, Any]) -> Box:
    """A GridRange (absent ends are the grid's edges)."""
    sheet = sheet_of_id(book, grid.get("sheetId", 0))
    rows, cols = row_count(sheet), col_count(sheet)
    r0 = int(grid.get("startRowIndex", 0) or 0)
    c0 = int(grid.get("startColumnIndex", 0) or 0)
    r1 = int(grid["endRowIndex"]) if grid.get("endRowIndex") is not None else rows
    c1 = int(grid["endColumnIndex"]) if grid.get("endColumnIndex") is not None else cols
    if r0 < 0 or c0 < 0 or r1 < r0 or c1 < c0:
        raise bad("Invalid range: the start index must not be after the end index.")
    if r1 > rows or c1 > cols:
        raise bad(
            f"Range ({Box(sheet, r0, r1, c0, c1).a1()}) exceeds grid limits. Max rows: {rows}, max columns: {cols}"
        )
    return Box(sheet, r0, r1, c0, c1)


def grid_of(box: Box) -> dict[str, Any]:
    return box.grid()
