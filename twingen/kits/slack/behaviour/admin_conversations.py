"""``admin.conversations.*`` that change a channel's life: create, archive, unarchive, delete, rename, convert,
invite, teams (get/set), disconnectShared; and the org-wide finders search and lookup.

They work on the same ``channels`` records the workspace methods use, so a channel an admin creates is
one ``conversations.list`` shows; admins act on channels they are not in. Answers are bare ``ok`` except
``create`` (``channel_id``) and the listings, as Slack's method pages show.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context
from . import _args, _ids, _messages, _model, _paging
from ._auth import Caller
from ._errors import invalid_arguments, slack_error
from .admin_base import admin_method, channel, default_team, need, need_list, save_channel, team, team_ids

Record = dict[str, Any]

WRITE = ("admin.conversations:write",)
READ = ("admin.conversations:read",)
MAX_NAME = 80
_NAME = re.compile(r"[\w-]+")


def check_name(ctx: Context, name: str, current: str = "") -> str:
    """Admin methods fold Slack's name rules into one code, ``invalid_name`` (docs: admin.conversations.create)."""
    name = name.strip()
    if len(name) > MAX_NAME or not _NAME.fullmatch(name) or name != name.lower():
        raise slack_error("invalid_name")
    if name != current and any(r.get("name") == name for r in ctx.state.collection("channels").values()):
        raise slack_error("name_taken")
    return name


def _not_general(record: Record, code: str) -> None:
    if record.get("is_general"):
        raise slack_error(code)


@admin_method("admin.conversations.create", WRITE, required=("is_private", "name"))
def admin_conversations_create(ctx: Context, caller: Caller) -> Record:
    """An org-level token names the workspace (``team_id``) or asks for an org-wide channel."""
    name = check_name(ctx, need(ctx, "name"))
    need(ctx, "is_private")  # required even when false (docs: admin.conversations.create)
    org_wide = _args.flag(ctx, "org_wide")
    team_id = _args.text(ctx, "team_id").strip()
    if not team_id and not org_wide:
        raise slack_error("team_id_or_org_required")
    if team_id:
        team(ctx, team_id)
    kind = "private" if _args.flag(ctx, "is_private") else "public"
    channel_id = _ids.new_id(ctx.state, "C")
    now = int(ctx.now())
    record = _model.new_channel_record(team_id or default_team(ctx), channel_id, name, kind, caller.user_id, now)
    # an admin creates the channel for others: the admin does not join it
    record["_members"] = []
    if org_wide:
        record.update(is_org_shared=True, shared_team_ids=team_ids(ctx))
    description = _args.text(ctx, "description")
    if description:
        record["purpose"] = {"value": description, "creator": caller.user_id, "last_set": now}
    save_channel(ctx, record)
    return {"channel_id": channel_id}


@admin_method("admin.conversations.archive", WRITE, required=("channel_id",))
def admin_conversations_archive(ctx: Context, caller: Caller) -> Record:
    record = channel(ctx, need(ctx, "channel_id"))
    if record.get("is_archived"):
        raise slack_error("already_archived")
    _not_general(record, "cant_archive_general")
    _messages.post_system(ctx, record["id"], caller.user_id, "channel_archive", "archived the channel")
    record["is_archived"] = True
    save_channel(ctx, record)
    return {}


@admin_method("admin.conversations.unarchive", WRITE, required=("channel_id",))
def admin_conversations_unarchive(ctx: Context, caller: Caller) -> Record:
    record = channel(ctx, need(ctx, "channel_id"))
    if not record.get("is_archived"):
        raise slack_error("channel_not_archived")
    record["is_archived"] = False
    save_channel(ctx, record)
    _messages.post_system(ctx, record["id"], caller.user_id, "channel_unarchive", "un-archived the channel")
    return {}


@admin_method("admin.conversations.delete", WRITE, required=("channel_id",))
def admin_conversations_delete(ctx: Context, caller: Caller) -> Record:
    """Gone for everyone: later calls naming it answer ``channel_not_found``."""
    record = channel(ctx, need(ctx, "channel_id"))
    _not_general(record, "channel_type_not_supported")
    ctx.state.collection("channels").delete(record["id"])
    return {}


@admin_method("admin.conversations.rename", WRITE, required=("channel_id", "name"))
def admin_conversations_rename(ctx: Context, caller: Caller) -> Record:
    record = channel(ctx, need(ctx, "channel_id"))
    old = str(record["name"])
    name = check_name(ctx, need(ctx, "name"), current=old)
    if name != old:
        record["previous_names"] = [old, *record.get("previous_names", [])]
        record["name"] = record["name_normalized"] = name
        save_channel(ctx, record)
        text = f'renamed the channel from "{old}" to "{name}"'
        _messages.post_system(ctx, record["id"], caller.user_id, "channel_name", text, old_name=old, name=name)
    return {}


def _convert(ctx: Context, to: str, same_kind: str) -> Record:
    """``same_kind``: each direction has its own code for a channel already of that kind (docs)."""
    record = channel(ctx, need(ctx, "channel_id"))
    _not_general(record, "channel_type_not_supported")
    if record["_kind"] == to:
        raise slack_error(same_kind)
    if record.get("is_ext_shared"):
        raise slack_error("external_channel_migrating")
    record["_kind"] = to
    record["is_private"] = to == "private"
    save_channel(ctx, record)
    return {}


@admin_method("admin.conversations.convertToPrivate", WRITE, required=("channel_id",))
def admin_conversations_convert_to_private(ctx: Context, caller: Caller) -> Record:
    return _convert(ctx, "private", "method_not_supported_for_channel_type")


@admin_method("admin.conversations.convertToPublic", WRITE, required=("channel_id",))
def admin_conversations_convert_to_public(ctx: Context, caller: Caller) -> Record:
    return _convert(ctx, "public", "not_supported")


@admin_method("admin.conversations.invite", WRITE, required=("channel_id", "user_ids"))
def admin_conversations_invite(ctx: Context, caller: Caller) -> Record:
    """Everyone who can be added is; the rest are named in ``failed_user_ids`` (Slack's partial answer)."""
    record = channel(ctx, need(ctx, "channel_id"))
    wanted = need_list(ctx, "user_ids")
    if record.get("is_archived"):
        raise slack_error("restricted_action")
    users = ctx.state.collection("users")
    failed: dict[str, str] = {}
    for user_id in wanted:
        found = users.get(user_id)
        if found is None or found.get("deleted"):
            failed[user_id] = "user_not_found"
        elif not _model.is_member(record, user_id):
            _model.members(record).append(user_id)
            text = f"<@{user_id}> has joined the channel"
            _messages.post_system(ctx, record["id"], user_id, "channel_join", text, inviter=caller.user_id)
    save_channel(ctx, record)
    if failed:
        raise slack_error("failed_for_some_users", failed_user_ids=failed)
    return {}


@admin_method("admin.conversations.getTeams", READ, required=("channel_id",))
def admin_conversations_get_teams(ctx: Context, caller: Caller) -> Record:
    record = channel(ctx, need(ctx, "channel_id"))
    shared = sorted(record.get("shared_team_ids") or [record.get("context_team_id", "")])
    ids, next_cursor = _paging.page_of_keys(ctx, shared, "team", 100)
    return {"team_ids": ids, **_paging.metadata(next_cursor)}


@admin_method("admin.conversations.setTeams", WRITE, required=("channel_id",))
def admin_conversations_set_teams(ctx: Context, caller: Caller) -> Record:
    """``org_channel=true`` shares it with the whole org; otherwise with ``target_team_ids``."""
    record = channel(ctx, need(ctx, "channel_id"))
    home = _args.text(ctx, "team_id").strip()
    if home:
        team(ctx, home)
    targets = _args.id_list(ctx, "target_team_ids")
    for team_id in targets:
        team(ctx, team_id)
    if _args.flag(ctx, "org_channel"):
        record.update(is_org_shared=True, shared_team_ids=team_ids(ctx))
    elif targets:
        record.update(is_org_shared=len(targets) > 1, shared_team_ids=sorted(set(targets)))
    save_channel(ctx, record)
    return {}


@admin_method("admin.conversations.disconnectShared", WRITE, required=("channel_id",))
def admin_conversations_disconnect_shared(ctx: Context, caller: Caller) -> Record:
    """Only Slack Connect channels can be disconnected; twin channels are never shared outside the org."""
    record = channel(ctx, need(ctx, "channel_id"))
    if not record.get("is_ext_shared"):
        raise slack_error("not_supported")
    return {}


_SORTS = {"relevant", "name", "member_count", "created"}
_TYPES = {
    "private", "archived", "exclude_archived", "private_exclude", "multi_workspace", "org_wide", "public",
    "external_shared_exclude", "external_shared", "external_shared_private", "external_shared_archived",
    "exclude_org_shared",
}  # fmt: skip


def _matches(record: Record, types: set[str]) -> bool:
    private, archived = bool(record.get("is_private")), bool(record.get("is_archived"))
    rules = {
        "private": private,
        "public": not private,
        "archived": archived,
        "exclude_archived": not archived,
        "private_exclude": not private,
        "multi_workspace": len(record.get("shared_team_ids") or ()) > 1,
        "org_wide": bool(record.get("is_org_shared")),
        "exclude_org_shared": not record.get("is_org_shared"),
        "external_shared": bool(record.get("is_ext_shared")),
        "external_shared_exclude": not record.get("is_ext_shared"),
        "external_shared_private": bool(record.get("is_ext_shared")) and private,
        "external_shared_archived": bool(record.get("is_ext_shared")) and archived,
    }
    return all(rules[t] for t in types)


def search_row(ctx: Context, record: Record) -> Record:
    """A channel as ``admin.conversations.search`` describes it (not the ``conversations.info`` shape)."""
    latest = _messages.latest(ctx, record["id"])
    shared = list(record.get("shared_team_ids") or [])
    return {
        "id": record["id"],
        "name": record["name"],
        "purpose": record.get("purpose", {}).get("value", ""),
        "member_count": len(_model.members(record)),
        "created": record["created"],
        "creator_id": record.get("creator", ""),
        "is_private": bool(record.get("is_private")),
        "is_archived": bool(record.get("is_archived")),
        "is_general": bool(record.get("is_general")),
        "last_activity_ts": int(float(latest["ts"]) * 1000) if latest else record["created"] * 1000,
        "is_ext_shared": bool(record.get("is_ext_shared")),
        "is_global_shared": False,
        "is_org_default": False,
        "is_org_mandatory": False,
        "is_org_shared": bool(record.get("is_org_shared")),
        "is_frozen": False,
        "connected_team_ids": [],
        "internal_team_ids": shared,
        "internal_team_ids_count": len(shared),
        "internal_team_ids_sample_team": shared[0] if shared else "",
        "pending_connected_team_ids": [],
        "is_pending_ext_shared": False,
        "context_team_id": record.get("context_team_id", ""),
        "conversation_host_id": record.get("context_team_id", ""),
        "external_user_count": 0,
        "channel_email_addresses": [],
    }


@admin_method("admin.conversations.search", READ)
def admin_conversations_search(ctx: Context, caller: Caller) -> Record:
    """Channels whose name holds ``query``; ``next_cursor`` is top-level here, as on Slack."""
    query = _args.text(ctx, "query").strip().lower()
    sort = _args.text(ctx, "sort", "member_count").strip() or "member_count"
    direction = _args.text(ctx, "sort_dir", "desc").strip().lower() or "desc"
    types = set(_args.id_list(ctx, "search_channel_types"))
    if sort not in _SORTS:
        raise slack_error("invalid_sort")
    if direction not in ("asc", "desc"):
        raise slack_error("invalid_sort_dir")
    if types - _TYPES:
        raise slack_error("invalid_search_channel_type")
    wanted_teams = set(_args.id_list(ctx, "team_ids"))
    for team_id in wanted_teams:
        team(ctx, team_id)
    found = [
        r
        for r in ctx.state.collection("channels").values()
        if r.get("_kind") in ("public", "private")
        and query in str(r.get("name", ""))
        and _matches(r, types)
        and (not wanted_teams or wanted_teams & set(r.get("shared_team_ids") or ()))
    ]
    rows = [search_row(ctx, r) for r in found]
    key = "member_count" if sort == "relevant" else sort
    rows.sort(key=lambda row: (row[key], row["id"]), reverse=direction == "desc")
    # positions are row ids in this sorted order; a cursor names the first row of the next page
    order = [row["id"] for row in rows]
    limit = _paging.limit_of(ctx, 10)
    position = _paging.decode(ctx, "search")
    if position is not None and position not in order:
        raise slack_error("invalid_cursor")  # the row it named is gone: Slack's answer to a stale cursor
    start = order.index(position) if position is not None else 0
    page = rows[start : start + limit]
    following = start + limit
    next_cursor = _paging.encode("search", order[following]) if following < len(order) else ""
    return {"conversations": page, "total_count": len(rows), "next_cursor": next_cursor}


@admin_method("admin.conversations.lookup", READ, required=("last_message_activity_before", "team_ids"))
def admin_conversations_lookup(ctx: Context, caller: Caller) -> Record:
    """Channels of ``team_ids`` with no message since ``last_message_activity_before`` (seconds)."""
    wanted = set(need_list(ctx, "team_ids"))
    for team_id in wanted:
        team(ctx, team_id)
    before = _args.integer(ctx, "last_message_activity_before", 0)
    if before <= 0:
        raise invalid_arguments("invalid last_message_activity_before")
    most = _args.integer(ctx, "max_member_count", 0)
    ids = []
    for record in ctx.state.collection("channels").values():
        if record.get("_kind") not in ("public", "private") or not wanted & set(record.get("shared_team_ids") or ()):
            continue
        latest = _messages.latest(ctx, record["id"])
        active = float(latest["ts"]) if latest else float(record["created"])
        if active < before and (most <= 0 or len(_model.members(record)) <= most):
            ids.append(str(record["id"]))
    page, next_cursor = _paging.page_of_keys(ctx, sorted(ids), "lookup", 100)
    return {"channel_ids": page, **_paging.metadata(next_cursor)}
