"""A stored cell seen as a CellData (the names batchUpdate's field masks use) and back.

Only what a client may write is kept: ``userEnteredValue``, ``userEnteredFormat``, ``note``,
``dataValidation``, ``textFormatRuns``; ``effectiveValue`` and ``formattedValue`` are worked out, never stored
(https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/cells#CellData)."""

from __future__ import annotations

import copy
from typing import Any

from ._sheets_batch import Refused, apply_fields

__all__ = ["as_cell_data", "from_cell_data", "merged_cell"]

_NAMES = {"userEnteredValue": "u", "userEnteredFormat": "f", "note": "n", "dataValidation": "dv",
          "textFormatRuns": "tr", "hyperlink": "h"}  # fmt: skip
_VALUE_KINDS = ("numberValue", "stringValue", "boolValue", "formulaValue", "errorValue")


def as_cell_data(cell: dict[str, Any] | None) -> dict[str, Any]:
    return {api: copy.deepcopy(cell[key]) for api, key in _NAMES.items() if cell and key in cell}


def _with_styles(fmt: dict[str, Any]) -> dict[str, Any]:
    """Sheets answers each colour twice, as ``xColor`` and as ``xColorStyle: {rgbColor}``; either sets both."""
    out = dict(fmt)
    for plain in ("backgroundColor", "foregroundColor"):
        style = plain + "Style"
        if plain in out and style not in out:
            out[style] = {"rgbColor": out[plain]}
        elif style in out and plain not in out and "rgbColor" in out[style]:
            out[plain] = out[style]["rgbColor"]
    if isinstance(out.get("textFormat"), dict):
        out["textFormat"] = _with_styles(out["textFormat"])
    return out


def from_cell_data(data: dict[str, Any]) -> dict[str, Any] | None:
    cell = {key: data[api] for api, key in _NAMES.items() if data.get(api) not in (None, {}, "")}
    if "f" in cell:
        cell["f"] = _with_styles(cell["f"])
    entered = cell.get("u")
    if entered is not None:
        kinds = [k for k in _VALUE_KINDS if k in entered]
        if len(kinds) != 1:
            raise Refused("userEnteredValue must have exactly one value.")
    return cell or None


def merged_cell(old: dict[str, Any] | None, given: dict[str, Any], fields: str | None) -> dict[str, Any] | None:
    """``old`` with ``fields`` of ``given`` (a CellData) written over it."""
    data = as_cell_data(old)
    apply_fields(data, given, fields)
    cell = from_cell_data(data)
    if cell is not None and old and "e" in old and "u" in cell and cell["u"] == old.get("u"):
        cell["e"] = old["e"]
    return cell
