"""Opening a spreadsheet: the Drive file behind it, who may read or write it, and what a new one holds.

A spreadsheet is a Drive file of type ``application/vnd.google-apps.spreadsheet``; its title is the file's
name. A file made through Drive (``files.create`` with that type) gets its grid the first time Sheets opens
it, as a new spreadsheet: one sheet ``Sheet1`` (id 0) of 1,000 rows by 26 columns
(https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets#SheetProperties).
"""

from __future__ import annotations

import copy
from typing import Any

from ..runtime import Context
from ._files_model import WRITER, record_change, role_of
from ._files_ops import touch
from ._request import caller
from ._sheets_errors import not_found, permission_denied
from ._sheets_model import BOOKS, SPREADSHEET, Book

__all__ = ["DEFAULT_PROPERTIES", "edited", "new_meta", "new_sheet_properties", "open_book", "title_of"]

# A new spreadsheet's properties as Sheets answers them (spreadsheets.get on a fresh file); the theme and
# default format are the ones every new spreadsheet starts with
# (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets#SpreadsheetProperties).
_WHITE = {"red": 1, "green": 1, "blue": 1}
_THEME = [
    ("TEXT", {}),
    ("BACKGROUND", _WHITE),
    ("ACCENT1", {"red": 0.25882354, "green": 0.52156866, "blue": 0.95686275}),
    ("ACCENT2", {"red": 0.91764706, "green": 0.2627451, "blue": 0.20784314}),
    ("ACCENT3", {"red": 0.9843137, "green": 0.7372549, "blue": 0.015686275}),
    ("ACCENT4", {"red": 0.20392157, "green": 0.65882355, "blue": 0.3254902}),
    ("ACCENT5", {"red": 1, "green": 0.42745098, "blue": 0.003921569}),
    ("ACCENT6", {"red": 0.27450982, "green": 0.7411765, "blue": 0.7764706}),
    ("LINK", {"red": 0.06666667, "green": 0.33333334, "blue": 0.8}),
]
DEFAULT_PROPERTIES: dict[str, Any] = {
    "locale": "en_US",
    "autoRecalc": "ON_CHANGE",
    "timeZone": "Etc/GMT",
    "defaultFormat": {
        "backgroundColor": _WHITE,
        "padding": {"top": 2, "right": 3, "bottom": 2, "left": 3},
        "verticalAlignment": "BOTTOM",
        "wrapStrategy": "OVERFLOW_CELL",
        "textFormat": {
            "foregroundColor": {},
            "fontFamily": "arial,sans,sans-serif",
            "fontSize": 10,
            "bold": False,
            "italic": False,
            "strikethrough": False,
            "underline": False,
            "foregroundColorStyle": {"rgbColor": {}},
        },
        "backgroundColorStyle": {"rgbColor": _WHITE},
    },
    "spreadsheetTheme": {
        "primaryFontFamily": "Arial",
        "themeColors": [{"colorType": kind, "color": {"rgbColor": rgb}} for kind, rgb in _THEME],
    },
}


def new_sheet_properties(sheet_id: int, title: str, index: int) -> dict[str, Any]:
    return {
        "sheetId": sheet_id,
        "title": title,
        "index": index,
        "sheetType": "GRID",
        "gridProperties": {"rowCount": 1000, "columnCount": 26},
    }


def new_meta(properties: dict[str, Any] | None = None, sheets: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    props = copy.deepcopy(DEFAULT_PROPERTIES)
    props.update({k: v for k, v in (properties or {}).items() if k != "title"})
    return {
        "properties": props,
        "sheets": sheets or [{"properties": new_sheet_properties(0, "Sheet1", 0)}],
        "namedRanges": [],
        "developerMetadata": [],
        "formulas": [],
    }


def _file(ctx: Context, book_id: str) -> dict[str, Any]:
    record = ctx.state.collection("files").get(book_id)
    if record is None or record.get("mimeType") != SPREADSHEET:
        raise not_found()
    return record


def open_book(ctx: Context, book_id: str, *, write: bool = False) -> tuple[Book, dict[str, Any]]:
    """The spreadsheet and its Drive file; 404 when it does not exist, 403 when the caller may not read (or,
    for ``write``, edit) it, as Sheets answers (it does not hide a file the caller cannot see)."""
    record = _file(ctx, book_id)
    rank = role_of(ctx.state, record, caller(ctx))
    if rank == 0 or (write and rank < WRITER):
        raise permission_denied()
    meta = ctx.state.collection(BOOKS).get(book_id)
    if meta is None:  # made through Drive: its grid starts the first time Sheets opens it
        meta = new_meta()
        ctx.state.collection(BOOKS).put(book_id, meta)
    return Book(ctx.state, book_id, meta, lambda: _minted(ctx)), record


def _minted(ctx: Context) -> int:
    return int(ctx.new_id("", length=9, alphabet="123456789"))


def edited(ctx: Context, book_id: str) -> None:
    """An edit moves the Drive file's ``modifiedTime`` and version and shows in ``changes.list``, as any
    change to a file's content does."""
    record = ctx.state.collection("files").get(book_id)
    if record is not None:
        touch(ctx, record, caller(ctx))
        record_change(ctx.state, record, ctx.now())


def title_of(record: dict[str, Any]) -> str:
    return str(record.get("name", ""))
