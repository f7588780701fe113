"""Sheets v4 spreadsheets.batchUpdate: requests applied in order, all or nothing, each with its reply."""

from __future__ import annotations

from typing import Any

import pytest
from sheets_helpers import batch, error_of, get, new_book, put, sheets_service


@pytest.fixture
def sheets(twin: Any) -> Any:
    return sheets_service(twin)


def _sheets_of(sheets: Any, book: str) -> list[dict[str, Any]]:
    return list(sheets.spreadsheets().get(spreadsheetId=book).execute()["sheets"])


def test_a_failing_request_leaves_the_whole_batch_unapplied(sheets: Any) -> None:
    book = new_book(sheets)
    put(sheets, book, "A1", [["kept"]])
    a1 = {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 1, "startColumnIndex": 0, "endColumnIndex": 1}
    rows = [{"values": [{"userEnteredValue": {"stringValue": "x"}}]}]
    requests = [
        {"addSheet": {"properties": {"title": "Two"}}},
        {"updateCells": {"range": a1, "rows": rows, "fields": "userEnteredValue"}},
        {"addSheet": {"properties": {"title": "two"}}},
    ]
    call = sheets.spreadsheets().batchUpdate(spreadsheetId=book, body={"requests": requests})
    status, message = error_of(call)
    assert status == 400
    assert (
        message
        == 'Invalid requests[2].addSheet: A sheet with the name "two" already exists. Please enter another name.'
    )
    assert [s["properties"]["title"] for s in _sheets_of(sheets, book)] == ["Sheet1"]
    assert get(sheets, book, "A1")["values"] == [["kept"]]


def test_sheets_are_added_duplicated_and_the_last_visible_one_stays(sheets: Any) -> None:
    book = new_book(sheets)
    reply = batch(sheets, book, {"addSheet": {"properties": {"title": "Data", "index": 0}}})["replies"][0]
    data_id = reply["addSheet"]["properties"]["sheetId"]
    put(sheets, book, "Data!A1", [["v"]])
    copied = batch(sheets, book, {"duplicateSheet": {"sourceSheetId": data_id}})["replies"][0]["duplicateSheet"]
    assert copied["properties"]["title"] == "Copy of Data" and copied["properties"]["index"] == 1
    assert get(sheets, book, "'Copy of Data'!A1")["values"] == [["v"]]
    assert [s["properties"]["index"] for s in _sheets_of(sheets, book)] == [0, 1, 2]
    batch(
        sheets,
        book,
        {"deleteSheet": {"sheetId": data_id}},
        {"deleteSheet": {"sheetId": copied["properties"]["sheetId"]}},
    )
    status, message = error_of(
        sheets.spreadsheets().batchUpdate(spreadsheetId=book, body={"requests": [{"deleteSheet": {"sheetId": 0}}]})
    )
    assert (status, message) == (400, "Invalid requests[0].deleteSheet: You can't remove all the sheets in a document.")


def test_rows_inserted_and_deleted_move_values_and_named_ranges(sheets: Any) -> None:
    book = new_book(sheets)
    put(sheets, book, "A1:A3", [["one"], ["two"], ["three"]])
    named = {"name": "Third", "range": {"sheetId": 0, "startRowIndex": 2, "endRowIndex": 3, "startColumnIndex": 0,
                                       "endColumnIndex": 1}}  # fmt: skip
    batch(sheets, book, {"addNamedRange": {"namedRange": named}})
    rows = {"sheetId": 0, "dimension": "ROWS"}
    batch(sheets, book, {"insertDimension": {"range": {**rows, "startIndex": 1, "endIndex": 3}}})
    assert get(sheets, book, "A1:A5")["values"] == [["one"], [], [], ["two"], ["three"]]
    assert get(sheets, book, "Third")["values"] == [["three"]]
    batch(sheets, book, {"deleteDimension": {"range": {**rows, "startIndex": 0, "endIndex": 3}}})
    assert get(sheets, book, "A1:A2")["values"] == [["two"], ["three"]]
    assert _sheets_of(sheets, book)[0]["properties"]["gridProperties"]["rowCount"] == 999


def test_merges_find_replace_and_sort(sheets: Any) -> None:
    book = new_book(sheets)
    put(sheets, book, "A1:B3", [["pear", 3], ["apple", 1], ["fig", 2]])
    box = {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 3, "startColumnIndex": 0, "endColumnIndex": 2}
    batch(sheets, book, {"sortRange": {"range": box, "sortSpecs": [{"dimensionIndex": 1, "sortOrder": "ASCENDING"}]}})
    assert get(sheets, book, "A1:A3")["values"] == [["apple"], ["fig"], ["pear"]]
    found = batch(sheets, book, {"findReplace": {"find": "p", "replacement": "P", "allSheets": True}})
    assert found["replies"][0]["findReplace"] == {
        "valuesChanged": 2, "rowsChanged": 2, "sheetsChanged": 1, "occurrencesChanged": 3,
    }  # fmt: skip
    batch(sheets, book, {"mergeCells": {"range": box, "mergeType": "MERGE_ROWS"}})
    merges = _sheets_of(sheets, book)[0]["merges"]
    assert len(merges) == 3 and "sheetId" not in merges[0]  # sheet 0's id is proto3's default: left out
    assert get(sheets, book, "A1:B1")["values"] == [["aPPle"]]  # a merge keeps the top-left value
    batch(sheets, book, {"unmergeCells": {"range": box}})
    assert "merges" not in _sheets_of(sheets, book)[0]


def test_sheet_properties_follow_the_field_mask(sheets: Any) -> None:
    book = new_book(sheets)
    frozen = {"properties": {"sheetId": 0, "gridProperties": {"frozenRowCount": 2}},
              "fields": "gridProperties.frozenRowCount"}  # fmt: skip
    batch(sheets, book, {"updateSheetProperties": frozen})
    grid = _sheets_of(sheets, book)[0]["properties"]["gridProperties"]
    assert grid == {"rowCount": 1000, "columnCount": 26, "frozenRowCount": 2}
    unfrozen = {"properties": {"sheetId": 0, "gridProperties": {"frozenRowCount": 0}},
                "fields": "gridProperties/frozenRowCount"}  # fmt: skip
    batch(sheets, book, {"updateSheetProperties": unfrozen})
    assert "frozenRowCount" not in _sheets_of(sheets, book)[0]["properties"]["gridProperties"]
    hide = {"properties": {"sheetId": 0, "hidden": True}, "fields": "hidden"}
    status, message = error_of(sheets.spreadsheets().batchUpdate(
        spreadsheetId=book, body={"requests": [{"updateSheetProperties": hide}]}))  # fmt: skip
    assert (status, message) == (
        400, "Invalid requests[0].updateSheetProperties: You can't hide all the sheets in a document.",
    )  # fmt: skip


def test_cell_formats_and_notes_come_back_as_grid_data(sheets: Any) -> None:
    book = new_book(sheets)
    box = {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 1, "startColumnIndex": 0, "endColumnIndex": 2}
    cell = {"userEnteredFormat": {"textFormat": {"bold": True}}, "note": "look"}
    batch(sheets, book, {"repeatCell": {"range": box, "cell": cell, "fields": "userEnteredFormat(textFormat),note"}})
    got = (
        sheets.spreadsheets()
        .get(spreadsheetId=book, ranges="Sheet1!A1:B1", fields="sheets.data.rowData.values(note,userEnteredFormat)")
        .execute()
    )
    values = got["sheets"][0]["data"][0]["rowData"][0]["values"]
    assert values == [{"note": "look", "userEnteredFormat": {"textFormat": {"bold": True}}}] * 2


def test_formulas_follow_moved_rows_and_pasted_copies(sheets: Any) -> None:
    book = new_book(sheets)
    put(sheets, book, "A1:A3", [[1], [2], ["=SUM(A1:A2)*$A$1"]])
    rows = {"sheetId": 0, "dimension": "ROWS"}
    batch(sheets, book, {"insertDimension": {"range": {**rows, "startIndex": 0, "endIndex": 1}}})
    assert get(sheets, book, "A4", valueRenderOption="FORMULA")["values"] == [["=SUM(A2:A3)*$A$2"]]
    assert get(sheets, book, "A4")["values"] == [["3"]]
    source = {"sheetId": 0, "startRowIndex": 3, "endRowIndex": 4, "startColumnIndex": 0, "endColumnIndex": 1}
    target = {"sheetId": 0, "startRowIndex": 3, "endRowIndex": 4, "startColumnIndex": 1, "endColumnIndex": 2}
    batch(sheets, book, {"copyPaste": {"source": source, "destination": target}})
    assert get(sheets, book, "B4", valueRenderOption="FORMULA")["values"] == [["=SUM(B2:B3)*$A$2"]]
    batch(sheets, book, {"deleteDimension": {"range": {**rows, "startIndex": 1, "endIndex": 2}}})
    assert get(sheets, book, "A3", valueRenderOption="FORMULA")["values"] == [["=SUM(A2:A2)*#REF!"]]
    assert get(sheets, book, "A3")["values"] == [["#REF!"]]


def test_a_request_of_the_wrong_shape_is_a_400_and_changes_nothing(sheets: Any) -> None:
    book = new_book(sheets)
    call = sheets.spreadsheets().batchUpdate(
        spreadsheetId=book,
        body={"requests": [{"addSheet": {"properties": {"title": "New"}}}, {"addSheet": {"properties": 7}}]},
    )
    status, message = error_of(call)
    assert status == 400 and message.startswith("Invalid value at 'requests[1].addSheet.properties'")
    assert [s["properties"]["title"] for s in _sheets_of(sheets, book)] == ["Sheet1"]
    nested = (
        sheets.spreadsheets()
        .values()
        .update(spreadsheetId=book, range="A1", valueInputOption="RAW", body={"values": [[{"a": 1}]]})
    )
    assert error_of(nested) == (400, "Invalid values[0][0]: struct_value")


def test_request_kinds_the_twin_does_not_apply_are_501_and_unknown_ones_400(sheets: Any) -> None:
    book = new_book(sheets)
    chart = {"addChart": {"chart": {"spec": {"title": "c"}}}}
    status, message = error_of(sheets.spreadsheets().batchUpdate(spreadsheetId=book, body={"requests": [chart]}))
    assert (status, message) == (501, "The twin does not implement addChart requests yet.")
    status, message = error_of(
        sheets.spreadsheets().batchUpdate(spreadsheetId=book, body={"requests": [{"noSuchThing": {}}]})
    )
    assert status == 400 and 'Unknown name "noSuchThing"' in message
