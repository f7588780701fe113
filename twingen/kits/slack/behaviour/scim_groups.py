"""SCIM Groups (v1.1 and v2.0): the org's IdP groups, made, renamed, filled and removed by the identity provider.

Answers (docs.slack.dev/reference/scim-api, Groups): 201 with the group on create, 200 on read and PUT; PATCH
answers 204 with no body, DELETE 204 (a group is removed for good, unlike a user). Members must be people of the
org (``invalid_members``); ``displayName`` is unique among groups (``group_name_taken``). The seed holds one
group so an identity provider's first sync has something to read (``seed_idp_groups``).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, SeedContext, behaviour
from . import _audit, _ids, _scim_patch
from ._audit_errors import answer
from ._scim_common import body, has_body, listing, parsed_filter, resource_id, served
from ._scim_errors import ScimRefusal
from ._scim_model import GROUPS, group_resource, is_person

Record = dict[str, Any]
ALL = "/scim/{version}/Groups"
ONE = "/scim/{version}/Groups/{group_id}"
_FILTERS = {"displayname": lambda g: [g.get("displayName", "")], "id": lambda g: [g.get("id", "")]}


def seed_idp_groups(ctx: SeedContext) -> None:
    """One IdP group, ``Engineering``, of the seed's first two active people (Alice and Bob)."""
    _seed_group(ctx, "Engineering", slice(0, 2))


def seed_second_idp_group(ctx: SeedContext) -> None:
    """A second IdP group, ``Design``, of the third active person (Carol): an information barrier stands between
    two IdP groups (https://docs.slack.dev/reference/methods/admin.barriers.create), so an org that uses barriers
    has at least two. Seeded after everything else, so the ids made before stay what they were."""
    _seed_group(ctx, "Design", slice(2, 3))


def _seed_group(ctx: SeedContext, name: str, which: slice) -> None:
    people = [u["id"] for u in ctx.state.collection("users").values() if is_person(u) and not u.get("deleted")]
    group_id = _ids.new_id(ctx.state, "S")
    created = int(ctx.now()) - 86_400 * 30
    group = {"id": group_id, "displayName": name, "members": people[which], "created": created}
    ctx.state.collection(GROUPS).put(group_id, group)


def _group(ctx: Context) -> Record:
    found: Record | None = ctx.state.collection(GROUPS).get(resource_id(ctx))
    if found is None:
        raise ScimRefusal("group_not_found")
    return found


def _members(ctx: Context, given: Any) -> list[str]:
    if given is None:
        return []
    if not isinstance(given, list):
        raise ScimRefusal("invalid_members")
    users = ctx.state.collection("users")
    found: list[str] = []
    for member in given:
        value = str(member.get("value", "")) if isinstance(member, dict) else ""
        user = users.get(value)
        if user is None or not is_person(user):
            raise ScimRefusal("invalid_members")
        if value not in found:
            found.append(value)
    return found


def _name(ctx: Context, name: Any, current: str = "") -> str:
    text = str(name or "").strip()
    if not text:
        raise ScimRefusal("missing_display_name")
    for other in ctx.state.collection(GROUPS).values():
        if other["id"] != current and other["displayName"].lower() == text.lower():
            raise ScimRefusal("group_name_taken")
    return text


@behaviour("scim.groups", method="GET", path=ALL, auth=False)
@served
def scim_groups(ctx: Context, version: str) -> Response:
    """GET lists, POST (with a body) creates: see ``scim.scim_users``."""
    return scim_groups_create(ctx, version) if has_body(ctx) else scim_groups_list(ctx, version)


def scim_groups_list(ctx: Context, version: str) -> Response:
    keep = parsed_filter(ctx, _FILTERS)
    found = [g for g in ctx.state.collection(GROUPS).values() if keep(g)]
    return listing(ctx, version, [group_resource(ctx, version, g) for g in found])


@behaviour("scim.groups.read", method="GET", path=ONE, auth=False)
@served
def scim_groups_read(ctx: Context, version: str) -> Response:
    return answer(group_resource(ctx, version, _group(ctx)))


def scim_groups_create(ctx: Context, version: str) -> Response:
    wanted = body(ctx)
    name, members = _name(ctx, wanted.get("displayName")), _members(ctx, wanted.get("members"))
    group_id = _ids.new_id(ctx.state, "S")
    group: Record = {"id": group_id, "displayName": name, "members": members, "created": int(ctx.now())}
    ctx.state.collection(GROUPS).put(group_id, group)
    _audit.record(ctx, "subteam_created", _audit.usergroup_entity({"id": group_id, "name": name}))
    return answer(group_resource(ctx, version, group), 201)


@behaviour("scim.groups.replace", method="PUT", path=ONE, auth=False)
@served
def scim_groups_replace(ctx: Context, version: str) -> Response:
    group = _group(ctx)
    wanted = body(ctx)
    group["displayName"] = _name(ctx, wanted.get("displayName"), group["id"])
    group["members"] = _members(ctx, wanted.get("members"))
    _store(ctx, group)
    return answer(group_resource(ctx, version, group))


@behaviour("scim.groups.patch", method="PATCH", path=ONE, auth=False)
@served
def scim_groups_patch(ctx: Context, version: str) -> Response:
    group = _group(ctx)
    name, members = _scim_patch.group_changes(body(ctx), version, group["members"])
    if name is not None:
        group["displayName"] = _name(ctx, name, group["id"])
    group["members"] = _members(ctx, [{"value": m} for m in members])
    _store(ctx, group)
    return Response(204)


@behaviour("scim.groups.delete", method="DELETE", path=ONE, auth=False)
@served
def scim_groups_delete(ctx: Context, version: str) -> Response:
    group = _group(ctx)
    ctx.state.collection(GROUPS).delete(group["id"])
    _audit.record(ctx, "subteam_deleted", _audit.usergroup_entity({"id": group["id"], "name": group["displayName"]}))
    return Response(204)


def _store(ctx: Context, group: Record) -> None:
    ctx.state.collection(GROUPS).put(group["id"], group)
    _audit.record(ctx, "subteam_updated", _audit.usergroup_entity({"id": group["id"], "name": group["displayName"]}))
