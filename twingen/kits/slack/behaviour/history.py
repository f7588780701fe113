"""Reading messages: ``conversations.history`` (newest first) and ``conversations.replies`` (a thread)."""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _ids, _messages, _metadata, _model, _paging
from ._auth import Caller, slack_method
from ._errors import slack_error
from .scheduled import deliver_due

Record = dict[str, Any]

_EPOCH = "0000000000.000000"


def readable(ctx: Context, caller: Caller) -> Record:
    """A conversation whose messages the caller may read: bots must be in it, users see public ones."""
    record = _model.channel(ctx, caller, _args.text(ctx, "channel").strip(), "history")
    if caller.is_bot and not _model.is_member(record, caller.user_id):
        raise slack_error("not_in_channel")
    deliver_due(ctx)
    return record


def _bound(ctx: Context, name: str) -> str | None:
    raw = _args.text(ctx, name).strip()
    if not raw:
        return None
    found = _ids.normalise_ts(raw)
    if found is None:
        raise slack_error("invalid_ts_" + name)
    return found


@slack_method("conversations.history")
def conversations_history(ctx: Context, caller: Caller) -> Record:
    """``oldest``/``latest`` bound the window (``inclusive`` says whether the bounds count); ``cursor``
    continues below the last page, so the window's oldest end and inclusiveness stay as first asked."""
    record = readable(ctx, caller)
    inclusive = _args.flag(ctx, "inclusive")
    oldest = (_bound(ctx, "oldest") or _EPOCH, inclusive)
    latest = _bound(ctx, "latest")
    upper = (latest, inclusive) if latest is not None else None
    position = _paging.decode(ctx, "next_ts")
    if position is not None:
        resume = _ids.normalise_ts(position)
        if resume is None:
            raise slack_error("invalid_cursor")
        upper = (resume, True)
    limit = _paging.limit_of(ctx, default=100)
    page, following = _messages.history_window(ctx, record["id"], oldest, upper, limit)
    return {
        "messages": [_metadata.for_reader(ctx, caller, m, _model.show_message(m)) for m in page],
        "has_more": following is not None,
        "pin_count": len(record.get("_pins", ())),
        "channel_actions_ts": None,
        "channel_actions_count": 0,
        **_paging.metadata(_paging.encode("next_ts", following) if following else ""),
    }


@slack_method("conversations.replies")
def conversations_replies(ctx: Context, caller: Caller) -> Record:
    """The thread's parent, then its replies oldest first; ``ts`` may name the parent or any reply."""
    record = readable(ctx, caller)
    ts = _ids.normalise_ts(_args.text(ctx, "ts"))
    message = _messages.get(ctx, record["id"], ts) if ts else None
    if message is None:
        raise slack_error("thread_not_found")
    thread_ts = message.get("thread_ts") or message["ts"]
    parent = _messages.get(ctx, record["id"], thread_ts)
    keys = ([thread_ts] if parent is not None else []) + _messages.replies(ctx, record["id"], thread_ts)
    inclusive = _args.flag(ctx, "inclusive", default=True)
    oldest, latest = _bound(ctx, "oldest"), _bound(ctx, "latest")
    if oldest is not None:
        keys = [k for k in keys if k > oldest or (inclusive and k == oldest)]
    if latest is not None:
        keys = [k for k in keys if k < latest or (inclusive and k == latest)]
    page, next_cursor = _paging.page_of_keys(ctx, keys, "next_ts", default_limit=1000)
    found = [m for k in page if (m := _messages.get(ctx, record["id"], k))]
    messages = [_metadata.for_reader(ctx, caller, m, _model.show_message(m)) for m in found]
    return {"messages": messages, "has_more": bool(next_cursor), **_paging.metadata(next_cursor)}
