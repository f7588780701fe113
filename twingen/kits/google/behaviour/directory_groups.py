"""Admin SDK Directory groups: insert, get, list (by customer, domain or member), update, patch, delete.

Reference: https://developers.google.com/admin-sdk/directory/reference/rest/v1/groups and the guide
https://developers.google.com/admin-sdk/directory/v1/guides/manage-groups. ``directMembersCount`` is kept on the
group record by the members methods (``directory_members``), so a listing does not count members.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, Response, behaviour
from . import _directory_model as dm
from . import _errors as err
from ._directory_query import page
from ._request import p_int, p_str

__all__ = ["group_key", "render_group"]

Record = dict[str, Any]
_QUERY = re.compile(r"""(?P<field>[A-Za-z]+)(?P<op>[=:])(?P<value>'[^']*'|"[^"]*"|\S+)""")


def render_group(group: Record) -> Record:
    out: Record = {"kind": "admin#directory#group", "etag": dm.etag(group["customerId"], group)}
    out.update({k: v for k, v in group.items() if k != "customerId"})
    out["directMembersCount"] = str(group.get("directMembersCount", 0))  # an int64: a string in JSON
    if not group.get("aliases"):
        out.pop("aliases", None)
    return out


def group_key(ctx: Context) -> Record:
    """The group the path names (id, address or alias); 404 "Resource Not Found: groupKey"."""
    found = dm.find_group(ctx.state, p_str(ctx, "groupKey") or "")
    if found is None:
        raise dm.not_found("groupKey")
    return found


def _text_field(body: Record, name: str, limit: int) -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise dm.invalid_input(name)
    return value


@behaviour("directory.groups.insert")
@dm.partial
def groups_insert(ctx: Context) -> Record:
    """A group on one of the customer's domains; its name defaults to the address's local part (not confirmed)."""
    dm.require_admin(ctx, "group", write=True)
    body = dm.body(ctx)
    email = body.get("email")
    if not isinstance(email, str) or not email.strip():
        raise err.google_error("required", "Missing required field: email")
    email = email.strip()
    dm.check_domain(ctx.state, email, "email")
    name = _text_field(body, "name", 75)
    description = _text_field(body, "description", 4096)
    if dm.email_owner(ctx.state, email) is not None:
        raise dm.duplicate()
    group_id = ctx.new_id("0", length=14, alphabet="0123456789abcdefghijklmnopqrstuvwxyz")
    group = {
        "id": group_id, "email": email, "name": name or email.partition("@")[0], "description": description or "",
        "adminCreated": True, "directMembersCount": 0, "aliases": [], "nonEditableAliases": [],
        "customerId": dm.customer(ctx.state)["id"],
    }  # fmt: skip
    ctx.state.collection("directory_groups").put(group_id, group)
    dm.claim_email(ctx.state, email, "group", group_id)
    return render_group(group)


@behaviour("directory.groups.get")
@dm.partial
def groups_get(ctx: Context) -> Record:
    dm.require_admin(ctx, "group", write=False)
    return render_group(group_key(ctx))


def _query(text: str | None) -> list[tuple[str, str, str]]:
    """``groups.list``'s query: ``email``, ``name`` (``:`` a prefix with ``*``, ``=`` exact) and ``memberKey=``
    (https://developers.google.com/admin-sdk/directory/v1/guides/search-groups); another field is "Invalid Input"."""
    clauses = []
    for found in _QUERY.finditer(text or ""):
        field, op, value = found["field"], found["op"], found["value"].strip("'\"")
        if field not in ("email", "name", "memberKey") or (field == "memberKey" and op != "="):
            raise dm.invalid_input()
        clauses.append((field, op, value.casefold()))
    if (text or "").strip() and not clauses:
        raise dm.invalid_input()
    return clauses


def _member_of(ctx: Context, key: str) -> set[str]:
    """Ids of the groups ``key`` (a user's or group's id or address, or any address) is a direct member of."""
    owner = dm.email_owner(ctx.state, key) if "@" in key else {"id": key}
    wanted = {key.casefold(), *([owner["id"]] if owner else [])}
    return {m["groupId"] for _, m in ctx.state.collection("directory_members").scan()
            if m["id"] in wanted or str(m.get("email", "")).casefold() in wanted}  # fmt: skip


def _matches(group: Record, field: str, op: str, value: str, members: dict[str, set[str]], ctx: Context) -> bool:
    if field == "memberKey":
        return group["id"] in members.setdefault(value, _member_of(ctx, value))
    have = str(group.get(field, "")).casefold()
    if op == "=":
        return have == value
    return have.startswith(value[:-1]) if value.endswith("*") else value in have.split()


@behaviour("directory.groups.list")
@dm.partial
def groups_list(ctx: Context) -> Record:
    """By ``customer`` or ``domain``, or the groups of ``userKey`` (one of the three is needed: 400 "Bad Request"
    without, as ``users.list``)."""
    dm.require_admin(ctx, "group", write=False)
    customer, domain, user_key = p_str(ctx, "customer"), p_str(ctx, "domain"), p_str(ctx, "userKey")
    own = dm.customer(ctx.state)
    if customer:
        dm.check_customer(own, customer)
    if not (customer or domain or user_key):
        raise err.google_error("badRequest", "Bad Request")
    domain = dm.own_domain(own, domain) if domain else None
    clauses = _query(p_str(ctx, "query"))
    size = p_int(ctx, "maxResults", 200, 1, 200)
    if (p_str(ctx, "orderBy") or "email") != "email":
        raise dm.invalid_input()
    descending = (p_str(ctx, "sortOrder") or "ASCENDING").upper() == "DESCENDING"
    of_user = _member_of(ctx, user_key) if user_key else None
    memo: dict[str, set[str]] = {}
    found = [
        group for _, group in ctx.state.collection("directory_groups").scan()
        if (not domain or dm.domain_of(group["email"]) == domain)
        and (of_user is None or group["id"] in of_user)
        and all(_matches(group, f, op, v, memo, ctx) for f, op, v in clauses)
    ]  # fmt: skip
    chosen, token = page(found, lambda g: [g["email"].casefold(), g["id"]], descending, size, p_str(ctx, "pageToken"))
    groups = [render_group(group) for group in chosen]
    return dm.listing("admin#directory#groups", dm.etag(own["id"], len(found)), "groups", groups, token)


@behaviour("directory.groups.update")
@behaviour("directory.groups.patch")
@dm.partial
def groups_update(ctx: Context) -> Record:
    """``name``, ``description`` and ``email`` (the old address stays an alias); the rest is read-only."""
    dm.require_admin(ctx, "group", write=True)
    group = group_key(ctx)
    body = dm.body(ctx)
    name, description = _text_field(body, "name", 75), _text_field(body, "description", 4096)
    email = dm.new_address(ctx.state, group["email"], body.get("email"), "email")
    if email is not None:
        dm.move_address(ctx.state, group, "email", "group", email)
    if name is not None:
        group["name"] = name
    if description is not None:
        group["description"] = description
    ctx.state.collection("directory_groups").put(group["id"], group)
    return render_group(group)


@behaviour("directory.groups.delete")
@dm.partial
def groups_delete(ctx: Context) -> Response:
    """The group, its addresses, its members and its own memberships in other groups go."""
    dm.require_admin(ctx, "group", write=True)
    group = group_key(ctx)
    for address in (group["email"], *group.get("aliases", ())):
        dm.release_email(ctx.state, address)
    members = ctx.state.collection("directory_members")
    for key, member in list(members.scan()):
        if member["groupId"] == group["id"]:
            members.delete(key)
    dm.remove_memberships(ctx.state, group["id"])
    ctx.state.collection("directory_groups").delete(group["id"])
    return Response(204)
