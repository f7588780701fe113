"""Defaults that are not values of their own schema stay out of the models, each with a located warning."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest

from twingen.diagnostics import Diagnostics
from twingen.generate.defaults import misfit, without_bad_defaults
from twingen.generate.models import generate_models
from twingen.ir.model import Operation, Response

from .apis import pets_api


@pytest.mark.parametrize(
    ("schema", "reason"),
    [
        ({"type": "string", "format": "date-time", "default": "Assigned"}, "is not a date-time"),
        ({"type": "string", "format": "date-time", "default": "2024-01-01T00:00:00"}, "is not a date-time"),
        ({"type": "string", "format": "date", "default": "soon"}, "is not a date"),
        ({"type": "integer", "default": "Last / Lowest Priority"}, "is not an integer"),
        ({"type": "integer", "default": True}, "is not an integer"),
        ({"type": "integer", "default": 1.5}, "is not an integer"),
        ({"type": "boolean", "default": "false"}, "is not a boolean"),
        ({"type": ["string", "null"], "default": 3}, "is not a string or null"),
        ({"type": "string", "enum": ["a", "b"], "default": "c"}, "is not one of the schema's enum values"),
    ],
)
def test_unfit_defaults_are_named_with_the_reason(schema: dict[str, Any], reason: str) -> None:
    assert misfit(schema) == reason


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "format": "date-time", "default": "2024-01-01T00:00:00Z"},
        {"type": "string", "format": "date", "default": "2024-01-01"},
        {"type": "number", "default": 1},
        {"type": "integer", "default": 0},
        {"type": "boolean", "default": False},
        {"type": "string", "enum": ["a", "b"], "default": "b"},
        {"type": "string", "nullable": True, "default": None},
        {"type": "array", "default": []},
        {"default": "anything goes without a type"},
        {"type": "string", "format": "uuid", "default": "not checked: only date and date-time are"},
    ],
)
def test_fitting_defaults_stay(schema: dict[str, Any]) -> None:
    assert misfit(schema) is None


def test_only_schema_positions_are_searched_and_the_ir_is_left_as_it_was() -> None:
    schemas: dict[str, Any] = {
        "Policy": {
            "type": "object",
            "properties": {
                "created": {"type": "string", "format": "date-time", "default": "Assigned"},
                # a property called "default" is a schema; its own default fits
                "default": {"type": "boolean", "default": False},
                "rules": {"type": "array", "items": {"allOf": [{"type": "integer", "default": "one"}]}},
            },
            "example": {"created": "Assigned", "default": "not a schema either"},
        }
    }
    before = copy.deepcopy(schemas)
    diags = Diagnostics()
    fixed = without_bad_defaults(schemas, "okta.yaml", diags)
    assert schemas == before  # a copy was changed, not the IR's schemas
    assert [(d.file, d.pointer, d.code) for d in diags] == [
        ("okta.yaml", "/components/schemas/Policy/properties/created/default", "bad-default"),
        ("okta.yaml", "/components/schemas/Policy/properties/rules/items/allOf/0/default", "bad-default"),
    ]
    assert diags.items[0].message == "default 'Assigned' is not a date-time; left out of the models"
    created = fixed["Policy"]["properties"]["created"]
    assert "default" not in created and created["format"] == "date-time"
    assert fixed["Policy"]["properties"]["default"]["default"] is False
    assert fixed["Policy"]["example"] == before["Policy"]["example"]


def test_no_unfit_default_returns_the_same_schemas() -> None:
    schemas = {"Pet": {"type": "object", "properties": {"name": {"type": "string", "default": "Rex"}}}}
    assert without_bad_defaults(schemas, "pets.json", Diagnostics()) is schemas


def test_the_models_leave_prose_defaults_out() -> None:
    ref = {"$ref": "#/components/schemas/Policy"}
    properties = {
        "name": {"type": "string", "default": "policy"},
        "created": {"type": "string", "format": "date-time", "default": "Assigned"},
        "priority": {"type": "integer", "default": "Last / Lowest Priority, for example `1`"},
    }
    api = dataclasses.replace(
        pets_api("policies"),
        operations=(Operation("getPolicy", "get_policy", "GET", "/policy", responses=(Response("200", schema=ref),)),),
        schemas={"Policy": {"type": "object", "properties": properties}},
        resources=(),
    )
    diags = Diagnostics()
    source = generate_models(api, "H", diags).files["__init__.py"]
    assert [d.pointer for d in diags] == [
        "/components/schemas/Policy/properties/created/default",
        "/components/schemas/Policy/properties/priority/default",
    ]
    assert "Assigned" not in source and "Lowest Priority" not in source and "'policy'" in source
