"""User types: kinds of users (employee, contractor...), each with its own profile schema; every org has the
default type "user", which new users get unless another is named.

What Okta does (recorded answers of okta-sdk-python's cassettes, and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserType/):
- the list names the org's own types first and the default type last (recorded);
- ids start ``oty`` and the type's schema id is ``osc`` with the same suffix; an answer carries ``id``,
  ``displayName``, ``name``, ``description``, ``createdBy``, ``lastUpdatedBy``, ``created``, ``lastUpdated``,
  ``default`` and ``_links`` (``schema``, ``self``, each ``{"rel", "href", "method"}``); create answers 200;
- ``name`` is required, unique and fixed once made; ``displayName`` is required; a partial update (POST) changes
  only ``displayName``/``description``;
- the default type cannot be deleted, nor a type users still have (403 E0000006); an unknown id is 404
  ``(CVDType)``.
Records live in ``user_types`` (the users and schema areas read them there); the default type is the org's
``default_user_type`` (seeded by the users area), described here.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _log, _store
from ._errors import not_found, okta_error, validation_failed
from ._links import href

COLLECTION = "user_types"
_EDITABLE = ("displayName", "description")


def _default(ctx: Context) -> dict[str, Any]:
    org = ctx.state.collection("org")
    kind = org.get("default_user_type") or {"id": "otydefaultusertype00", "schemaId": "oscdefaultuserschema"}
    settings = org.get("settings") or {}
    stamp = settings.get("created") or iso8601(0)
    admin = str(ctx.identity.get("user_id") or "")
    return {
        "id": kind["id"],
        "displayName": "User",
        "name": "user",
        "description": "Okta user profile template with default permission settings",
        "createdBy": admin,
        "lastUpdatedBy": admin,
        "created": stamp,
        "lastUpdated": stamp,
        "default": True,
        "_schema": kind["schemaId"],
    }


def _view(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    shown["_links"] = {
        "schema": {
            "rel": "schema",
            "href": href(ctx, f"/api/v1/meta/schemas/user/{record['_schema']}"),
            "method": "GET",
        },
        "self": {"rel": "self", "href": href(ctx, f"/api/v1/meta/types/user/{record['id']}"), "method": "GET"},
    }
    return shown


def _find(ctx: Context) -> dict[str, Any]:
    id_ = str(ctx.params.get("typeId") or "")
    default = _default(ctx)
    if id_ in (default["id"], "default"):
        return default
    found = ctx.state.collection(COLLECTION).get(id_)
    if found is None:
        raise not_found(id_, "CVDType")
    return found


def _save(ctx: Context, record: dict[str, Any]) -> None:
    if record.get("default"):
        raise okta_error(
            "E0000006",
            "You do not have permission to perform the requested action",
            causes=["The default user type cannot be changed."],
        )
    record["lastUpdated"] = iso8601(ctx.now())
    record["lastUpdatedBy"] = str(ctx.identity.get("user_id") or "")
    # the schema area finds a type's schema id at _links.schema.href
    record["_links"] = {"schema": {"href": f"/api/v1/meta/schemas/user/{record['_schema']}"}}
    ctx.state.collection(COLLECTION).put(record["id"], record)


def _text(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        raise validation_failed(name, "The field cannot be left blank.")
    return value


@behaviour("listUserTypes")
def list_(ctx: Context) -> Any:
    # the org's own types first, the default type last (recorded)
    return [_view(ctx, r) for r in ctx.state.collection(COLLECTION).values()] + [_view(ctx, _default(ctx))]


@behaviour("getUserType")
def get(ctx: Context) -> Any:
    return _view(ctx, _find(ctx))


@behaviour("createUserType")
def create(ctx: Context) -> Any:
    body = _store.body_object(ctx)
    name, display = _text(body, "name"), _text(body, "displayName")
    taken = [_default(ctx)["name"]] + [r["name"] for r in ctx.state.collection(COLLECTION).values()]
    if name in taken:
        raise okta_error(
            "E0000001",
            "Api validation failed: name",
            causes=["name: An object with this field already exists in the current organization"],
        )
    suffix = _store.new_id(ctx, "oty")[3:]
    now, who = iso8601(ctx.now()), str(ctx.identity.get("user_id") or "")
    record: dict[str, Any] = {
        "id": "oty" + suffix,
        "displayName": display,
        "name": name,
        "description": body.get("description"),
        "createdBy": who,
        "lastUpdatedBy": who,
        "created": now,
        "lastUpdated": now,
        "default": False,
        "_schema": "osc" + suffix,
    }
    _save(ctx, record)
    record["lastUpdated"] = now
    _log.record(ctx, "system.user_type.create", [_log.target("UserType", record["id"], name, display)])
    return _view(ctx, record)


@behaviour("updateUserType")
def update(ctx: Context) -> Any:
    record = _find(ctx)
    body = _store.body_object(ctx)
    if "name" in body and body["name"] != record["name"]:
        raise validation_failed("name", "The name of a user type cannot be changed.")
    for field in _EDITABLE:
        if field in body:
            record[field] = _text(body, field) if field == "displayName" else body[field]
    _save(ctx, record)
    return _view(ctx, record)


@behaviour("replaceUserType")
def replace(ctx: Context) -> Any:
    record = _find(ctx)
    body = _store.body_object(ctx)
    if _text(body, "name") != record["name"]:
        raise validation_failed("name", "The name of a user type cannot be changed.")
    record["displayName"] = _text(body, "displayName")
    record["description"] = body.get("description")
    _save(ctx, record)
    return _view(ctx, record)


@behaviour("deleteUserType")
def delete(ctx: Context) -> Response:
    record = _find(ctx)
    in_use = any((u.get("type") or {}).get("id") == record["id"] for _, u in ctx.state.collection("users").scan())
    if record.get("default") or in_use:
        raise okta_error(
            "E0000006",
            "You do not have permission to perform the requested action",
            causes=["A user type that is the default or still has users cannot be deleted."],
        )
    ctx.state.collection(COLLECTION).delete(record["id"])
    _log.record(ctx, "system.user_type.delete", [_log.target("UserType", record["id"], record["name"])])
    return Response(204, None)
