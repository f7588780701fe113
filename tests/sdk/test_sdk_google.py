"""The google-api-python-client adapter: the shipped Discovery documents."""

from __future__ import annotations

import pytest

from twingen.sdk import ScanError, SdkSurface, scan_sdk


def test_drive_files_list(drive_surface: SdkSurface) -> None:
    method = drive_surface.method("files.list")
    assert (method.operation, method.http_verb, method.path) == ("drive.files.list", "GET", "/drive/v3/files")
    assert method.paginates
    assert method.pointer == "/resources/files/methods/list"
    assert method.file == "googleapiclient/discovery_cache/documents/drive.v3.json"
    assert {"pageToken", "pageSize", "q"} <= {p.name for p in method.params if p.location == "query"}


def test_drive_counts(drive_surface: SdkSurface) -> None:
    assert 50 <= drive_surface.counts()["methods"] <= 90
    assert drive_surface.unresolved == ()
    assert drive_surface.package == "googleapiclient:drive.v3"


def test_body_and_media_body_as_the_client_adds_them(drive_surface: SdkSurface) -> None:
    params = {p.name: p for p in drive_surface.method("files.create").params}
    assert params["body"].location == "body" and not params["body"].required
    assert params["media_body"].location == "body"
    assert "body" not in {p.name for p in drive_surface.method("files.get").params}


def test_path_params_are_required(drive_surface: SdkSurface) -> None:
    params = {p.name: p for p in drive_surface.method("permissions.list").params}
    assert params["fileId"].required and params["fileId"].location == "path"
    assert drive_surface.method("permissions.list").path == "/drive/v3/files/{fileId}/permissions"


def test_nested_resources_get_a_nested_pointer() -> None:
    sheets = scan_sdk("googleapiclient:sheets.v4")
    method = sheets.method("spreadsheets.values.get")
    assert method.operation == "sheets.spreadsheets.values.get"
    assert method.pointer == "/resources/spreadsheets/resources/values/methods/get"
    assert method.path == "/v4/spreadsheets/{spreadsheetId}/values/{range}"


def test_unknown_document_and_missing_name_are_scan_errors() -> None:
    with pytest.raises(ScanError, match="no discovery document"):
        scan_sdk("googleapiclient:nope.v9")
    with pytest.raises(ScanError, match="needs a document"):
        scan_sdk("googleapiclient")
