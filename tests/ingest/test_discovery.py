"""Discovery -> IR from small committed and inline fragments."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from twingen.diagnostics import Diagnostics
from twingen.ingest.discovery import API_KEY_SCHEME, OAUTH2_SCHEME, build_from_discovery
from twingen.ir.model import MediaUpload, Operation, Paging, Parameter
from twingen.ir.parts import ApiParts

SPECS = Path(__file__).parent / "discovery_specs"
NOTES = "notes.v2.json"


def load_notes() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SPECS / NOTES).read_text(encoding="utf-8"))
    return data


def build(doc: dict[str, Any]) -> tuple[ApiParts, Diagnostics]:
    diags = Diagnostics()
    return build_from_discovery(doc, NOTES, diags), diags


def param(op: Operation, name: str) -> Parameter:
    return next(p for p in op.parameters if p.name == name)


def mini(methods: dict[str, Any], **top: Any) -> dict[str, Any]:
    """A one-resource document around ``methods``."""
    return {
        "rootUrl": "https://x.example.com/",
        "servicePath": "",
        "resources": {"things": {"methods": methods}},
        **top,
    }


@pytest.fixture(scope="module")
def notes() -> ApiParts:
    parts, diags = build(load_notes())
    assert list(diags) == []
    return parts


def test_document_fields(notes: ApiParts) -> None:
    assert (notes.title, notes.version, notes.base_url) == ("Notes API", "v2", "https://notes.example.com/")
    assert notes.source == NOTES
    assert notes.doc_format == "discovery-v1"


def test_nested_resources_become_operations_in_document_order(notes: ApiParts) -> None:
    assert [op.id for op in notes.operations] == [
        "notes.notebooks.get",
        "notes.notebooks.batchUpdate",
        "notes.notebooks.notes.list",
        "notes.notebooks.notes.create",
        "notes.notebooks.notes.download",
        "notes.notebooks.notes.delete",
        "notes.status.ping",
    ]
    op = notes.operations[2]
    assert op.python_name == "notes_notebooks_notes_list"
    assert op.tags == ("notebooks.notes",)
    assert op.origin.pointer == "/resources/notebooks/resources/notes/methods/list"
    assert op.origin.file == NOTES


def test_paths_join_service_path_and_keep_colon_verbs_and_reserved_expansion(notes: ApiParts) -> None:
    paths = {op.id: op.path for op in notes.operations}
    assert paths["notes.notebooks.get"] == "/notes/v2/v2/{+name}"
    assert paths["notes.notebooks.batchUpdate"] == "/notes/v2/notebooks/{notebookId}:batchUpdate"
    assert paths["notes.status.ping"] == "/notes/v2/status"
    name = param(next(op for op in notes.operations if op.id == "notes.notebooks.get"), "name")
    assert name.location == "path" and name.required
    assert name.schema == {"type": "string", "pattern": "^notebooks/[^/]+$"}


@pytest.mark.parametrize(
    ("service_path", "path", "expected"),
    [
        ("", "v4/spreadsheets/{spreadsheetId}:batchUpdate", "/v4/spreadsheets/{spreadsheetId}:batchUpdate"),
        ("drive/v3/", "files/{fileId}", "/drive/v3/files/{fileId}"),
        ("/drive/v3", "files", "/drive/v3/files"),
        ("drive/v3/", "/upload/drive/v3/files", "/upload/drive/v3/files"),
    ],
)
def test_path_joining(service_path: str, path: str, expected: str) -> None:
    doc = mini({"m": {"id": "x.m", "httpMethod": "POST", "path": path}}, servicePath=service_path)
    parts, _ = build(doc)
    assert parts.operations[0].path == expected


def test_flat_path_that_differs_without_reserved_expansion_is_noted() -> None:
    doc = mini({"m": {"id": "x.m", "httpMethod": "GET", "path": "a/b", "flatPath": "a/c"}})
    parts, diags = build(doc)
    assert parts.operations[0].path == "/a/b"
    assert [(d.pointer, d.code) for d in diags] == [("/resources/things/methods/m/flatPath", "flat-path-differs")]


def test_parameter_types(notes: ApiParts) -> None:
    op = next(op for op in notes.operations if op.id == "notes.notebooks.notes.list")
    assert param(op, "since").schema == {"type": "string", "format": "int64"}
    assert param(op, "pageSize").schema == {
        "type": "integer",
        "format": "int32",
        "minimum": 1,
        "maximum": 1000,
        "default": 100,
    }
    tags = param(op, "tags")
    assert tags.schema == {"type": "array", "items": {"type": "string"}}
    assert tags.description == "Filter by tags."
    archived = param(op, "archived")
    assert archived.schema == {"type": "boolean", "default": False}
    assert archived.deprecated and not archived.required


def test_integer_int64_parameter_is_a_string() -> None:
    doc = mini(
        {
            "m": {
                "id": "x.m",
                "httpMethod": "GET",
                "path": "t",
                "parameters": {"n": {"type": "integer", "format": "int64", "location": "query", "default": "5"}},
            }
        }
    )
    parts, diags = build(doc)
    assert param(parts.operations[0], "n").schema == {"type": "string", "format": "int64", "default": "5"}
    assert list(diags) == []


def test_global_parameters_apply_to_every_method_and_the_method_wins(notes: ApiParts) -> None:
    for op in notes.operations:
        names = [p.name for p in op.parameters]
        assert {"alt", "fields", "key", "$.xgafv"} <= set(names)
        assert not any(p.required for p in op.parameters if p.location == "query")
    op = next(op for op in notes.operations if op.id == "notes.notebooks.notes.list")
    names = [p.name for p in op.parameters]
    assert names[0] == "notebookId"  # parameterOrder first
    assert names.count("fields") == 1
    assert param(op, "fields").description == "Overrides the global one."
    assert param(op, "$.xgafv").python_name == "xgafv"
    assert param(op, "alt").schema == {"type": "string", "enum": ["json", "media"], "default": "json"}


def test_request_and_response_bodies(notes: ApiParts) -> None:
    ops = {op.id: op for op in notes.operations}
    create = ops["notes.notebooks.notes.create"]
    assert create.request_body is not None
    assert create.request_body.media_types == ("application/json",)
    assert create.request_body.schema == {"$ref": "#/components/schemas/Note"}
    assert [(r.status, r.schema) for r in create.responses] == [("200", {"$ref": "#/components/schemas/Note"})]
    delete = ops["notes.notebooks.notes.delete"]
    assert delete.request_body is None
    assert [(r.status, r.schema) for r in delete.responses] == [("204", None)]


def test_schemas_rewrite_refs_and_keep_cycles(notes: ApiParts) -> None:
    note = notes.schemas["Note"]
    assert "id" not in note  # the Discovery schema id, which JSON Schema tools would read as a base URI
    props = note["properties"]
    assert props["children"] == {"type": "array", "items": {"$ref": "#/components/schemas/Note"}}
    assert props["parent"] == {
        "$ref": "#/components/schemas/Notebook",
        "description": "The notebook holding this note.",
    }
    assert notes.schemas["Notebook"]["properties"]["notes"]["items"] == {"$ref": "#/components/schemas/Note"}
    assert props["payload"] == {"description": "Anything at all."}
    assert props["size"] == {"type": "string", "format": "int64"}
    assert props["id"] == {"type": "string", "readOnly": True}
    assert props["labels"] == {"type": "object", "additionalProperties": {"type": "string"}}
    assert props["title"]["x-google-required-for"] == ["notes.notebooks.notes.create"]


def test_dangling_ref_warns_with_its_location() -> None:
    doc = mini({}, schemas={"A": {"type": "object", "properties": {"b": {"$ref": "Missing"}}}})
    parts, diags = build(doc)
    assert parts.schemas["A"]["properties"]["b"] == {}
    assert [(d.pointer, d.code) for d in diags] == [("/schemas/A/properties/b/$ref", "dangling-ref")]


def test_media_upload_and_download(notes: ApiParts) -> None:
    ops = {op.id: op for op in notes.operations}
    assert ops["notes.notebooks.notes.create"].media_upload == MediaUpload(
        accept=("text/plain", "text/markdown"),
        max_size="10MB",
        simple_path="/upload/notes/v2/notebooks/{notebookId}/notes",
        resumable_path="/resumable/upload/notes/v2/notebooks/{notebookId}/notes",
    )
    assert ops["notes.notebooks.notes.download"].supports_media_download
    assert not ops["notes.notebooks.notes.create"].supports_media_download
    assert ops["notes.notebooks.notes.download"].media_upload is None


def test_paging_prefers_the_array_named_like_the_resource(notes: ApiParts) -> None:
    op = next(op for op in notes.operations if op.id == "notes.notebooks.notes.list")
    assert op.paging == Paging(
        style="page_token",
        request_cursor="pageToken",
        request_limit="pageSize",
        response_next="nextPageToken",
        response_items="notes",
    )
    assert all(o.paging is None for o in notes.operations if o is not op)


def _paged(response_props: dict[str, Any], params: dict[str, Any]) -> Paging | None:
    doc = mini(
        {
            "list": {
                "id": "x.things.list",
                "httpMethod": "GET",
                "path": "things",
                "parameters": params,
                "response": {"$ref": "L"},
            }
        },
        schemas={"L": {"type": "object", "properties": response_props}},
    )
    parts, diags = build(doc)
    assert list(diags) == []
    return parts.operations[0].paging


def test_paging_with_max_results_and_items() -> None:
    paging = _paged(
        {
            "nextPageToken": {"type": "string"},
            "items": {"type": "array", "items": {"$ref": "L"}},
            "defaultReminders": {"type": "array", "items": {"$ref": "L"}},
        },
        {"pageToken": {"type": "string", "location": "query"}, "maxResults": {"type": "integer", "location": "query"}},
    )
    assert paging is not None
    assert (paging.request_limit, paging.response_items) == ("maxResults", "items")


def test_page_token_without_next_page_token_is_not_paging() -> None:
    # drive.changes.watch takes a pageToken (a start position) and answers a Channel.
    assert _paged({"id": {"type": "string"}}, {"pageToken": {"type": "string", "location": "query"}}) is None


def test_ambiguous_paged_array_is_left_empty() -> None:
    paging = _paged(
        {
            "nextPageToken": {"type": "string"},
            "a": {"type": "array", "items": {"$ref": "L"}},
            "b": {"type": "array", "items": {"$ref": "L"}},
        },
        {"pageToken": {"type": "string", "location": "query"}},
    )
    assert paging is not None and paging.response_items == ""


def test_auth_schemes_and_scopes(notes: ApiParts) -> None:
    oauth2, key = notes.auth_schemes
    assert (oauth2.name, oauth2.kind) == (OAUTH2_SCHEME, "oauth2")
    assert oauth2.scopes == ("https://example.com/auth/notes", "https://example.com/auth/notes.readonly")
    assert (key.name, key.kind, key.location, key.param_name) == (API_KEY_SCHEME, "apikey", "query", "key")
    ops = {op.id: op for op in notes.operations}
    assert ops["notes.notebooks.notes.create"].scopes == ("https://example.com/auth/notes",)
    assert ops["notes.notebooks.notes.create"].auth == (OAUTH2_SCHEME, API_KEY_SCHEME)
    assert ops["notes.status.ping"].auth == ()  # no scopes: no credentials needed


def test_declared_errors(notes: ApiParts) -> None:
    ops = {op.id: op for op in notes.operations}
    assert [(e.code, e.status) for e in ops["notes.notebooks.notes.delete"].errors] == [
        ("invalid", 400),
        ("authError", 401),
        ("insufficientPermissions", 403),
        ("notFound", 404),
    ]
    assert [(e.code, e.status) for e in ops["notes.status.ping"].errors] == [("invalid", 400)]


def test_summary_is_the_first_sentence(notes: ApiParts) -> None:
    op = next(op for op in notes.operations if op.id == "notes.notebooks.notes.list")
    assert (op.summary, op.description) == ("Lists notes.", "Lists notes. Newest first.")


def test_building_twice_gives_equal_results() -> None:
    first, first_diags = build(load_notes())
    second, second_diags = build(load_notes())
    assert first == second
    assert list(first_diags) == list(second_diags)


def test_input_is_not_modified() -> None:
    doc = load_notes()
    before = copy.deepcopy(doc)
    build(doc)
    assert doc == before


# --- odd input: every case warns with a location and never raises -----------------------------------------


def _odd(mutate: str) -> dict[str, Any]:
    doc = load_notes()
    notes_methods = doc["resources"]["notebooks"]["resources"]["notes"]["methods"]
    if mutate == "method-not-object":
        notes_methods["list"] = []
    elif mutate == "no-id":
        del notes_methods["list"]["id"]
    elif mutate == "bad-verb":
        notes_methods["list"]["httpMethod"] = "FETCH"
    elif mutate == "no-path":
        del notes_methods["list"]["path"]
    elif mutate == "header-param":
        notes_methods["list"]["parameters"]["pageSize"]["location"] = "header"
    elif mutate == "undeclared-placeholder":
        del notes_methods["list"]["parameters"]["notebookId"]
    elif mutate == "unknown-type":
        doc["schemas"]["Note"]["properties"]["size"] = {"type": "int128"}
    elif mutate == "bad-default":
        notes_methods["list"]["parameters"]["pageSize"]["default"] = "many"
    elif mutate == "bad-minimum":
        notes_methods["list"]["parameters"]["pageSize"]["minimum"] = "one"
    elif mutate == "resources-not-object":
        doc["resources"]["notebooks"]["resources"] = "nope"
    elif mutate == "duplicate-id":
        notes_methods["create"]["id"] = "notes.notebooks.notes.list"
    elif mutate == "schema-not-object":
        doc["schemas"]["Note"]["properties"]["size"] = 7
    elif mutate == "upload-without-paths":
        notes_methods["create"]["mediaUpload"]["protocols"] = {}
    elif mutate == "params-not-object":
        notes_methods["list"]["parameters"] = ["pageSize"]
    return doc


ODD_CASES = {
    "method-not-object": "/resources/notebooks/resources/notes/methods/list",
    "no-id": "/resources/notebooks/resources/notes/methods/list",
    "bad-verb": "/resources/notebooks/resources/notes/methods/list/httpMethod",
    "no-path": "/resources/notebooks/resources/notes/methods/list/path",
    "header-param": "/resources/notebooks/resources/notes/methods/list/parameters/pageSize/location",
    "undeclared-placeholder": "/resources/notebooks/resources/notes/methods/list/path",
    "unknown-type": "/schemas/Note/properties/size/type",
    "bad-default": "/resources/notebooks/resources/notes/methods/list/parameters/pageSize/default",
    "bad-minimum": "/resources/notebooks/resources/notes/methods/list/parameters/pageSize/minimum",
    "resources-not-object": "/resources/notebooks/resources",
    "duplicate-id": "/resources/notebooks/resources/notes/methods/create/id",
    "schema-not-object": "/schemas/Note/properties/size",
    "upload-without-paths": "/resources/notebooks/resources/notes/methods/create/mediaUpload/protocols",
    # the path placeholder then has no parameter either: routing still gets one
    "params-not-object": "/resources/notebooks/resources/notes/methods/list/parameters "
    "/resources/notebooks/resources/notes/methods/list/path",
}


@pytest.mark.parametrize(("case", "where"), sorted(ODD_CASES.items()))
def test_odd_input_warns_with_a_location(case: str, where: str) -> None:
    parts, diags = build(_odd(case))
    assert [d.pointer for d in diags] == where.split()
    assert all(d.level == "warning" for d in diags)
    assert parts.operations  # the rest of the document still goes through


def test_undeclared_placeholder_still_routes() -> None:
    parts, _ = build(_odd("undeclared-placeholder"))
    op = next(op for op in parts.operations if op.id == "notes.notebooks.notes.list")
    assert param(op, "notebookId").location == "path"


@pytest.mark.parametrize("doc", [[], "text", None, {}, {"resources": []}, {"schemas": {"A": []}}])
def test_degenerate_documents_never_raise(doc: Any) -> None:
    diags = Diagnostics()
    parts = build_from_discovery(doc, "odd.json", diags)
    assert parts.operations == ()
    if not isinstance(doc, dict):
        assert [d.level for d in diags] == ["error"]


def test_deeply_nested_resources_are_bounded() -> None:
    node: dict[str, Any] = {"methods": {"m": {"id": "deep", "httpMethod": "GET", "path": "d"}}}
    for i in range(200):
        node = {"resources": {f"r{i}": node}}
    diags = Diagnostics()
    parts = build_from_discovery(node, "deep.json", diags)
    assert parts.operations == ()
    assert [d.code for d in diags] == ["invalid-spec"]


def _locations(node: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found: list[tuple[str | int, ...]] = [path] if path else []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in items:
        found += _locations(child, (*path, key))
    return found


@pytest.mark.parametrize("junk", [None, 7, ["x", 1], "x", {}, {"$ref": 3}, True])
def test_any_value_replaced_by_junk_never_raises(junk: Any) -> None:
    """Every node of the fragment in turn replaced by a value of the wrong kind: warnings, never an exception."""
    original = load_notes()
    for location in _locations(original):
        doc = copy.deepcopy(original)
        parent: Any = doc
        for key in location[:-1]:
            parent = parent[key]
        parent[location[-1]] = copy.deepcopy(junk)
        build(doc)
