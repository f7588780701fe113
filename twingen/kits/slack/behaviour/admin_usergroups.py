"""``admin.usergroups.*`` (IDP groups' default channels and workspaces) and ``admin.barriers.*``
(information barriers between IDP groups).

IDP groups are the identity provider's groups (``idp_groups``, made through SCIM: ``scim_groups``), and the
workspace's user groups (``usergroups`` collection, made by ``usergroups.create``) are taken too: default
channels go into the group's ``prefs.channels``, which ``usergroups.list`` shows as ``channel_count``; linked
workspaces are kept in the group's private ``_teams`` (an IdP group keeps both in its ``_admin``). Barriers live
in ``org_barriers``.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _ids, _model, _paging
from ._auth import Caller
from ._errors import slack_error
from .admin_base import admin_method, channel, need, need_list, org, team

Record = dict[str, Any]

BARRIERS = "org_barriers"
IDP_GROUPS = "idp_groups"
SUBJECTS = ("im", "mpim", "call")
MAX_CHANNELS = 100


def _group(ctx: Context, group_id: str, code: str = "usergroup_not_found") -> Record:
    found: Record | None = ctx.state.collection("usergroups").get(group_id) if group_id else None
    if found is None:
        found = idp_group(ctx, group_id)
    if found is None:
        raise slack_error(code)
    return found


def idp_group(ctx: Context, group_id: str) -> Record | None:
    """An identity provider's group (``scim_groups``: what Slack's admin.usergroups.* are for) in the shape of a
    user group: ``name``, ``prefs.channels``; its admin settings kept in the group's private ``_admin``."""
    found: Record | None = ctx.state.collection(IDP_GROUPS).get(group_id) if group_id else None
    if found is None:
        return None
    admin = found.get("_admin") or {}
    view: Record = {"id": found["id"], "name": found.get("displayName", ""), "_idp": True}
    view.update(prefs={"channels": list(admin.get("channels", [])), "groups": []}, _teams=admin.get("teams", []))
    return view


def _save_group(ctx: Context, record: Record) -> None:
    if record.get("_idp"):
        stored = ctx.state.collection(IDP_GROUPS).get(record["id"]) or {}
        stored["_admin"] = {"channels": record["prefs"]["channels"], "teams": record.get("_teams", [])}
        ctx.state.collection(IDP_GROUPS).put(record["id"], stored)
        return
    record["date_update"] = int(ctx.now())
    ctx.state.collection("usergroups").put(record["id"], record)


@admin_method("admin.usergroups.addChannels", ("admin.usergroups:write",), required=("channel_ids", "usergroup_id"))
def admin_usergroups_add_channels(ctx: Context, caller: Caller) -> Record:
    """Channels already there stay. ``#general`` may be one too: slack_sdk's integration test, run against Slack by
    its maintainers, adds it to an IdP group and expects ``ok``."""
    group = _group(ctx, need(ctx, "usergroup_id"))
    channel_ids = need_list(ctx, "channel_ids")
    team_id = _args.text(ctx, "team_id").strip()
    if team_id:
        team(ctx, team_id)
    if len(channel_ids) > MAX_CHANNELS:
        raise slack_error("invalid_channels_limit")
    records = [channel(ctx, c) for c in channel_ids]
    current: list[str] = group["prefs"]["channels"]
    for record in records:
        if record["id"] not in current:
            current.append(record["id"])
    _save_group(ctx, group)
    return {}


@admin_method("admin.usergroups.removeChannels", ("admin.usergroups:write",), required=("usergroup_id", "channel_ids"))
def admin_usergroups_remove_channels(ctx: Context, caller: Caller) -> Record:
    group = _group(ctx, need(ctx, "usergroup_id"))
    channel_ids = need_list(ctx, "channel_ids")
    for channel_id in channel_ids:
        channel(ctx, channel_id)
    group["prefs"]["channels"] = [c for c in group["prefs"]["channels"] if c not in channel_ids]
    _save_group(ctx, group)
    return {}


@admin_method("admin.usergroups.listChannels", ("admin.usergroups:read",), required=("usergroup_id",))
def admin_usergroups_list_channels(ctx: Context, caller: Caller) -> Record:
    group = _group(ctx, need(ctx, "usergroup_id"))
    team_id = _args.text(ctx, "team_id").strip()
    if team_id:
        team(ctx, team_id)
    with_count = _args.flag(ctx, "include_num_members")
    shown = []
    for channel_id in group["prefs"]["channels"]:
        found = ctx.state.collection("channels").get(channel_id)
        if found is None or (team_id and found.get("context_team_id") != team_id):
            continue
        row = {"id": found["id"], "name": found["name"], "team_id": found.get("context_team_id", "")}
        if with_count:
            row["num_members"] = len(_model.members(found))
        shown.append(row)
    return {"channels": shown}


@admin_method("admin.usergroups.addTeams", ("admin.teams:write",), required=("usergroup_id", "team_ids"))
def admin_usergroups_add_teams(ctx: Context, caller: Caller) -> Record:
    """``auto_provision`` gives the group's members accounts on the new workspaces, as Slack does."""
    group = _group(ctx, need(ctx, "usergroup_id"))
    teams = _args.id_list(ctx, "team_ids")
    if not teams:
        raise slack_error("no_team_ids_given")
    unknown = [t for t in teams if t not in ctx.state.collection("org_teams")]
    if unknown:
        # the docs: "see the `errors` field in the response for the list of invalid team IDs"
        raise slack_error("invalid_team_ids", errors=unknown)
    group["_teams"] = sorted({*group.get("_teams", []), *teams})
    group["auto_provision"] = _args.flag(ctx, "auto_provision")
    _save_group(ctx, group)
    if group["auto_provision"]:
        users = ctx.state.collection("users")
        for user_id in group.get("users", []):
            member = users.get(user_id)
            if member is not None:
                member["_workspaces"] = sorted({*member.get("_workspaces", [member.get("team_id")]), *teams})
                users.put(user_id, member)
    return {}


# -- information barriers ----------------------------------------------------------------------------


def _barrier_fields(ctx: Context) -> Record:
    primary = _group(ctx, need(ctx, "primary_usergroup_id"), "primary_usergroup_not_found")
    others = [
        _group(ctx, g, "barriered_from_usergroups_not_found") for g in need_list(ctx, "barriered_from_usergroup_ids")
    ]
    subjects = need_list(ctx, "restricted_subjects")
    # "For v1, we only support a list of all 3" (docs: admin.barriers.create)
    if sorted(subjects) != sorted(SUBJECTS):
        raise slack_error("invalid_restricted_subjects")
    return {
        "primary_usergroup": {"id": primary["id"], "name": primary["name"]},
        "barriered_from_usergroups": [{"id": g["id"], "name": g["name"]} for g in others],
        "restricted_subjects": list(SUBJECTS),
    }


def _overlaps(ctx: Context, fields: Record, current: str = "") -> bool:
    ours = {fields["primary_usergroup"]["id"], *(g["id"] for g in fields["barriered_from_usergroups"])}
    for other in ctx.state.collection(BARRIERS).values():
        if other["id"] == current:
            continue
        theirs = {other["primary_usergroup"]["id"], *(g["id"] for g in other["barriered_from_usergroups"])}
        if len(ours & theirs) >= 2:
            return True
    return False


@admin_method(
    "admin.barriers.create",
    ("admin.barriers:write",),
    required=("barriered_from_usergroup_ids", "primary_usergroup_id", "restricted_subjects"),
)
def admin_barriers_create(ctx: Context, caller: Caller) -> Record:
    fields = _barrier_fields(ctx)
    if _overlaps(ctx, fields):
        raise slack_error("barrier_already_exists")
    barrier = {"id": _ids.new_id(ctx.state, "Ba"), "enterprise_id": org(ctx).get("id", ""), **fields}
    barrier["date_update"] = int(ctx.now())
    ctx.state.collection(BARRIERS).put(barrier["id"], barrier)
    return {"barrier": barrier}


@admin_method(
    "admin.barriers.update",
    ("admin.barriers:write",),
    required=("barrier_id", "barriered_from_usergroup_ids", "primary_usergroup_id", "restricted_subjects"),
)
def admin_barriers_update(ctx: Context, caller: Caller) -> Record:
    barrier_id = need(ctx, "barrier_id")
    found: Record | None = ctx.state.collection(BARRIERS).get(barrier_id)
    if found is None:
        raise slack_error("barrier_not_found")
    fields = _barrier_fields(ctx)
    if _overlaps(ctx, fields, current=barrier_id):
        raise slack_error("barrier_already_exists")
    found.update(fields, date_update=int(ctx.now()))
    ctx.state.collection(BARRIERS).put(barrier_id, found)
    return {"barrier": found}


@admin_method("admin.barriers.delete", ("admin.barriers:write",), required=("barrier_id",))
def admin_barriers_delete(ctx: Context, caller: Caller) -> Record:
    if not ctx.state.collection(BARRIERS).delete(need(ctx, "barrier_id")):
        raise slack_error("barrier_not_found")
    return {}


@admin_method("admin.barriers.list", ("admin.barriers:read",))
def admin_barriers_list(ctx: Context, caller: Caller) -> Record:
    barriers = ctx.state.collection(BARRIERS)
    ids, next_cursor = _paging.page_of_keys(ctx, sorted(barriers), "barrier", 100)
    return {"barriers": [barriers.get(i) for i in ids], **_paging.metadata(next_cursor)}
