"""A spreadsheet's state: its structure in one record, its cells in one record per row.

Collections:

- ``spreadsheets``: id = the Drive file id; ``{properties (no title: the Drive name is the title), sheets:
  [{properties, merges, ...}], namedRanges, developerMetadata, formulas: [[sheetId, row, col]...], seq}``.
- ``sheet_rows``: id = ``"<spreadsheet>/<sheetId>/<row>"``; ``{"c": [cell or None, ...]}`` where a cell is
  ``{"u": userEnteredValue, "e": effective value of a formula, "f": userEnteredFormat, "n": note,
  "dv": dataValidation}``, or just the value when that is all it holds (``pack``).

Per-row records keep a one-cell write to one row record, and a read of N rows to N look-ups, whatever the
sheet's size. A request works through a ``Book``: reads see its own pending writes, and nothing reaches the
state until ``commit`` (a batch whose third request fails leaves the spreadsheet as it was).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from ..runtime import State

__all__ = ["BOOKS", "ROWS", "SPREADSHEET", "Book", "row_key"]

SPREADSHEET = "application/vnd.google-apps.spreadsheet"
BOOKS = "spreadsheets"
ROWS = "sheet_rows"

Cell = dict[str, Any]
Row = list[Any]


def row_key(book_id: str, sheet_id: int, row: int) -> str:
    return f"{book_id}/{sheet_id}/{row}"


class Book:
    """One spreadsheet for the length of a request: structure (``meta``) plus a write overlay of rows."""

    def __init__(
        self, state: State, book_id: str, meta: dict[str, Any], minter: Callable[[], int] | None = None
    ) -> None:
        self.state, self.id, self.minter = state, book_id, minter
        self.meta = copy.deepcopy(meta)
        self.rows = state.collection(ROWS)
        self.pending: dict[str, Row | None] = {}
        self.dirty_cells = False

    # structure -----------------------------------------------------------------------------------------
    @property
    def sheets(self) -> list[dict[str, Any]]:
        return self.meta["sheets"]  # type: ignore[no-any-return]

    def sheet(self, sheet_id: int) -> dict[str, Any] | None:
        for sheet in self.sheets:
            if sheet["properties"]["sheetId"] == sheet_id:
                return sheet
        return None

    def sheet_titled(self, title: str) -> dict[str, Any] | None:
        folded = title.casefold()
        for sheet in self.sheets:
            if str(sheet["properties"]["title"]).casefold() == folded:
                return sheet
        return None

    def next_id(self) -> int:
        """An id Sheets mints (sheet, named range, protected range...): a large number that looks random, from
        the twin's id factory (repeatable under ``serve --seed``), so two spreadsheets never share one."""
        if self.minter is None:
            value = int(self.meta.get("seq", 0)) + 1
            self.meta["seq"] = value
            return value
        return self.minter()

    # cells ---------------------------------------------------------------------------------------------
    def raw_row(self, sheet_id: int, r: int) -> list[Any] | None:
        """The stored row as it is (packed cells, see ``pack``): read-only, for reads that touch a few cells."""
        key = row_key(self.id, sheet_id, r)
        if key in self.pending:
            return self.pending[key]
        record = self.rows.get(key)
        return record["c"] if record else None

    def row(self, sheet_id: int, r: int) -> Row | None:
        raw = self.raw_row(sheet_id, r)
        return None if raw is None else [unpack(x) for x in raw]

    def set_row(self, sheet_id: int, r: int, cells: Row | None) -> None:
        packed = [pack(cell) for cell in cells] if cells else None
        while packed and packed[-1] is None:
            packed.pop()
        self.pending[row_key(self.id, sheet_id, r)] = packed or None
        self.dirty_cells = True

    def cell(self, sheet_id: int, r: int, c: int) -> Cell | None:
        raw = self.raw_row(sheet_id, r)
        return unpack(raw[c]) if raw is not None and c < len(raw) else None

    def put_cell(self, sheet_id: int, r: int, c: int, cell: Cell | None) -> None:
        """Replace one cell (None clears it); the row is copied, never changed in place."""
        old = self.raw_row(sheet_id, r)
        row = list(old) if old else []
        if c >= len(row):
            if cell is None:
                return
            row.extend([None] * (c + 1 - len(row)))
        row[c] = pack(cell or None)
        while row and row[-1] is None:
            row.pop()
        self.pending[row_key(self.id, sheet_id, r)] = row or None
        self.dirty_cells = True
        self._track_formula(sheet_id, r, c, cell)

    def _track_formula(self, sheet_id: int, r: int, c: int, cell: Cell | None) -> None:
        spot = [sheet_id, r, c]
        formulas: list[list[int]] = self.meta.setdefault("formulas", [])
        is_formula = bool(cell and "formulaValue" in (cell.get("u") or {}))
        if is_formula and spot not in formulas:
            formulas.append(spot)
        elif not is_formula and formulas and spot in formulas:
            formulas.remove(spot)

    def rebuild_formulas(self) -> None:
        """After rows or columns move: find the formula cells again (structure changes are rare, reads are many)."""
        found: list[list[int]] = []
        for sheet in self.sheets:
            sid = int(sheet["properties"]["sheetId"])
            for r in range(row_count(sheet)):
                row = self.row(sid, r)
                for c, cell in enumerate(row or ()):
                    if cell and "formulaValue" in (cell.get("u") or {}):
                        found.append([sid, r, c])
        self.meta["formulas"] = found

    def drop_sheet_rows(self, sheet: dict[str, Any]) -> None:
        sid = int(sheet["properties"]["sheetId"])
        for r in range(row_count(sheet)):
            if self.row(sid, r) is not None:
                self.set_row(sid, r, None)
        self.meta["formulas"] = [f for f in self.meta.get("formulas", []) if f[0] != sid]

    # saving --------------------------------------------------------------------------------------------
    def commit(self) -> None:
        for key, cells in self.pending.items():
            if cells:
                self.rows.put(key, {"c": cells})
            else:
                self.rows.delete(key)
        self.pending = {}
        self.state.collection(BOOKS).put(self.id, self.meta)


def pack(cell: Cell | None) -> Any:
    """A cell holding only a plain value is stored as that value (a string, number or boolean), else as its
    dict: a million-cell sheet is then a million strings, not a million dicts for the garbage collector to walk."""
    if type(cell) is not dict or len(cell) != 1 or "u" not in cell or len(cell["u"]) != 1:
        return cell  # already packed, empty, or more than a value
    ((kind, value),) = cell["u"].items()
    if kind == "stringValue" and type(value) is str:
        return value
    if kind == "numberValue" and type(value) in (int, float):
        return value
    if kind == "boolValue" and type(value) is bool:
        return value
    return cell


def unpack(stored: Any) -> Cell | None:
    kind = type(stored)
    if stored is None or kind is dict:
        return stored  # type: ignore[no-any-return]
    if kind is str:
        return {"u": {"stringValue": stored}}
    if kind is bool:
        return {"u": {"boolValue": stored}}
    return {"u": {"numberValue": stored}}


def row_count(sheet: dict[str, Any]) -> int:
    return int(sheet["properties"].get("gridProperties", {}).get("rowCount", 0))


def col_count(sheet: dict[str, Any]) -> int:
    return int(sheet["properties"].get("gridProperties", {}).get("columnCount", 0))
