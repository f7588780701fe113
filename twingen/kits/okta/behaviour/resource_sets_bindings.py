"""Role bindings on a resource set: a custom admin role bound to the set, and the members (users, groups) who hold
that role over the set's resources.

What Okta does (recorded answers of okta-sdk-python's cassettes, and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RoleCResourceSetBinding/):
- ``GET .../bindings`` answers ``{"roles": [...], "_links": {"resource-set", "self"}}``;
- a binding needs an existing custom role (404 ``(CustomRole)``, by id or label, from the roles area's records) and
  at least one member, each a user's or group's API URL; members answer ``id`` (``irb``), ``created``,
  ``lastUpdated`` and ``_links.self`` (the member's URL);
- an unknown binding or member is 404 ``(IAMPolicy)``.
Bindings live in ``resource_set_bindings`` keyed ``setId/roleId``, members in ``resource_set_members`` keyed
``setId/roleId/memberId``.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _store
from ._errors import not_found, okta_error
from ._links import href
from .resource_sets import TITLE, find
from .roles import find_role

BINDINGS = "resource_set_bindings"
MEMBERS = "resource_set_members"
_MEMBER = re.compile(r"https?://[^/]+(/api/v1/(users|groups)/([^/?#]+))/?")


def _base(set_id: str) -> str:
    return f"/api/v1/iam/resource-sets/{set_id}/bindings"


def _binding_view(ctx: Context, set_id: str, role_id: str) -> dict[str, Any]:
    path = f"{_base(set_id)}/{role_id}"
    return {
        "id": role_id,
        "_links": {"self": {"href": href(ctx, path)}, "members": {"href": href(ctx, path + "/members")}},
    }


def _add_members(ctx: Context, set_id: str, role_id: str, members: Any) -> None:
    if not isinstance(members, list) or not members:
        raise okta_error("E0000001", "Api validation failed: members", causes=["members: At least one member"])
    now = iso8601(ctx.now())
    kept = ctx.state.collection(MEMBERS)
    present = {m["_path"] for k, m in kept.scan() if k.startswith(f"{set_id}/{role_id}/")}
    for ref in members:
        match = _MEMBER.fullmatch(str(ref))
        if match is None:
            raise okta_error(
                "E0000001", "Api validation failed: members", causes=[f"members: '{ref}' is not a user or group URL"]
            )
        collection = "users" if match.group(2) == "users" else "groups"
        if ctx.state.collection(collection).get(match.group(3)) is None:
            raise not_found(match.group(3), "User" if collection == "users" else "UserGroup")
        if match.group(1) in present:
            continue
        member = {"id": _store.new_id(ctx, "irb"), "created": now, "lastUpdated": now, "_path": match.group(1)}
        kept.put(f"{set_id}/{role_id}/{member['id']}", member)
        present.add(match.group(1))


def _binding(ctx: Context) -> tuple[dict[str, Any], str]:
    record = find(ctx)
    ref = str(ctx.params.get("roleIdOrLabel") or "")
    role = find_role(ctx, ref)
    if ctx.state.collection(BINDINGS).get(f"{record['id']}/{role['id']}") is None:
        raise not_found(ref, TITLE)
    return record, role["id"]


def _member_view(ctx: Context, member: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in member.items() if not k.startswith("_")}
    shown["_links"] = {"self": {"href": href(ctx, member["_path"])}}
    return shown


@behaviour("listBindings")
def list_bindings(ctx: Context) -> Any:
    record = find(ctx)
    roles = [k.split("/", 1)[1] for k in ctx.state.collection(BINDINGS) if k.startswith(record["id"] + "/")]
    return {
        "roles": [_binding_view(ctx, record["id"], r) for r in roles],
        "_links": {
            "resource-set": {"href": href(ctx, f"/api/v1/iam/resource-sets/{record['id']}")},
            "self": {"href": href(ctx, _base(record["id"]))},
        },
    }


@behaviour("createResourceSetBinding")
def create_binding(ctx: Context) -> Any:
    record = find(ctx)
    body = _store.body_object(ctx)
    role = find_role(ctx, str(body.get("role") or ""))
    _add_members(ctx, record["id"], role["id"], body.get("members"))
    ctx.state.collection(BINDINGS).put(f"{record['id']}/{role['id']}", {"role": role["id"]})
    return _binding_view(ctx, record["id"], role["id"])


@behaviour("getBinding")
def get_binding(ctx: Context) -> Any:
    record, role_id = _binding(ctx)
    return _binding_view(ctx, record["id"], role_id)


@behaviour("deleteBinding")
def delete_binding(ctx: Context) -> Response:
    record, role_id = _binding(ctx)
    members = ctx.state.collection(MEMBERS)
    for key in [k for k in members if k.startswith(f"{record['id']}/{role_id}/")]:
        members.delete(key)
    ctx.state.collection(BINDINGS).delete(f"{record['id']}/{role_id}")
    return Response(204, None)


@behaviour("listMembersOfBinding")
def list_members(ctx: Context) -> Any:
    record, role_id = _binding(ctx)
    prefix = f"{record['id']}/{role_id}/"
    found = [_member_view(ctx, m) for k, m in ctx.state.collection(MEMBERS).scan() if k.startswith(prefix)]
    return {"members": found, "_links": {"self": {"href": href(ctx, f"{_base(record['id'])}/{role_id}/members")}}}


@behaviour("addMembersToBinding")
def add_members(ctx: Context) -> Any:
    record, role_id = _binding(ctx)
    _add_members(ctx, record["id"], role_id, _store.body_object(ctx).get("additions"))
    return _binding_view(ctx, record["id"], role_id)


def _member(ctx: Context) -> tuple[str, dict[str, Any]]:
    record, role_id = _binding(ctx)
    member_id = str(ctx.params.get("memberId") or "")
    key = f"{record['id']}/{role_id}/{member_id}"
    found = ctx.state.collection(MEMBERS).get(key)
    if found is None:
        raise not_found(member_id, TITLE)
    return key, found


@behaviour("getMemberOfBinding")
def get_member(ctx: Context) -> Any:
    return _member_view(ctx, _member(ctx)[1])


@behaviour("unassignMemberFromBinding")
def unassign_member(ctx: Context) -> Response:
    key, _ = _member(ctx)
    ctx.state.collection(MEMBERS).delete(key)
    return Response(204, None)
