"""``agents.*``: code channels for agent sessions (views, commands, properties, a canvas) and session status.

The seeded app is treated as a recognised agent-session app, so it may create code channels (Slack
answers ``feature_disabled`` to other apps). A code channel is an ordinary channel with agent data
kept under ``_agent``; the ``agents.conversations.*`` methods answer ``not_agent_channel`` for any other.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, VendorError
from . import _args, _ids, _messages, _model, _platform
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error
from .canvases import sections_of

Record = dict[str, Any]

MAX_VIEWS = 5
VIEW_TYPES = ("html", "diff", "block_kit", "canvas", "pull_request")
_NEEDS = {"html": "content", "diff": "content", "block_kit": "blocks", "canvas": "canvas_id", "pull_request": "pr_url"}
STATUSES = ("active", "processing", "suspended", "closed")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-")[:70] or "agent-session"


@slack_method("agents.conversations.create", scopes=())
def agents_conversations_create(ctx: Context, caller: Caller) -> Record:
    channels = ctx.state.collection("channels")
    session_id = _args.text(ctx, "session_id").strip()
    if session_id:
        existing = next((c for c in channels.values() if (c.get("_agent") or {}).get("session_id") == session_id), None)
        if existing is not None:
            if not _model.visible(existing, caller):
                raise slack_error("channel_not_viewable")
            return {"channel_id": existing["id"]}
    origin_channel, origin_ts = _args.text(ctx, "origin_channel_id").strip(), _args.text(ctx, "origin_message_ts")
    invitees = [caller.user_id]
    name = _args.text(ctx, "name").strip()
    if origin_channel or origin_ts:
        message = _origin(ctx, caller, origin_channel, origin_ts)
        invitees.append(str(message.get("user", "")))
        name = name or str(message.get("text", ""))[:60]
    if not name:
        raise slack_error("name_or_origin_required")
    base, taken = _slug(name), {c.get("name") for c in channels.values()}
    slug, n = base, 1
    while slug in taken:  # code channels get unique names, as conversations.create would require
        n += 1
        slug = f"{base}-{n}"
    channel_id = _ids.new_id(ctx.state, "C")
    kind = "private" if _args.flag(ctx, "is_private") else "public"
    record = _model.new_channel_record(caller.team_id, channel_id, slug, kind, caller.user_id, int(ctx.now()))
    record["_members"] = list(dict.fromkeys(u for u in invitees if u))
    record["_agent"] = {"session_id": session_id, "views": {}, "commands": [], "properties": {}, "title": name}
    channels.put(channel_id, record)
    for member in record["_members"]:
        _messages.post_system(ctx, channel_id, member, "channel_join", f"<@{member}> has joined the channel")
    return {"channel_id": channel_id}


def _origin(ctx: Context, caller: Caller, channel_id: str, raw_ts: str) -> Record:
    ts = _ids.normalise_ts(raw_ts)
    try:
        channel = _model.channel(ctx, caller, channel_id, "history")
    except VendorError:
        raise slack_error("invalid_origin_link") from None
    message = _messages.get(ctx, channel["id"], ts) if ts else None
    if message is None:
        raise slack_error("invalid_origin_link")
    return message


def _code_channel(ctx: Context, caller: Caller, name: str = "channel_id") -> Record:
    channel = _platform.channel(ctx, caller, name)
    if "_agent" not in channel:
        raise slack_error("not_agent_channel")
    if not _model.is_member(channel, caller.user_id):
        raise slack_error("not_authorized")
    return channel


def _save(ctx: Context, channel: Record) -> None:
    ctx.state.collection("channels").put(channel["id"], channel)


@slack_method("agents.conversations.archive", scopes=())
def agents_conversations_archive(ctx: Context, caller: Caller) -> Record:
    channel = _code_channel(ctx, caller)
    if not channel.get("is_archived"):
        _messages.post_system(ctx, channel["id"], caller.user_id, "channel_archive", "archived the channel")
        channel["is_archived"] = True
        _save(ctx, channel)
    return {"channel_id": channel["id"]}


@slack_method("agents.conversations.setView", scopes=())
def agents_conversations_set_view(ctx: Context, caller: Caller) -> Record:
    channel = _code_channel(ctx, caller)
    kind = _args.text(ctx, "type").strip() or "html"
    if kind not in VIEW_TYPES:
        raise slack_error("invalid_view_type")
    if not _args.text(ctx, _NEEDS[kind]).strip() and not ctx.params.get(_NEEDS[kind]):
        raise slack_error("missing_required_arg")
    if len(_args.text(ctx, "content").encode()) > 1_000_000:
        raise slack_error("content_too_large")
    key = "diff" if kind == "diff" else _args.text(ctx, "view_key").strip()
    if not key:
        raise slack_error("missing_required_arg")
    views: Record = channel["_agent"]["views"]
    current = views.get(key)
    if current is not None and current["owner"] != caller.user_id:
        raise slack_error("not_view_owner")
    if current is None and len(views) >= MAX_VIEWS:
        raise slack_error("too_many_views")
    canvas_id = _args.text(ctx, "canvas_id").strip() if kind == "canvas" else ""
    if canvas_id and ctx.state.collection("canvases").get(canvas_id) is None:
        raise slack_error("canvas_not_found")
    view = {
        "view_id": current["view_id"] if current else "Ct" + _ids.new_id(ctx.state, "")[1:],
        "view_key": key,
        "type": kind,
        "name": _args.text(ctx, "name") or _args.text(ctx, "label") or key.rsplit("/", 1)[-1].removesuffix(".html"),
        "content_version": (current["content_version"] + 1) if current else 1,
        "owner": caller.user_id,
        "content": _args.text(ctx, "content"),
        "blocks": _platform.json_arg(ctx, "blocks") or [],
        "canvas_id": canvas_id,
        "pr_url": _args.text(ctx, "pr_url"),
    }
    views[key] = view
    _save(ctx, channel)
    answer = {"channel_id": channel["id"], "view_id": view["view_id"], "content_version": view["content_version"]}
    if canvas_id:
        answer.update(file_id=canvas_id, canvas_id=canvas_id)
    return {**answer, "type": kind}


@slack_method("agents.conversations.listViews", scopes=())
def agents_conversations_list_views(ctx: Context, caller: Caller) -> Record:
    channel = _code_channel(ctx, caller)
    keep = ("view_id", "view_key", "type", "name", "content_version", "canvas_id", "pr_url")
    views = [{k: v[k] for k in keep if v.get(k)} for v in channel["_agent"]["views"].values()]
    return {"channel_id": channel["id"], "views": views}


@slack_method("agents.conversations.removeView", scopes=())
def agents_conversations_remove_view(ctx: Context, caller: Caller) -> Record:
    channel = _code_channel(ctx, caller)
    key, view_id = _args.text(ctx, "view_key").strip(), _args.text(ctx, "view_id").strip()
    if bool(key) == bool(view_id):
        raise invalid_arguments("Exactly one of view_key or view_id must be provided.")
    views: Record = channel["_agent"]["views"]
    found = views.get(key) if key else next((v for v in views.values() if v["view_id"] == view_id), None)
    if found is None:
        raise slack_error("view_not_found")
    if found["owner"] != caller.user_id:
        raise slack_error("not_view_owner")
    del views[found["view_key"]]
    _save(ctx, channel)
    return {"channel_id": channel["id"], "view_id": found["view_id"]}


@slack_method("agents.conversations.setCommands", scopes=())
def agents_conversations_set_commands(ctx: Context, caller: Caller) -> Record:
    channel = _code_channel(ctx, caller)
    commands = _platform.json_arg(ctx, "commands")
    if not isinstance(commands, list) or not all(isinstance(c, dict) and c.get("name") for c in commands):
        raise invalid_arguments("commands must be an array of objects with a name")
    channel["_agent"]["commands"] = commands
    _save(ctx, channel)
    return {"channel_id": channel["id"]}


@slack_method("agents.conversations.setProperties", scopes=())
def agents_conversations_set_properties(ctx: Context, caller: Caller) -> Record:
    channel = _code_channel(ctx, caller)
    for name in ("code_channel", "agent_resource"):
        value = _platform.json_arg(ctx, name)
        if value is not None:
            if not isinstance(value, dict):
                raise invalid_arguments(f"{name} must be an object")
            channel["_agent"]["properties"][name] = value
    _save(ctx, channel)
    return {"channel_id": channel["id"]}


def _attached_canvas(ctx: Context, caller: Caller) -> tuple[Record, Record]:
    channel = _code_channel(ctx, caller, "channel")
    canvas_id = _platform.need(ctx, "canvas_id")
    attached = any(v.get("canvas_id") == canvas_id for v in channel["_agent"]["views"].values())
    canvas: Record | None = ctx.state.collection("canvases").get(canvas_id)
    if canvas is None or not attached:
        raise slack_error("canvas_not_found")
    return channel, canvas


@slack_method("agents.conversations.getCanvas", scopes=())
def agents_conversations_get_canvas(ctx: Context, caller: Caller) -> Record:
    _, canvas = _attached_canvas(ctx, caller)
    markdown = "\n\n".join(s["markdown"] for s in canvas["_sections"])
    return {"canvas_id": canvas["id"], "title": canvas["title"], "content": markdown}


@slack_method("agents.conversations.setCanvasContent", scopes=())
def agents_conversations_set_canvas_content(ctx: Context, caller: Caller) -> Record:
    _, canvas = _attached_canvas(ctx, caller)
    canvas["_sections"] = sections_of(ctx, _platform.need(ctx, "content"))
    ctx.state.collection("canvases").put(canvas["id"], canvas)
    return {"canvas_id": canvas["id"]}


# -- sessions ---------------------------------------------------------------------------------------


def _session(ctx: Context, caller: Caller) -> tuple[str, Record]:
    channel = _platform.channel(ctx, caller)
    if not _model.is_member(channel, caller.user_id):
        raise slack_error("not_authorized")
    thread_ts = _args.text(ctx, "thread_ts").strip()
    if "_agent" in channel and thread_ts:
        raise slack_error("thread_ts_not_allowed")
    if "_agent" not in channel and not thread_ts:
        raise slack_error("thread_ts_required")
    key = channel["id"] + (f":{thread_ts}" if thread_ts else "")
    return key, ctx.state.collection("agent_sessions").get(key) or {}


@slack_method("agents.sessions.setStatus", scopes=())
def agents_sessions_set_status(ctx: Context, caller: Caller) -> Record:
    status = _platform.need(ctx, "status")
    if status not in STATUSES:
        raise slack_error("invalid_status")
    key, session = _session(ctx, caller)
    if not session:
        initiator = _args.text(ctx, "initiator_user_id").strip()
        if initiator:
            _model.user(ctx, initiator)
        session = {"title": _args.text(ctx, "title")[:200], "initiator_user_id": initiator}
    session["status"] = status
    ctx.state.collection("agent_sessions").put(key, session)
    return {"status": status, "agent_status": status, "title": session["title"]}


@slack_method("agents.sessions.rename", scopes=())
def agents_sessions_rename(ctx: Context, caller: Caller) -> Record:
    title = _platform.need(ctx, "title")[:200]
    key, session = _session(ctx, caller)
    session.setdefault("status", "active")
    session["title"] = title
    ctx.state.collection("agent_sessions").put(key, session)
    return {"title": title}
