"""A required ``format: binary`` form field sent as a multipart file part is present, not missing."""

from __future__ import annotations

from typing import Any

from twingen.runtime.dispatch.validation import Validator

_OP = {
    "parameters": [
        {"name": "file", "location": "form", "required": True, "schema": {"type": "string", "format": "binary"}}
    ]
}


def _validator() -> Validator:
    return Validator(_OP, lambda schema: schema, frozenset())


def test_a_file_part_fills_a_required_form_field() -> None:
    params: dict[str, Any] = {}
    assert _validator().check(params, {}, {"file"}) == []


def test_a_missing_file_is_still_required() -> None:
    problems = _validator().check({}, {}, {"other"})
    assert [(p.name, p.kind) for p in problems] == [("file", "required")]
