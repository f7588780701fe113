"""Discovery -> IR on the real Google documents (read in place from ../shared/api_docs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from twingen.diagnostics import Diagnostics
from twingen.ingest.discovery import build_from_discovery
from twingen.ir.model import MediaUpload, Operation
from twingen.ir.parts import ApiParts
from twingen.ir.schemarefs import COMPONENT_PREFIX

DRIVE = "google_drive/drive.v3.json"
SHEETS = "google_sheets/sheets.v4.json"
DOCS = "google_docs/docs.v1.json"


def build(shared_docs: Path, name: str) -> tuple[ApiParts, Diagnostics]:
    doc = json.loads((shared_docs / name).read_text(encoding="utf-8"))
    diags = Diagnostics()
    return build_from_discovery(doc, name, diags), diags


def ops_by_id(parts: ApiParts) -> dict[str, Operation]:
    return {op.id: op for op in parts.operations}


def all_refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        for value in node.values():
            found |= all_refs(value)
        return found
    if isinstance(node, list):
        return set().union(*(all_refs(v) for v in node)) if node else set()
    return set()


@pytest.fixture(scope="module")
def drive(shared_docs: Path) -> ApiParts:
    parts, diags = build(shared_docs, DRIVE)
    assert list(diags) == []
    return parts


@pytest.fixture(scope="module")
def sheets(shared_docs: Path) -> ApiParts:
    parts, diags = build(shared_docs, SHEETS)
    assert list(diags) == []
    return parts


@pytest.fixture(scope="module")
def docs(shared_docs: Path) -> ApiParts:
    parts, diags = build(shared_docs, DOCS)
    assert list(diags) == []
    return parts


def test_drive(drive: ApiParts) -> None:
    assert len(drive.operations) == 64
    assert drive.base_url == "https://www.googleapis.com/"
    assert drive.title == "Google Drive API"
    ops = ops_by_id(drive)
    get = ops["drive.files.get"]
    assert (get.method, get.path, get.python_name) == ("GET", "/drive/v3/files/{fileId}", "drive_files_get")
    assert get.supports_media_download
    assert [(r.status, r.schema) for r in get.responses] == [("200", {"$ref": COMPONENT_PREFIX + "File"})]
    assert ("notFound", 404) in [(e.code, e.status) for e in get.errors]
    create = ops["drive.files.create"]
    assert create.media_upload == MediaUpload(
        accept=("*/*",),
        max_size="5497558138880",
        simple_path="/upload/drive/v3/files",
        resumable_path="/resumable/upload/drive/v3/files",
    )
    assert create.request_body is not None
    assert create.request_body.schema == {"$ref": COMPONENT_PREFIX + "File"}
    assert [(r.status, r.schema) for r in ops["drive.files.delete"].responses] == [("204", None)]


def test_drive_parameters(drive: ApiParts) -> None:
    ops = ops_by_id(drive)
    listing = {p.name: p for p in ops["drive.files.list"].parameters}
    assert {"q", "pageSize", "pageToken", "orderBy", "fields", "alt", "key", "$.xgafv"} <= set(listing)
    assert listing["pageSize"].schema["default"] == 100
    assert listing["alt"].schema["enum"] == ["json", "media", "proto"]
    assert listing["supportsAllDrives"].schema == {"type": "boolean", "default": False}
    assert [p.name for p in ops["drive.files.get"].parameters if p.required] == ["fileId"]
    assert drive.schemas["File"]["properties"]["size"]["type"] == "string"  # int64 sent as a string


def test_drive_paging(drive: ApiParts) -> None:
    paged = {op.id: op.paging for op in drive.operations if op.paging is not None}
    items = {op_id: (p.request_limit, p.response_items) for op_id, p in paged.items()}
    assert items["drive.files.list"] == ("pageSize", "files")
    assert items["drive.drives.list"] == ("pageSize", "drives")
    assert items["drive.permissions.list"] == ("pageSize", "permissions")
    assert items["drive.changes.list"] == ("pageSize", "changes")
    assert items["drive.revisions.list"] == ("pageSize", "revisions")
    assert items["drive.comments.list"] == ("pageSize", "comments")
    assert items["drive.files.listLabels"] == ("maxResults", "labels")
    assert "drive.changes.watch" not in paged  # its pageToken is a start position; it answers a Channel
    assert all(p.style == "page_token" and p.response_next == "nextPageToken" for p in paged.values())


def test_drive_auth(drive: ApiParts) -> None:
    oauth2, key = drive.auth_schemes
    assert oauth2.kind == "oauth2"
    assert "https://www.googleapis.com/auth/drive" in oauth2.scopes
    assert (key.kind, key.location, key.param_name) == ("apikey", "query", "key")
    get = ops_by_id(drive)["drive.files.get"]
    assert get.auth == (oauth2.name, key.name)
    assert "https://www.googleapis.com/auth/drive.readonly" in get.scopes
    assert set().union(*(op.scopes for op in drive.operations)) <= set(oauth2.scopes)


def test_sheets(sheets: ApiParts) -> None:
    assert len(sheets.operations) == 17
    ops = ops_by_id(sheets)
    get = ops["sheets.spreadsheets.values.get"]
    assert get.path == "/v4/spreadsheets/{spreadsheetId}/values/{range}"
    assert [p.name for p in get.parameters if p.location == "path"] == ["spreadsheetId", "range"]
    batch = ops["sheets.spreadsheets.batchUpdate"]
    assert batch.path == "/v4/spreadsheets/{spreadsheetId}:batchUpdate"
    assert batch.path.endswith(":batchUpdate")
    ranges = next(p for p in ops["sheets.spreadsheets.get"].parameters if p.name == "ranges")
    assert ranges.schema == {"type": "array", "items": {"type": "string"}}


def test_docs_keeps_cyclic_refs(docs: ApiParts) -> None:
    assert len(docs.operations) == 3
    assert ops_by_id(docs)["docs.documents.get"].path == "/v1/documents/{documentId}"
    refs = all_refs(dict(docs.schemas))
    assert refs and all(r.startswith(COMPONENT_PREFIX) for r in refs)
    assert {r.removeprefix(COMPONENT_PREFIX) for r in refs} <= set(docs.schemas)
    # Body -> StructuralElement -> Table -> TableRow -> TableCell -> StructuralElement: kept as refs.
    content = docs.schemas["TableCell"]["properties"]["content"]
    assert (content["type"], content["items"]) == ("array", {"$ref": COMPONENT_PREFIX + "StructuralElement"})


@pytest.mark.parametrize("name", [DRIVE, SHEETS, DOCS])
def test_python_names_are_unique(shared_docs: Path, name: str) -> None:
    parts, _ = build(shared_docs, name)
    names = [op.python_name for op in parts.operations]
    assert len(set(names)) == len(names)
    for op in parts.operations:
        param_names = [p.python_name for p in op.parameters]
        assert len(set(param_names)) == len(param_names), op.id
        assert all(p.isidentifier() for p in param_names)


def test_building_drive_twice_gives_equal_results(shared_docs: Path) -> None:
    first, first_diags = build(shared_docs, DRIVE)
    second, second_diags = build(shared_docs, DRIVE)
    assert first == second
    assert list(first_diags) == list(second_diags)


@pytest.mark.slow
def test_every_discovery_document_shipped_with_the_google_client_builds() -> None:
    """About 600 real documents (installed with google-api-python-client, no network): none may raise."""
    import googleapiclient  # a test dependency

    assert googleapiclient.__file__ is not None
    folder = Path(googleapiclient.__file__).parent / "discovery_cache" / "documents"
    files = sorted(folder.glob("*.json"))
    assert len(files) > 100
    for path in files:
        diags = Diagnostics()
        parts = build_from_discovery(json.loads(path.read_text(encoding="utf-8")), path.name, diags)
        names = [op.python_name for op in parts.operations]
        assert len(set(names)) == len(names), path.name
        assert not diags.has_errors, path.name
