"""Sheets v4 values for the Google check: a spreadsheet to work on, the arguments each method needs, and what reading
an edit back must show.

The setup makes a spreadsheet with values in ``Sheet1!A1:B2`` and one piece of developer metadata whose id the
check chooses (Sheets lets a client pick ``metadataId``). Writes put text of their own and are read back through
``values.get``, so a twin that answers a write without making it fails that method.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from twingen.kits.google.check.docs_values import ReadBack

METADATA_ID = 4242
SETUP_VALUES = [["twincheck a1", "twincheck b1"], ["twincheck a2", "twincheck b2"]]
_METADATA = {
    "createDeveloperMetadata": {
        "developerMetadata": {
            "metadataId": METADATA_ID,
            "metadataKey": "twincheck",
            "metadataValue": "setup",
            "location": {"sheetId": 0},
            "visibility": "DOCUMENT",
        }
    }
}
SETUP: tuple[tuple[str, dict[str, Any]], ...] = (
    ("spreadsheets.create", {"body": {"properties": {"title": "twincheck spreadsheet"}}}),
    (
        "spreadsheets.values.update",
        {
            "spreadsheetId": "$spreadsheetId",
            "range": "Sheet1!A1:B2",
            "valueInputOption": "RAW",
            "body": {"values": SETUP_VALUES},
        },
    ),
    ("spreadsheets.batchUpdate", {"spreadsheetId": "$spreadsheetId", "body": {"requests": [_METADATA]}}),
)
"""A spreadsheet with values and developer metadata, before the methods run."""

PATH_VALUES: dict[str, Any] = {"range": "Sheet1!A1:B2", "sheetId": 0, "metadataId": METADATA_ID}
"""Path parameters no answer names as an id: the setup's range, its first sheet, its metadata."""

_FILTER = {"a1Range": "Sheet1!A1:B2"}
_LOOKUP = {"developerMetadataLookup": {"metadataId": METADATA_ID}}
EXTRA: dict[str, dict[str, Any]] = {
    "spreadsheets.values.update": {"valueInputOption": "RAW", "range": "Sheet1!C1"},
    "spreadsheets.values.append": {"valueInputOption": "RAW"},
    "spreadsheets.values.batchGet": {"ranges": ["Sheet1!A1:B2"]},
    "spreadsheets.values.clear": {"range": "Sheet1!Z1:Z2"},
    "spreadsheets.sheets.copyTo": {"body": lambda pool: {"destinationSpreadsheetId": pool.get("spreadsheetId")}},
}
"""Arguments beyond the path's: what Sheets requires (``valueInputOption``) or where a write may go without
spoiling the setup's values."""


def body_for(method_name: str, n: int) -> dict[str, Any] | None:
    """A valid body; each write carries text of its own, so that reading it back proves it happened."""
    text = [[f"twincheck {n}"]]
    bodies: dict[str, dict[str, Any]] = {
        "spreadsheets.create": {"properties": {"title": f"twincheck-{n}"}},
        "spreadsheets.batchUpdate": {"requests": [{"addSheet": {"properties": {"title": f"twincheck-{n}"}}}]},
        "spreadsheets.getByDataFilter": {"dataFilters": [_FILTER]},
        "spreadsheets.developerMetadata.search": {"dataFilters": [_LOOKUP]},
        "spreadsheets.values.update": {"values": text},
        "spreadsheets.values.append": {"values": text},
        "spreadsheets.values.batchUpdate": {
            "valueInputOption": "RAW",
            "data": [{"range": "Sheet1!D1", "values": text}],
        },
        "spreadsheets.values.batchUpdateByDataFilter": {
            "valueInputOption": "RAW",
            "data": [{"dataFilter": {"a1Range": "Sheet1!E1"}, "values": text}],
        },
        "spreadsheets.values.batchGetByDataFilter": {"dataFilters": [_FILTER]},
        "spreadsheets.values.batchClear": {"ranges": ["Sheet1!Y1"]},
        "spreadsheets.values.batchClearByDataFilter": {"dataFilters": [{"a1Range": "Sheet1!X1"}]},
    }
    return bodies.get(method_name)


def _shows(text: str, where: str) -> Callable[[Any], str | None]:
    def judge(answer: Any) -> str | None:
        return None if text in repr(answer) else f"{where} does not show {text!r}"

    return judge


_WRITTEN_AT = {
    "spreadsheets.values.update": "Sheet1!C1",
    "spreadsheets.values.batchUpdate": "Sheet1!D1",
    "spreadsheets.values.batchUpdateByDataFilter": "Sheet1!E1",
}


def read_back(method_name: str, args: dict[str, Any], data: Any) -> ReadBack | None:
    """The read back that proves ``method_name``'s valid call (``args``, answered ``data``) did what it says."""
    sheet_id = args.get("spreadsheetId")
    if method_name in _WRITTEN_AT:
        body = args["body"]
        text = body["values"][0][0] if "values" in body else body["data"][0]["values"][0][0]
        get = {"spreadsheetId": sheet_id, "range": _WRITTEN_AT[method_name]}
        return ReadBack("write read back", "spreadsheets.values.get", get, _shows(str(text), "the cell read back"))
    if method_name == "spreadsheets.values.append":
        text = args["body"]["values"][0][0]
        get = {"spreadsheetId": sheet_id, "range": "Sheet1!A:B"}
        return ReadBack("append read back", "spreadsheets.values.get", get, _shows(str(text), "the sheet read back"))
    if method_name == "spreadsheets.batchUpdate":
        title = args["body"]["requests"][0]["addSheet"]["properties"]["title"]
        get = {"spreadsheetId": sheet_id}
        return ReadBack("new sheet read back", "spreadsheets.get", get, _shows(str(title), "the spreadsheet read back"))
    if method_name == "spreadsheets.values.get":
        return ReadBack("setup values in the answer", "", {}, _shows(SETUP_VALUES[0][0], "the answer"))
    if method_name == "spreadsheets.create" and isinstance(data, dict) and isinstance(data.get("spreadsheetId"), str):
        title = str(args["body"]["properties"]["title"])
        get = {"spreadsheetId": data["spreadsheetId"]}
        return ReadBack(
            "new spreadsheet read back", "spreadsheets.get", get, _shows(title, "the spreadsheet read back")
        )
    return None
