"""Rows and columns moving: inserting, deleting and moving them shifts the cells, the per-row and per-column
properties, merges and named ranges after them, as Sheets does
(https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#insertdimensionrequest)."""

from __future__ import annotations

from typing import Any

from ._sheets_model import Book, col_count, row_count
from ._sheets_refs import moved_by_structure

__all__ = ["delete_span", "insert_cols", "insert_rows", "move_span", "shift_ranges"]


def _grid(sheet: dict[str, Any]) -> dict[str, Any]:
    grid: dict[str, Any] = sheet["properties"].setdefault("gridProperties", {"rowCount": 0, "columnCount": 0})
    return grid


def _shift_meta(sheet: dict[str, Any], key: str, at: int, delta: int) -> None:
    """Per-row/column properties (``rowMeta``/``colMeta``: index -> props) after an insert or delete."""
    stored: dict[str, Any] = sheet.get(key) or {}
    moved: dict[str, Any] = {}
    for index_text, props in stored.items():
        index = int(index_text)
        if index < at:
            moved[index_text] = props
        elif delta < 0 and index < at - delta:
            continue
        else:
            moved[str(index + delta)] = props
    if stored:
        sheet[key] = moved


def shift_ranges(book: Book, sheet_id: int, rows: bool, at: int, delta: int) -> None:
    """GridRanges held by the spreadsheet (merges, named and protected ranges, filters) follow the cells."""
    start, end = ("startRowIndex", "endRowIndex") if rows else ("startColumnIndex", "endColumnIndex")

    def shift(grid: dict[str, Any]) -> bool:
        if int(grid.get("sheetId", 0)) != sheet_id:
            return True
        for key in (start, end):
            if grid.get(key) is None:
                continue
            value = int(grid[key])
            if value >= at:
                grid[key] = max(at, value + delta) if delta < 0 else value + delta
        return grid.get(start) is None or grid.get(end) is None or int(grid[end]) > int(grid[start])

    sheet = book.sheet(sheet_id)
    if sheet is not None:
        sheet["merges"] = [m for m in sheet.get("merges", []) if shift(m)]
        for protected in sheet.get("protectedRanges", []):
            if "range" in protected:
                shift(protected["range"])
        if sheet.get("basicFilter", {}).get("range"):
            shift(sheet["basicFilter"]["range"])
    for named in book.meta.get("namedRanges", []):
        shift(named["range"])


def _formulas_follow(book: Book, sheet: dict[str, Any], rows: bool, at: int, delta: int) -> None:
    """Every formula's references to the changed sheet move with its cells (``_sheets_refs``)."""
    sid = int(sheet["properties"]["sheetId"])
    title = str(sheet["properties"]["title"]).casefold()
    for formula_sheet, r, c in list(book.meta.get("formulas", [])):

        def on_changed_sheet(named: str | None, home: int = formula_sheet) -> bool:
            return home == sid if named is None else named.casefold() == title

        cell = book.cell(formula_sheet, r, c)
        text = str(((cell or {}).get("u") or {}).get("formulaValue", ""))
        moved = moved_by_structure(text, on_changed_sheet, rows, at, delta)
        if cell is not None and moved != text:
            book.put_cell(
                formula_sheet, r, c, {**{k: v for k, v in cell.items() if k != "e"}, "u": {"formulaValue": moved}}
            )


def insert_rows(book: Book, sheet: dict[str, Any], at: int, count: int) -> None:
    sid = int(sheet["properties"]["sheetId"])
    for r in range(row_count(sheet) - 1, at - 1, -1):
        row = book.raw_row(sid, r)
        if row is not None:
            book.set_row(sid, r + count, row)
            book.set_row(sid, r, None)
    _grid(sheet)["rowCount"] = row_count(sheet) + count
    _shift_meta(sheet, "rowMeta", at, count)
    shift_ranges(book, sid, True, at, count)
    book.rebuild_formulas()
    _formulas_follow(book, sheet, True, at, count)


def insert_cols(book: Book, sheet: dict[str, Any], at: int, count: int) -> None:
    sid = int(sheet["properties"]["sheetId"])
    for r in range(row_count(sheet)):
        row = book.raw_row(sid, r)
        if row and len(row) > at:
            book.set_row(sid, r, list(row[:at]) + [None] * count + list(row[at:]))
    _grid(sheet)["columnCount"] = col_count(sheet) + count
    _shift_meta(sheet, "colMeta", at, count)
    shift_ranges(book, sid, False, at, count)
    book.rebuild_formulas()
    _formulas_follow(book, sheet, False, at, count)


def delete_span(book: Book, sheet: dict[str, Any], rows: bool, start: int, end: int) -> None:
    sid = int(sheet["properties"]["sheetId"])
    count = end - start
    if rows:
        total = row_count(sheet)
        for r in range(start, total):
            source = book.raw_row(sid, r + count) if r + count < total else None
            if source is not None or book.raw_row(sid, r) is not None:
                book.set_row(sid, r, source)
        _grid(sheet)["rowCount"] = total - count
        _shift_meta(sheet, "rowMeta", start, -count)
    else:
        for r in range(row_count(sheet)):
            row = book.raw_row(sid, r)
            if row and len(row) > start:
                kept = list(row[:start]) + list(row[end:])
                while kept and kept[-1] is None:
                    kept.pop()
                book.set_row(sid, r, kept)
        _grid(sheet)["columnCount"] = col_count(sheet) - count
        _shift_meta(sheet, "colMeta", start, -count)
    shift_ranges(book, sid, rows, end, -count)
    book.rebuild_formulas()
    _formulas_follow(book, sheet, rows, start, -count)


def move_span(book: Book, sheet: dict[str, Any], rows: bool, start: int, end: int, dest: int) -> None:
    """``moveDimension``: ``dest`` is the index before the move, as the request gives it."""
    sid = int(sheet["properties"]["sheetId"])
    total = row_count(sheet) if rows else col_count(sheet)
    order = list(range(total))
    block = order[start:end]
    rest = order[:start] + order[end:]
    at = dest if dest <= start else dest - (end - start)
    new_order = rest[:at] + block + rest[at:]
    if rows:
        old_rows = {r: book.raw_row(sid, r) for r in range(total)}
        for new_index, old_index in enumerate(new_order):
            if new_index != old_index and (old_rows[old_index] is not None or old_rows[new_index] is not None):
                book.set_row(sid, new_index, old_rows[old_index])
    else:
        for r in range(row_count(sheet)):
            row = book.raw_row(sid, r)
            if row:
                padded = list(row) + [None] * (total - len(row))
                moved = [padded[i] for i in new_order]
                while moved and moved[-1] is None:
                    moved.pop()
                book.set_row(sid, r, moved)
    book.rebuild_formulas()
