"""A request body's shapes checked against its resource's schema, before the method changes anything.

Google parses a body into the resource's message before the method runs, so a value of the wrong shape (an
object where a string goes: ``parents: [{}]``, ``role: {}``; a nested object as a ``properties`` value) is a 400
``invalid`` and nothing is stored. The twin checks the same from its spec's schemas. Only shapes are told apart
(object, array, scalar): Google reads ``"5"`` for a number and ``5`` for a string, so scalars are not.
Fields the schema does not name are left to the method (Drive's ``fieldNotWritable``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ._errors import google_error
from ._fields import schema

__all__ = ["check_shapes"]

_SCALARS = {"string": "TYPE_STRING", "boolean": "TYPE_BOOL", "integer": "TYPE_INT32", "number": "TYPE_DOUBLE"}


def check_shapes(body: Mapping[str, Any], schema_name: str, location: str) -> None:
    """Drive's 400 ``invalid`` for the first value in ``body`` whose shape schema ``schema_name`` does not allow;
    ``location`` names the body in the message (``file``: ``Invalid value at 'file.parents[0]' ...``)."""
    found = schema(schema_name)
    if found is not None:
        _check(body, found, location)


def _check(value: Any, node: Mapping[str, Any] | None, path: str) -> None:
    node = _resolved(node)
    if node is None or value is None:
        return
    kind = node.get("type")
    if kind == "array":
        if not isinstance(value, list):
            raise _invalid(path, "a list", value)
        for index, item in enumerate(value):
            _check(item, node.get("items"), f"{path}[{index}]")
    elif kind == "object" or "properties" in node or "additionalProperties" in node:
        if not isinstance(value, dict):
            raise _invalid(path, "TYPE_MESSAGE", value)
        properties = node.get("properties") or {}
        extra = node.get("additionalProperties")
        for key, item in value.items():
            inner = properties.get(key) if isinstance(properties, dict) else None
            if inner is None and isinstance(extra, dict):
                inner = extra
            _check(item, inner, f"{path}.{key}")
    elif kind in _SCALARS and isinstance(value, (dict, list)):
        raise _invalid(path, _SCALARS[str(kind)], value)


def _resolved(node: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    for _ in range(10):  # a $ref chain is short; a cycle is not followed forever
        if node is None or "$ref" not in node:
            return node
        node = schema(str(node["$ref"]).rsplit("/", 1)[-1])
    return None


def _invalid(path: str, expected: str, value: Any) -> Exception:
    if isinstance(value, (dict, list)):
        shown = ("{...}" if value else "{}") if isinstance(value, dict) else ("[...]" if value else "[]")
    else:
        shown = json.dumps(value)[:80]
    return google_error(
        "invalid", f"Invalid value at '{path}' ({expected}), {shown}", location=path, locationType="other"
    )
