"""``reactions.*``: emoji reactions on messages, and each user's list of what they reacted to."""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, keyset
from . import _args, _events, _messages, _model, _paging
from ._auth import Caller, slack_method
from ._errors import slack_error

Record = dict[str, Any]

# emoji names are lowercase words with _ + - ' and an optional skin tone; Slack answers invalid_name
# for anything else. Any well-formed name is accepted, since workspaces add custom emoji freely.
_NAME = re.compile(r"[a-z0-9_+'-]+(::skin-tone-[2-6])?")


def _target(ctx: Context, caller: Caller) -> tuple[Record, Record]:
    channel_id = _args.text(ctx, "channel").strip()
    raw_ts = _args.text(ctx, "timestamp").strip()
    if not channel_id and not raw_ts:
        raise slack_error("no_item_specified")
    record = _model.channel(ctx, caller, channel_id, "history")
    return record, _messages.addressed(ctx, record, raw_ts)


def _name(ctx: Context) -> str:
    name = _args.text(ctx, "name").strip().strip(":")
    if not _NAME.fullmatch(name):
        raise slack_error("invalid_name")
    return name


def _remember(ctx: Context, user_id: str, key: str, add: bool) -> None:
    """Keep ``user_id``'s reacted-to messages newest first, each with an increasing sequence number that
    ``reactions.list`` cursors point at (stable when items come and go between two pages)."""
    index = ctx.state.collection("reactions_by_user")
    found = index.get(user_id) or {"items": [], "seq": 0}
    items = [item for item in found["items"] if item[1] != key]
    if add:
        found["seq"] += 1
        items.insert(0, [found["seq"], key])
    index.put(user_id, {"items": items, "seq": found["seq"]})


@slack_method("reactions.add")
def reactions_add(ctx: Context, caller: Caller) -> Record:
    record, message = _target(ctx, caller)
    name = _name(ctx)
    reactions: list[Record] = message.setdefault("reactions", [])
    found = next((r for r in reactions if r["name"] == name), None)
    if found is None:
        found = {"name": name, "users": [], "count": 0}
        reactions.append(found)
    if caller.user_id in found["users"]:
        raise slack_error("already_reacted")
    found["users"].append(caller.user_id)
    found["count"] = len(found["users"])
    _messages.save(ctx, message)
    _remember(ctx, caller.user_id, f"{record['id']}/{message['ts']}", add=True)
    _events.reaction(ctx, caller.user_id, name, record, message, added=True)
    return {}


@slack_method("reactions.remove")
def reactions_remove(ctx: Context, caller: Caller) -> Record:
    record, message = _target(ctx, caller)
    name = _name(ctx)
    reactions: list[Record] = message.get("reactions", [])
    found = next((r for r in reactions if r["name"] == name), None)
    if found is None or caller.user_id not in found["users"]:
        raise slack_error("no_reaction")
    found["users"].remove(caller.user_id)
    found["count"] = len(found["users"])
    message["reactions"] = [r for r in reactions if r["count"]]
    if not message["reactions"]:
        del message["reactions"]
    _messages.save(ctx, message)
    still = any(caller.user_id in r["users"] for r in message.get("reactions", ()))
    _remember(ctx, caller.user_id, f"{record['id']}/{message['ts']}", add=still)
    _events.reaction(ctx, caller.user_id, name, record, message, added=False)
    return {}


@slack_method("reactions.get")
def reactions_get(ctx: Context, caller: Caller) -> Record:
    record, message = _target(ctx, caller)
    return {"type": "message", "channel": record["id"], "message": _model.show_message(message)}


@slack_method("reactions.list")
def reactions_list(ctx: Context, caller: Caller) -> Record:
    """What ``user`` (default: the caller) reacted to, newest first, paged by cursor."""
    user_id = _args.text(ctx, "user").strip() or caller.user_id
    _model.user(ctx, user_id)
    items_by_seq: list[list[Any]] = (ctx.state.collection("reactions_by_user").get(user_id) or {}).get("items", [])
    limit = _paging.limit_of(ctx, default=100)
    position = _paging.decode(ctx, "reaction")
    if position is not None and not position.isdigit():
        raise slack_error("invalid_cursor")
    seq = None if position is None else int(position)
    page, following = keyset.page_from(items_by_seq, seq, limit, key=lambda item: item[0], descending=True)
    items = []
    for _seq, key in page:
        channel_id, ts = key.split("/", 1)
        message = _messages.get(ctx, channel_id, ts)
        if message is not None:
            items.append({"type": "message", "channel": channel_id, "message": _model.show_message(message)})
    return {"items": items, **_paging.metadata("" if following is None else _paging.encode("reaction", str(following)))}
