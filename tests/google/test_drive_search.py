"""User stories: find files by query; page through a large folder; partial responses."""

from __future__ import annotations

import io
import time
from typing import Any

import pytest
from drive_helpers import FOLDER, error_of
from googleapiclient.errors import HttpError
from googleapiclient.http import MediaIoBaseUpload

OTHER = "other@example.com"


@pytest.fixture
def library(drive: Any) -> dict[str, str]:
    """A few files to search: names, types, text content, stars, sharing, times."""
    ids: dict[str, str] = {}
    ids["folder"] = drive.files().create(body={"name": "Reports", "mimeType": FOLDER}).execute()["id"]
    for name, text in (
        ("Quarterly Report.txt", "revenue grew in the northern region"),
        ("HelloWorld.txt", "greetings to everyone"),
    ):
        media = MediaIoBaseUpload(io.BytesIO(text.encode()), mimetype="text/plain")
        ids[name] = drive.files().create(body={"name": name}, media_body=media, fields="id").execute()["id"]
    ids["photo"] = (
        drive.files()
        .create(
            body={"name": "photo.png", "parents": [ids["folder"]], "starred": True},
        )
        .execute()["id"]
    )
    time.sleep(0.02)
    ids["late"] = drive.files().create(body={"name": "late memo", "description": "budget freeze"}).execute()["id"]
    drive.permissions().create(
        fileId=ids["late"], body={"type": "user", "role": "writer", "emailAddress": OTHER}
    ).execute()
    return ids


def _names(drive: Any, q: str, **kwargs: Any) -> list[str]:
    found = drive.files().list(q=q, fields="files(name)", **kwargs).execute()["files"]
    return sorted(f["name"] for f in found)


def test_find_files_by_query(drive: Any, library: dict[str, str]) -> None:
    assert _names(drive, "name = 'photo.png'") == ["photo.png"]
    assert _names(drive, "name contains 'Report'") == ["Quarterly Report.txt", "Reports"]
    assert _names(drive, "name contains 'World'") == []  # prefix matching: 'World' is inside a word
    assert _names(drive, "name contains 'hello'") == ["HelloWorld.txt"]
    assert _names(drive, "mimeType = 'application/vnd.google-apps.folder'") == ["Reports"]
    assert _names(drive, "mimeType != 'application/vnd.google-apps.folder' and mimeType contains 'text/'") == [
        "HelloWorld.txt",
        "Quarterly Report.txt",
    ]
    assert _names(drive, f"'{library['folder']}' in parents") == ["photo.png"]
    assert _names(drive, "starred = true") == ["photo.png"]
    assert _names(drive, "fullText contains 'northern'") == ["Quarterly Report.txt"]
    assert _names(drive, "fullText contains '\"revenue grew\"'") == ["Quarterly Report.txt"]
    assert _names(drive, "fullText contains 'budget'") == ["late memo"]
    assert _names(drive, f"'{OTHER}' in writers") == ["late memo"]
    assert _names(drive, "'me' in owners and not name contains 'Report' and not starred = true") == [
        "HelloWorld.txt",
        "late memo",
    ]
    assert _names(drive, "(name = 'photo.png' or name = 'late memo') and trashed = false") == ["late memo", "photo.png"]


def test_time_comparisons(drive: Any, library: dict[str, str]) -> None:
    late = drive.files().get(fileId=library["late"], fields="createdTime, modifiedTime").execute()
    assert _names(drive, f"createdTime >= '{late['createdTime']}'") == ["late memo"]
    assert "late memo" not in _names(drive, f"modifiedTime < '{late['modifiedTime']}'")
    assert _names(drive, "modifiedTime > '2999-01-01T00:00:00'") == []


@pytest.mark.parametrize(
    "q",
    [
        "name = ",
        "name = 'unterminated",
        "title = 'v2 name'",
        "starred contains 'x'",
        "(name = 'a'",
        "id = 'x'",
        "'x' in nowhere",
        "modifiedTime > 'yesterday'",
    ],
)
def test_malformed_query_is_invalid_value(drive: Any, q: str) -> None:
    with pytest.raises(HttpError) as caught:
        drive.files().list(q=q).execute()
    error = error_of(caught.value)
    assert caught.value.resp.status == 400 and error["message"] == "Invalid Value"
    assert error["errors"] == [
        {
            "message": "Invalid Value",
            "domain": "global",
            "reason": "invalid",
            "location": "q",
            "locationType": "parameter",
        }
    ]


def test_page_through_a_folder_of_250_files(twin: Any, drive: Any) -> None:
    folder = drive.files().create(body={"name": "Big", "mimeType": FOLDER}).execute()["id"]
    for index in range(250):
        drive.files().create(body={"name": f"file-{index:03d}", "parents": [folder]}, fields="id").execute()

    seen: list[str] = []
    token = None
    pages = 0
    while True:
        page = (
            drive.files()
            .list(q=f"'{folder}' in parents", pageSize=100, pageToken=token, fields="nextPageToken, files(id, name)")
            .execute()
        )
        pages += 1
        seen.extend(f["id"] for f in page["files"])
        if pages == 1:
            assert len(page["files"]) == 100
            # a file created between pages sorts after everything listed so far: it must not cause repeats
            drive.files().create(body={"name": "file-new", "parents": [folder]}).execute()
        token = page.get("nextPageToken")
        if not token:
            break
    assert pages == 3
    assert len(seen) == len(set(seen)) == 251


def test_order_by_name_desc_and_folders_first(drive: Any) -> None:
    for name in ("b", "a", "c"):
        drive.files().create(body={"name": name}).execute()
    drive.files().create(body={"name": "z-folder", "mimeType": FOLDER}).execute()
    names = [f["name"] for f in drive.files().list(orderBy="name desc").execute()["files"]]
    assert names == ["z-folder", "c", "b", "a"]
    names = [f["name"] for f in drive.files().list(orderBy="folder,name").execute()["files"]]
    assert names == ["z-folder", "a", "b", "c"]
    with pytest.raises(HttpError) as caught:
        drive.files().list(orderBy="size").execute()
    assert error_of(caught.value)["errors"][0]["location"] == "orderBy"


def test_page_size_limits(drive: Any) -> None:
    with pytest.raises(HttpError) as caught:
        drive.files().list(pageSize=1001).execute()
    assert error_of(caught.value)["errors"][0]["location"] == "pageSize"
    with pytest.raises(HttpError) as caught:
        drive.files().list(pageToken="not-a-token").execute()
    assert error_of(caught.value)["errors"][0]["location"] == "pageToken"


def test_default_and_partial_shapes(drive: Any) -> None:
    made = drive.files().create(body={"name": "shape.txt"}).execute()
    assert set(made) == {"kind", "id", "name", "mimeType"}
    listing = drive.files().list().execute()
    assert set(listing) == {"kind", "incompleteSearch", "files"} and listing["kind"] == "drive#fileList"
    assert set(listing["files"][0]) == {"kind", "id", "name", "mimeType"}
    nested = drive.files().list(fields="nextPageToken, files(id, name, owners/emailAddress)").execute()
    assert nested == {
        "files": [{"id": made["id"], "name": "shape.txt", "owners": [{"emailAddress": "owner@example.com"}]}]
    }
    everything = drive.files().get(fileId=made["id"], fields="*").execute()
    assert everything["size"] == "0" and everything["quotaBytesUsed"] == "0" and "capabilities" in everything
    star = drive.files().list(fields="*").execute()
    assert "capabilities" in star["files"][0]


def test_unknown_field_selection(drive: Any) -> None:
    with pytest.raises(HttpError) as caught:
        drive.files().list(fields="nextPageToken, items(id, title)").execute()
    error = error_of(caught.value)
    assert error["message"] == "Invalid field selection items"
    assert error["errors"][0] | {"message": ""} == {
        "message": "",
        "domain": "global",
        "reason": "invalidParameter",
        "location": "fields",
        "locationType": "parameter",
    }


def test_a_long_query_comes_as_a_post_with_a_method_override(drive: Any) -> None:
    # google-api-python-client sends a GET whose URL passes 2,000 characters as POST + X-HTTP-Method-Override
    name = "x" * 2100
    drive.files().create(body={"name": name}).execute()
    found = drive.files().list(q=f"name = '{name}'", fields="files(name)").execute()
    assert [f["name"] for f in found["files"]] == [name]
