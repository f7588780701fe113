"""Discovery schema and parameter descriptions -> JSON Schema dicts, with refs as ``#/components/schemas/NAME``.

Discovery schemas are almost JSON Schema (draft 3 flavoured): ``$ref`` holds a bare schema name, ``type: any``
means anything, ``id`` names the schema (and would be read as a base URI by JSON Schema tools), numbers in
``minimum``/``maximum``/``default`` are strings, and ``annotations.required`` lists the method ids for which a
property is required in a request. Refs are rewritten, never inlined: the Docs schemas are cyclic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from twingen.diagnostics import Diagnostics, pointer

REF_PREFIX = "#/components/schemas/"

_TYPES = frozenset({"string", "integer", "number", "boolean", "object", "array", "null"})
# Google sends 64-bit integers as JSON strings; declare them so whatever the doc says.
_STRING_FORMATS = frozenset({"int64", "uint64"})
# Keys copied as they are; the rest are converted below or dropped (``id``, ``enumDescriptions``...).
_COPIED = ("format", "pattern", "description", "readOnly", "deprecated")


@dataclass(frozen=True)
class SchemaContext:
    """What converting one schema needs: where problems are reported and which names a ``$ref`` may use."""

    file: str
    diags: Diagnostics
    names: frozenset[str]


def ref_to(name: str) -> dict[str, Any]:
    return {"$ref": REF_PREFIX + name}


def convert_schema(node: object, ptr: str, ctx: SchemaContext) -> dict[str, Any]:
    """One Discovery schema (or property, or parameter) as JSON Schema; unmappable parts warn and become ``{}``."""
    if not isinstance(node, Mapping):
        ctx.diags.warn(ctx.file, ptr, "schema is not an object; treated as any value", "invalid-schema")
        return {}
    if "$ref" in node:
        return _convert_ref(node, ptr, ctx)
    out: dict[str, Any] = {}
    kind = node.get("type")
    fmt = node.get("format")
    if kind == "any" or kind is None:
        pass  # ``any`` (and a missing type) accept every JSON value: JSON Schema ``{}``
    elif isinstance(fmt, str) and fmt in _STRING_FORMATS:
        out["type"] = "string"
    elif isinstance(kind, str) and kind in _TYPES:
        out["type"] = kind
    else:
        ctx.diags.warn(
            ctx.file, pointer_join(ptr, "type"), f"unknown type {kind!r}; treated as any value", "invalid-schema"
        )
    for key in _COPIED:
        if key in node:
            out[key] = node[key]
    if isinstance(node.get("enum"), list):
        out["enum"] = list(node["enum"])
    for key in ("minimum", "maximum"):
        if key in node:
            number = _number(node[key])
            if number is None:
                ctx.diags.warn(
                    ctx.file, pointer_join(ptr, key), f"{key} {node[key]!r} is not a number; dropped", "invalid-schema"
                )
            else:
                out[key] = number
    if "default" in node:
        _set_default(out, node["default"], pointer_join(ptr, "default"), ctx)
    _convert_children(node, out, ptr, ctx)
    annotations = node.get("annotations")
    if isinstance(annotations, Mapping) and isinstance(annotations.get("required"), list):
        # Method ids for which this property must be sent; kept for behaviour code and request validation.
        out["x-google-required-for"] = [str(m) for m in annotations["required"]]
    return out


def convert_parameter_schema(node: Mapping[str, Any], ptr: str, ctx: SchemaContext) -> dict[str, Any]:
    """A method parameter's schema: ``repeated`` parameters are arrays of the declared scalar."""
    scalar = convert_schema({k: v for k, v in node.items() if k not in ("repeated", "location", "required")}, ptr, ctx)
    if not node.get("repeated"):
        return scalar
    description = scalar.pop("description", None)
    array: dict[str, Any] = {"type": "array", "items": scalar}
    if description is not None:
        array["description"] = description
    return array


def _convert_ref(node: Mapping[str, Any], ptr: str, ctx: SchemaContext) -> dict[str, Any]:
    target = node["$ref"]
    if not isinstance(target, str) or target not in ctx.names:
        # A dangling ref would break model generation; any value is the honest fallback.
        ctx.diags.warn(
            ctx.file,
            pointer_join(ptr, "$ref"),
            f"reference to unknown schema {target!r}; treated as any value",
            "dangling-ref",
        )
        return {}
    out = ref_to(target)
    if isinstance(node.get("description"), str):
        out["description"] = node["description"]
    return out


def _convert_children(node: Mapping[str, Any], out: dict[str, Any], ptr: str, ctx: SchemaContext) -> None:
    properties = node.get("properties")
    if isinstance(properties, Mapping):
        out["properties"] = {
            str(name): convert_schema(prop, pointer_join(ptr, "properties", str(name)), ctx)
            for name, prop in properties.items()
        }
    elif properties is not None:
        ctx.diags.warn(
            ctx.file, pointer_join(ptr, "properties"), "properties is not an object; dropped", "invalid-schema"
        )
    if "items" in node:
        out["items"] = convert_schema(node["items"], pointer_join(ptr, "items"), ctx)
    extra = node.get("additionalProperties")
    if isinstance(extra, bool):
        out["additionalProperties"] = extra
    elif extra is not None:
        out["additionalProperties"] = convert_schema(extra, pointer_join(ptr, "additionalProperties"), ctx)


def _set_default(out: dict[str, Any], raw: object, ptr: str, ctx: SchemaContext) -> None:
    """Discovery writes every default as a string ("false", "100"); give it the schema's own type."""
    kind = out.get("type")
    value: object = raw
    if isinstance(raw, str):
        if kind == "boolean" and raw in ("true", "false"):
            value = raw == "true"
        elif kind in ("integer", "number"):
            value = _number(raw)
            if kind == "integer" and isinstance(value, float):
                value = int(value) if value.is_integer() else None
    if value is None:
        ctx.diags.warn(ctx.file, ptr, f"default {raw!r} does not fit type {kind!r}; dropped", "invalid-default")
        return
    out["default"] = value


def _number(raw: object) -> int | float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return raw
    if not isinstance(raw, str):
        return None
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        number = float(raw)
    except ValueError:
        return None
    return number if number == number and number not in (float("inf"), float("-inf")) else None


def pointer_join(base: str, *tokens: str | int) -> str:
    """``base`` (already a pointer) extended by raw tokens."""
    return base + pointer(*tokens)
