"""Custom admin roles (``/api/v1/iam/roles``): a label unique in the org, a description and a set of permissions,
found by id or by label; permissions added, read, replaced (their conditions) and removed one by one.

Records: ``iam_roles`` (id -> role, its permissions under ``_permissions``: label -> permission),
``iam_role_labels`` (lower-cased label -> id). Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RoleECustom/ and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RoleECustomPermission/ ; shapes, the 404
title ``(CustomRole)`` and the duplicate-label cause from the recorded answers.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _log, _paging
from ._errors import not_found, okta_error, validation_failed
from ._links import href
from ._store import body_object, new_id

Record = dict[str, Any]

ROLES = "iam_roles"
LABELS = "iam_role_labels"
_PERMISSION = re.compile(r"^okta(\.[A-Za-z][A-Za-z0-9]*)+$")


def find_role(ctx: Context, id_or_label: str | None = None) -> Record:
    wanted = id_or_label if id_or_label is not None else str(ctx.params.get("roleIdOrLabel") or "")
    roles = ctx.state.collection(ROLES)
    found = roles.get(wanted)
    if found is None:
        indexed = ctx.state.collection(LABELS).get(wanted.lower())
        found = roles.get(indexed["id"]) if indexed else None
    if found is None:
        raise not_found(wanted, "CustomRole")
    return found


def _render(ctx: Context, role: Record) -> Record:
    shown = {k: v for k, v in role.items() if not k.startswith("_")}
    path = f"/api/v1/iam/roles/{role['id']}"
    shown["_links"] = {"permissions": {"href": href(ctx, path + "/permissions")}, "self": {"href": href(ctx, path)}}
    return shown


def _permission_names(given: Any) -> list[str]:
    if not isinstance(given, list) or not given:
        raise validation_failed("permissions", "The field cannot be left blank")
    for name in given:
        if not isinstance(name, str) or not _PERMISSION.match(name):
            raise validation_failed("permissions", f"Invalid permission: {name}")
    return list(dict.fromkeys(given))


def _label(ctx: Context, label: Any, role_id: str | None = None) -> str:
    if not isinstance(label, str) or not label.strip():
        raise validation_failed("label", "The field cannot be left blank")
    holder = ctx.state.collection(LABELS).get(label.lower())
    if holder is not None and holder["id"] != role_id:
        raise validation_failed("label", "There is already an admin role with this name.")
    return label


def _permission(ctx: Context, name: str, conditions: Any = None) -> Record:
    now = iso8601(ctx.now())
    return {"label": name, "created": now, "lastUpdated": now, "conditions": conditions}


@behaviour("createRole")
def create_role(ctx: Context) -> Any:
    body = body_object(ctx)
    label = _label(ctx, body.get("label"))
    if not isinstance(body.get("description"), str) or not body["description"]:
        raise validation_failed("description", "The field cannot be left blank")
    names = _permission_names(body.get("permissions"))
    now = iso8601(ctx.now())
    role = {
        "id": new_id(ctx, "cr0"),
        "label": label,
        "isCloneable": False,
        "description": body["description"],
        "created": now,
        "lastUpdated": now,
        "_permissions": {n: _permission(ctx, n) for n in names},
    }
    ctx.state.collection(ROLES).put(role["id"], role)
    ctx.state.collection(LABELS).put(label.lower(), {"id": role["id"]})
    _log.record(ctx, "iam.role.create", [_log.target("CustomRole", role["id"], label, label)])
    return _render(ctx, role)


@behaviour("listRoles")
def list_roles(ctx: Context) -> Any:
    """Custom roles, paged, in Okta's wrapper ``{"roles": [...], "_links": {...}}``."""
    limit = _paging.limit_of(ctx, 20, 100)
    page, more = _paging.take(_paging.walk(ctx.state.collection(ROLES), _paging.cursor_of(ctx)), limit)
    links: Record = {"self": {"href": href(ctx, "/api/v1/iam/roles")}}
    if more and page:
        links["next"] = {"href": href(ctx, f"/api/v1/iam/roles?after={_paging.cursor(page[-1][0])}")}
    return {"roles": [_render(ctx, role) for _, role in page], "_links": links}


@behaviour("getRole")
def get_role(ctx: Context) -> Any:
    return _render(ctx, find_role(ctx))


@behaviour("replaceRole")
def replace_role(ctx: Context) -> Any:
    role = find_role(ctx)
    body = body_object(ctx)
    old = role["label"]
    role["label"] = _label(ctx, body.get("label"), role["id"])
    if not isinstance(body.get("description"), str) or not body["description"]:
        raise validation_failed("description", "The field cannot be left blank")
    role["description"] = body["description"]
    role["lastUpdated"] = iso8601(ctx.now())
    labels = ctx.state.collection(LABELS)
    labels.delete(old.lower())
    labels.put(role["label"].lower(), {"id": role["id"]})
    ctx.state.collection(ROLES).put(role["id"], role)
    _log.record(ctx, "iam.role.update", [_log.target("CustomRole", role["id"], role["label"], role["label"])])
    return _render(ctx, role)


@behaviour("deleteRole")
def delete_role(ctx: Context) -> Any:
    role = find_role(ctx)
    assigned = [k for k, a in ctx.state.collection("role_assignments").scan() if a.get("role") == role["id"]]
    if assigned:
        raise okta_error(
            "E0000001", "Api validation failed: role", causes=["role: The role is assigned and cannot be deleted."]
        )
    ctx.state.collection(ROLES).delete(role["id"])
    ctx.state.collection(LABELS).delete(role["label"].lower())
    _log.record(ctx, "iam.role.delete", [_log.target("CustomRole", role["id"], role["label"], role["label"])])
    return Response(204, None)


def _render_permission(ctx: Context, role: Record, permission: Record) -> Record:
    path = f"/api/v1/iam/roles/{role['id']}"
    return {
        **permission,
        "_links": {
            "role": {"href": href(ctx, path)},
            "self": {"href": href(ctx, f"{path}/permissions/{permission['label']}")},
        },
    }


def _find_permission(ctx: Context, role: Record) -> Record:
    name = str(ctx.params.get("permissionType") or "")
    found: Record | None = role["_permissions"].get(name)
    if found is None:
        raise not_found(name, "Permission")
    return found


@behaviour("listRolePermissions")
def list_role_permissions(ctx: Context) -> Any:
    role = find_role(ctx)
    ordered = sorted(role["_permissions"].values(), key=lambda p: p["label"])
    return {"permissions": [_render_permission(ctx, role, p) for p in ordered]}


@behaviour("getRolePermission")
def get_role_permission(ctx: Context) -> Any:
    role = find_role(ctx)
    return _render_permission(ctx, role, _find_permission(ctx, role))


@behaviour("createRolePermission")
def create_role_permission(ctx: Context) -> Any:
    role = find_role(ctx)
    name = _permission_names([str(ctx.params.get("permissionType") or "")])[0]
    body = body_object(ctx)
    if name not in role["_permissions"]:
        role["_permissions"][name] = _permission(ctx, name, body.get("conditions"))
        role["lastUpdated"] = iso8601(ctx.now())
        ctx.state.collection(ROLES).put(role["id"], role)
        _log.record(ctx, "iam.role.permission.add", [_log.target("CustomRole", role["id"], name, name)])
    return Response(204, None)


@behaviour("replaceRolePermission")
def replace_role_permission(ctx: Context) -> Any:
    role = find_role(ctx)
    permission = _find_permission(ctx, role)
    permission["conditions"] = body_object(ctx).get("conditions")
    permission["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(ROLES).put(role["id"], role)
    _log.record(
        ctx,
        "iam.role.permission.update",
        [_log.target("CustomRole", role["id"], permission["label"], permission["label"])],
    )
    return _render_permission(ctx, role, permission)


@behaviour("deleteRolePermission")
def delete_role_permission(ctx: Context) -> Any:
    role = find_role(ctx)
    permission = _find_permission(ctx, role)
    del role["_permissions"][permission["label"]]
    ctx.state.collection(ROLES).put(role["id"], role)
    _log.record(
        ctx,
        "iam.role.permission.remove",
        [_log.target("CustomRole", role["id"], permission["label"], permission["label"])],
    )
    return Response(204, None)
