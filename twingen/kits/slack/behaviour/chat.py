"""``chat.*``: posting, editing and deleting messages, ephemeral messages and permalinks."""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _compose, _ids, _messages, _metadata, _model
from ._auth import Caller, slack_method
from ._errors import slack_error

Record = dict[str, Any]


@slack_method("chat.postMessage")
def chat_post_message(ctx: Context, caller: Caller) -> Record:
    record = _compose.destination(ctx, caller)
    fields = _metadata.attach(_compose.content(ctx), _metadata.from_call(ctx, caller))
    if caller.is_bot and _args.text(ctx, "username"):
        fields["username"] = _args.text(ctx, "username")
    parent = _compose.thread_parent(ctx, record["id"], _args.text(ctx, "thread_ts").strip())
    message = _compose.post(ctx, caller, record, fields, parent)
    shown = _metadata.shown(message, _model.show_message(message))
    return {"channel": record["id"], "ts": message["ts"], "message": shown}


@slack_method("chat.meMessage")
def chat_me_message(ctx: Context, caller: Caller) -> Record:
    record = _compose.destination(ctx, caller)
    text = _args.text(ctx, "text")
    if not text:
        raise slack_error("no_text")
    message = _compose.post(ctx, caller, record, {"subtype": "me_message", "text": text}, None)
    return {"channel": record["id"], "ts": message["ts"]}


@slack_method("chat.postEphemeral")
def chat_post_ephemeral(ctx: Context, caller: Caller) -> Record:
    """Seen only by ``user`` and never stored, so it is in no history; it still takes a ts."""
    record = _compose.destination(ctx, caller)
    user_id = _args.text(ctx, "user").strip()
    _model.user(ctx, user_id)
    if not _model.is_member(record, user_id):
        raise slack_error("user_not_in_channel")
    _compose.content(ctx)
    return {"message_ts": _ids.new_ts(ctx.state, ctx.now())}


def _message(ctx: Context, caller: Caller, ts_arg: str = "ts") -> tuple[Record, Record]:
    record = _model.channel(ctx, caller, _args.text(ctx, "channel").strip(), "history")
    ts = _ids.normalise_ts(_args.text(ctx, ts_arg))
    message = _messages.get(ctx, record["id"], ts) if ts else None
    if message is None or message.get("subtype") == "tombstone":
        raise slack_error("message_not_found")
    return record, message


@slack_method("chat.update")
def chat_update(ctx: Context, caller: Caller) -> Record:
    """Only the author may edit a message, admins included (``cant_update_message``)."""
    record, message = _message(ctx, caller)
    if message.get("user") != caller.user_id or message.get("subtype") not in (None, "thread_broadcast", "me_message"):
        raise slack_error("cant_update_message")
    if record.get("is_archived"):
        raise slack_error("is_archived")
    fields = _metadata.attach(_compose.content(ctx), _metadata.from_call(ctx, caller))
    message["text"] = fields["text"]
    for key in ("blocks", "attachments", _metadata.KEY):
        if key in fields:
            message[key] = fields[key]
    message["edited"] = {"user": caller.user_id, "ts": _ids.new_ts(ctx.state, ctx.now())}
    _messages.save(ctx, message)
    shown = _metadata.shown(message, _model.show_message(message))
    return {"channel": record["id"], "ts": message["ts"], "text": message["text"], "message": shown}


@slack_method("chat.delete")
def chat_delete(ctx: Context, caller: Caller) -> Record:
    """Authors delete their own messages; admins (user tokens) anyone's; bots only their own.

    A parent with replies becomes a tombstone, as on Slack, so its thread stays readable.
    """
    record, message = _message(ctx, caller)
    own = message.get("user") == caller.user_id
    if not own and (caller.is_bot or not caller.is_admin):
        raise slack_error("cant_delete_message")
    if record.get("is_archived"):
        raise slack_error("is_archived")
    forget(ctx, record, message)
    return {"channel": record["id"], "ts": message["ts"]}


def forget(ctx: Context, record: Record, message: Record) -> None:
    pins = record.get("_pins", [])
    if any(pin["ts"] == message["ts"] for pin in pins):
        record["_pins"] = [pin for pin in pins if pin["ts"] != message["ts"]]
        ctx.state.collection("channels").put(record["id"], record)
    if message.get("reply_count"):
        for key in ("blocks", "attachments", "files", "reactions", "edited", "bot_id", "bot_profile", "app_id"):
            message.pop(key, None)
        message.update(subtype="tombstone", text="This message was deleted.", hidden=True, user="USLACKBOT")
        _messages.save(ctx, message)
        return
    _messages.remove(ctx, message)
    thread_ts = message.get("thread_ts")
    if thread_ts and thread_ts != message["ts"]:
        parent = _messages.get(ctx, record["id"], thread_ts)
        if parent is not None:
            _compose.drop_reply(ctx, parent, message)
            if parent.get("subtype") == "tombstone" and not parent.get("reply_count"):
                _messages.remove(ctx, parent)  # the last reply of a deleted parent takes the tombstone along


@slack_method("chat.getPermalink")
def chat_get_permalink(ctx: Context, caller: Caller) -> Record:
    record, message = _message(ctx, caller, "message_ts")
    base = f"{_model.team(ctx)['url']}archives/{record['id']}/p{message['ts'].replace('.', '')}"
    thread_ts = message.get("thread_ts")
    if thread_ts and thread_ts != message["ts"]:
        base += f"?thread_ts={thread_ts}&cid={record['id']}"
    return {"channel": record["id"], "permalink": base}


@slack_method("chat.unfurl")
def chat_unfurl(ctx: Context, caller: Caller) -> Record:
    """Attach previews to links in a message: each URL in ``unfurls`` must appear in the message's text."""
    # nothing to unfurl is refused before the message is looked for
    unfurls = _args.json_value(ctx, "unfurls")
    if not unfurls and not _args.text(ctx, "user_auth_message") and not _args.flag(ctx, "user_auth_required"):
        raise slack_error("missing_unfurls")
    _record, message = _message(ctx, caller)
    if unfurls and not isinstance(unfurls, dict):
        raise slack_error("invalid_unfurls_format")
    attachments = [a for a in message.get("attachments", []) if not a.get("is_app_unfurl")]
    for url, unfurl in (unfurls or {}).items():
        if url not in message.get("text", ""):
            raise slack_error("cannot_unfurl_url")
        preview = unfurl if isinstance(unfurl, dict) else {}
        attachments.append(
            {
                **preview,
                "id": len(attachments) + 1,
                "from_url": url,
                "original_url": url,
                "app_unfurl_url": url,
                "is_app_unfurl": True,
                "app_id": message.get("app_id", ""),
            }
        )
    if attachments:
        message["attachments"] = attachments
        _messages.save(ctx, message)
    return {}
