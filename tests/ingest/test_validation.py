"""openapi-spec-validator findings as located, grouped warnings."""

from __future__ import annotations

from typing import Any

from twingen.diagnostics import Diagnostics
from twingen.ingest.validation import PLACES_PER_MESSAGE, find_problems, validate_document


def _doc(schemas: dict[str, Any], paths: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": paths or {},
        "components": {"schemas": schemas},
    }


def test_a_valid_document_has_no_problems() -> None:
    assert find_problems(_doc({"A": {"type": "string"}}), "openapi-3.0") == []


def test_keyword_findings_are_located_by_the_node_even_behind_refs() -> None:
    bad = {"type": "string", "enum": ["a", "b"], "default": "c"}
    paths = {"/x": {"get": {"responses": {"200": {"description": "ok", "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/Bad"}}}}}}}}  # fmt: skip
    [problem] = find_problems(_doc({"Bad": bad}, paths), "openapi-3.0")
    assert problem.pointer == "/components/schemas/Bad/default"
    assert problem.message == "'c' is not one of ['a', 'b']"


def test_structural_findings_name_the_specific_cause() -> None:
    paths = {"/x/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}}],
                                 "responses": {"200": {"description": "ok"}}}}}  # fmt: skip
    [problem] = find_problems(_doc({}, paths), "openapi-3.0")
    assert problem.pointer == "/paths/~1x~1{id}/get/parameters/0"
    assert problem.message == "'required' is a required property"


def _swagger(definition: dict[str, Any]) -> dict[str, Any]:
    # The 2.0 validator checks definitions as the paths reach them, so one response uses it.
    ok = {"200": {"description": "ok", "schema": {"$ref": "#/definitions/T"}}}
    return {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/t": {"get": {"responses": ok}}},
            "definitions": {"T": definition}}  # fmt: skip


def test_swagger_is_validated_as_2_0() -> None:
    [problem] = find_problems(_swagger({"type": "array", "items": [{"type": "string"}]}), "swagger-2.0")
    assert problem.pointer == "/definitions/T/items"
    assert "is not of type 'object', 'boolean'" in problem.message


def test_other_formats_are_not_validated() -> None:
    assert find_problems({"discoveryVersion": "v1"}, "discovery-v1") == []


def test_identical_messages_are_grouped_and_counted_never_dropped() -> None:
    schemas = {f"S{i}": {"type": "string", "enum": ["a"], "default": "z"} for i in range(PLACES_PER_MESSAGE + 3)}
    diags = Diagnostics()
    count = validate_document(_doc(schemas), "openapi-3.0", "api.yaml", diags)
    assert count == PLACES_PER_MESSAGE + 3
    assert len(diags) == PLACES_PER_MESSAGE + 1
    summary = diags.items[-1]
    assert summary.message.startswith("3 more places with the same problem ('z' is not one of ['a'])")
    assert summary.message.count("/components/schemas/") == 3
    assert all(d.level == "warning" and d.code == "invalid-spec" and d.file == "api.yaml" for d in diags)


def test_long_instances_are_shortened_but_keep_what_is_wrong() -> None:
    big = {"type": "array", "items": [{"type": "object", "description": "x" * 300}, {"type": "null"}]}
    [problem] = find_problems(_swagger(big), "swagger-2.0")
    assert len(problem.message) <= 160 and problem.message.endswith("is not of type 'object', 'boolean'")


def test_a_validator_crash_is_a_warning_not_an_exception() -> None:
    diags = Diagnostics()
    doc = _doc({"A": {"$ref": "#/components/schemas/Nope"}})
    validate_document(doc, "openapi-3.0", "api.yaml", diags)
    assert all(d.level == "warning" for d in diags)
