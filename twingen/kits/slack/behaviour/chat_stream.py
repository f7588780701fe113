"""Streaming messages (``chat.startStream``, ``appendStream``, ``stopStream``), what slack_sdk's ``chat_stream``
helper drives: a message that grows in place until it is stopped.

Text arrives as ``markdown_text`` or as ``chunks`` (``{"type": "markdown_text", "text": ...}``; task and
plan chunks are kept as they came). Streaming to a channel, not a DM, must name its recipient
(``recipient_user_id`` and ``recipient_team_id``), as Slack requires.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _compose, _ids, _messages, _model
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]

MAX_MARKDOWN = 12_000


def _text_of(ctx: Context) -> tuple[str, list[Any]]:
    """(markdown, other chunks) of one call."""
    text = _args.text(ctx, "markdown_text")
    chunks = _args.json_value(ctx, "chunks") or []
    if not isinstance(chunks, list):
        raise invalid_arguments("chunks must be an array")
    others = []
    for chunk in chunks:
        if isinstance(chunk, dict) and chunk.get("type") == "markdown_text":
            text += str(chunk.get("text", ""))
        else:
            others.append(chunk)
    if len(text) > MAX_MARKDOWN:
        raise slack_error("msg_too_long")
    return text, others


def _streaming(ctx: Context, caller: Caller) -> tuple[Record, Record]:
    record = _model.channel(ctx, caller, _args.text(ctx, "channel").strip(), "history")
    ts = _ids.normalise_ts(_args.text(ctx, "ts"))
    message = _messages.get(ctx, record["id"], ts) if ts else None
    if message is None or message.get("subtype") == "tombstone":
        raise slack_error("message_not_found")
    if not message.get("_streaming") or message.get("user") != caller.user_id:
        raise slack_error("message_not_in_streaming_state")
    return record, message


def _grow(message: Record, text: str, others: list[Any]) -> None:
    message["text"] = message.get("text", "") + text
    if others:
        message["chunks"] = [*message.get("chunks", []), *others]


@slack_method("chat.startStream")
def chat_start_stream(ctx: Context, caller: Caller) -> Record:
    record = _compose.destination(ctx, caller)
    if _model.kind_of(record) != "im":
        if not _args.text(ctx, "recipient_team_id").strip():
            raise slack_error("missing_recipient_team_id")
        recipient = _args.text(ctx, "recipient_user_id").strip()
        if not recipient:
            raise slack_error("missing_recipient_user_id")
        _model.user(ctx, recipient)
    text, others = _text_of(ctx)
    parent = _compose.thread_parent(ctx, record["id"], _args.text(ctx, "thread_ts").strip())
    fields: Record = {"text": text, "_streaming": True}
    if others:
        fields["chunks"] = others
    message = _compose.post(ctx, caller, record, fields, parent)
    return {"channel": record["id"], "ts": message["ts"]}


@slack_method("chat.appendStream")
def chat_append_stream(ctx: Context, caller: Caller) -> Record:
    record, message = _streaming(ctx, caller)
    text, others = _text_of(ctx)
    if not text and not others:
        raise slack_error("no_text")
    _grow(message, text, others)
    _messages.save(ctx, message)
    return {"channel": record["id"], "ts": message["ts"]}


@slack_method("chat.stopStream")
def chat_stop_stream(ctx: Context, caller: Caller) -> Record:
    """The last text, then ``blocks`` at the bottom and ``metadata``; the message is final after this."""
    record, message = _streaming(ctx, caller)
    text, others = _text_of(ctx)
    _grow(message, text, others)
    blocks = _args.json_value(ctx, "blocks")
    if blocks:
        message["blocks"] = blocks
    metadata = _args.json_value(ctx, "metadata")
    if isinstance(metadata, dict):
        message["metadata"] = metadata
    del message["_streaming"]
    _messages.save(ctx, message)
    return {"channel": record["id"], "ts": message["ts"], "message": _model.show_message(message)}
