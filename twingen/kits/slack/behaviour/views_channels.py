"""Views of a Slack workspace as its members see it: the channel list, and a channel with its messages, threads,
reactions, files and pins (``/_twin/views/channels``, ``/_twin/views/channel?id=C...``).

They read the stored records (``_model``, ``_messages``); nothing here changes state.
"""

from __future__ import annotations

from typing import Any

from ..runtime import view
from ..runtime.control.ui.html import Child, Safe, h
from ..runtime.control.ui.views import ViewContext

Record = dict[str, Any]
_KIND_LABEL = {"public": "public channel", "private": "private channel", "im": "direct message", "mpim": "group DM"}


def user_link(ctx: ViewContext, user_id: object) -> Child:
    """A user's name linking to their view (the id when the workspace has no such user)."""
    if not user_id:
        return None
    found = ctx.state.collection("users").get(str(user_id))
    name = (found.get("real_name") or found.get("name")) if found else None
    return ctx.link("user", str(name or user_id), id=user_id)


def channel_name(ctx: ViewContext, channel: Record) -> str:
    kind = channel.get("_kind", "")
    if kind == "im":
        other = ctx.state.collection("users").get(str(channel.get("user", "")))
        return "@" + str((other or {}).get("name") or channel.get("user", ""))
    if kind == "mpim":
        return str(channel.get("name") or channel.get("id"))
    return "#" + str(channel.get("name") or channel.get("id"))


def _messages_by_channel(ctx: ViewContext) -> dict[str, list[Record]]:
    grouped: dict[str, list[Record]] = {}
    for _key, message in ctx.state.collection("messages").scan():  # read-only: the view copies nothing
        grouped.setdefault(str(message.get("_channel", "")), []).append(message)
    for listing in grouped.values():
        listing.sort(key=lambda m: str(m.get("ts", "")))
    return grouped


@view("channels", title="Channels and DMs")
def channels_view(ctx: ViewContext) -> Safe:
    counts = {channel: len(found) for channel, found in _messages_by_channel(ctx).items()}
    rows = []
    for channel in ctx.state.collection("channels").values():
        kind = str(channel.get("_kind", ""))
        topic = (channel.get("topic") or {}).get("value", "")
        rows.append(
            (
                ctx.link("channel", channel_name(ctx, channel), id=channel["id"]),
                ctx.id(channel["id"]),
                _KIND_LABEL.get(kind, kind) + (" (archived)" if channel.get("is_archived") else ""),
                str(len(channel.get("_members", ()))),
                str(counts.get(channel["id"], 0)),
                str(len(channel.get("_pins", ()))),
                topic,
            )
        )
    columns = ("channel", "id", "kind", "members", "messages", "pins", "topic")
    return ctx.table(columns, rows, id="channels")


@view("channel", title="Channel", listed=False)
def channel_view(ctx: ViewContext) -> Safe:
    channel_id = ctx.params.get("id", "")
    channel = ctx.state.collection("channels").get(channel_id)
    if channel is None:
        ctx.missing(f"no channel {channel_id!r} in this tenant")
    ctx.title = channel_name(ctx, channel)
    messages = _messages_by_channel(ctx).get(channel_id, [])
    replies: dict[str, list[Record]] = {}
    for message in messages:
        thread = message.get("thread_ts")
        if thread and thread != message.get("ts"):
            replies.setdefault(str(thread), []).append(message)
    pinned = {str(pin.get("ts")) for pin in channel.get("_pins", ())}
    top = [m for m in messages if not m.get("thread_ts") or m.get("thread_ts") == m.get("ts")]
    top += [m for m in messages if m.get("subtype") == "thread_broadcast"]
    top.sort(key=lambda m: str(m.get("ts", "")))
    shown = [_message(ctx, m, pinned, replies.get(str(m.get("ts")), [])) for m in top]
    return h(
        "div",
        None,
        _about(ctx, channel),
        h("h3", None, f"Messages ({len(messages)})"),
        h("div", {"id": "messages"}, shown or h("p", {"class_": "muted"}, "No messages yet.")),
        ctx.json({k: v for k, v in channel.items()}),
    )


def _about(ctx: ViewContext, channel: Record) -> Safe:
    members = [h("span", None, user_link(ctx, m), " ") for m in channel.get("_members", ())]
    topic = (channel.get("topic") or {}).get("value", "")
    purpose = (channel.get("purpose") or {}).get("value", "")
    kind = str(channel.get("_kind", ""))
    facts: list[Child] = [
        h(
            "p",
            None,
            ctx.id(channel["id"]),
            " ",
            _KIND_LABEL.get(kind, kind),
            " · created ",
            ctx.when(channel["created"]),
        ),
        h("p", None, "topic: ", topic) if topic else None,
        h("p", None, "purpose: ", purpose) if purpose else None,
        h("p", None, "created by ", user_link(ctx, channel.get("creator"))) if channel.get("creator") else None,
        h("p", None, f"members ({len(channel.get('_members', ()))}): ", members),
    ]
    return h("div", {"class_": "about"}, facts)


def _message(ctx: ViewContext, message: Record, pinned: set[str], thread: list[Record]) -> Safe:
    ts = str(message.get("ts", ""))
    who = user_link(ctx, message.get("user")) or message.get("username") or message.get("bot_id") or "?"
    tags: list[Child] = []
    if message.get("subtype"):
        tags.append(h("span", {"class_": "tag"}, message["subtype"]))
    if message.get("edited"):
        tags.append(h("span", {"class_": "tag"}, "edited"))
    if ts in pinned:
        tags.append(h("span", {"class_": "pin"}, " pinned"))
    reactions = [
        h("span", {"class_": "reaction", "title": " ".join(r.get("users", ()))}, f":{r.get('name')}: {r.get('count')}")
        for r in message.get("reactions", ())
    ]
    files = [_file(ctx, f) for f in message.get("files", ())]
    replies = [_message(ctx, r, pinned, []) for r in thread]
    return h(
        "div",
        {"class_": "msg", "id": f"m{ts}", "data_ts": ts},
        h(
            "div",
            {"class_": "body"},
            h("span", {"class_": "who"}, who),
            " ",
            h("span", {"class_": "muted"}, ctx.when(ts)),
            " ",
            ctx.id(ts),
            tags,
            h("div", {"class_": "text"}, str(message.get("text", ""))),
            h("div", None, files) if files else None,
            h("div", None, reactions) if reactions else None,
            h("div", {"class_": "thread"}, h("p", {"class_": "muted"}, f"{len(replies)} replies"), replies)
            if replies
            else None,
        ),
    )


def _file(ctx: ViewContext, shown: Record) -> Safe:
    file_id = str(shown.get("id", ""))
    record = ctx.state.collection("files").get(file_id) or shown
    name = str(record.get("title") or record.get("name") or file_id)
    return h(
        "div",
        {"class_": "file"},
        h("span", {"class_": "tag"}, "file"),
        " ",
        name,
        " ",
        ctx.id(file_id),
        h("span", {"class_": "muted"}, f" {record.get('pretty_type', '')} {record.get('size', '')} bytes"),
    )
