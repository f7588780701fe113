"""Reading conversations: ``conversations.list``, ``info``, ``members`` (and ``users.conversations``' listing)."""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _model, _paging
from ._auth import Caller, slack_method
from ._errors import slack_error
from ._scopes import KIND_PREFIX

Record = dict[str, Any]

_TYPES = {"public_channel": "public", "private_channel": "private", "mpim": "mpim", "im": "im"}


def kinds_of(ctx: Context, caller: Caller) -> set[str]:
    """The ``types`` argument as conversation kinds; each needs its own read scope, as on Slack."""
    wanted = _args.id_list(ctx, "types") or ["public_channel"]
    kinds = set()
    for name in wanted:
        kind = _TYPES.get(name)
        if kind is None:
            raise slack_error("invalid_types")
        caller.require(f"{KIND_PREFIX[kind]}:read")
        kinds.add(kind)
    return kinds


def listing_answer(ctx: Context, caller: Caller, member: str | None = None) -> Record:
    """One page of the conversations the caller sees, optionally only those ``member`` belongs to."""
    kinds = kinds_of(ctx, caller)
    exclude_archived = _args.flag(ctx, "exclude_archived")
    channels = ctx.state.collection("channels")
    ids = []
    for channel_id in sorted(channels):
        record = channels.get(channel_id)
        if record is None or _model.kind_of(record) not in kinds or not _model.visible(record, caller):
            continue
        if exclude_archived and record.get("is_archived"):
            continue
        if member is not None and not _model.is_member(record, member):
            continue
        ids.append(channel_id)
    page, next_cursor = _paging.page_of_keys(ctx, ids, "team", default_limit=100)
    shown = [_model.show_channel(r, caller) for cid in page if (r := channels.get(cid)) is not None]
    return {"channels": shown, **_paging.metadata(next_cursor)}


@slack_method("conversations.list")
def conversations_list(ctx: Context, caller: Caller) -> Record:
    return listing_answer(ctx, caller)


@slack_method("conversations.info")
def conversations_info(ctx: Context, caller: Caller) -> Record:
    record = _model.channel(ctx, caller, _args.text(ctx, "channel").strip())
    shown = _model.show_channel(record, caller)
    if not _args.flag(ctx, "include_num_members") and _model.kind_of(record) != "im":
        # Slack counts members only when asked to; slack_sdk users read num_members after asking
        shown.pop("num_members", None)
    return {"channel": shown}


@slack_method("conversations.members")
def conversations_members(ctx: Context, caller: Caller) -> Record:
    record = _model.channel(ctx, caller, _args.text(ctx, "channel").strip())
    page, next_cursor = _paging.page_of_keys(ctx, sorted(_model.members(record)), "user", default_limit=100)
    return {"members": page, **_paging.metadata(next_cursor)}
