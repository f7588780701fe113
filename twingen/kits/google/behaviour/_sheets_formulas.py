"""Formula results, worked out by the ``formulas`` engine (https://pypi.org/project/formulas/).

Only formula cells are recalculated, after each change to a spreadsheet, each once (a formula that reads
another formula has that one worked out first; a cycle is Sheets' ``#REF!``). What the engine cannot parse
is Sheets' ``#ERROR!`` ("Formula parse error."), an unknown function ``#NAME?``, anything else it cannot
work out ``#ERROR!`` — never a failed request
(https://support.google.com/docs/answer/3093343 lists Sheets' error values).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from ._sheets_a1 import RangeError, parse_cells, split_sheet
from ._sheets_model import Book, col_count, row_count
from ._sheets_values import effective

__all__ = ["recalculate"]

_ERRORS = {
    "#NULL!": "NULL_VALUE", "#DIV/0!": "DIV_ZERO", "#VALUE!": "VALUE", "#REF!": "REF", "#NAME?": "NAME",
    "#NUM!": "NUM", "#N/A": "N_A",
}  # fmt: skip
_MAX_CELLS = 2_000_000


class _Failed(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind, self.message = kind, message


def _error(kind: str, message: str) -> dict[str, Any]:
    return {"errorValue": {"type": kind, "message": message}}


@lru_cache(maxsize=4096)
def _compiled(text: str) -> Any:
    import formulas  # a second to import: only a spreadsheet with formulas pays for it

    logging.getLogger("formulas").setLevel(logging.CRITICAL)
    logging.getLogger("schedula").setLevel(logging.CRITICAL)
    try:
        return formulas.Parser().ast(text)[1].compile()
    except Exception:
        return None


class _Evaluator:
    def __init__(self, book: Book) -> None:
        self.book = book
        self.done: dict[tuple[int, int, int], dict[str, Any]] = {}
        self.busy: set[tuple[int, int, int]] = set()

    def value_at(self, sheet_id: int, r: int, c: int) -> Any:
        """A referenced cell's value as the engine takes it (a formula cell worked out first)."""
        import schedula

        cell = self.book.cell(sheet_id, r, c)
        if cell and "formulaValue" in (cell.get("u") or {}):
            result = self.evaluate(sheet_id, r, c, cell)
        else:
            result = effective(cell) or {}
        if "numberValue" in result:
            return float(result["numberValue"])
        if "boolValue" in result:
            return bool(result["boolValue"])
        if "stringValue" in result:
            return result["stringValue"]
        if "errorValue" in result:
            import formulas

            text = next((t for t, k in _ERRORS.items() if k == result["errorValue"].get("type")), "#VALUE!")
            return formulas.Error.errors.get(text, formulas.Error.errors["#VALUE!"])
        return schedula.EMPTY

    def reference(self, sheet_id: int, ref: str) -> Any:
        import numpy

        title, cells_text = split_sheet(ref)
        sheet = self.book.sheet_titled(title) if title else self.book.sheet(sheet_id)
        if sheet is None and title is None:
            named = next(
                (n["range"] for n in self.book.meta.get("namedRanges", []) if str(n["name"]).upper() == ref.upper()),
                None,
            )
            if named is None:
                raise _Failed("NAME", f"Unknown range name: '{ref}'.")
            sheet = self.book.sheet(int(named.get("sheetId", 0)))
            cells_box = (
                named.get("startRowIndex", 0), named.get("endRowIndex"),
                named.get("startColumnIndex", 0), named.get("endColumnIndex"),
            )  # fmt: skip
        else:
            try:
                cells = parse_cells(cells_text)
            except RangeError:
                raise _Failed("NAME", f"Unknown range name: '{ref}'.") from None
            cells_box = (cells.r0 or 0, cells.r1, cells.c0 or 0, cells.c1)
        if sheet is None:
            raise _Failed("REF", f"Unresolved sheet name '{title}'.")
        sid = int(sheet["properties"]["sheetId"])
        r0, r1, c0, c1 = cells_box
        r1 = row_count(sheet) if r1 is None else r1
        c1 = col_count(sheet) if c1 is None else c1
        if (r1 - r0) * (c1 - c0) > _MAX_CELLS:
            raise _Failed("REF", "The range is too large to read.")
        grid = [[self.value_at(sid, r, c) for c in range(c0, c1)] for r in range(r0, r1)]
        return numpy.array(grid, dtype=object) if (r1 - r0, c1 - c0) != (1, 1) else grid[0][0]

    def evaluate(self, sheet_id: int, r: int, c: int, cell: dict[str, Any]) -> dict[str, Any]:
        spot = (sheet_id, r, c)
        if spot in self.done:
            return self.done[spot]
        if spot in self.busy:
            raise _Failed("REF", "Circular dependency detected.")
        self.busy.add(spot)
        try:
            result = self._work_out(sheet_id, str(cell["u"]["formulaValue"]))
        except _Failed as failed:
            result = _error(failed.kind, failed.message)
        finally:
            self.busy.discard(spot)
        self.done[spot] = result
        return result

    def _work_out(self, sheet_id: int, text: str) -> dict[str, Any]:
        import formulas

        function = _compiled(text)
        if function is None:
            return _error("ERROR", "Formula parse error.")
        args = [self.reference(sheet_id, ref) for ref in function.inputs]
        try:
            value = function(*args)
        except Exception as exc:  # the engine's own failure is the spreadsheet's error value, never a 500
            unknown = "NotImplementedError" in repr(exc) or "not implemented" in str(exc).lower()
            return _error("NAME", "Unknown function.") if unknown else _error("ERROR", "Formula error.")
        while getattr(value, "ndim", 0) > 0:  # an array: its first value (a numpy scalar has ravel too, ndim 0)
            flat = value.ravel()
            value = flat[0] if len(flat) else ""
        if isinstance(value, formulas.XlError) or str(value) in _ERRORS:
            kind = _ERRORS.get(str(value), "ERROR")
            return _error(kind, f"Error {value}")
        if isinstance(value, bool):
            return {"boolValue": value}
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return {"numberValue": float(value)}
        if hasattr(value, "item"):  # numpy scalars
            item = value.item()
            return {"numberValue": float(item)} if isinstance(item, (int, float)) else {"stringValue": str(item)}
        if str(value) == "empty":
            return {"numberValue": 0.0}
        return {"stringValue": str(value)}


def recalculate(book: Book) -> None:
    """Work out every formula of the spreadsheet again and store each result beside its formula."""
    spots = list(book.meta.get("formulas", []))
    if not spots:
        return
    evaluator = _Evaluator(book)
    for sheet_id, r, c in spots:
        cell = book.cell(sheet_id, r, c)
        if not cell or "formulaValue" not in (cell.get("u") or {}):
            continue
        try:
            result = evaluator.evaluate(sheet_id, r, c, cell)
        except _Failed as failed:
            result = _error(failed.kind, failed.message)
        if cell.get("e") != result:
            book.put_cell(sheet_id, r, c, {**cell, "e": result})
