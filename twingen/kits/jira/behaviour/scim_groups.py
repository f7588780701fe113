"""SCIM groups of a provisioning directory as Jira groups: ``/scim/directory/{directoryId}/Groups``.

https://developer.atlassian.com/cloud/admin/user-provisioning/rest/api-group-groups/: a group made here is a
site group (``group/member`` lists its members); its ``id`` is its Jira ``groupId``; members are the directory's
SCIM users. ``displayName`` is unique among the site's groups (409). PATCH takes ``add``/``remove``/``replace``
of ``members`` (``members[value eq "ID"]`` for one) and ``replace`` of ``displayName``. Only groups made through
the directory are its own: the site's other groups are not listed, read or changed here.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import scim_users
from .scim import path_parts, served
from .scim_users import Refused

Record = dict[str, Any]
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
ALL = "/scim/directory/{directoryId}/Groups"
ONE = "/scim/directory/{directoryId}/Groups/{groupId}"
_ONE_MEMBER = re.compile(r'^members\[value eq "([^"]+)"\]$', re.IGNORECASE)
_BY_NAME = re.compile(r'^\s*displayName\s+eq\s+"([^"]*)"\s*$', re.IGNORECASE)


def _groups(ctx: Context) -> list[Record]:
    directory = path_parts(ctx)[2]
    return [g for g in ctx.state.collection("groups").values() if g.get("_scimDirectory") == directory]


def _find(ctx: Context) -> Record:
    wanted = path_parts(ctx)[4]
    for group in _groups(ctx):
        if group["groupId"] == wanted:
            return group
    raise Refused(404, f"Resource [{wanted}] not found")


def _members(ctx: Context, group: Record) -> list[Record]:
    mine = scim_users.directory_users(ctx)
    return [
        {"value": u["_scim"]["id"], "display": u["displayName"]} for u in mine if group["name"] in u.get("groups", [])
    ]


def _resource(ctx: Context, group: Record) -> Record:
    meta = {"resourceType": "Group", "created": group.get("_created"), "lastModified": group.get("_created")}
    return {"schemas": [GROUP], "id": group["groupId"], "displayName": group["name"], "members": _members(ctx, group),
            "meta": meta}  # fmt: skip


def _check(ctx: Context, scim_ids: list[str]) -> list[str]:
    """The ids, each a user of this directory (checked before anything changes: a refusal changes nothing)."""
    known = {u["_scim"]["id"] for u in scim_users.directory_users(ctx)}
    if not set(scim_ids) <= known:
        raise Refused(400, "A member is not a user of this directory")
    return scim_ids


def _set_members(ctx: Context, group: Record, scim_ids: list[str]) -> None:
    wanted = set(_check(ctx, scim_ids))
    for user in scim_users.directory_users(ctx):
        groups = [g for g in user.get("groups", []) if g != group["name"]]
        if user["_scim"]["id"] in wanted:
            groups.append(group["name"])
        if groups != user.get("groups", []):
            user["groups"] = groups
            ctx.state.collection("users").put(user["accountId"], user)


def _ids(given: Any) -> list[str]:
    return [str(m["value"]) for m in given or () if isinstance(m, dict) and m.get("value")]


def _rename(ctx: Context, group: Record, name: str) -> None:
    if not name:
        raise Refused(400, "displayName is required")
    if name == group["name"]:
        return
    if ctx.state.collection("groups").get(name) is not None:
        raise Refused(409, "A group with this displayName already exists")
    members = [m["value"] for m in _members(ctx, group)]
    _set_members(ctx, group, [])
    ctx.state.collection("groups").delete(group["name"])
    group["name"] = name
    ctx.state.collection("groups").put(name, group)
    _set_members(ctx, group, members)


@behaviour("scim.groups.list", method="GET", path=ALL, auth=False)
@served
def scim_groups_list(ctx: Context) -> Response:
    found = _groups(ctx)
    text = str(ctx.params.get("filter") or "").strip()
    if text:
        matched = _BY_NAME.match(text)
        if matched is None:
            raise Refused(400, f"Unsupported filter: {text}")
        found = [g for g in found if g["name"].lower() == matched.group(1).lower()]
    shown = [_resource(ctx, g) for g in found]
    return scim_users.answer({"schemas": [scim_users.LIST], "totalResults": len(shown), "startIndex": 1,
                              "itemsPerPage": len(shown), "Resources": shown})  # fmt: skip


@behaviour("scim.groups.create", method="POST", path=ALL, auth=False)
@served
def scim_groups_create(ctx: Context) -> Response:
    body = ctx.body if isinstance(ctx.body, dict) else {}
    name = str(body.get("displayName") or "").strip()
    if not name:
        raise Refused(400, "displayName is required")
    if ctx.state.collection("groups").get(name) is not None:
        raise Refused(409, "A group with this displayName already exists")
    members = _check(ctx, _ids(body.get("members")))
    group = {"name": name, "groupId": scim_users.uuid(ctx), "_scimDirectory": path_parts(ctx)[2],
             "_created": iso8601(ctx.now())}  # fmt: skip
    ctx.state.collection("groups").put(name, group)
    _set_members(ctx, group, members)
    return scim_users.answer(_resource(ctx, group), 201)


@behaviour("scim.groups.read", method="GET", path=ONE, auth=False)
@served
def scim_groups_read(ctx: Context) -> Response:
    return scim_users.answer(_resource(ctx, _find(ctx)))


@behaviour("scim.groups.replace", method="PUT", path=ONE, auth=False)
@served
def scim_groups_replace(ctx: Context) -> Response:
    group = _find(ctx)
    body = ctx.body if isinstance(ctx.body, dict) else {}
    members = _check(ctx, _ids(body.get("members")))
    _rename(ctx, group, str(body.get("displayName") or "").strip())
    _set_members(ctx, group, members)
    return scim_users.answer(_resource(ctx, group))


@behaviour("scim.groups.patch", method="PATCH", path=ONE, auth=False)
@served
def scim_groups_patch(ctx: Context) -> Response:
    group = _find(ctx)
    operations = (ctx.body or {}).get("Operations") if isinstance(ctx.body, dict) else None
    if not isinstance(operations, list) or not operations:
        raise Refused(400, "Operations are required")
    members = [m["value"] for m in _members(ctx, group)]
    name: str | None = None
    for operation in operations:
        op = str((operation or {}).get("op", "")).lower() if isinstance(operation, dict) else ""
        path, value = str(operation.get("path") or ""), operation.get("value")
        one = _ONE_MEMBER.match(path)
        if op in ("add", "replace") and path.lower() == "members":
            members = (members if op == "add" else []) + [i for i in _ids(value) if i not in members or op != "add"]
        elif op == "remove" and (one or path.lower() == "members"):
            drop = {one.group(1)} if one else (set(_ids(value)) if value else set(members))
            members = [m for m in members if m not in drop]
        elif op == "replace" and (path.lower() == "displayname" or (not path and isinstance(value, dict))):
            name = str(value.get("displayName") if isinstance(value, dict) else value or "").strip()
        else:
            raise Refused(400, f"Unsupported operation: {op} {path}")
    _check(ctx, members)
    if name is not None:
        _rename(ctx, group, name)
    _set_members(ctx, group, members)
    return scim_users.answer(_resource(ctx, group))


@behaviour("scim.groups.delete", method="DELETE", path=ONE, auth=False)
@served
def scim_groups_delete(ctx: Context) -> Response:
    group = _find(ctx)
    _set_members(ctx, group, [])
    ctx.state.collection("groups").delete(group["name"])
    return Response(204)
