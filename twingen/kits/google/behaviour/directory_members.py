"""Admin SDK Directory group members: insert, get, list, update, patch, delete, hasMember.

Reference: https://developers.google.com/admin-sdk/directory/reference/rest/v1/members and the guide
https://developers.google.com/admin-sdk/directory/v1/guides/manage-group-members. A member is a user or group of
the customer (its id is theirs, its ``type`` USER or GROUP, a user's ``status`` ACTIVE or SUSPENDED) or an address
outside the customer's domains (type USER, an id derived from the address: not confirmed what Google gives).
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..runtime import Context, Response, VendorError, behaviour
from . import _directory_model as dm
from . import _errors as err
from ._directory_query import page
from ._request import p_int, p_str
from .directory_groups import group_key

Record = dict[str, Any]
ROLES = ("OWNER", "MANAGER", "MEMBER")
DELIVERY = ("ALL_MAIL", "DAILY", "DIGEST", "DISABLED", "NONE")


def _key(group_id: str, member_id: str) -> str:
    return f"{group_id}:{member_id}"


def render_member(ctx: Context, member: Record) -> Record:
    out: Record = {"kind": "admin#directory#member", "etag": dm.etag(member["groupId"], member)}
    out.update({k: v for k, v in member.items() if k != "groupId"})
    if member["type"] == "USER":
        user = ctx.state.collection("directory_users").get(member["id"])
        if user is not None:
            out["email"] = user["primaryEmail"]
            out["status"] = "SUSPENDED" if user.get("suspended") else "ACTIVE"
    elif member["type"] == "GROUP":
        group = ctx.state.collection("directory_groups").get(member["id"])
        out["email"] = group["email"] if group else out.get("email")
    return out


def _resolve(ctx: Context, key: str) -> tuple[str, str, str]:
    """(id, type, address) of a user, group or outside address named by ``key``; 404 "Resource Not Found:
    memberKey" for an id, or an address on the customer's domains, that names nobody."""
    owner = dm.email_owner(ctx.state, key) if "@" in key else None
    if owner is not None:
        kind = owner["kind"]
        record = ctx.state.collection(f"directory_{kind}s").get(owner["id"]) or {}
        return owner["id"], kind.upper(), str(record.get("primaryEmail") or record.get("email") or key)
    if "@" not in key:
        user = dm.find_user(ctx.state, key)
        if user is not None:
            return user["id"], "USER", user["primaryEmail"]
        group = dm.find_group(ctx.state, key)
        if group is not None:
            return group["id"], "GROUP", group["email"]
        raise dm.not_found("memberKey")
    if dm.domain_of(key) in dm.customer(ctx.state)["domains"]:
        raise dm.not_found("memberKey")
    outside = "1" + str(int(hashlib.sha256(f"outside:{key.casefold()}".encode()).hexdigest(), 16))[:20]
    return outside, "USER", key.strip()


def _member(ctx: Context, group: Record) -> Record:
    """The member the path's ``memberKey`` names in ``group``; 404 "Resource Not Found: memberKey"."""
    key = p_str(ctx, "memberKey") or ""
    members = ctx.state.collection("directory_members")
    found = members.get(_key(group["id"], key))
    if found is None:
        try:
            member_id = _resolve(ctx, key)[0]
        except VendorError:
            member_id = ""
        found = members.get(_key(group["id"], member_id)) if member_id else None
    if found is None:
        raise dm.not_found("memberKey")
    return dict(found)  # flat: a copy keeps the stored record as it was if the request is refused


def _role(body: Record, default: str | None) -> str | None:
    role = body.get("role", default)
    if role is not None and role not in ROLES:
        raise dm.invalid_input("role")
    return role


def _delivery(body: Record, default: str | None) -> str | None:
    value = body.get("delivery_settings", default)
    if value is not None and value not in DELIVERY:
        raise dm.invalid_input("delivery_settings")
    return value


@behaviour("directory.members.insert")
@dm.partial
def members_insert(ctx: Context) -> Record:
    """By ``email`` or ``id``; a member twice is 409 ``duplicate`` "Member already exists."
    (https://github.com/lithnet/googleapps-managementagent/issues/9); a group in itself is "Invalid Input"."""
    dm.require_admin(ctx, "group.member", write=True)
    group = group_key(ctx)
    body = dict(ctx.body) if isinstance(ctx.body, dict) else {}
    key = body.get("email") or body.get("id")
    if not isinstance(key, str) or not key.strip():
        raise err.google_error("required", "Missing required field: memberKey")
    role, delivery = _role(body, "MEMBER"), _delivery(body, "ALL_MAIL")
    member_id, kind, address = _resolve(ctx, key.strip())
    if member_id == group["id"]:
        raise dm.invalid_input("memberKey")
    members = ctx.state.collection("directory_members")
    if _key(group["id"], member_id) in members:
        raise err.google_error("duplicate", "Member already exists.")
    member = {"groupId": group["id"], "id": member_id, "email": address, "role": role, "type": kind,
              "delivery_settings": delivery}  # fmt: skip
    members.put(_key(group["id"], member_id), member)
    group["directMembersCount"] = int(group.get("directMembersCount", 0)) + 1
    ctx.state.collection("directory_groups").put(group["id"], group)
    return render_member(ctx, member)


@behaviour("directory.members.get")
@dm.partial
def members_get(ctx: Context) -> Record:
    dm.require_admin(ctx, "group.member", write=False)
    return render_member(ctx, _member(ctx, group_key(ctx)))


@behaviour("directory.members.list")
@dm.partial
def members_list(ctx: Context) -> Record:
    """Direct members, ``roles`` (``OWNER,MANAGER``) filtering them; up to 200 a page. ``includeDerivedMembership``
    adds the members of nested groups, each address once (the method's page: "whether to list indirect
    memberships")."""
    dm.require_admin(ctx, "group.member", write=False)
    group = group_key(ctx)
    roles = {r.strip().upper() for r in (p_str(ctx, "roles") or "").split(",") if r.strip()}
    if roles - set(ROLES):
        raise dm.invalid_input("roles")
    size = p_int(ctx, "maxResults", 200, 1, 200)
    derived = (p_str(ctx, "includeDerivedMembership") or "").casefold() == "true"
    found, seen = [], set()
    for member in _direct(ctx, group["id"], nested=derived):
        if member["id"] not in seen and (not roles or member["role"] in roles):
            seen.add(member["id"])
            found.append(member)
    chosen, token = page(found, lambda m: [str(m.get("email", "")).casefold(), m["id"]], False, size,
                         p_str(ctx, "pageToken"))  # fmt: skip
    members = [render_member(ctx, m) for m in chosen]
    return dm.listing("admin#directory#members", dm.etag(group["id"], len(found)), "members", members, token)


@behaviour("directory.members.update")
@behaviour("directory.members.patch")
@dm.partial
def members_update(ctx: Context) -> Record:
    """``role`` and ``delivery_settings``; the member itself is not changed by an update."""
    dm.require_admin(ctx, "group.member", write=True)
    group = group_key(ctx)
    member = _member(ctx, group)
    body = dict(ctx.body) if isinstance(ctx.body, dict) else {}
    role, delivery = _role(body, member["role"]), _delivery(body, member.get("delivery_settings"))
    member.update(role=role, delivery_settings=delivery)
    ctx.state.collection("directory_members").put(_key(group["id"], member["id"]), member)
    return render_member(ctx, member)


@behaviour("directory.members.delete")
@dm.partial
def members_delete(ctx: Context) -> Response:
    dm.require_admin(ctx, "group.member", write=True)
    group = group_key(ctx)
    member = _member(ctx, group)
    ctx.state.collection("directory_members").delete(_key(group["id"], member["id"]))
    group["directMembersCount"] = max(0, int(group.get("directMembersCount", 1)) - 1)
    ctx.state.collection("directory_groups").put(group["id"], group)
    return Response(204)


@behaviour("directory.members.hasMember")
@dm.partial
def members_has_member(ctx: Context) -> Record:
    """Whether the user (or group) is a member, directly or through nested groups (the method's page). The
    member must be the customer's: another address is 404 "Resource Not Found: memberKey" (not confirmed)."""
    dm.require_admin(ctx, "group.member", write=False)
    group = group_key(ctx)
    key = p_str(ctx, "memberKey") or ""
    member_id, _, _ = _resolve(ctx, key)
    if dm.email_owner(ctx.state, key) is None and "@" in key:
        raise dm.not_found("memberKey")
    found = any(m["id"] == member_id for m in _direct(ctx, group["id"], nested=True))
    return {"isMember": found}


def _direct(ctx: Context, group_id: str, nested: bool) -> list[Record]:
    """The group's direct members; with ``nested``, then those of every group inside it (each group once). One
    scan of the members, grouped by group, serves every nested group."""
    by_group: dict[str, list[Record]] = {}
    for member in ctx.state.collection("directory_members").values():
        by_group.setdefault(member["groupId"], []).append(member)
    out: list[Record] = []
    seen, todo = {group_id}, [group_id]
    while todo:
        for member in by_group.get(todo.pop(0), ()):
            out.append(member)
            if nested and member["type"] == "GROUP" and member["id"] not in seen:
                seen.add(member["id"])
                todo.append(member["id"])
    return out
