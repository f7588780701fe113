"""Merging several documents into one Api: schema, operation and auth-scheme collisions."""

from __future__ import annotations

from typing import Any

from twingen.diagnostics import Diagnostics
from twingen.ingest.openapi import build_from_openapi
from twingen.ir import serialize
from twingen.ir.assemble import assemble
from twingen.ir.model import Api, DocInput
from twingen.ir.parts import ApiParts


def doc(title: str, paths: dict[str, Any], schemas: dict[str, Any], schemes: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": "1"},
        "servers": [{"url": "https://your-domain.atlassian.net"}],
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": schemes},
    }


def answer(name: str) -> dict[str, Any]:
    return {
        "200": {
            "description": "ok",
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
        }
    }


PLATFORM = doc(
    "platform",
    {
        "/rest/api/3/issue/{id}": {
            "get": {
                "operationId": "getIssue",
                "responses": answer("IssueBean"),
                "security": [{"basicAuth": []}],
                "parameters": [{"name": "id", "in": "path", "required": True}],
            }
        }
    },
    {
        "IssueBean": {"type": "object", "properties": {"id": {"type": "string"}}},
        "User": {"type": "object", "properties": {"accountId": {"type": "string"}}},
    },
    {"basicAuth": {"type": "http", "scheme": "basic"}},
)
AGILE = doc(
    "agile",
    {
        "/rest/agile/1.0/issue/{id}": {
            "get": {
                "operationId": "getIssue",
                "responses": answer("IssueBean"),
                "security": [{"basicAuth": []}],
                "parameters": [{"name": "id", "in": "path", "required": True}],
            }
        },
        "/rest/agile/1.0/issue/{id}/estimation": {
            "get": {
                "operationId": "get_issue",
                "responses": answer("User"),
                "parameters": [{"name": "id", "in": "path"}],
            }
        },
    },
    {
        "IssueBean": {
            "type": "object",
            "properties": {"id": {"type": "string"}, "fields": {"$ref": "#/components/schemas/Fields"}},
        },
        "Fields": {"type": "object", "properties": {"reporter": {"$ref": "#/components/schemas/User"}}},
        "User": {"type": "object", "properties": {"accountId": {"type": "string"}}},
    },
    {"basicAuth": {"type": "http", "scheme": "bearer"}},
)


def merged() -> tuple[Api, Diagnostics]:
    diags = Diagnostics()
    parts = [build_from_openapi(PLATFORM, "platform.json", diags), build_from_openapi(AGILE, "agile.json", diags)]
    docs = [DocInput("platform.json", "/d/platform.json", "0" * 64, "openapi-3.0", "served")]
    return assemble("jira", parts, docs, diags), diags


def test_schema_collisions_are_renamed_and_references_follow() -> None:
    api, diags = merged()
    assert list(api.schemas) == ["Fields", "IssueBean", "IssueBean_2", "User"]  # the same User is shared
    agile_get = api.operation("getIssue_2")
    assert agile_get.responses[0].schema == {"$ref": "#/components/schemas/IssueBean_2"}
    assert api.operation("getIssue").responses[0].schema == {"$ref": "#/components/schemas/IssueBean"}
    renamed = [d for d in diags if d.code == "schema-renamed"]
    assert [(d.file, d.pointer) for d in renamed] == [("agile.json", "/components/schemas/IssueBean")]


def test_operation_ids_python_names_and_auth_schemes_are_made_unique() -> None:
    api, diags = merged()
    assert [(op.id, op.python_name) for op in api.operations] == [
        ("getIssue", "get_issue"),
        ("getIssue_2", "get_issue_2"),
        ("get_issue", "get_issue_3"),
    ]
    assert [(s.name, s.kind) for s in api.auth_schemes] == [("basicAuth", "basic"), ("basicAuth_2", "bearer")]
    assert api.operation("getIssue_2").auth == ("basicAuth_2",)
    dup = [d for d in diags if d.code == "duplicate-operation-id"]
    assert [(d.file, d.pointer) for d in dup] == [("agile.json", "/paths/~1rest~1agile~11.0~1issue~1{id}/get")]
    assert {d.code for d in diags} == {"schema-renamed", "duplicate-operation-id", "auth-scheme-renamed"}


def test_api_fields_come_from_the_first_document_and_inference_runs() -> None:
    api, _ = merged()
    assert (api.name, api.title, api.vendor, api.base_url) == (
        "jira",
        "platform",
        "jira",
        "https://your-domain.atlassian.net",
    )
    assert [d.given for d in api.documents] == ["platform.json"]


def test_assembling_is_deterministic_and_round_trips() -> None:
    first, _ = merged()
    second, _ = merged()
    assert serialize.dumps(first) == serialize.dumps(second)
    assert serialize.from_data(serialize.to_data(first)) == first


def test_document_format_names_the_vendor_and_no_parts_is_an_empty_generic_api() -> None:
    google = assemble("g", [ApiParts(base_url="https://example.com", doc_format="discovery-v1")], [], Diagnostics())
    assert google.vendor == "google"
    empty = assemble("e", [], [], Diagnostics())
    assert (empty.vendor, empty.operations, empty.resources) == ("generic", (), ())
