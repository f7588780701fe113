"""Sheets v4 values: ranges, input and render options, append, clear, formulas (the twin through googleapiclient)."""

from __future__ import annotations

from typing import Any

import pytest
from sheets_helpers import error_of, get, new_book, put, sheets_service


@pytest.fixture
def sheets(twin: Any) -> Any:
    return sheets_service(twin)


def test_a_new_spreadsheet_has_googles_defaults_and_is_a_drive_file(sheets: Any, drive: Any) -> None:
    made = sheets.spreadsheets().create(body={"properties": {"title": "Budget"}}).execute()
    sheet = made["sheets"][0]["properties"]
    assert (sheet["title"], sheet["sheetId"], sheet["index"]) == ("Sheet1", 0, 0)
    assert sheet["gridProperties"] == {"rowCount": 1000, "columnCount": 26}
    assert made["properties"]["title"] == "Budget" and made["properties"]["locale"] == "en_US"
    assert made["spreadsheetUrl"].endswith(f"/spreadsheets/d/{made['spreadsheetId']}/edit")
    file = drive.files().get(fileId=made["spreadsheetId"], fields="name,mimeType").execute()
    assert file == {"name": "Budget", "mimeType": "application/vnd.google-apps.spreadsheet"}


def test_raw_keeps_text_and_user_entered_reads_it_as_sheets_does(sheets: Any) -> None:
    book = new_book(sheets)
    put(sheets, book, "A1:A2", [["=1+2"], ["12%"]], option="RAW")
    put(sheets, book, "B1:B6", [["=1+2"], ["12%"], ["2021-01-02"], ["'007"], ["true"], ["1,234"]])
    raw = get(sheets, book, "A1:A2", valueRenderOption="UNFORMATTED_VALUE")["values"]
    assert raw == [["=1+2"], ["12%"]]
    shown = get(sheets, book, "B1:B6")["values"]
    assert shown == [["3"], ["12%"], ["2021-01-02"], ["007"], ["TRUE"], ["1,234"]]
    plain = get(sheets, book, "B1:B6", valueRenderOption="UNFORMATTED_VALUE")["values"]
    assert plain == [[3], [0.12], [44198], ["007"], [True], [1234]]
    assert get(sheets, book, "B1", valueRenderOption="FORMULA")["values"] == [["=1+2"]]
    dated = get(sheets, book, "B3", valueRenderOption="UNFORMATTED_VALUE", dateTimeRenderOption="FORMATTED_STRING")
    assert dated["values"] == [["2021-01-02"]]


def test_ranges_are_answered_in_googles_a1_form_and_trailing_blanks_are_trimmed(sheets: Any) -> None:
    book = new_book(sheets)
    sheets.spreadsheets().batchUpdate(
        spreadsheetId=book, body={"requests": [{"addSheet": {"properties": {"title": "My Sheet"}}}]}
    ).execute()
    put(sheets, book, "'My Sheet'!A1:C2", [["a", "", "c"], ["", "", ""]])
    answer = get(sheets, book, "'My Sheet'!A1:D5")
    assert answer["range"] == "'My Sheet'!A1:D5" and answer["values"] == [["a", "", "c"]]
    assert get(sheets, book, "My Sheet!A:A")["range"] == "'My Sheet'!A1:A1000"
    assert get(sheets, book, "Sheet1")["range"] == "Sheet1!A1:Z1000"
    assert "values" not in get(sheets, book, "Sheet1!B2")
    columns = get(sheets, book, "'My Sheet'!A1:C1", majorDimension="COLUMNS")["values"]
    assert columns == [["a"], [], ["c"]]


def test_bad_ranges_are_refused_with_googles_messages(sheets: Any) -> None:
    book = new_book(sheets)
    assert error_of(sheets.spreadsheets().values().get(spreadsheetId=book, range="Nope!A1")) == (
        400,
        "Unable to parse range: Nope!A1",
    )
    status, message = error_of(sheets.spreadsheets().values().get(spreadsheetId=book, range="Sheet1!A1001"))
    assert (status, message) == (400, "Range ('Sheet1'!A1001) exceeds grid limits. Max rows: 1000, max columns: 26")
    assert error_of(sheets.spreadsheets().get(spreadsheetId="missing-book")) == (404, "Requested entity was not found.")


def test_append_finds_the_table_and_insert_rows_pushes_what_is_below(sheets: Any) -> None:
    book = new_book(sheets)
    put(sheets, book, "A1:B2", [["name", "n"], ["x", 1]])
    put(sheets, book, "A5", [["below"]])
    appended = (
        sheets.spreadsheets().values()
        .append(spreadsheetId=book, range="Sheet1!A1", valueInputOption="RAW", insertDataOption="INSERT_ROWS",
                body={"values": [["y", 2]]})
        .execute()
    )  # fmt: skip
    assert appended["tableRange"] == "Sheet1!A1:B2"
    assert appended["updates"]["updatedRange"] == "Sheet1!A3:B3"
    assert get(sheets, book, "A1:A6")["values"] == [["name"], ["x"], ["y"], [], [], ["below"]]
    assert (
        sheets.spreadsheets().get(spreadsheetId=book).execute()["sheets"][0]["properties"]["gridProperties"]["rowCount"]
        == 1001
    )


def test_formulas_recalculate_after_an_edit_and_unknown_functions_are_name_errors(sheets: Any) -> None:
    book = new_book(sheets)
    put(sheets, book, "A1:C1", [[2, "=A1*3", "=NOSUCHFUNCTION(A1)"]])
    assert get(sheets, book, "A1:C1")["values"] == [["2", "6", "#NAME?"]]
    put(sheets, book, "A1", [[5]])
    assert get(sheets, book, "B1")["values"] == [["15"]]
    put(sheets, book, "D1", [["=1/0"]])
    assert get(sheets, book, "D1", valueRenderOption="UNFORMATTED_VALUE")["values"] == [["#DIV/0!"]]


def test_clear_and_batch_forms(sheets: Any) -> None:
    book = new_book(sheets)
    values = sheets.spreadsheets().values()
    written = values.batchUpdate(
        spreadsheetId=book,
        body={"valueInputOption": "RAW", "data": [{"range": "A1:B1", "values": [["a", "b"]]},
                                                  {"range": "A3", "values": [["c"]]}]},
    ).execute()  # fmt: skip
    assert written["totalUpdatedCells"] == 3 and len(written["responses"]) == 2
    cleared = values.clear(spreadsheetId=book, range="Sheet1!B1", body={}).execute()
    assert cleared["clearedRange"] == "Sheet1!B1"
    found = values.batchGetByDataFilter(spreadsheetId=book, body={"dataFilters": [{"a1Range": "A1:B3"}]}).execute()
    assert found["valueRanges"][0]["valueRange"]["values"] == [["a"], [], ["c"]]
    values.batchClear(spreadsheetId=book, body={"ranges": ["A1:A3"]}).execute()
    assert "values" not in get(sheets, book, "A1:B3")
