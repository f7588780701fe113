"""Schema defaults that cannot be values of their own schema, left out of the models with a located warning.

Vendor specs sometimes put prose where a default belongs: Okta's ``Policy.created`` (``format: date-time``)
has ``default: Assigned`` and ``priority`` (an integer) ``default: "Last / Lowest Priority, ..."``.
datamodel-code-generator copies them into the models as they are, so a model made without that field
would hold ``created='Assigned'``, and mypy rejects the module. A default is kept only when it fits the
schema's ``type``, ``format`` (date-time, date) and ``enum``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any

from twingen.diagnostics import Diagnostics, pointer
from twingen.ir.model import JsonSchema

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}


def without_bad_defaults(schemas: dict[str, JsonSchema], where: str, diags: Diagnostics) -> dict[str, JsonSchema]:
    """``schemas`` with every unfit ``default`` removed (a copy when there is one; the IR stays as it is)."""
    found = [(path, reason) for path, node in _nodes(schemas) if (reason := misfit(node)) is not None]
    if not found:
        return schemas
    fixed = copy.deepcopy(schemas)
    for path, reason in found:
        node: Any = fixed
        for token in path:
            node = node[token]
        value = node.pop("default")
        where_in = pointer("components", "schemas", *path, "default")
        diags.warn(where, where_in, f"default {value!r} {reason}; left out of the models", "bad-default")
    return fixed


def misfit(schema: Mapping[str, Any]) -> str | None:
    """Why the schema's ``default`` is not one of its values, or None when it is (or there is none)."""
    if "default" not in schema:
        return None
    value = schema["default"]
    if value is None:
        return None  # "no value": datamodel-code-generator makes the field optional
    enum = schema.get("enum")
    if isinstance(enum, list) and value not in enum:
        return "is not one of the schema's enum values"
    kinds = schema.get("type")
    names = [kinds] if isinstance(kinds, str) else [k for k in kinds or () if isinstance(k, str)]
    allowed = [_TYPES[name] for name in names if name in _TYPES]
    if allowed and not any(_is(value, kind) for kind in allowed):
        return f"is not a{'n' if names[0][0] in 'aeiou' else ''} {' or '.join(names)}"
    if isinstance(value, str) and not _fits_format(value, schema.get("format")):
        return f"is not a {schema['format']}"
    return None


def _is(value: Any, kinds: tuple[type, ...]) -> bool:
    if isinstance(value, bool):  # bool is an int in Python, never in JSON Schema
        return bool in kinds
    return isinstance(value, kinds)


def _fits_format(value: str, fmt: Any) -> bool:
    try:
        if fmt == "date-time":
            # the models type these as AwareDatetime: a time without a zone does not fit either
            return datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo is not None
        if fmt == "date":
            date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _nodes(schemas: Mapping[str, Any]) -> Iterator[tuple[tuple[str | int, ...], Mapping[str, Any]]]:
    """Every schema object with its path below ``components/schemas``, in document order.

    Only schema positions are walked: a property called ``default`` is a schema, and an example is data.
    """
    stack: list[tuple[tuple[str | int, ...], Any]] = [((name,), schema) for name, schema in schemas.items()]
    stack.reverse()
    while stack:  # an explicit stack: generated specs nest deeper than Python's recursion limit
        path, node = stack.pop()
        if not isinstance(node, Mapping):
            continue
        yield path, node
        below: list[tuple[tuple[str | int, ...], Any]] = []
        for key, value in node.items():
            if key in _SCHEMA_MAPS and isinstance(value, Mapping):
                below.extend(((*path, key, name), sub) for name, sub in value.items())
            elif key in _SCHEMA_LISTS or (key in _SCHEMA_VALUES and isinstance(value, list)):
                below.extend(((*path, key, i), sub) for i, sub in enumerate(value or ()))
            elif key in _SCHEMA_VALUES:
                below.append(((*path, key), value))
        stack.extend(reversed(below))


_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "definitions", "$defs", "dependentSchemas"})
_SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_SCHEMA_VALUES = frozenset(
    {"items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "additionalItems"}
)
