"""Direct messages and read marks: ``conversations.open``, ``close`` and ``mark``."""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _ids, _model
from ._auth import Caller, slack_method
from ._errors import slack_error

Record = dict[str, Any]

MAX_MPIM_USERS = 8  # the caller plus up to 7 others; Slack counts the list it is given


def _find(ctx: Context, kind: str, members: list[str]) -> Record | None:
    for record in ctx.state.collection("channels").values():
        if record["_kind"] == kind and sorted(record["_members"]) == members:
            return record
    return None


def _people(ctx: Context, caller: Caller) -> list[str]:
    wanted = _args.id_list(ctx, "users")
    if not wanted:
        raise slack_error("users_list_not_supplied")
    if len(wanted) > MAX_MPIM_USERS:
        raise slack_error("too_many_users")
    for user_id in wanted:
        if _model.user(ctx, user_id).get("deleted"):
            raise slack_error("user_disabled")
    return wanted


def _open_existing(ctx: Context, caller: Caller, channel_id: str) -> Record:
    record = _model.channel(ctx, caller, channel_id, "write")
    if _model.kind_of(record) not in ("im", "mpim"):
        raise slack_error("method_not_supported_for_channel_type")
    return record


@slack_method("conversations.open")
def conversations_open(ctx: Context, caller: Caller) -> Record:
    """One other user gives a DM (``D``), several a group DM (``G``, ``mpdm-...``); reopening is a no-op."""
    channel_id = _args.text(ctx, "channel").strip()
    if channel_id:
        record = _open_existing(ctx, caller, channel_id)
    else:
        others = _people(ctx, caller)
        kind = "im" if len(set(others) - {caller.user_id}) <= 1 else "mpim"
        members = sorted({caller.user_id, *others})
        found = _find(ctx, kind, members)
        if found is None and _args.flag(ctx, "prevent_creation"):
            return {"no_op": True}
        record = found or _create(ctx, caller, kind, members)
    opened = record.setdefault("_open", [])
    already = caller.user_id in opened
    if not already:
        opened.append(caller.user_id)
        ctx.state.collection("channels").put(record["id"], record)
    shown = _model.show_channel(record, caller)
    if _model.kind_of(record) == "im" and not _args.flag(ctx, "return_im"):
        shown = {"id": record["id"]}
    answer: Record = {"channel": shown}
    if already:
        answer.update(no_op=True, already_open=True)
    return answer


def _create(ctx: Context, caller: Caller, kind: str, members: list[str]) -> Record:
    now = int(ctx.now())
    if kind == "im":
        other = next((m for m in members if m != caller.user_id), caller.user_id)
        record = _model.new_im_record(caller.team_id, _ids.new_id(ctx.state, "D"), caller.user_id, other, now)
    else:
        handles = "--".join(_model.user(ctx, m)["name"] for m in members)
        record = _model.new_channel_record(
            caller.team_id, _ids.new_id(ctx.state, "G"), f"mpdm-{handles}-1", "mpim", caller.user_id, now
        )
        record["_members"] = members
        record["_open"] = []
    ctx.state.collection("channels").put(record["id"], record)
    return record


@slack_method("conversations.close")
def conversations_close(ctx: Context, caller: Caller) -> Record:
    record = _open_existing(ctx, caller, _args.text(ctx, "channel").strip())
    opened = record.setdefault("_open", [])
    if caller.user_id not in opened:
        return {"no_op": True, "already_closed": True}
    opened.remove(caller.user_id)
    ctx.state.collection("channels").put(record["id"], record)
    return {}


@slack_method("conversations.mark")
def conversations_mark(ctx: Context, caller: Caller) -> Record:
    """Moves the caller's read cursor (``last_read`` in ``conversations.info``)."""
    record = _model.channel(ctx, caller, _args.text(ctx, "channel").strip(), "write")
    ts = _ids.normalise_ts(_args.text(ctx, "ts"))
    if ts is None:
        raise slack_error("invalid_timestamp")
    if not _model.is_member(record, caller.user_id):
        raise slack_error("not_in_channel")
    record.setdefault("_last_read", {})[caller.user_id] = ts
    ctx.state.collection("channels").put(record["id"], record)
    return {}
