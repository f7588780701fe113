"""``permissions.*``: sharing a file with users, groups, a domain or anyone; moving ownership."""

from __future__ import annotations

import hashlib
from typing import Any

from ..runtime import Context, Response, VendorError, behaviour
from . import _errors as err
from ._files_model import ROLE_RANK, WRITER, ancestors, record_change, role_of, user
from ._files_ops import readable, touch
from ._paging import paginate
from ._render import render_permission
from ._request import caller, mask_of, p_bool, p_int, p_str, shape
from ._shapes import check_shapes

DEFAULT_PERMISSION = "kind,id,type,role"
DEFAULT_LIST = f"kind,nextPageToken,permissions({DEFAULT_PERMISSION})"
_TYPES = ("user", "group", "domain", "anyone")
_OWNER = ROLE_RANK["owner"]


def _required(field: str) -> VendorError:
    message = f"The permission {field} field is required."
    return err.google_error("required", message, location=f"permission.{field}", locationType="other")


def _invalid(field: str, value: Any) -> VendorError:
    message = f"The value of the permission {field} field is invalid: {value}"
    return err.google_error("invalid", message, location=f"permission.{field}", locationType="other")


def permission_id(kind: str, key: str, ctx: Context) -> str:
    """Drive's ids: a user's or group's permission id is stable across files; anyone has fixed ids."""
    if kind == "anyone":
        return key
    if kind == "user":
        found = user(ctx.state, key)
        if found and found.get("permissionId"):
            return str(found["permissionId"])
    digits = str(int(hashlib.sha256(f"{kind}:{key}".encode()).hexdigest(), 16))[:20]
    return digits + ("k" if kind == "domain" else "")


def _can_share(ctx: Context, record: dict[str, Any], me: str) -> int:
    rank = role_of(ctx.state, record, me)
    if rank == _OWNER or (rank >= WRITER and record.get("writersCanShare", True)):
        return rank
    raise err.insufficient_permissions()


def _all_permissions(ctx: Context, record: dict[str, Any]) -> list[dict[str, Any]]:
    """The file's own permissions, then those it inherits from its folders (once each)."""
    seen: dict[str, dict[str, Any]] = {}
    for perm in record.get("permissions", ()):
        seen[str(perm["id"])] = render_permission(perm)
    for folder in ancestors(ctx.state, record):
        for perm in folder.get("permissions", ()):
            key = str(perm["id"])
            if key not in seen or ROLE_RANK.get(perm["role"], 0) > ROLE_RANK.get(seen[key]["role"], 0):
                inherited = render_permission(perm)
                inherited["permissionDetails"] = [
                    {"permissionType": "file", "role": perm["role"], "inheritedFrom": folder["id"], "inherited": True}
                ]
                seen[key] = inherited
    return list(seen.values())


def _transfer(ctx: Context, record: dict[str, Any], new_owner: dict[str, Any], me: str) -> None:
    """The new owner takes the owner role; the previous owner stays on as a writer."""
    if role_of(ctx.state, record, me) < _OWNER:
        raise err.insufficient_permissions()
    for perm in record["permissions"]:
        if perm["role"] == "owner" and perm is not new_owner:
            perm["role"] = "writer"
    new_owner["role"] = "owner"
    record["owner"] = str(new_owner["emailAddress"]).casefold()


def _save(ctx: Context, record: dict[str, Any], me: str) -> None:
    touch(ctx, record, me, modified=False)
    record_change(ctx.state, record, ctx.now())


@behaviour("drive.permissions.create")
def permissions_create(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, DEFAULT_PERMISSION, "Permission")
    record = readable(ctx, str(ctx.params["fileId"]), me)
    _can_share(ctx, record, me)
    body = dict(ctx.body) if isinstance(ctx.body, dict) else {}
    check_shapes(body, "Permission", "permission")
    role, kind = body.get("role"), body.get("type")
    if not role:
        raise _required("role")
    if not kind:
        raise _required("type")
    if not isinstance(role, str) or role not in ROLE_RANK:
        raise _invalid("role", role)
    if not isinstance(kind, str) or kind not in _TYPES:
        raise _invalid("type", kind)
    transfer = p_bool(ctx, "transferOwnership")
    if role == "owner" and not transfer:
        raise err.forbidden(
            "forbidden", "The transferOwnership parameter must be enabled when the permission role is 'owner'."
        )
    if role == "owner" and kind != "user":
        message = 'Bad Request. User message: "Ownership can only be given to a person."'
        raise err.forbidden("invalidSharingRequest", message)
    perm: dict[str, Any] = {"type": kind, "role": role}
    if kind in ("user", "group"):
        email = str(body.get("emailAddress") or "").casefold()
        if not email:
            raise _required("emailAddress")
        perm["id"] = permission_id(kind, email, ctx)
        perm["emailAddress"] = email
        found = user(ctx.state, email)
        perm["displayName"] = found["displayName"] if found else email.split("@")[0]
    elif kind == "domain":
        domain = str(body.get("domain") or "").casefold()
        if not domain:
            raise _required("domain")
        perm.update(id=permission_id(kind, domain, ctx), domain=domain, displayName=domain,
                    allowFileDiscovery=bool(body.get("allowFileDiscovery", False)))  # fmt: skip
    else:
        discover = bool(body.get("allowFileDiscovery", False))
        perm.update(id="anyone" if discover else "anyoneWithLink", allowFileDiscovery=discover)
    if body.get("expirationTime"):
        perm["expirationTime"] = body["expirationTime"]
    existing = next((p for p in record["permissions"] if p["id"] == perm["id"]), None)
    if existing is not None:
        # sharing again with the same grantee changes that grantee's role rather than adding a second entry
        if existing["role"] != "owner":
            existing.update({k: v for k, v in perm.items() if k != "role"}, role=role)
        perm = existing
    else:
        record["permissions"].append(perm)
    if role == "owner":
        _transfer(ctx, record, perm, me)
    if kind == "user" and perm.get("emailAddress") != record.get("owner"):
        record["sharedWith"] = {**record.get("sharedWith", {}), perm["emailAddress"]: {"time": ctx.now(), "by": me}}
    _save(ctx, record, me)
    return shape(render_permission(perm), mask)


@behaviour("drive.permissions.list")
def permissions_list(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, DEFAULT_LIST, "PermissionList")
    size = p_int(ctx, "pageSize", 100, 1, 100)
    record = readable(ctx, str(ctx.params["fileId"]), me)
    _can_share(ctx, record, me)
    perms = _all_permissions(ctx, record)
    order = {str(p["id"]): index for index, p in enumerate(perms)}
    page, token = paginate(perms, lambda p: [order[str(p["id"])]], [], p_str(ctx, "pageToken"), size,
                           f"perm:{record['id']}")  # fmt: skip
    body: dict[str, Any] = {"kind": "drive#permissionList", "permissions": page}
    if token:
        body["nextPageToken"] = token
    return shape(body, mask)


def _find(ctx: Context, record: dict[str, Any], permission_id: str) -> dict[str, Any]:
    for perm in record.get("permissions", ()):
        if str(perm["id"]) == permission_id:
            return perm  # type: ignore[no-any-return]
    raise err.not_found(f"Permission not found: {permission_id}.", "permissionId")


@behaviour("drive.permissions.get")
def permissions_get(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, DEFAULT_PERMISSION, "Permission")
    record = readable(ctx, str(ctx.params["fileId"]), me)
    wanted = str(ctx.params["permissionId"])
    for perm in _all_permissions(ctx, record):
        if str(perm["id"]) == wanted:
            return shape(perm, mask)
    raise err.not_found(f"Permission not found: {wanted}.", "permissionId")


@behaviour("drive.permissions.update")
def permissions_update(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, DEFAULT_PERMISSION, "Permission")
    record = readable(ctx, str(ctx.params["fileId"]), me)
    _can_share(ctx, record, me)
    perm = _find(ctx, record, str(ctx.params["permissionId"]))
    body = dict(ctx.body) if isinstance(ctx.body, dict) else {}
    check_shapes(body, "Permission", "permission")
    role = body.get("role", perm["role"])
    if not isinstance(role, str) or role not in ROLE_RANK:
        raise _invalid("role", role)
    if role == "owner" and perm["role"] != "owner":
        if not p_bool(ctx, "transferOwnership"):
            raise err.forbidden(
                "forbidden", "The transferOwnership parameter must be enabled when the permission role is 'owner'."
            )
        _transfer(ctx, record, perm, me)
    elif perm["role"] == "owner" and role != "owner":
        raise err.forbidden("cannotRemoveOwner", "The owner of a file cannot be removed.")
    else:
        perm["role"] = role
    if body.get("expirationTime"):
        perm["expirationTime"] = body["expirationTime"]
    if p_bool(ctx, "removeExpiration"):
        perm.pop("expirationTime", None)
    _save(ctx, record, me)
    return shape(render_permission(perm), mask)


@behaviour("drive.permissions.delete")
def permissions_delete(ctx: Context) -> Response:
    me = caller(ctx)
    record = readable(ctx, str(ctx.params["fileId"]), me)
    perm = _find(ctx, record, str(ctx.params["permissionId"]))
    own = perm.get("emailAddress") == me
    if not own:
        _can_share(ctx, record, me)  # anyone may remove their own access; others need sharing rights
    if perm["role"] == "owner":
        raise err.forbidden("cannotRemoveOwner", "The owner of a file cannot be removed.")
    record["permissions"] = [p for p in record["permissions"] if p is not perm]
    record.get("sharedWith", {}).pop(str(perm.get("emailAddress", "")), None)
    _save(ctx, record, me)
    return Response(204)
