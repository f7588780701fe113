"""The user and group profile schemas: Okta's base properties (fixed) and the org's custom ones, added, changed and
removed (set to null) by a partial update.

Records: ``user_schema`` (schema id -> custom properties, created, lastUpdated; ``default`` is the default user
type's), ``group_schema`` (``default``). The users area reads ``user_schema/default`` to accept custom profile
properties (_users_profile.custom_properties). Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Schema/ (getUserSchema,
updateUserProfile, getGroupSchema, updateGroupSchema: "a property set to null is removed") and the recorded answers.
"""

from __future__ import annotations

import copy
from typing import Any

from ..runtime import Context, behaviour
from ..runtime.clock import iso8601
from . import _users
from ._errors import not_found, okta_error, validation_failed
from ._links import href
from ._store import body_object
from ._user_schema_base import GROUP_BASE, USER_BASE, base

Record = dict[str, Any]

DRAFT = "http://json-schema.org/draft-04/schema#"
TYPES = ("string", "boolean", "number", "integer", "array")
MUTABILITY = ("READ_WRITE", "READ_ONLY", "IMMUTABLE")


def _stored(ctx: Context, collection: str, key: str) -> Record:
    found = ctx.state.collection(collection).get(key)
    if found is None:
        now = iso8601(ctx.now())
        found = {"custom": {}, "created": now, "lastUpdated": now}
    return found


def _user_schema_key(ctx: Context) -> str:
    """``default`` or the default type's schema id name the same schema; another user type's schema id its own."""
    wanted = str(ctx.params.get("schemaId") or "")
    if wanted in ("default", _users.default_type(ctx).get("schemaId")):
        return "default"
    for _, kind in ctx.state.collection("user_types").scan():
        if str((kind.get("_links") or {}).get("schema", {}).get("href", "")).endswith("/" + wanted):
            return wanted
    raise not_found(wanted, "UserSchema")


def _render(ctx: Context, kind: str, key: str, stored: Record) -> Record:
    is_user = kind == "user"
    name = key if key != "default" else "default"
    schema_id = _users.default_type(ctx).get("schemaId") if key == "default" else key
    answer: Record = {
        "id": href(ctx, f"/meta/schemas/{kind}/{name}"),
        "$schema": DRAFT,
        "name": kind,
        "title": "User" if is_user else "Okta group",
        "description": "Okta user profile template with default permission settings"
        if is_user
        else "Okta group profile template",
        "lastUpdated": stored["lastUpdated"],
        "created": stored["created"],
        "definitions": {
            "custom": {"id": "#custom", "type": "object", "properties": stored["custom"], "required": []},
            "base": base(USER_BASE) if is_user else base(GROUP_BASE, mastered=True),
        },
        "type": "object",
        "properties": {"profile": {"allOf": [{"$ref": "#/definitions/custom"}, {"$ref": "#/definitions/base"}]}},
    }
    if is_user:
        type_id = _users.default_type(ctx)["id"]
        answer["_links"] = {
            "self": {"rel": "self", "href": href(ctx, f"/api/v1/meta/schemas/user/{schema_id}"), "method": "GET"},
            "type": {"rel": "type", "href": href(ctx, f"/api/v1/meta/types/user/{type_id}"), "method": "GET"},
        }
    else:
        answer["_links"] = {
            "self": {"rel": "self", "href": href(ctx, "/api/v1/meta/schemas/group/default"), "method": "GET"}
        }
    return answer


def _merge(current: Record, body: Record, base_names: set[str]) -> Record:
    """The custom properties after a partial update: each named one set (checked), or removed when null."""
    definitions = body.get("definitions")
    if definitions is None:
        return current
    if not isinstance(definitions, dict):
        raise okta_error("E0000003")
    given = (definitions.get("custom") or {}).get("properties") or {}
    if not isinstance(given, dict):
        raise okta_error("E0000003")
    merged = dict(current)
    for name, attribute in given.items():
        if attribute is None:
            merged.pop(name, None)
            continue
        if name in base_names:
            raise validation_failed(name, "A custom attribute cannot have the name of a base attribute")
        merged[name] = _checked(name, attribute)
    return merged


def _checked(name: str, attribute: Any) -> Record:
    if not isinstance(attribute, dict):
        raise okta_error("E0000003")
    if not attribute.get("title"):
        raise validation_failed(f"{name}.title", "The field cannot be left blank")
    if attribute.get("type") not in TYPES:
        raise validation_failed(f"{name}.type", "The field has an invalid value")
    # Okta keeps "required" only when true: no recorded schema answer carries "required": false
    kept = {k: v for k, v in attribute.items() if v is not None and not (k == "required" and v is False)}
    kept.setdefault("mutability", "READ_WRITE")
    kept.setdefault("scope", "NONE")
    kept.setdefault("permissions", [{"principal": "SELF", "action": "READ_ONLY"}])
    if kept["mutability"] not in MUTABILITY:
        raise validation_failed(f"{name}.mutability", "The field has an invalid value")
    return kept


def _update(ctx: Context, kind: str, collection: str, key: str, base_names: set[str]) -> Record:
    stored = _stored(ctx, collection, key)
    before = set(stored["custom"])
    stored["custom"] = _merge(stored["custom"], body_object(ctx), base_names)
    stored["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(collection).put(key, stored)
    if kind == "user" and before - set(stored["custom"]):
        _drop_values(ctx, key, before - set(stored["custom"]))
    # not logged: no System Log event type for a schema change could be confirmed in Okta's catalog (NOTES.md)
    return _render(ctx, kind, key, stored)


def _drop_values(ctx: Context, key: str, removed: set[str]) -> None:
    """A removed property leaves the profiles of the users of that schema's type (Okta deletes the values with
    the property), one pass over the users: an admin operation, not a per-request cost."""
    users = ctx.state.collection("users")
    default_type = _users.default_type(ctx)["id"]
    for user_id, user in users.scan():
        type_id = (user.get("type") or {}).get("id") or default_type
        schema = "default" if type_id == default_type else _users.schema_id(ctx, type_id)
        if schema == key and removed & set(user.get("profile") or {}):
            # scan() records are read-only: put back a changed copy
            changed = copy.deepcopy(user)
            changed["profile"] = {k: v for k, v in (changed.get("profile") or {}).items() if k not in removed}
            users.put(user_id, changed)


@behaviour("getUserSchema")
def get_user_schema(ctx: Context) -> Any:
    key = _user_schema_key(ctx)
    return _render(ctx, "user", key, _stored(ctx, "user_schema", key))


@behaviour("updateUserProfile")
def update_user_profile(ctx: Context) -> Any:
    return _update(ctx, "user", "user_schema", _user_schema_key(ctx), {n for n, *_ in USER_BASE})


@behaviour("getGroupSchema")
def get_group_schema(ctx: Context) -> Any:
    return _render(ctx, "group", "default", _stored(ctx, "group_schema", "default"))


@behaviour("updateGroupSchema")
def update_group_schema(ctx: Context) -> Any:
    return _update(ctx, "group", "group_schema", "default", {n for n, *_ in GROUP_BASE})
