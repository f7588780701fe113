"""Changing channels: create, join, leave, invite, kick, archive, unarchive, rename, setTopic, setPurpose.

Like Slack, each change also leaves a system message in the channel (``channel_join``, ``channel_topic``...).
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context
from . import _args, _events, _ids, _messages, _model
from ._auth import Caller, slack_method
from ._errors import slack_error

Record = dict[str, Any]

MAX_NAME = 80
MAX_TOPIC = 250
_ALLOWED = re.compile(r"[\w-]+")  # lowercase letters (any script), digits, hyphens, underscores


def check_name(ctx: Context, name: str, current: str | None = None) -> str:
    """Slack's channel-name rules, checked in the order Slack reports them."""
    if not name:
        raise slack_error("invalid_name_required")
    if len(name) > MAX_NAME:
        raise slack_error("invalid_name_maxlength")
    if not _ALLOWED.fullmatch(name) or name != name.lower():
        raise slack_error("invalid_name_specials")
    if not any(ch.isalnum() for ch in name):
        raise slack_error("invalid_name_punctuation")
    if name != current:
        for record in ctx.state.collection("channels").values():
            if record.get("name") == name:
                raise slack_error("name_taken")
    return name


def _save(ctx: Context, record: Record) -> None:
    record["updated"] = int(ctx.now() * 1000)
    ctx.state.collection("channels").put(record["id"], record)


def _changeable(ctx: Context, caller: Caller, channel_id: str, *, member: bool = True) -> Record:
    """A channel (not a DM) the caller may change: not archived, and the caller in it when ``member``."""
    record = _model.channel(ctx, caller, channel_id, "write")
    if _model.kind_of(record) in ("im", "mpim"):
        raise slack_error("method_not_supported_for_channel_type")
    if record.get("is_archived"):
        raise slack_error("is_archived")
    if member and not _model.is_member(record, caller.user_id):
        raise slack_error("not_in_channel")
    return record


def _shown(record: Record, caller: Caller) -> Record:
    return {"channel": _model.show_channel(record, caller)}


@slack_method("conversations.create")
def conversations_create(ctx: Context, caller: Caller) -> Record:
    is_private = _args.flag(ctx, "is_private")
    if is_private:
        caller.require("groups:write")
    else:
        caller.require("channels:manage", "channels:write")
    name = check_name(ctx, _args.text(ctx, "name").strip())
    channel_id = _ids.new_id(ctx.state, "C")
    now = int(ctx.now())
    record = _model.new_channel_record(
        caller.team_id, channel_id, name, "private" if is_private else "public", caller.user_id, now
    )
    _save(ctx, record)
    _events.channel_created(ctx, record)
    _messages.post_system(
        ctx, channel_id, caller.user_id, "channel_join", f"<@{caller.user_id}> has joined the channel"
    )
    return _shown(record, caller)


@slack_method("conversations.join")
def conversations_join(ctx: Context, caller: Caller) -> Record:
    record = _model.channel(ctx, caller, _args.text(ctx, "channel").strip())
    if _model.kind_of(record) != "public":
        raise slack_error("method_not_supported_for_channel_type")
    if record.get("is_archived"):
        raise slack_error("is_archived")
    if _model.is_member(record, caller.user_id):
        # not an error on Slack: the answer carries a warning instead
        return {
            **_shown(record, caller),
            "warning": "already_in_channel",
            "response_metadata": {"warnings": ["already_in_channel"]},
        }
    _model.members(record).append(caller.user_id)
    _save(ctx, record)
    _messages.post_system(
        ctx, record["id"], caller.user_id, "channel_join", f"<@{caller.user_id}> has joined the channel"
    )
    return _shown(record, caller)


@slack_method("conversations.leave")
def conversations_leave(ctx: Context, caller: Caller) -> Record:
    record = _model.channel(ctx, caller, _args.text(ctx, "channel").strip(), "write")
    if _model.kind_of(record) == "im":
        raise slack_error("method_not_supported_for_channel_type")
    if record.get("is_general"):
        raise slack_error("cant_leave_general")
    if record.get("is_archived"):
        raise slack_error("is_archived")
    if not _model.is_member(record, caller.user_id):
        return {"not_in_channel": True}
    if _model.kind_of(record) == "private" and len(_model.members(record)) == 1:
        raise slack_error("last_member")
    _model.members(record).remove(caller.user_id)
    _save(ctx, record)
    _messages.post_system(
        ctx, record["id"], caller.user_id, "channel_leave", f"<@{caller.user_id}> has left the channel"
    )
    return {}


@slack_method("conversations.invite")
def conversations_invite(ctx: Context, caller: Caller) -> Record:
    """All-or-nothing, as Slack without ``force``: the first bad user fails the call and is named in ``errors``."""
    record = _changeable(ctx, caller, _args.text(ctx, "channel").strip())
    wanted = _args.id_list(ctx, "users")
    if not wanted:
        raise slack_error("no_user")
    users = ctx.state.collection("users")
    for user_id in wanted:
        user = users.get(user_id)
        code = (
            "user_not_found"
            if user is None
            else "cant_invite_self"
            if user_id == caller.user_id
            else "cant_invite"
            if user.get("deleted")
            else "already_in_channel"
            if _model.is_member(record, user_id)
            else ""
        )
        if code:
            raise slack_error(code, errors=[{"user": user_id, "ok": False, "error": code}])
    for user_id in wanted:
        _model.members(record).append(user_id)
        text = f"<@{user_id}> has joined the channel"
        _messages.post_system(ctx, record["id"], user_id, "channel_join", text, inviter=caller.user_id)
    _save(ctx, record)
    return _shown(record, caller)


@slack_method("conversations.kick")
def conversations_kick(ctx: Context, caller: Caller) -> Record:
    record = _changeable(ctx, caller, _args.text(ctx, "channel").strip())
    user_id = _args.text(ctx, "user").strip()
    _model.user(ctx, user_id)
    if user_id == caller.user_id:
        raise slack_error("cant_kick_self")
    if record.get("is_general"):
        raise slack_error("cant_kick_from_general")
    if not _model.is_member(record, user_id):
        raise slack_error("not_in_channel")
    _model.members(record).remove(user_id)
    _save(ctx, record)
    _messages.post_system(ctx, record["id"], user_id, "channel_leave", f"<@{user_id}> has left the channel")
    return {}


@slack_method("conversations.archive")
def conversations_archive(ctx: Context, caller: Caller) -> Record:
    record = _model.channel(ctx, caller, _args.text(ctx, "channel").strip(), "write")
    if _model.kind_of(record) in ("im", "mpim"):
        raise slack_error("method_not_supported_for_channel_type")
    if record.get("is_archived"):
        raise slack_error("already_archived")
    if record.get("is_general"):
        raise slack_error("cant_archive_general")
    if not _model.is_member(record, caller.user_id) and not caller.is_admin:
        raise slack_error("not_in_channel")
    _messages.post_system(ctx, record["id"], caller.user_id, "channel_archive", "archived the channel")
    record["is_archived"] = True
    _save(ctx, record)
    return {}


@slack_method("conversations.unarchive")
def conversations_unarchive(ctx: Context, caller: Caller) -> Record:
    record = _model.channel(ctx, caller, _args.text(ctx, "channel").strip(), "write")
    if _model.kind_of(record) in ("im", "mpim"):
        raise slack_error("method_not_supported_for_channel_type")
    if not record.get("is_archived"):
        raise slack_error("not_archived")
    record["is_archived"] = False
    _save(ctx, record)
    _messages.post_system(ctx, record["id"], caller.user_id, "channel_unarchive", "un-archived the channel")
    return {}


@slack_method("conversations.rename")
def conversations_rename(ctx: Context, caller: Caller) -> Record:
    """Only the channel's creator or an admin may rename it (``not_authorized``)."""
    record = _changeable(ctx, caller, _args.text(ctx, "channel").strip())
    if record.get("creator") != caller.user_id and not caller.is_admin:
        raise slack_error("not_authorized")
    old = record["name"]
    name = check_name(ctx, _args.text(ctx, "name").strip(), current=old)
    if name != old:
        record["previous_names"] = [old, *record.get("previous_names", [])]
        record["name"] = record["name_normalized"] = name
        _save(ctx, record)
        text = f'renamed the channel from "{old}" to "{name}"'
        _messages.post_system(ctx, record["id"], caller.user_id, "channel_name", text, old_name=old, name=name)
    return _shown(record, caller)


def _set_text(ctx: Context, caller: Caller, field: str) -> Record:
    record = _changeable(ctx, caller, _args.text(ctx, "channel").strip())
    value = _args.text(ctx, field)
    if len(value) > MAX_TOPIC:
        raise slack_error("too_long")
    record[field] = {"value": value, "creator": caller.user_id, "last_set": int(ctx.now())}
    _save(ctx, record)
    text = f"set the channel {field}: {value}" if value else f"cleared channel {field}"
    _messages.post_system(ctx, record["id"], caller.user_id, f"channel_{field}", text, **{field: value})
    return _shown(record, caller)


@slack_method("conversations.setTopic")
def conversations_set_topic(ctx: Context, caller: Caller) -> Record:
    return _set_text(ctx, caller, "topic")


@slack_method("conversations.setPurpose")
def conversations_set_purpose(ctx: Context, caller: Caller) -> Record:
    return _set_text(ctx, caller, "purpose")
