"""batchUpdate requests on sheets and spreadsheet properties: addSheet, deleteSheet, duplicateSheet,
updateSheetProperties, updateSpreadsheetProperties
(https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request)."""

from __future__ import annotations

import copy
from typing import Any

from ._sheets_batch import Batch, Refused, apply_fields, handles, sheet_or_refuse
from ._sheets_book import new_sheet_properties
from ._sheets_model import row_count
from ._sheets_render import tidy_props
from ._sheets_storage import copy_sheet_rows


def _titled_taken(batch: Batch, title: str, but: int | None = None) -> None:
    other = batch.book.sheet_titled(title)
    if other is not None and int(other["properties"]["sheetId"]) != but:
        raise Refused(f'A sheet with the name "{title}" already exists. Please enter another name.')


def _reindex(batch: Batch, moved: dict[str, Any] | None = None, at: int | None = None) -> None:
    """Indexes stay 0..n-1; ``moved`` goes to ``at`` (Sheets' index counts before the move)."""
    ordered = sorted(batch.book.sheets, key=lambda s: int(s["properties"].get("index", 0)))
    if moved is not None and at is not None:
        ordered.remove(moved)
        ordered.insert(max(0, min(at, len(ordered))), moved)
    for index, sheet in enumerate(ordered):
        sheet["properties"]["index"] = index


def _free_title(batch: Batch) -> str:
    n = len(batch.book.sheets) + 1
    while batch.book.sheet_titled(f"Sheet{n}") is not None:
        n += 1
    return f"Sheet{n}"


@handles("addSheet")
def add_sheet(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    given = copy.deepcopy(request.get("properties") or {})
    sheet_id = batch.fresh_id(given.pop("sheetId", None))
    if batch.book.sheet(sheet_id) is not None:
        raise Refused(f"Sheet with id {sheet_id} already exists.")
    title = str(given.pop("title", "") or _free_title(batch))
    _titled_taken(batch, title)
    index = given.pop("index", None)
    props = new_sheet_properties(sheet_id, title, len(batch.book.sheets))
    props["gridProperties"].update(given.pop("gridProperties", {}) or {})
    props.update(given)
    props = tidy_props(props)
    sheet = {"properties": props}
    batch.book.sheets.append(sheet)
    _reindex(batch, sheet, int(index) if index is not None else None)
    return {"addSheet": {"properties": copy.deepcopy(props)}}


@handles("deleteSheet")
def delete_sheet(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    sheet_id = request.get("sheetId", 0)
    sheet = batch.book.sheet(int(sheet_id or 0))
    if sheet is None:
        raise Refused(f"No sheet with id: {sheet_id or 0}")
    visible = [s for s in batch.book.sheets if not s["properties"].get("hidden") and s is not sheet]
    if not visible:
        raise Refused("You can't remove all the sheets in a document.")
    batch.book.drop_sheet_rows(sheet)
    batch.book.sheets.remove(sheet)
    sid = int(sheet["properties"]["sheetId"])
    batch.book.meta["namedRanges"] = [
        n for n in batch.book.meta.get("namedRanges", []) if int(n["range"].get("sheetId", 0)) != sid
    ]
    _reindex(batch)
    return {}


@handles("duplicateSheet")
def duplicate_sheet(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    source = sheet_or_refuse(batch, request.get("sourceSheetId", 0))
    new_id = batch.fresh_id(request.get("newSheetId"))
    if batch.book.sheet(new_id) is not None:
        raise Refused(f"Sheet with id {new_id} already exists.")
    title = request.get("newSheetName")
    if not title:
        base = f"Copy of {source['properties']['title']}"
        title, n = base, 2
        while batch.book.sheet_titled(title) is not None:
            title, n = f"{base} {n}", n + 1
    _titled_taken(batch, str(title))
    copied = copy.deepcopy(source)
    copied.pop("protectedRanges", None)
    copied["properties"].update(sheetId=new_id, title=str(title))
    batch.book.sheets.append(copied)
    at = request.get("insertSheetIndex")
    _reindex(batch, copied, int(at) if at is not None else int(source["properties"]["index"]) + 1)
    copy_sheet_rows(batch.book, int(source["properties"]["sheetId"]), batch.book, new_id, row_count(source))
    for merge in copied.get("merges", []):
        merge["sheetId"] = new_id
    batch.book.rebuild_formulas()
    return {"duplicateSheet": {"properties": copy.deepcopy(copied["properties"])}}


@handles("updateSheetProperties")
def update_sheet_properties(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    given = dict(request.get("properties") or {})
    sheet = sheet_or_refuse(batch, given.get("sheetId", 0))
    props = sheet["properties"]
    fields = request.get("fields")
    before_index = props.get("index")
    updated = copy.deepcopy(props)
    apply_fields(updated, given, fields)
    updated["sheetId"] = props["sheetId"]
    if "title" in updated:
        updated["title"] = str(updated["title"])  # Sheets reads a number sent for a string as its digits
    if updated.get("title") != props.get("title"):
        if not updated.get("title"):
            raise Refused("The sheet name cannot be empty.")
        _titled_taken(batch, str(updated["title"]), int(props["sheetId"]))
    old_rows = row_count(sheet)
    grid = updated.get("gridProperties", {})
    for key in ("rowCount", "columnCount"):
        if key in grid and int(grid[key]) < 1:
            raise Refused(f"Invalid {key}: it must be positive.")
    frozen_rows = int(grid.get("frozenRowCount", 0) or 0)
    if frozen_rows and frozen_rows >= int(grid.get("rowCount", 1)):
        raise Refused("You can't freeze all visible rows on the sheet.")
    for key in [k for k, v in grid.items() if v in (0, False) and k not in ("rowCount", "columnCount")]:
        del grid[key]  # Sheets leaves proto defaults out (no ``frozenRowCount`` once unfrozen)
    sheet["properties"] = updated = tidy_props(updated)
    if updated.get("hidden") and not [s for s in batch.book.sheets if not s["properties"].get("hidden")]:
        raise Refused("You can't hide all the sheets in a document.")
    if updated.get("hidden") is False:
        updated.pop("hidden")
    if updated.get("index") != before_index:
        _reindex(batch, sheet, int(updated.get("index") or 0))
    sid = int(props["sheetId"])
    for r in range(row_count(sheet), old_rows):  # a smaller grid loses what was past its edge
        if batch.book.row(sid, r) is not None:
            batch.book.set_row(sid, r, None)
    return {}


@handles("updateSpreadsheetProperties")
def update_spreadsheet_properties(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    given = dict(request.get("properties") or {})
    current = {"title": batch.title, **batch.book.meta["properties"]}
    apply_fields(current, given, request.get("fields"))
    if not current.get("title"):
        raise Refused("The spreadsheet title cannot be empty.")
    batch.title = str(current.pop("title"))
    batch.book.meta["properties"] = current
    return {}
