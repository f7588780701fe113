"""Spreadsheet files through Drive v3 and Sheets v4, as gspread's client tests reach them (a sample written for
twingen's tests). Each test makes its own spreadsheet file."""

from __future__ import annotations

import pytest
from gspread.http_client import DRIVE_FILES_V3, SPREADSHEET_MIME_TYPE, SPREADSHEETS_V4, APIError, HTTPClient

ONLY_SPREADSHEETS = {"q": f"mimeType='{SPREADSHEET_MIME_TYPE}'", "fields": "files(id,name,mimeType)"}


def create_spreadsheet_file(client: HTTPClient, name: str) -> str:
    made = client.request("post", DRIVE_FILES_V3, json={"name": name, "mimeType": SPREADSHEET_MIME_TYPE})
    return str(made["id"])


@pytest.mark.vcr()
def test_create_and_list_spreadsheet_files(client: HTTPClient) -> None:
    file_id = create_spreadsheet_file(client, "Sample Spreadsheet")
    listed = client.request("get", DRIVE_FILES_V3, params=ONLY_SPREADSHEETS)["files"]
    assert {"id": file_id, "name": "Sample Spreadsheet", "mimeType": SPREADSHEET_MIME_TYPE} in listed


@pytest.mark.vcr()
def test_each_test_starts_without_the_last_ones_files(client: HTTPClient) -> None:
    listed = client.request("get", DRIVE_FILES_V3, params=ONLY_SPREADSHEETS)["files"]
    assert "Sample Spreadsheet" not in [f["name"] for f in listed]


@pytest.mark.vcr()
def test_open_by_key(client: HTTPClient) -> None:
    file_id = create_spreadsheet_file(client, "Opened Spreadsheet")
    try:
        opened = client.request("get", f"{SPREADSHEETS_V4}/{file_id}")
    except APIError as exc:
        raise AssertionError(f"Sheets v4 refused the new spreadsheet: {exc.status}") from None
    assert opened["properties"]["title"] == "Opened Spreadsheet"
