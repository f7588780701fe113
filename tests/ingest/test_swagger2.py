"""Swagger 2.0 -> OpenAPI 3.0 conversion, from the committed petstore and inline fragments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import OpenAPIV30SpecValidator

from twingen.diagnostics import Diagnostics
from twingen.ingest.swagger2 import convert_swagger2

SPECS = Path(__file__).parent / "specs"


@pytest.fixture(scope="module")
def petstore() -> tuple[dict[str, Any], Diagnostics]:
    doc = yaml.safe_load((SPECS / "petstore_swagger2.yaml").read_text())
    diags = Diagnostics()
    return convert_swagger2(doc, "petstore_swagger2.yaml", diags), diags


def _swagger(**fields: Any) -> dict[str, Any]:
    return {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}, **fields}


def test_the_result_is_valid_openapi_3(petstore: tuple[dict[str, Any], Diagnostics]) -> None:
    doc, _ = petstore
    assert doc["openapi"] == "3.0.3"
    assert list(OpenAPIV30SpecValidator(doc).iter_errors()) == []


def test_servers_from_host_base_path_and_schemes(petstore: tuple[dict[str, Any], Diagnostics]) -> None:
    assert petstore[0]["servers"] == [{"url": "https://pets.example.com/v1"}, {"url": "http://pets.example.com/v1"}]
    assert convert_swagger2(_swagger(basePath="/api"), "s", Diagnostics())["servers"] == [{"url": "/api"}]
    no_base = convert_swagger2(_swagger(host="x.io"), "s", Diagnostics())
    assert no_base["servers"] == [{"url": "https://x.io"}]


def test_definitions_become_component_schemas_and_refs_follow(petstore: tuple[dict[str, Any], Diagnostics]) -> None:
    schemas = petstore[0]["components"]["schemas"]
    assert set(schemas) == {"Pet", "Tag", "Error"}
    pet = schemas["Pet"]
    assert pet["properties"]["tags"]["items"] == {"$ref": "#/components/schemas/Tag"}
    assert pet["properties"]["parent"] == {"$ref": "#/components/schemas/Pet"}
    assert pet["discriminator"] == {"propertyName": "kind"}
    assert pet["nullable"] is True and pet["x-nullable"] is True
    assert "#/definitions/" not in str(petstore[0])


def test_global_parameters_responses_and_bodies(petstore: tuple[dict[str, Any], Diagnostics]) -> None:
    doc = petstore[0]
    components = doc["components"]
    assert components["parameters"]["limit"] == {
        "name": "limit",
        "in": "query",
        "schema": {"type": "integer", "default": 20},
    }
    assert components["requestBodies"]["petBody"]["required"] is True
    assert components["responses"]["NotFound"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    pets = doc["paths"]["/pets"]
    assert pets["get"]["parameters"][0] == {"$ref": "#/components/parameters/limit"}
    assert pets["post"]["requestBody"]["content"] == {
        "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}
    }
    assert pets["post"]["requestBody"]["x-codegen-request-body-name"] == "pet"
    assert pets["post"]["responses"]["default"] == {"$ref": "#/components/responses/NotFound"}


def test_path_level_parameters_and_collection_formats(petstore: tuple[dict[str, Any], Diagnostics]) -> None:
    pets = petstore[0]["paths"]["/pets"]
    assert pets["parameters"] == [{"name": "X-Trace", "in": "header", "schema": {"type": "string"}}]
    tags, ids = pets["get"]["parameters"][1:]
    assert (tags["style"], tags["explode"]) == ("form", True)
    assert (ids["style"], ids["explode"]) == ("pipeDelimited", False)


def test_responses_headers_examples_and_extensions(petstore: tuple[dict[str, Any], Diagnostics]) -> None:
    doc = petstore[0]
    ok = doc["paths"]["/pets"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["example"] == [{"name": "Rex"}]
    assert ok["headers"]["X-Next"] == {"schema": {"type": "string"}, "description": "next cursor"}
    assert doc["x-audience"] == "public"
    assert doc["paths"]["/pets"]["get"]["x-paging"] == "cursor"
    assert doc["components"]["schemas"]["Tag"]["x-internal"] is True


def test_form_data_with_a_file_is_multipart(petstore: tuple[dict[str, Any], Diagnostics]) -> None:
    op = petstore[0]["paths"]["/pets/{petId}/photo"]["post"]
    assert op["parameters"] == [{"name": "petId", "in": "path", "required": True, "schema": {"type": "integer"}}]
    body = op["requestBody"]
    schema = body["content"]["multipart/form-data"]["schema"]
    assert schema["properties"]["file"] == {"type": "string", "format": "binary"}
    assert schema["properties"]["caption"] == {"type": "string", "description": "a caption"}
    assert schema["required"] == ["caption"] and body["required"] is True


def test_form_data_keeps_every_declared_media_type() -> None:
    doc = _swagger(
        paths={
            "/api/chat.postMessage": {
                "post": {
                    "consumes": ["application/json"],
                    "parameters": [{"name": "channel", "in": "formData", "type": "string", "required": True}],
                    "responses": {"200": {"description": "ok"}},
                }
            }
        }
    )
    body = convert_swagger2(doc, "s", Diagnostics())["paths"]["/api/chat.postMessage"]["post"]["requestBody"]
    assert list(body["content"]) == ["application/x-www-form-urlencoded", "application/json"]


def test_security_definitions(petstore: tuple[dict[str, Any], Diagnostics]) -> None:
    schemes = petstore[0]["components"]["securitySchemes"]
    assert schemes["key"] == {"type": "apiKey", "name": "X-Api-Key", "in": "header"}
    assert schemes["basicAuth"] == {"type": "http", "scheme": "basic"}
    flow = schemes["oauth"]["flows"]["authorizationCode"]
    assert flow["tokenUrl"] == "https://pets.example.com/token" and flow["scopes"] == {"pets:read": "read pets"}
    assert petstore[0]["security"] == [{"key": []}]


@pytest.mark.parametrize(
    ("swagger_flow", "openapi_flow"),
    [("implicit", "implicit"), ("password", "password"), ("application", "clientCredentials")],
)
def test_oauth2_flows(swagger_flow: str, openapi_flow: str) -> None:
    doc = _swagger(securityDefinitions={"o": {"type": "oauth2", "flow": swagger_flow, "tokenUrl": "t", "scopes": {}}})
    schemes = convert_swagger2(doc, "s", Diagnostics())["components"]["securitySchemes"]
    assert list(schemes["o"]["flows"]) == [openapi_flow]


def test_slack_quirks_are_repaired_with_a_located_warning_each(petstore: tuple[dict[str, Any], Diagnostics]) -> None:
    doc, diags = petstore
    props = doc["components"]["schemas"]["Pet"]["properties"]
    assert props["photo"] == {"nullable": True, "type": "string"}
    assert props["pair"]["items"] == {"anyOf": [{"type": "string"}, {"type": "integer"}]}
    assert [(d.level, d.pointer, d.code) for d in diags] == [
        ("warning", "/definitions/Pet/properties/photo/type", "swagger2-repair"),
        ("warning", "/definitions/Pet/properties/pair/items", "swagger2-repair"),
    ]


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "null"}, {"nullable": True, "enum": [None]}),
        ({"type": ["integer", "string"]}, {"anyOf": [{"type": "integer"}, {"type": "string"}]}),
        ({"type": ["null"]}, {"nullable": True, "enum": [None]}),
        ({"type": "array", "items": [{"type": "string"}]}, {"type": "array", "items": {"type": "string"}}),
    ],
)
def test_type_and_items_repairs(schema: dict[str, Any], expected: dict[str, Any]) -> None:
    diags = Diagnostics()
    converted = convert_swagger2(_swagger(definitions={"S": schema}), "s", diags)
    assert converted["components"]["schemas"]["S"] == expected
    assert len(diags) == 1


def test_the_input_document_is_not_changed() -> None:
    doc = yaml.safe_load((SPECS / "petstore_swagger2.yaml").read_text())
    before = yaml.safe_dump(doc)
    convert_swagger2(doc, "s", Diagnostics())
    assert yaml.safe_dump(doc) == before
