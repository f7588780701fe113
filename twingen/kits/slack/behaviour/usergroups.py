"""``usergroups.*``: user groups (``@handle`` mentions) of a paid workspace; enabling, disabling, members.

User groups are a paid-plan feature: on a free workspace every method answers ``paid_teams_only``.
Disabled groups keep their record (``date_delete`` set) and can be enabled again.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context
from . import _args, _ids, _model
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error
from .team import is_paid

Record = dict[str, Any]

_HANDLE = re.compile(r"[a-z0-9._-]{1,21}")


def _paid(ctx: Context) -> None:
    if not is_paid(ctx):
        raise slack_error("paid_teams_only")


def _group(ctx: Context) -> Record:
    _paid(ctx)
    group_id = _args.text(ctx, "usergroup").strip()
    record: Record | None = ctx.state.collection("usergroups").get(group_id) if group_id else None
    if record is None:
        raise slack_error("no_such_subteam")
    return record


def _shown(ctx: Context, record: Record, count: bool = True) -> Record:
    """A group as Slack shows it; listings count members only with ``include_count``, changes always do."""
    shown = _model.public(record)
    if count or _args.flag(ctx, "include_count"):
        shown["user_count"] = len(record["users"])
        shown["channel_count"] = len(record["prefs"]["channels"])
    if not _args.flag(ctx, "include_users"):
        shown.pop("users", None)
    return shown


def _check_unique(ctx: Context, name: str, handle: str, current: str = "") -> None:
    for other in ctx.state.collection("usergroups").values():
        if other["id"] == current or other["date_delete"]:
            continue
        if name and other["name"] == name:
            raise slack_error("name_already_exists")
        if handle and other["handle"] == handle:
            raise slack_error("handle_already_exists")
    users = ctx.state.collection("users")
    if handle and any(u["name"] == handle for u in users.values()):
        raise slack_error("handle_already_exists")  # a handle may not be someone's username either


def _channels(ctx: Context, caller: Caller) -> list[str]:
    found = _args.id_list(ctx, "channels")
    for channel_id in found:
        _model.channel(ctx, caller, channel_id, "read")
    return found


def _apply(ctx: Context, caller: Caller, record: Record) -> None:
    name = _args.text(ctx, "name").strip()
    handle = _args.text(ctx, "handle").strip().lstrip("@")
    if handle and not _HANDLE.fullmatch(handle):
        raise slack_error("invalid_handle")
    _check_unique(ctx, name, handle, record["id"])
    if name:
        record["name"] = name
    if handle:
        record["handle"] = handle
    if _args.text(ctx, "description"):
        record["description"] = _args.text(ctx, "description")
    if "channels" in ctx.params:
        record["prefs"]["channels"] = _channels(ctx, caller)
    record.update(date_update=int(ctx.now()), updated_by=caller.user_id)


def _may_manage(ctx: Context, caller: Caller) -> None:
    """By default every full member may manage user groups; guests (restricted users) are
    ``permission_denied``."""
    user = _model.user(ctx, caller.user_id)
    if user.get("is_restricted") or user.get("is_ultra_restricted"):
        raise slack_error("permission_denied")


@slack_method("usergroups.create")
def usergroups_create(ctx: Context, caller: Caller) -> Record:
    _paid(ctx)
    _may_manage(ctx, caller)
    name = _args.text(ctx, "name").strip()
    if not name:
        raise invalid_arguments("missing required field: name")
    now = int(ctx.now())
    record: Record = {
        "id": _ids.new_id(ctx.state, "S"),
        "team_id": caller.team_id,
        "is_usergroup": True,
        "is_subteam": True,
        "name": "",
        "description": "",
        "handle": "",
        "is_external": False,
        "date_create": now,
        "date_update": now,
        "date_delete": 0,
        "auto_type": None,
        "auto_provision": False,
        "enterprise_subteam_id": "",
        "created_by": caller.user_id,
        "updated_by": caller.user_id,
        "deleted_by": None,
        "prefs": {"channels": [], "groups": []},
        "users": [],
    }
    _apply(ctx, caller, record)
    if not record["handle"]:
        record["handle"] = re.sub(r"[^a-z0-9._-]", "-", name.lower())[:21]
        _check_unique(ctx, "", record["handle"], record["id"])
    ctx.state.collection("usergroups").put(record["id"], record)
    return {"usergroup": _shown(ctx, record)}


@slack_method("usergroups.update")
def usergroups_update(ctx: Context, caller: Caller) -> Record:
    record = _group(ctx)
    _may_manage(ctx, caller)
    _apply(ctx, caller, record)
    ctx.state.collection("usergroups").put(record["id"], record)
    return {"usergroup": _shown(ctx, record)}


def _set_enabled(ctx: Context, caller: Caller, enabled: bool) -> Record:
    record = _group(ctx)
    _may_manage(ctx, caller)
    now = int(ctx.now())
    record.update(date_delete=0 if enabled else now, deleted_by=None if enabled else caller.user_id)
    record.update(date_update=now, updated_by=caller.user_id)
    ctx.state.collection("usergroups").put(record["id"], record)
    return {"usergroup": _shown(ctx, record)}


@slack_method("usergroups.disable")
def usergroups_disable(ctx: Context, caller: Caller) -> Record:
    return _set_enabled(ctx, caller, enabled=False)


@slack_method("usergroups.enable")
def usergroups_enable(ctx: Context, caller: Caller) -> Record:
    return _set_enabled(ctx, caller, enabled=True)


@slack_method("usergroups.list")
def usergroups_list(ctx: Context, caller: Caller) -> Record:
    _paid(ctx)
    include_disabled = _args.flag(ctx, "include_disabled")
    groups = [
        _shown(ctx, g) for g in ctx.state.collection("usergroups").values() if include_disabled or not g["date_delete"]
    ]
    return {"usergroups": groups}


@slack_method("usergroups.users.list")
def usergroups_users_list(ctx: Context, caller: Caller) -> Record:
    record = _group(ctx)
    if record["date_delete"] and not _args.flag(ctx, "include_disabled"):
        raise slack_error("no_such_subteam")
    return {"users": list(record["users"])}


@slack_method("usergroups.users.update")
def usergroups_users_update(ctx: Context, caller: Caller) -> Record:
    """Replaces the member list; Slack refuses an empty one (``invalid_users``) and unknown ids."""
    record = _group(ctx)
    _may_manage(ctx, caller)
    wanted = _args.id_list(ctx, "users")
    if not wanted:
        raise slack_error("invalid_users")
    users = ctx.state.collection("users")
    for user_id in wanted:
        user = users.get(user_id)
        if user is None or user.get("deleted"):
            raise slack_error("invalid_users")
    record["users"] = list(dict.fromkeys(wanted))
    record.update(date_update=int(ctx.now()), updated_by=caller.user_id)
    ctx.state.collection("usergroups").put(record["id"], record)
    shown = _shown(ctx, record)
    shown["users"] = list(record["users"])
    return {"usergroup": shown}
