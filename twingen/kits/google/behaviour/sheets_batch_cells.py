"""batchUpdate requests on cells: updateCells, repeatCell, appendCells, mergeCells, unmergeCells,
updateBorders, setDataValidation (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request)."""

from __future__ import annotations

from typing import Any

from ._sheets_batch import Batch, Refused, handles, sheet_or_refuse
from ._sheets_celldata import merged_cell
from ._sheets_model import col_count, row_count
from ._sheets_ranges import Box


def _write(batch: Batch, box: Box, r: int, c: int, given: dict[str, Any], fields: str | None) -> None:
    old = batch.book.cell(box.sheet_id, r, c)
    batch.book.put_cell(box.sheet_id, r, c, merged_cell(old, given, fields))


@handles("updateCells")
def update_cells(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    rows = request.get("rows") or []
    fields = request.get("fields")
    if "range" in request:
        box = batch.box(request["range"])
        clear_rest = True
    else:
        start = request.get("start") or {}
        sheet = sheet_or_refuse(batch, start.get("sheetId", 0))
        r0, c0 = int(start.get("rowIndex", 0) or 0), int(start.get("columnIndex", 0) or 0)
        width = max((len(row.get("values") or []) for row in rows), default=0)
        box = Box(sheet, r0, r0 + len(rows), c0, c0 + width)
        if box.r1 > row_count(sheet) or box.c1 > col_count(sheet):
            raise Refused(
                f"Range ({box.a1()}) exceeds grid limits. Max rows: {row_count(sheet)}, max columns: {col_count(sheet)}"
            )
        clear_rest = False
    for i, r in enumerate(range(box.r0, box.r1)):
        values = (rows[i].get("values") or []) if i < len(rows) else []
        for j, c in enumerate(range(box.c0, box.c1)):
            if j < len(values):
                _write(batch, box, r, c, values[j] or {}, fields)
            elif clear_rest:
                _write(batch, box, r, c, {}, fields)
    return {}


@handles("repeatCell")
def repeat_cell(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    box = batch.box(request.get("range"))
    given, fields = request.get("cell") or {}, request.get("fields")
    for r in range(box.r0, box.r1):
        for c in range(box.c0, box.c1):
            _write(batch, box, r, c, given, fields)
    return {}


def _last_filled_row(batch: Batch, sheet: dict[str, Any]) -> int:
    sid = int(sheet["properties"]["sheetId"])
    for r in range(row_count(sheet) - 1, -1, -1):
        if batch.book.row(sid, r):
            return r
    return -1


@handles("appendCells")
def append_cells(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    sheet = sheet_or_refuse(batch, request.get("sheetId", 0))
    rows = request.get("rows") or []
    start = _last_filled_row(batch, sheet) + 1
    grid = sheet["properties"]["gridProperties"]
    width = max((len(row.get("values") or []) for row in rows), default=0)
    grid["rowCount"] = max(row_count(sheet), start + len(rows))
    grid["columnCount"] = max(col_count(sheet), width)
    box = Box(sheet, start, start + len(rows), 0, width)
    for i, row in enumerate(rows):
        for c, value in enumerate(row.get("values") or []):
            _write(batch, box, start + i, c, value or {}, request.get("fields"))
    return {}


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(
        a["startRowIndex"] < b["endRowIndex"] and b["startRowIndex"] < a["endRowIndex"]
        and a["startColumnIndex"] < b["endColumnIndex"] and b["startColumnIndex"] < a["endColumnIndex"]
    )  # fmt: skip


@handles("mergeCells")
def merge_cells(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    box = batch.box(request.get("range"))
    kind = request.get("mergeType", "MERGE_ALL")
    if kind == "MERGE_ALL":
        parts = [box]
    elif kind == "MERGE_COLUMNS":
        parts = [Box(box.sheet, box.r0, box.r1, c, c + 1) for c in range(box.c0, box.c1)]
    elif kind == "MERGE_ROWS":
        parts = [Box(box.sheet, r, r + 1, box.c0, box.c1) for r in range(box.r0, box.r1)]
    else:
        raise Refused(f"Invalid mergeType: {kind}")
    merges = box.sheet.setdefault("merges", [])
    for part in parts:
        if (part.r1 - part.r0) * (part.c1 - part.c0) < 2:
            continue
        grid = part.grid()
        merges[:] = [m for m in merges if not _overlaps(grid, m)]  # a new merge takes over the ones it overlaps
        merges.append(grid)
        for r in range(part.r0, part.r1):  # a merge keeps the top-left value only
            for c in range(part.c0, part.c1):
                if (r, c) != (part.r0, part.c0):
                    old = batch.book.cell(part.sheet_id, r, c)
                    if old and "u" in old:
                        kept = {k: v for k, v in old.items() if k not in ("u", "e")}
                        batch.book.put_cell(part.sheet_id, r, c, kept or None)
    return {}


@handles("unmergeCells")
def unmerge_cells(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    box = batch.box(request.get("range"))
    grid = box.grid()
    merges = box.sheet.get("merges", [])
    box.sheet["merges"] = [m for m in merges if not _overlaps(grid, m)]
    if not box.sheet["merges"]:
        box.sheet.pop("merges")
    return {}


@handles("updateBorders")
def update_borders(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    box = batch.box(request.get("range"))
    for r in range(box.r0, box.r1):
        for c in range(box.c0, box.c1):
            sides = {}
            edges = {
                "top": "top" if r == box.r0 else "innerHorizontal",
                "bottom": "bottom" if r == box.r1 - 1 else "innerHorizontal",
                "left": "left" if c == box.c0 else "innerVertical",
                "right": "right" if c == box.c1 - 1 else "innerVertical",
            }
            for side, source in edges.items():
                if source in request:
                    sides[side] = request[source]
            if sides:
                old = batch.book.cell(box.sheet_id, r, c) or {}
                fmt = dict(old.get("f") or {})
                fmt["borders"] = {**fmt.get("borders", {}), **sides}
                batch.book.put_cell(box.sheet_id, r, c, {**old, "f": fmt})
    return {}


@handles("setDataValidation")
def set_data_validation(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    box = batch.box(request.get("range"))
    rule = request.get("rule")
    for r in range(box.r0, box.r1):
        for c in range(box.c0, box.c1):
            old = dict(batch.book.cell(box.sheet_id, r, c) or {})
            if rule:
                old["dv"] = rule
            else:
                old.pop("dv", None)
            batch.book.put_cell(box.sheet_id, r, c, old or None)
    return {}
