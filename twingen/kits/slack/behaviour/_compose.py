"""Building and posting messages: content rules, where a message may go, and thread bookkeeping."""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _ids, _messages, _model
from ._auth import Caller
from ._errors import slack_error

Record = dict[str, Any]

MAX_TEXT = 40_000  # Slack truncates display at 4,000 but rejects only past 40,000 characters
MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_ATTACHMENTS = 100


def content(ctx: Context) -> Record:
    """``text``/``blocks``/``attachments`` of a new message; ``no_text`` when all are missing."""
    return content_of(_args.text(ctx, "text"), _args.json_value(ctx, "blocks"), _args.json_value(ctx, "attachments"))


def content_of(text: str, blocks: Any, attachments: Any) -> Record:
    """The same rules for content that arrived otherwise (an incoming webhook's JSON payload)."""
    if blocks is not None:
        _check_blocks(blocks)
    if attachments is not None and not isinstance(attachments, list):
        raise slack_error("invalid_attachments")
    if attachments is not None and len(attachments) > MAX_ATTACHMENTS:
        raise slack_error("too_many_attachments")
    if not text and not blocks and not attachments:
        raise slack_error("no_text")
    if len(text) > MAX_TEXT:
        raise slack_error("msg_too_long")
    found: Record = {"text": text}
    if blocks:
        found["blocks"] = blocks
    if attachments:
        found["attachments"] = [{"id": i + 1, **a} for i, a in enumerate(attachments)]
    return found


def _check_blocks(blocks: Any) -> None:
    problems: list[str] = []
    if not isinstance(blocks, list):
        problems.append("must be an array [json-pointer:/blocks]")
    elif len(blocks) > MAX_BLOCKS:
        problems.append(f"no more than {MAX_BLOCKS} items allowed [json-pointer:/blocks]")
    else:
        for i, block in enumerate(blocks):
            if not isinstance(block, dict) or not isinstance(block.get("type"), str):
                problems.append(f"missing required field: type [json-pointer:/blocks/{i}]")
                continue
            text = block.get("text")
            if isinstance(text, dict) and len(str(text.get("text", ""))) > MAX_SECTION_TEXT:
                problems.append(f"must be less than 3001 characters [json-pointer:/blocks/{i}/text/text]")
    if problems:
        raise slack_error(
            "invalid_blocks", errors=problems, response_metadata={"messages": [f"[ERROR] {p}" for p in problems]}
        )


def destination(ctx: Context, caller: Caller, name: str = "channel") -> Record:
    """Where a message goes: a conversation id, ``#name``, or a user id (their DM with the caller).

    Checks Slack's posting rules: not archived, and the caller in it unless it is a public channel and
    the token holds ``chat:write.public``.
    """
    target = _args.text(ctx, name).strip()
    if target.startswith(("U", "W")) and ctx.state.collection("users").get(target) is not None:
        record = _dm_with(ctx, caller, target)
    else:
        # ids first: a name lookup scans every channel, and nearly every caller passes an id
        known = target in ctx.state.collection("channels")
        record = _model.channel(ctx, caller, target if known else _by_name(ctx, target.lstrip("#")) or target)
    if record.get("is_archived"):
        raise slack_error("is_archived")
    public_ok = _model.kind_of(record) == "public" and caller.has("chat:write.public")
    if not _model.is_member(record, caller.user_id) and not public_ok:
        raise slack_error("not_in_channel")
    return record


def _by_name(ctx: Context, name: str) -> str:
    for record in ctx.state.collection("channels").values():
        if record.get("name") == name and record["_kind"] in ("public", "private"):
            return str(record["id"])
    return ""


def _dm_with(ctx: Context, caller: Caller, user_id: str) -> Record:
    members = sorted({caller.user_id, user_id})
    for record in ctx.state.collection("channels").values():
        if record["_kind"] == "im" and sorted(record["_members"]) == members:
            return record
    record = _model.new_im_record(caller.team_id, _ids.new_id(ctx.state, "D"), caller.user_id, user_id, int(ctx.now()))
    ctx.state.collection("channels").put(record["id"], record)
    return record


def thread_parent(ctx: Context, channel_id: str, thread_ts: str) -> Record | None:
    """The parent a reply goes under: ``thread_ts`` may name a reply, Slack then uses its thread."""
    if not thread_ts:
        return None
    ts = _ids.normalise_ts(thread_ts)
    found = _messages.get(ctx, channel_id, ts) if ts else None
    if found is None:
        raise slack_error("thread_not_found")
    if found.get("thread_ts") and found["thread_ts"] != found["ts"]:
        found = _messages.get(ctx, channel_id, found["thread_ts"])
    return found


def post(ctx: Context, caller: Caller, record: Record, fields: Record, parent: Record | None) -> Record:
    """Store a new message from the caller in ``record``; a reply also updates its parent."""
    message: Record = {"type": "message", **fields, **_model.author_fields(ctx, caller)}
    message["ts"] = _ids.new_ts(ctx.state, ctx.now())
    if parent is not None:
        message["thread_ts"] = parent["ts"]
        message["parent_user_id"] = parent.get("user", "")
        if _args.flag(ctx, "reply_broadcast"):
            message["subtype"] = "thread_broadcast"
            message["root"] = _model.show_message(parent)
    _messages.add(ctx, record["id"], message)
    if parent is not None:
        add_reply(ctx, parent, message)
    return message


def add_reply(ctx: Context, parent: Record, reply: Record) -> None:
    users: list[str] = parent.get("reply_users", [])
    if reply["user"] not in users:
        users.append(reply["user"])
    parent.update(
        thread_ts=parent["ts"],
        reply_count=parent.get("reply_count", 0) + 1,
        reply_users_count=len(users),
        reply_users=users,
        latest_reply=reply["ts"],
        is_locked=False,
        subscribed=False,
    )
    _messages.save(ctx, parent)


def drop_reply(ctx: Context, parent: Record, reply: Record) -> None:
    """Undo ``add_reply`` after a reply is deleted, recomputing from the replies that are left."""
    left = [
        m
        for ts in _messages.replies(ctx, parent["_channel"], parent["ts"])
        if (m := _messages.get(ctx, parent["_channel"], ts))
    ]
    if not left:
        for key in ("reply_count", "reply_users_count", "reply_users", "latest_reply", "is_locked", "subscribed"):
            parent.pop(key, None)
        if parent.get("subtype") != "tombstone":
            parent.pop("thread_ts", None)
    else:
        users = list(dict.fromkeys(m["user"] for m in left))
        parent.update(
            reply_count=len(left), reply_users=users, reply_users_count=len(users), latest_reply=left[-1]["ts"]
        )
    _messages.save(ctx, parent)
