"""Small, non-recursive helpers over component schemas that the inference passes share.

Schemas stay dicts with ``#/components/schemas/NAME`` references. Vendor schemas are cyclic (Jira,
Stripe), so nothing here inlines a schema recursively: references are followed one hop at a time with a
bound, and only the top level of an object is ever looked at.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from twingen.ir.model import JsonSchema, Operation

COMPONENT_PREFIX = "#/components/schemas/"
_MAX_HOPS = 8


def ref_name(schema: Any) -> str:
    """``{"$ref": "#/components/schemas/User"}`` -> ``User``; anything else -> ""."""
    if isinstance(schema, Mapping):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith(COMPONENT_PREFIX):
            return ref[len(COMPONENT_PREFIX) :]
    return ""


def follow(schema: Any, schemas: Mapping[str, JsonSchema]) -> Mapping[str, Any]:
    """The schema itself, or the component a chain of references ends at ({} when it dangles)."""
    node = schema
    for _ in range(_MAX_HOPS):
        if not isinstance(node, Mapping):
            return {}
        name = ref_name(node)
        if not name:
            return node
        node = schemas.get(name, {})
    return {}


def object_properties(schema: Any, schemas: Mapping[str, JsonSchema]) -> dict[str, Any]:
    """Top-level properties of an object schema, including those of its direct ``allOf`` members.

    Only one level of ``allOf`` is merged: that covers the vendor patterns (Okta inheritance, Jira page
    beans) without walking a cyclic graph.
    """
    node = follow(schema, schemas)
    props: dict[str, Any] = {}
    for member in node.get("allOf", ()) if isinstance(node.get("allOf"), list) else ():
        member_props = follow(member, schemas).get("properties")
        if isinstance(member_props, Mapping):
            props.update(member_props)
    own = node.get("properties")
    if isinstance(own, Mapping):
        props.update(own)
    return props


def is_array(schema: Any, schemas: Mapping[str, JsonSchema]) -> bool:
    """Whether a schema (after following references) describes a JSON array."""
    node = follow(schema, schemas)
    return node.get("type") == "array" or "items" in node


def array_item_ref(schema: Any, schemas: Mapping[str, JsonSchema]) -> str:
    """Component name of the items of an array schema, or ""."""
    node = follow(schema, schemas)
    return ref_name(node.get("items")) if is_array(node, schemas) else ""


def rewrite_refs(value: Any, rename: Callable[[str], str]) -> Any:
    """A copy of ``value`` with every ``$ref`` string passed through ``rename``.

    Walks the tree as a tree (references are not followed), so cyclic schema graphs are fine.
    """
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str):
                out[key] = rename(item)
            else:
                out[key] = rewrite_refs(item, rename)
        return out
    if isinstance(value, list):
        return [rewrite_refs(item, rename) for item in value]
    return value


def success_schema(op: Operation) -> Any:
    """Schema of the operation's first 2xx response that has one, or None."""
    for response in op.responses:
        if response.status.startswith("2") and response.schema is not None:
            return response.schema
    return None


def id_field(schema_name: str, id_param: str, schemas: Mapping[str, JsonSchema]) -> str:
    """The object field that holds its id: ``id`` unless the schema says otherwise."""
    props = object_properties({"$ref": COMPONENT_PREFIX + schema_name}, schemas) if schema_name else {}
    for candidate in ("id", id_param, "key", "uuid", "name"):
        if candidate and candidate in props:
            return candidate
    return "id"
