"""A null in a Drive request body means "not given" for the fields a file cannot be without (recorded: files.copy
with ``"name": null`` copies under the original's name); an empty name is still refused."""

from __future__ import annotations

from typing import Any

import pytest
from drive_helpers import error_of
from googleapiclient.errors import HttpError


def test_copy_with_a_null_name_keeps_the_name(drive: Any) -> None:
    made = drive.files().create(body={"name": "report.txt", "mimeType": "text/plain"}).execute()
    copied = drive.files().copy(fileId=made["id"], body={"name": None}, fields="id,name").execute()
    assert copied["name"] == "report.txt" and copied["id"] != made["id"]
    sheet = drive.files().create(body={"name": "Plan", "mimeType": "application/vnd.google-apps.spreadsheet"}).execute()
    assert drive.files().copy(fileId=sheet["id"], body={"name": None}).execute()["name"] == "Copy of Plan"


def test_create_and_update_take_a_null_name_as_none_given(drive: Any) -> None:
    made = drive.files().create(body={"name": None, "mimeType": "text/plain"}).execute()
    assert made["name"] == "Untitled"
    renamed = drive.files().update(fileId=made["id"], body={"name": "notes.txt"}).execute()
    kept = drive.files().update(fileId=made["id"], body={"name": None, "description": "d"}, fields="name").execute()
    assert renamed["name"] == kept["name"] == "notes.txt"


def test_an_empty_name_is_refused(drive: Any) -> None:
    made = drive.files().create(body={"name": "a.txt"}).execute()
    with pytest.raises(HttpError) as refused:
        drive.files().update(fileId=made["id"], body={"name": ""}).execute()
    assert refused.value.resp.status == 400 and error_of(refused.value)["message"] == "A file name is required."
