"""A spreadsheet as ``spreadsheets.get`` answers it, with grid data when asked
(https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets#Spreadsheet).

Sheets leaves proto defaults out of its JSON: a GridRange on sheet 0 has no ``sheetId``."""

from __future__ import annotations

import copy
from typing import Any

from ._sheets_model import Book, col_count, row_count
from ._sheets_ranges import Box
from ._sheets_values import effective, formatted

__all__ = ["cell_data", "render_book", "render_sheet", "tidy_range"]

_SHEET_PARTS = (
    "merges", "conditionalFormats", "filterViews", "protectedRanges", "basicFilter", "charts", "bandedRanges",
    "developerMetadata", "rowGroups", "columnGroups", "slicers", "tables",
)  # fmt: skip
ROW_PIXELS, COLUMN_PIXELS = 21, 100


def tidy_props(value: Any) -> Any:
    """Properties as Sheets answers them: a colour's zero components and empty messages left out
    (``tabColorStyle: {rgbColor: {red: 1}}``; a cleared tab colour is no key at all)."""
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        item = tidy_props(item)
        if item == {} or (key in ("red", "green", "blue") and item == 0):
            continue
        out[key] = item
    return out


def tidy_range(grid: dict[str, Any]) -> dict[str, Any]:
    out = dict(grid)
    if not out.get("sheetId"):
        out.pop("sheetId", None)
    return out


def _tidy(part: str, value: Any) -> Any:
    value = copy.deepcopy(value)
    if part == "merges":
        return [tidy_range(m) for m in value]
    if part in ("protectedRanges", "filterViews", "conditionalFormats", "rowGroups", "columnGroups"):
        for item in value:
            if "range" in item:
                item["range"] = tidy_range(item["range"])
            if "ranges" in item:
                item["ranges"] = [tidy_range(r) for r in item["ranges"]]
    if part == "basicFilter" and "range" in value:
        value["range"] = tidy_range(value["range"])
    return value


def cell_data(cell: dict[str, Any] | None, default_format: dict[str, Any]) -> dict[str, Any]:
    """A CellData: the value entered, its result, its text, and its formats."""
    if not cell:
        return {}
    out: dict[str, Any] = {}
    if "u" in cell:
        out["userEnteredValue"] = cell["u"]
        value = effective(cell)
        if value is not None:
            out["effectiveValue"] = value
            out["formattedValue"] = formatted(cell, value)
    if cell.get("f"):
        out["userEnteredFormat"] = cell["f"]
    if "u" in cell or cell.get("f"):
        out["effectiveFormat"] = {**default_format, **(cell.get("f") or {})}
    if cell.get("n"):
        out["note"] = cell["n"]
    if cell.get("dv"):
        out["dataValidation"] = cell["dv"]
    if cell.get("h"):
        out["hyperlink"] = cell["h"]
    return out


def _grid_data(book: Book, box: Box) -> dict[str, Any]:
    default_format = book.meta["properties"].get("defaultFormat", {})
    sheet = box.sheet
    rows: list[dict[str, Any]] = []
    for r in range(box.r0, box.r1):
        stored = book.row(box.sheet_id, r) or []
        values = [cell_data(stored[c] if c < len(stored) else None, default_format) for c in range(box.c0, box.c1)]
        while values and not values[-1]:
            values.pop()
        rows.append({"values": values} if values else {})
    while rows and not rows[-1]:
        rows.pop()
    row_meta, col_meta = sheet.get("rowMeta", {}), sheet.get("colMeta", {})
    data: dict[str, Any] = {}
    if box.r0:
        data["startRow"] = box.r0
    if box.c0:
        data["startColumn"] = box.c0
    if rows:
        data["rowData"] = rows
    data["rowMetadata"] = [{"pixelSize": ROW_PIXELS, **row_meta.get(str(r), {})} for r in range(box.r0, box.r1)]
    data["columnMetadata"] = [{"pixelSize": COLUMN_PIXELS, **col_meta.get(str(c), {})} for c in range(box.c0, box.c1)]
    return data


def render_sheet(book: Book, sheet: dict[str, Any], grid_boxes: list[Box] | None) -> dict[str, Any]:
    out: dict[str, Any] = {"properties": copy.deepcopy(sheet["properties"])}
    for part in _SHEET_PARTS:
        if sheet.get(part):
            out[part] = _tidy(part, sheet[part])
    if grid_boxes is not None:
        out["data"] = [_grid_data(book, box) for box in grid_boxes]
    return out


def render_book(
    book: Book, title: str, base: str, *, grid: bool = False, boxes: list[Box] | None = None
) -> dict[str, Any]:
    """The Spreadsheet resource; ``boxes`` (from ``ranges``) limit the sheets shown and the grid data."""
    properties = {"title": title, **copy.deepcopy(book.meta["properties"])}
    sheets = []
    ordered = sorted(book.sheets, key=lambda s: int(s["properties"].get("index", 0)))
    for sheet in ordered:
        sid = int(sheet["properties"]["sheetId"])
        mine = [b for b in boxes or [] if b.sheet_id == sid]
        if boxes and not mine:
            continue
        whole = [Box(sheet, 0, row_count(sheet), 0, col_count(sheet))]
        sheets.append(render_sheet(book, sheet, (mine or whole) if grid else None))
    out: dict[str, Any] = {"spreadsheetId": book.id, "properties": properties, "sheets": sheets}
    named = book.meta.get("namedRanges") or []
    if named:
        out["namedRanges"] = [{**n, "range": tidy_range(n["range"])} for n in named]
    if book.meta.get("developerMetadata"):
        out["developerMetadata"] = copy.deepcopy(book.meta["developerMetadata"])
    out["spreadsheetUrl"] = f"{base}/spreadsheets/d/{book.id}/edit"
    return out
