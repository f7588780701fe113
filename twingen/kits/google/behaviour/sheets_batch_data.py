"""batchUpdate requests that move or rewrite data: findReplace, sortRange, copyPaste, cutPaste
(https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request)."""

from __future__ import annotations

import copy
import re
from typing import Any

from ._sheets_batch import Batch, Refused, handles, sheet_or_refuse
from ._sheets_model import col_count, row_count
from ._sheets_ranges import Box
from ._sheets_refs import moved_by_paste
from ._sheets_values import effective, formatted


def _whole(sheet: dict[str, Any]) -> Box:
    return Box(sheet, 0, row_count(sheet), 0, col_count(sheet))


@handles("findReplace")
def find_replace(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    find = str(request.get("find", ""))
    if not find:
        raise Refused("find must not be empty.")
    replacement = str(request.get("replacement", ""))
    flags = 0 if request.get("matchCase") else re.IGNORECASE
    try:
        pattern = re.compile(find if request.get("searchByRegex") else re.escape(find), flags)
    except re.error:
        raise Refused(f"Invalid regular expression: {find}") from None
    if "range" in request:
        boxes = [batch.box(request["range"])]
    elif request.get("allSheets"):
        boxes = [_whole(s) for s in batch.book.sheets]
    else:
        boxes = [_whole(sheet_or_refuse(batch, request.get("sheetId", 0)))]
    counts = {"valuesChanged": 0, "formulasChanged": 0, "rowsChanged": 0, "sheetsChanged": 0, "occurrencesChanged": 0}
    for box in boxes:
        sheet_hit = False
        for r in range(box.r0, box.r1):
            row = batch.book.row(box.sheet_id, r)
            if not row:
                continue
            row_hit = False
            for c in range(box.c0, min(box.c1, len(row))):
                cell = row[c]
                entered = (cell or {}).get("u") or {}
                is_formula = "formulaValue" in entered
                if is_formula and not request.get("includeFormulas"):
                    continue
                key = "formulaValue" if is_formula else "stringValue"
                if key not in entered:
                    if is_formula or effective(cell) is None:
                        continue
                    text = formatted(cell or {}, effective(cell) or {})
                else:
                    text = str(entered[key])
                if request.get("matchEntireCell"):
                    hits = 1 if pattern.fullmatch(text) else 0
                    new = replacement if hits else text
                else:
                    new, hits = pattern.subn(
                        replacement.replace("\\", "\\\\") if not request.get("searchByRegex") else replacement, text
                    )
                if not hits:
                    continue
                new_cell = {k: v for k, v in (cell or {}).items() if k not in ("u", "e")}
                new_cell["u"] = {"formulaValue": new} if is_formula else {"stringValue": new}
                batch.book.put_cell(box.sheet_id, r, c, new_cell)
                counts["formulasChanged" if is_formula else "valuesChanged"] += 1
                counts["occurrencesChanged"] += hits
                row_hit = sheet_hit = True
            counts["rowsChanged"] += row_hit
        counts["sheetsChanged"] += sheet_hit
    return {"findReplace": {k: v for k, v in counts.items() if v}}


def _sort_key(cell: dict[str, Any] | None, descending: bool) -> tuple[Any, ...]:
    """Sheets sorts numbers before text before booleans; empty cells go last either way."""
    value = effective(cell)
    if value is None or value == {"stringValue": ""}:
        return (1, 0, 0)
    if "numberValue" in value:
        rank, key = 0, float(value["numberValue"])
    elif "stringValue" in value:
        rank, key = 1, str(value["stringValue"]).casefold()  # type: ignore[assignment]
    elif "boolValue" in value:
        rank, key = 2, float(bool(value["boolValue"]))
    else:
        rank, key = 3, 0.0
    return (0, -rank if descending else rank, key)


@handles("sortRange")
def sort_range(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    box = batch.box(request.get("range"))
    specs = request.get("sortSpecs") or [{"dimensionIndex": box.c0, "sortOrder": "ASCENDING"}]
    sid = box.sheet_id
    rows = []
    for r in range(box.r0, box.r1):
        stored = batch.book.row(sid, r) or []
        rows.append([stored[c] if c < len(stored) else None for c in range(box.c0, box.c1)])
    for spec in reversed(specs):  # a stable sort per key, last key first
        column = int(spec.get("dimensionIndex", 0) or 0) - box.c0
        if not 0 <= column < box.c1 - box.c0:
            raise Refused(f"Invalid sortSpecs: dimensionIndex {spec.get('dimensionIndex')} is outside the range.")
        descending = spec.get("sortOrder") == "DESCENDING"
        blanks = [row for row in rows if _sort_key(row[column], descending)[0] == 1]
        filled = [row for row in rows if _sort_key(row[column], descending)[0] == 0]
        filled.sort(key=lambda row: _sort_key(row[column], descending)[1:], reverse=descending)
        if descending:  # reverse=True flips the rank too: put numbers back before text
            filled.sort(key=lambda row: -_sort_key(row[column], descending)[1])
        rows = filled + blanks
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            if batch.book.cell(sid, box.r0 + i, box.c0 + j) is not cell:
                batch.book.put_cell(sid, box.r0 + i, box.c0 + j, cell)
    return {}


def _pasted(cell: dict[str, Any] | None, old: dict[str, Any] | None, paste: str) -> dict[str, Any] | None:
    if paste == "PASTE_VALUES":
        out = {k: v for k, v in (old or {}).items() if k not in ("u", "e")}
        value = effective(cell)
        if value is not None:
            out["u"] = value
        return out or None
    if paste == "PASTE_FORMAT":
        out = {k: v for k, v in (old or {}).items() if k != "f"}
        if cell and "f" in cell:
            out["f"] = cell["f"]
        return out or None
    if paste == "PASTE_NO_BORDERS" and cell and "f" in cell:
        fmt = {k: v for k, v in cell["f"].items() if k != "borders"}
        return {**cell, "f": fmt} if fmt else {k: v for k, v in cell.items() if k != "f"}
    if paste == "PASTE_FORMULA":
        out = {k: v for k, v in (old or {}).items() if k not in ("u", "e")}
        if cell and "u" in cell:
            out["u"] = cell["u"]
        return out or None
    if paste == "PASTE_DATA_VALIDATION":
        out = {k: v for k, v in (old or {}).items() if k != "dv"}
        if cell and "dv" in cell:
            out["dv"] = cell["dv"]
        return out or None
    return copy.deepcopy(cell)


def _relative(cell: dict[str, Any] | None, rows: int, cols: int) -> dict[str, Any] | None:
    """A copied formula's relative references move with it (a cut keeps them: the cells moved, not copies)."""
    text = ((cell or {}).get("u") or {}).get("formulaValue")
    if cell is None or not text or (rows, cols) == (0, 0):
        return cell
    return {**{k: v for k, v in cell.items() if k != "e"}, "u": {"formulaValue": moved_by_paste(str(text), rows, cols)}}


def _source_grid(batch: Batch, box: Box) -> list[list[dict[str, Any] | None]]:
    return [[batch.book.cell(box.sheet_id, r, c) for c in range(box.c0, box.c1)] for r in range(box.r0, box.r1)]


@handles("copyPaste")
def copy_paste(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    source = batch.box(request.get("source"))
    target = batch.box(request.get("destination"))
    paste = str(request.get("pasteType", "PASTE_NORMAL"))
    grid = _source_grid(batch, source)
    if request.get("pasteOrientation") == "TRANSPOSE":
        grid = [list(col) for col in zip(*grid, strict=True)] if grid else grid
    height, width = len(grid), len(grid[0]) if grid else 0
    if not height or not width:
        return {}
    # a destination larger than the source repeats it (whole copies only); a smaller one takes one copy
    rows = max(height, (target.r1 - target.r0) // height * height)
    cols = max(width, (target.c1 - target.c0) // width * width)
    if target.r0 + rows > row_count(target.sheet) or target.c0 + cols > col_count(target.sheet):
        raise Refused("The destination range exceeds the grid limits.")
    for i in range(rows):
        for j in range(cols):
            r, c = target.r0 + i, target.c0 + j
            old = batch.book.cell(target.sheet_id, r, c)
            cell = _relative(grid[i % height][j % width], r - (source.r0 + i % height), c - (source.c0 + j % width))
            batch.book.put_cell(target.sheet_id, r, c, _pasted(cell, old, paste))
    return {}


@handles("cutPaste")
def cut_paste(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    source = batch.box(request.get("source"))
    at = request.get("destination") or {}
    sheet = sheet_or_refuse(batch, at.get("sheetId", 0))
    r0, c0 = int(at.get("rowIndex", 0) or 0), int(at.get("columnIndex", 0) or 0)
    paste = str(request.get("pasteType", "PASTE_NORMAL"))
    grid = _source_grid(batch, source)
    height, width = source.r1 - source.r0, source.c1 - source.c0
    if r0 + height > row_count(sheet) or c0 + width > col_count(sheet):
        raise Refused("The destination range exceeds the grid limits.")
    for r in range(source.r0, source.r1):
        for c in range(source.c0, source.c1):
            batch.book.put_cell(source.sheet_id, r, c, None)
    sid = int(sheet["properties"]["sheetId"])
    for i in range(height):
        for j in range(width):
            old = batch.book.cell(sid, r0 + i, c0 + j)
            batch.book.put_cell(sid, r0 + i, c0 + j, _pasted(grid[i][j], old, paste))
    return {}
