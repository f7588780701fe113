"""A spreadsheet's content as Drive sees it: copied with ``files.copy``, dropped with ``files.delete``,
exported with ``files.export`` (CSV of the first sheet, or an .xlsx workbook of every sheet:
https://developers.google.com/drive/api/guides/ref-export-formats). Registered in ``_content.EDITORS``."""

from __future__ import annotations

import copy
import csv
import io
from typing import Any

from ..runtime import State
from ._content import EDITORS, Editor
from ._sheets_model import BOOKS, ROWS, SPREADSHEET, Book, col_count, row_count, row_key
from ._sheets_values import render

__all__ = ["copy_sheet_rows", "sheet_values"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def copy_sheet_rows(source: Book, source_sheet: int, target: Book, target_sheet: int, rows: int) -> None:
    for r in range(rows):
        row = source.raw_row(source_sheet, r)
        if row is not None:
            target.set_row(target_sheet, r, copy.deepcopy(row))


def _copy(state: State, source_id: str, target_id: str) -> None:
    meta = state.collection(BOOKS).get(source_id)
    if meta is None:
        return
    source = Book(state, source_id, meta)
    target = Book(state, target_id, meta)
    for sheet in source.sheets:
        sid = int(sheet["properties"]["sheetId"])
        copy_sheet_rows(source, sid, target, sid, row_count(sheet))
    target.commit()


def _drop(state: State, file_id: str) -> None:
    books = state.collection(BOOKS)
    meta = books.get(file_id)
    if meta is None:
        return
    rows = state.collection(ROWS)
    for sheet in meta.get("sheets", []):
        sid = int(sheet["properties"]["sheetId"])
        for r in range(row_count(sheet)):
            rows.delete(row_key(file_id, sid, r))
    books.delete(file_id)


def sheet_values(book: Book, sheet: dict[str, Any], option: str) -> list[list[Any]]:
    """Every row up to the last filled one, each up to its last filled cell."""
    sid = int(sheet["properties"]["sheetId"])
    out: list[list[Any]] = []
    for r in range(row_count(sheet)):
        row = book.row(sid, r) or []
        values = [render(cell, option) for cell in row[: col_count(sheet)]]
        while values and values[-1] == "":
            values.pop()
        out.append(values)
    while out and not out[-1]:
        out.pop()
    return out


def _export(state: State, record: dict[str, Any], mime_type: str) -> tuple[bytes, str] | None:
    meta = state.collection(BOOKS).get(str(record["id"]))
    book = Book(state, str(record["id"]), meta or {"sheets": []})
    sheets = sorted(book.sheets, key=lambda s: int(s["properties"].get("index", 0)))
    if mime_type == "text/csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        for values in sheet_values(book, sheets[0], "FORMATTED_VALUE") if sheets else []:
            writer.writerow(values)
        # rows end with CRLF except the last (Drive's CSV export of ``a1,B2`` is exactly those five bytes)
        return buffer.getvalue().removesuffix("\r\n").encode("utf-8"), "text/csv"
    if mime_type == XLSX:
        import openpyxl

        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
        for sheet in sheets or [{"properties": {"title": "Sheet1", "sheetId": 0}}]:
            page = workbook.create_sheet(str(sheet["properties"]["title"])[:31])
            for values in sheet_values(book, sheet, "UNFORMATTED_VALUE") if meta else []:
                page.append([None if v == "" else v for v in values])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue(), XLSX
    return None


EDITORS[SPREADSHEET] = Editor(copy=_copy, drop=_drop, export=_export)
