"""``stars.*``: a user's saved items (messages, files, conversations), newest first."""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _files, _ids, _messages, _model, _paging
from ._auth import Caller, slack_method
from ._errors import slack_error

Record = dict[str, Any]


def _item(ctx: Context, caller: Caller) -> tuple[str, Record]:
    """(key, item) of what the arguments name: a file, a message (channel + timestamp) or a conversation."""
    file_id = _args.text(ctx, "file").strip()
    channel_id = _args.text(ctx, "channel").strip()
    raw_ts = _args.text(ctx, "timestamp").strip()
    if _args.text(ctx, "file_comment").strip():
        raise slack_error("file_comment_not_found")  # file comments no longer exist on Slack
    if file_id:
        _files.find(ctx, caller, file_id)
        return f"file:{file_id}", {"type": "file", "file": file_id}
    if not channel_id:
        raise slack_error("no_item_specified")
    channel = _model.channel(ctx, caller, channel_id, "read")
    if not raw_ts:
        return f"channel:{channel['id']}", {
            "type": "channel" if channel["_kind"] != "im" else "im",
            "channel": channel["id"],
        }
    ts = _ids.normalise_ts(raw_ts)
    if ts is None:
        raise slack_error("bad_timestamp")
    message = _messages.get(ctx, channel["id"], ts)
    if message is None or message.get("subtype") == "tombstone":
        raise slack_error("message_not_found")
    return f"message:{channel['id']}/{ts}", {"type": "message", "channel": channel["id"], "ts": ts}


def _saved(ctx: Context, user_id: str) -> list[Record]:
    found: list[Record] = (ctx.state.collection("stars").get(user_id) or {}).get("items", [])
    return found


@slack_method("stars.add")
def stars_add(ctx: Context, caller: Caller) -> Record:
    key, item = _item(ctx, caller)
    items = _saved(ctx, caller.user_id)
    if any(i["key"] == key for i in items):
        raise slack_error("already_starred")
    seq = max((i["seq"] for i in items), default=0) + 1
    items.insert(0, {"key": key, "seq": seq, "date_create": int(ctx.now()), **item})
    ctx.state.collection("stars").put(caller.user_id, {"items": items})
    return {}


@slack_method("stars.remove")
def stars_remove(ctx: Context, caller: Caller) -> Record:
    key, _item_record = _item(ctx, caller)
    items = _saved(ctx, caller.user_id)
    if not any(i["key"] == key for i in items):
        raise slack_error("not_starred")
    ctx.state.collection("stars").put(caller.user_id, {"items": [i for i in items if i["key"] != key]})
    return {}


def _show(ctx: Context, caller: Caller, item: Record) -> Record | None:
    shown: Record = {"type": item["type"], "date_create": item["date_create"]}
    if item["type"] == "file":
        record = ctx.state.collection("files").get(item["file"])
        if record is None or record["_deleted"]:
            return None
        shown["file"] = _files.show(ctx, record)
    elif item["type"] == "message":
        message = _messages.get(ctx, item["channel"], item["ts"])
        if message is None:
            return None
        shown.update(channel=item["channel"], message=_model.show_message(message))
    else:
        shown["channel"] = item["channel"]
    return shown


@slack_method("stars.list")
def stars_list(ctx: Context, caller: Caller) -> Record:
    """Newest first; paged by ``limit``/``cursor`` or, the older way, ``count``/``page`` with ``paging``."""
    shown = [(i["seq"], s) for i in _saved(ctx, caller.user_id) if (s := _show(ctx, caller, i)) is not None]
    if _args.text(ctx, "cursor") or _args.text(ctx, "limit"):
        # the cursor names a save's sequence number, so saves and unsaves between pages skip nothing
        by_key = {f"{seq:08d}": item for seq, item in shown}
        page, next_cursor = _paging.page_of_keys_desc(ctx, list(by_key), "star", default_limit=100)
        return {"items": [by_key[k] for k in page], **_paging.metadata(next_cursor)}
    items = [item for _seq, item in shown]
    count = max(1, min(_args.integer(ctx, "count", 100), 1000))
    page_no = max(1, _args.integer(ctx, "page", 1))
    paging = {"count": count, "total": len(items), "page": page_no, "pages": max(1, -(-len(items) // count))}
    return {"items": items[(page_no - 1) * count : page_no * count], "paging": paging}
