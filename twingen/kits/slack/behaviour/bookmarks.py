"""``bookmarks.*``: links saved at the top of a conversation (the bookmarks bar)."""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context
from . import _args, _ids, _model
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]

MAX_BOOKMARKS = 100  # Slack's limit per channel (``too_many_bookmarks``)
_EMOJI = re.compile(r":?[a-z0-9_+'-]+(::skin-tone-[2-6])?:?")
_RANKS = "abcdefghijklmnopqrstuvwxyz"


def _channel(ctx: Context, caller: Caller) -> Record:
    channel_id = _args.text(ctx, "channel_id").strip()
    return _model.channel(ctx, caller, channel_id, "read")


def _in_channel(ctx: Context, channel_id: str) -> list[Record]:
    found = [b for b in ctx.state.collection("bookmarks").values() if b["channel_id"] == channel_id]
    return sorted(found, key=lambda b: (b["rank"], b["id"]))


def _check_fields(ctx: Context, record: Record) -> None:
    link = _args.text(ctx, "link").strip()
    if link:
        if not link.startswith(("http://", "https://")):
            raise slack_error("invalid_link")
        record["link"] = link
    emoji = _args.text(ctx, "emoji").strip()
    if emoji:
        if not _EMOJI.fullmatch(emoji):
            raise slack_error("invalid_emoji")
        record["emoji"] = f":{emoji.strip(':')}:"
    title = _args.text(ctx, "title")
    if title:
        record["title"] = title


def _find(ctx: Context, caller: Caller) -> tuple[Record, Record]:
    channel = _channel(ctx, caller)
    bookmark_id = _args.text(ctx, "bookmark_id").strip()
    if not bookmark_id:
        # a required argument left out is Slack's generic invalid_arguments; not_found is for an unknown id
        raise invalid_arguments("missing required field: bookmark_id")
    record = ctx.state.collection("bookmarks").get(bookmark_id)
    if record is None or record["channel_id"] != channel["id"]:
        raise slack_error("not_found")
    return channel, record


@slack_method("bookmarks.add")
def bookmarks_add(ctx: Context, caller: Caller) -> Record:
    """Only ``link`` bookmarks can be made through the API; the link must be http(s)."""
    channel = _channel(ctx, caller)
    if channel.get("is_archived"):
        raise slack_error("channel_not_found")
    kind = _args.text(ctx, "type").strip()
    if kind != "link":
        raise slack_error("invalid_bookmark_type")
    if not _args.text(ctx, "link").strip():
        raise slack_error("invalid_link")
    existing = _in_channel(ctx, channel["id"])
    if len(existing) >= MAX_BOOKMARKS:
        raise slack_error("too_many_bookmarks")
    now = int(ctx.now())
    record: Record = {
        "id": _ids.new_id(ctx.state, "Bk"),
        "channel_id": channel["id"],
        "title": "",
        "link": "",
        "emoji": None,
        "icon_url": None,
        "type": "link",
        "entity_id": None,
        "date_created": now,
        "date_updated": 0,
        "rank": _RANKS[min(len(existing), len(_RANKS) - 1)] * (1 + len(existing) // len(_RANKS)),
        "last_updated_by_user_id": caller.user_id,
        "last_updated_by_team_id": caller.team_id,
        "shortcut_id": None,
        "app_id": None,
    }
    _check_fields(ctx, record)
    if not record["title"]:
        raise invalid_arguments("missing required field: title")
    ctx.state.collection("bookmarks").put(record["id"], record)
    return {"bookmark": record}


@slack_method("bookmarks.edit")
def bookmarks_edit(ctx: Context, caller: Caller) -> Record:
    _channel_record, record = _find(ctx, caller)
    _check_fields(ctx, record)
    record.update(
        date_updated=int(ctx.now()), last_updated_by_user_id=caller.user_id, last_updated_by_team_id=caller.team_id
    )
    ctx.state.collection("bookmarks").put(record["id"], record)
    return {"bookmark": record}


@slack_method("bookmarks.remove")
def bookmarks_remove(ctx: Context, caller: Caller) -> Record:
    _channel_record, record = _find(ctx, caller)
    ctx.state.collection("bookmarks").delete(record["id"])
    return {}


@slack_method("bookmarks.list")
def bookmarks_list(ctx: Context, caller: Caller) -> Record:
    """In bar order (``rank``); Slack does not page this list."""
    channel = _channel(ctx, caller)
    return {"bookmarks": _in_channel(ctx, channel["id"])}
