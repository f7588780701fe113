"""A spreadsheet is a Drive file: made through either API, copied, deleted and exported through Drive."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from sheets_helpers import SPREADSHEET, error_of, get, new_book, put, sheets_service


@pytest.fixture
def sheets(twin: Any) -> Any:
    return sheets_service(twin)


def test_a_spreadsheet_made_through_drive_opens_in_sheets(sheets: Any, drive: Any) -> None:
    made = drive.files().create(body={"name": "From Drive", "mimeType": SPREADSHEET}).execute()
    book = sheets.spreadsheets().get(spreadsheetId=made["id"]).execute()
    assert book["properties"]["title"] == "From Drive"
    assert [s["properties"]["title"] for s in book["sheets"]] == ["Sheet1"]


def test_a_drive_copy_duplicates_the_grid_and_delete_removes_it(sheets: Any, drive: Any) -> None:
    book = new_book(sheets, "Original")
    put(sheets, book, "A1:B1", [["a", "=1+1"]])
    copy = drive.files().copy(fileId=book, body={}).execute()
    assert get(sheets, copy["id"], "A1:B1")["values"] == [["a", "2"]]
    put(sheets, copy["id"], "A1", [["changed"]])
    assert get(sheets, book, "A1")["values"] == [["a"]]
    drive.files().delete(fileId=copy["id"]).execute()
    assert error_of(sheets.spreadsheets().get(spreadsheetId=copy["id"])) == (404, "Requested entity was not found.")


def test_title_changes_reach_the_drive_name(sheets: Any, drive: Any) -> None:
    book = new_book(sheets, "Old")
    request = {"updateSpreadsheetProperties": {"properties": {"title": "New"}, "fields": "title"}}
    sheets.spreadsheets().batchUpdate(spreadsheetId=book, body={"requests": [request]}).execute()
    assert drive.files().get(fileId=book).execute()["name"] == "New"


def test_export_as_csv_and_xlsx(sheets: Any, drive: Any) -> None:
    book = new_book(sheets)
    put(sheets, book, "A1:B2", [["a1", "B2"], ["x,y", 3]])
    csv = drive.files().export(fileId=book, mimeType="text/csv").execute()
    assert csv == b'a1,B2\r\n"x,y",3'
    xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    data = drive.files().export(fileId=book, mimeType=xlsx_type).execute()
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Sheet1"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["a1", "B2"], ["x,y", 3]]


def test_an_edit_moves_the_drive_files_modified_time(sheets: Any, drive: Any) -> None:
    book = new_book(sheets)
    before = drive.files().get(fileId=book, fields="modifiedTime,version").execute()
    put(sheets, book, "A1", [["edit"]])
    after = drive.files().get(fileId=book, fields="modifiedTime,version").execute()
    assert after["modifiedTime"] > before["modifiedTime"] and int(after["version"]) > int(before["version"])
