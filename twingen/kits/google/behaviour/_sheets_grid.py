"""Reading and writing boxes of values: what every ``values.*`` method shares.

Answers leave out trailing empty rows and trailing empty cells of each row (an empty cell between values is
``""``); ``majorDimension`` COLUMNS turns the box
(https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values#ValueRange).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._sheets_errors import bad, field_violation
from ._sheets_model import Book, col_count, row_count, unpack
from ._sheets_ranges import Box
from ._sheets_values import SKIP, render, written

__all__ = ["Written", "clear_box", "read_box", "write_box"]

_RENDER = ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA")
_DATES = ("SERIAL_NUMBER", "FORMATTED_STRING")
_DIMENSIONS = ("ROWS", "COLUMNS")
_INPUT = ("RAW", "USER_ENTERED")


def check_option(name: str, value: str | None, allowed: tuple[str, ...], default: str) -> str:
    if value is None or value == "":
        return default
    if value not in allowed:
        raise bad(f"Invalid value at '{name}' (type.googleapis.com/google.apps.sheets.v4.{name}), \"{value}\"")
    return value


def render_options(params: dict[str, Any], body: dict[str, Any] | None = None) -> tuple[str, str, str]:
    source = {**params, **(body or {})}
    return (
        check_option("major_dimension", source.get("majorDimension"), _DIMENSIONS, "ROWS"),
        check_option("value_render_option", source.get("valueRenderOption"), _RENDER, "FORMATTED_VALUE"),
        check_option("date_time_render_option", source.get("dateTimeRenderOption"), _DATES, "SERIAL_NUMBER"),
    )


def input_option(value: Any) -> str:
    if value is None or value == "" or value == "INPUT_VALUE_OPTION_UNSPECIFIED":
        raise bad("'valueInputOption' is required but not specified")
    return check_option("value_input_option", str(value), _INPUT, "RAW")


def read_box(book: Book, box: Box, major: str, option: str, dates: str) -> list[list[Any]]:
    """The box's values, trailing blanks trimmed; cost grows with the box, not the sheet."""
    rows: list[list[Any]] = []
    sid = box.sheet_id
    last_row = -1
    for r in range(box.r0, box.r1):
        stored = book.raw_row(sid, r)
        out: list[Any] = []
        if stored:
            end = min(box.c1, len(stored))
            out = [render(unpack(stored[c]), option, dates) for c in range(box.c0, end)]
            while out and out[-1] == "":
                out.pop()
        rows.append(out)
        if out:
            last_row = len(rows) - 1
    rows = rows[: last_row + 1]
    if major == "COLUMNS":
        width = max((len(row) for row in rows), default=0)
        columns = [[row[c] if c < len(row) else "" for row in rows] for c in range(width)]
        for column in columns:
            while column and column[-1] == "":
                column.pop()
        return columns
    return rows


def check_values(values: Any, location: str) -> list[list[Any]]:
    if values is None:
        return []
    if not isinstance(values, list) or not all(isinstance(row, list) for row in values):
        bad_part = values if not isinstance(values, list) else next(r for r in values if not isinstance(r, list))
        shown = bad_part if isinstance(bad_part, str) else str(bad_part)
        message = f"Invalid value at '{location}' (type.googleapis.com/google.protobuf.ListValue), \"{shown}\""
        raise field_violation(location, message)
    for i, row in enumerate(values):
        for j, value in enumerate(row):
            if isinstance(value, (dict, list)):  # a cell holds a scalar: Sheets names the nested kind it got
                kind = "struct_value" if isinstance(value, dict) else "list_value"
                raise bad(f"Invalid values[{i}][{j}]: {kind}")
    return values


@dataclass
class Written:
    box: Box
    rows: int
    columns: int
    cells: int

    def answer(self, book_id: str) -> dict[str, Any]:
        out: dict[str, Any] = {"spreadsheetId": book_id, "updatedRange": self.box.a1()}
        if self.cells or self.rows:
            out.update(updatedRows=self.rows, updatedColumns=self.columns, updatedCells=self.cells)
        return out


def write_box(
    book: Book, box: Box, values: Any, major: str, option: str, *, location: str = "data.values", bounded: bool = True
) -> Written:
    """Write ``values`` from the box's top-left corner; a multi-cell range must hold them (Sheets' 400)."""
    grid = check_values(values, location)
    if major == "COLUMNS":
        width = max((len(row) for row in grid), default=0)
        grid = [[col[r] if r < len(col) else None for col in grid] for r in range(width)]
    height = len(grid)
    width = max((len(row) for row in grid), default=0)
    single = box.r1 - box.r0 <= 1 and box.c1 - box.c0 <= 1
    if bounded and not single and height and width:
        if box.r0 + height > box.r1:
            raise bad(f"Requested writing within range [{box.a1()}], but tried writing to row [{box.r0 + height}]")
        if box.c0 + width > box.c1:
            from ._sheets_a1 import col_letters

            raise bad(
                f"Requested writing within range [{box.a1()}], but tried writing to column "
                f"[{col_letters(box.c0 + width - 1)}]"
            )
    sheet = box.sheet
    if box.r0 + height > row_count(sheet) or box.c0 + width > col_count(sheet):
        if bounded:
            end = Box(sheet, box.r0, box.r0 + max(height, 1), box.c0, box.c0 + max(width, 1))
            raise bad(
                f"Range ({end.a1()}) exceeds grid limits. Max rows: {row_count(sheet)}, max columns: {col_count(sheet)}"
            )
        grid_props = sheet["properties"]["gridProperties"]
        grid_props["rowCount"] = max(row_count(sheet), box.r0 + height)
        grid_props["columnCount"] = max(col_count(sheet), box.c0 + width)
    sid, cells = box.sheet_id, 0
    for i, row_values in enumerate(grid):
        r = box.r0 + i
        for j, value in enumerate(row_values):
            c = box.c0 + j
            cell = written(book.cell(sid, r, c), value, option)
            if cell is SKIP:
                continue
            book.put_cell(sid, r, c, cell)
            cells += 1
    done = Box(sheet, box.r0, box.r0 + height, box.c0, box.c0 + width)
    return Written(done, height, width, cells)


def clear_box(book: Book, box: Box) -> None:
    """Values go, formats stay (``values.clear``)."""
    sid = box.sheet_id
    for r in range(box.r0, box.r1):
        stored = book.row(sid, r)
        if not stored:
            continue
        for c in range(box.c0, min(box.c1, len(stored))):
            cell = stored[c]
            if cell and ("u" in cell or "e" in cell):
                kept = {k: v for k, v in cell.items() if k not in ("u", "e")}
                book.put_cell(sid, r, c, kept or None)
