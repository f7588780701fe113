"""batchUpdate requests on rows and columns: insertDimension, deleteDimension, appendDimension,
moveDimension, updateDimensionProperties, autoResizeDimensions
(https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request)."""

from __future__ import annotations

from typing import Any

from ._sheets_batch import Batch, Refused, apply_fields, handles, sheet_or_refuse
from ._sheets_dims import delete_span, insert_cols, insert_rows, move_span
from ._sheets_model import col_count, row_count
from ._sheets_render import COLUMN_PIXELS, ROW_PIXELS
from ._sheets_values import effective, formatted

MAX_CELLS = 10_000_000
"""Sheets' limit on cells per spreadsheet (https://support.google.com/drive/answer/37603)."""


def _span(batch: Batch, dims: dict[str, Any]) -> tuple[dict[str, Any], bool, int, int]:
    sheet = sheet_or_refuse(batch, dims.get("sheetId", 0))
    dimension = dims.get("dimension")
    if dimension not in ("ROWS", "COLUMNS"):
        raise Refused("range.dimension must be ROWS or COLUMNS.")
    rows = dimension == "ROWS"
    size = row_count(sheet) if rows else col_count(sheet)
    start = int(dims.get("startIndex", 0) or 0)
    end = int(dims["endIndex"]) if dims.get("endIndex") is not None else size
    if start < 0 or end < start:
        raise Refused("range.startIndex must be before range.endIndex.")
    return sheet, rows, start, end


def _grow_check(sheet: dict[str, Any], rows: bool, count: int) -> None:
    total = (row_count(sheet) + (count if rows else 0)) * (col_count(sheet) + (0 if rows else count))
    if total > MAX_CELLS:
        raise Refused(
            f"This action would increase the number of cells in the workbook above the limit of {MAX_CELLS} cells."
        )


@handles("insertDimension")
def insert_dimension(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    sheet, rows, start, end = _span(batch, request.get("range") or {})
    size = row_count(sheet) if rows else col_count(sheet)
    if start > size:
        raise Refused(
            f"range.startIndex ({start}) must be at most the sheet's {'row' if rows else 'column'} count ({size})."
        )
    if end == start:
        raise Refused("range must cover at least one row or column.")
    _grow_check(sheet, rows, end - start)
    (insert_rows if rows else insert_cols)(batch.book, sheet, start, end - start)
    return {}


@handles("deleteDimension")
def delete_dimension(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    sheet, rows, start, end = _span(batch, request.get("range") or {})
    size = row_count(sheet) if rows else col_count(sheet)
    if end > size:
        kind = "row" if rows else "column"
        raise Refused(
            f"Cannot delete a {kind} that doesn't exist. Tried to delete index {end - 1} but there are only {size}."
        )
    if end - start >= size:
        raise Refused(f"You can't delete all the {'rows' if rows else 'columns'} on the sheet.")
    delete_span(batch.book, sheet, rows, start, end)
    return {}


@handles("appendDimension")
def append_dimension(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    sheet = sheet_or_refuse(batch, request.get("sheetId", 0))
    length = int(request.get("length", 0) or 0)
    if length < 1:
        raise Refused("length must be positive.")
    rows = request.get("dimension") == "ROWS"
    _grow_check(sheet, rows, length)
    grid = sheet["properties"]["gridProperties"]
    grid["rowCount" if rows else "columnCount"] = (row_count(sheet) if rows else col_count(sheet)) + length
    return {}


@handles("moveDimension")
def move_dimension(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    sheet, rows, start, end = _span(batch, request.get("source") or {})
    dest = int(request.get("destinationIndex", 0) or 0)
    size = row_count(sheet) if rows else col_count(sheet)
    if end > size or dest > size:
        raise Refused("The move goes past the grid's edge.")
    move_span(batch.book, sheet, rows, start, end, dest)
    return {}


@handles("updateDimensionProperties")
def update_dimension_properties(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    dims = request.get("range") or (request.get("dataSourceSheetRange") or {}).get("range") or {}
    sheet, rows, start, end = _span(batch, dims)
    stored = sheet.setdefault("rowMeta" if rows else "colMeta", {})
    given = dict(request.get("properties") or {})
    for index in range(start, end):
        props = dict(stored.get(str(index), {}))
        apply_fields(props, given, request.get("fields"))
        if props.get("hiddenByUser") is False:
            props.pop("hiddenByUser")
        stored[str(index)] = props
    return {}


@handles("autoResizeDimensions")
def auto_resize_dimensions(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    """Fit each row or column to its content; widths are estimated from text length (no font metrics)."""
    sheet, rows, start, end = _span(batch, request.get("dimensions") or {})
    sid = int(sheet["properties"]["sheetId"])
    stored = sheet.setdefault("rowMeta" if rows else "colMeta", {})
    widths: dict[int, int] = {}
    for r in range(row_count(sheet)) if not rows else range(start, end):
        row = batch.book.row(sid, r) or []
        for c, cell in enumerate(row):
            value = effective(cell)
            if value is None:
                continue
            if rows:
                lines = formatted(cell or {}, value).count("\n") + 1
                widths[r] = max(widths.get(r, ROW_PIXELS), ROW_PIXELS * lines)
            elif start <= c < end:
                widths[c] = max(widths.get(c, 0), 7 * len(formatted(cell or {}, value)) + 10)
    for index in range(start, end):
        props = dict(stored.get(str(index), {}))
        props["pixelSize"] = widths.get(index, ROW_PIXELS if rows else COLUMN_PIXELS)
        stored[str(index)] = props
    return {}
