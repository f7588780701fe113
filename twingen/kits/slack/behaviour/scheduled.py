"""Scheduled messages: kept until their ``post_at`` passes on the twin clock, then posted like any other.

Delivery is lazy (whenever a conversation is read), which an observer cannot tell from a timer: a
message is only ever seen through a read.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _compose, _ids, _messages, _metadata, _model, _paging
from ._auth import Caller, slack_method
from ._errors import slack_error

Record = dict[str, Any]

MAX_AHEAD = 120 * 86_400  # Slack schedules at most 120 days ahead


def deliver_due(ctx: Context) -> None:
    scheduled = ctx.state.collection("scheduled")
    if not len(scheduled):
        return
    now = ctx.now()
    for item in scheduled.values():
        if item["post_at"] > now:
            continue
        scheduled.delete(item["id"])
        message: Record = {"type": "message", **item["_message"]}
        message["ts"] = _ids.new_ts(ctx.state, max(now, item["post_at"]))
        parent = _messages.get(ctx, item["channel_id"], item["_thread_ts"]) if item.get("_thread_ts") else None
        if parent is not None:
            message.update(thread_ts=parent["ts"], parent_user_id=parent.get("user", ""))
        _messages.add(ctx, item["channel_id"], message)
        if parent is not None:
            _compose.add_reply(ctx, parent, message)


@slack_method("chat.scheduleMessage")
def chat_schedule_message(ctx: Context, caller: Caller) -> Record:
    record = _compose.destination(ctx, caller)
    raw = _args.text(ctx, "post_at").strip()
    try:
        post_at = int(float(raw))
    except ValueError:
        raise slack_error("invalid_time") from None
    now = ctx.now()
    if post_at <= now:
        raise slack_error("time_in_past")
    if post_at > now + MAX_AHEAD:
        raise slack_error("time_too_far")
    fields = _metadata.attach(_compose.content(ctx), _metadata.from_call(ctx, caller))
    parent = _compose.thread_parent(ctx, record["id"], _args.text(ctx, "thread_ts").strip())
    scheduled_id = _ids.new_id(ctx.state, "Q")
    message = {**fields, **_model.author_fields(ctx, caller)}
    ctx.state.collection("scheduled").put(
        scheduled_id,
        {
            "id": scheduled_id,
            "channel_id": record["id"],
            "post_at": post_at,
            "date_created": int(now),
            "text": fields["text"],
            "_user": caller.user_id,
            "_message": message,
            "_thread_ts": parent["ts"] if parent else "",
        },
    )
    shown = _metadata.shown(message, {**_model.public(message), "type": "delayed_message"})
    return {"channel": record["id"], "scheduled_message_id": scheduled_id, "post_at": str(post_at), "message": shown}


@slack_method("chat.scheduledMessages.list")
def chat_scheduled_messages_list(ctx: Context, caller: Caller) -> Record:
    deliver_due(ctx)
    channel = _args.text(ctx, "channel").strip()
    oldest = _args.integer(ctx, "oldest", 0)
    latest = _args.integer(ctx, "latest", 0) or None
    scheduled = ctx.state.collection("scheduled")
    mine = [
        item["id"]
        for item in scheduled.values()
        if item["_user"] == caller.user_id
        and (not channel or item["channel_id"] == channel)
        and item["post_at"] >= oldest
        and (latest is None or item["post_at"] <= latest)
    ]
    page, next_cursor = _paging.page_of_keys(ctx, sorted(mine), "scheduled", default_limit=100)
    items = [_model.public(item) for key in page if (item := scheduled.get(key))]
    return {"scheduled_messages": items, **_paging.metadata(next_cursor)}


@slack_method("chat.deleteScheduledMessage")
def chat_delete_scheduled_message(ctx: Context, caller: Caller) -> Record:
    deliver_due(ctx)
    record = _model.channel(ctx, caller, _args.text(ctx, "channel").strip())
    scheduled = ctx.state.collection("scheduled")
    item = scheduled.get(_args.text(ctx, "scheduled_message_id").strip())
    if item is None or item["channel_id"] != record["id"] or item["_user"] != caller.user_id:
        raise slack_error("invalid_scheduled_message_id")
    scheduled.delete(item["id"])
    return {}
