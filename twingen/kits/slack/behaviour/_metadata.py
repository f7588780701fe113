"""Message metadata (``{"event_type", "event_payload"}``, Work Objects' ``entities``): what an app attaches to a
message, and who reads it back.

As on Slack (https://api.slack.com/metadata/using, the chat.postMessage and conversations.history pages): only
apps post metadata (a user token gets ``metadata_must_be_sent_from_app``); the message stores it beside its
content; the answer to the post shows it; ``conversations.history``/``replies`` show it for messages the calling
app posted, and for every message with ``include_all_metadata=true``. Stored under ``_metadata`` so a plain
``show_message`` never leaks it.
"""

from __future__ import annotations

from typing import Any

import orjson

from ..runtime import Context
from . import _args
from ._auth import Caller
from ._errors import slack_error

Record = dict[str, Any]

KEY = "_metadata"
MAX_BYTES = 8_000
"""Slack documents ``metadata_too_large`` without a number; the twin refuses a payload over 8 KB of JSON (its
choice, written in api_docs/slack/NOTES.md)."""


def parsed(raw: Any) -> Record | None:
    """``metadata`` as it arrived (a JSON string in a form, an object in a JSON body) checked as Slack checks it."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        try:
            raw = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise slack_error("invalid_metadata_format") from None
    if not isinstance(raw, dict):
        raise slack_error("invalid_metadata_format")
    found: Record = {}
    if "event_type" in raw or "event_payload" in raw or "entities" not in raw:
        event_type, payload = raw.get("event_type"), raw.get("event_payload")
        if not isinstance(event_type, str) or not event_type.strip() or not isinstance(payload, dict):
            raise slack_error("invalid_metadata_schema")
        found.update(event_type=event_type, event_payload=payload)
    if "entities" in raw:
        found["entities"] = _entities(raw["entities"])
    if len(orjson.dumps(found)) > MAX_BYTES:
        raise slack_error("metadata_too_large")
    return found


def _entities(entities: Any) -> list[Record]:
    """Work Objects (https://docs.slack.dev/messaging/work-objects): each entity names its type, the app's own
    reference and URL for it, and a payload; the twin keeps them as sent."""
    if not isinstance(entities, list) or not entities:
        raise slack_error("invalid_metadata_schema")
    for entity in entities:
        ref = entity.get("external_ref") if isinstance(entity, dict) else None
        if (
            not isinstance(entity, dict)
            or not str(entity.get("entity_type") or "").startswith("slack#/entities/")
            or not isinstance(ref, dict)
            or not ref.get("id")
            or not isinstance(entity.get("url"), str)
            or not isinstance(entity.get("entity_payload"), dict)
        ):
            raise slack_error("invalid_metadata_schema")
    return entities


def from_call(ctx: Context, caller: Caller) -> Record | None:
    """The call's ``metadata`` argument, or None; only an app's bot token may send one."""
    found = parsed(ctx.params.get("metadata"))
    if found is not None and not caller.is_bot:
        raise slack_error("metadata_must_be_sent_from_app")
    return found


def attach(fields: Record, metadata: Record | None) -> Record:
    if metadata is not None:
        fields[KEY] = metadata
    return fields


def shown(message: Record, shown_message: Record, *, app_id: str = "", everything: bool = True) -> Record:
    """``shown_message`` with the stored metadata, when the reader may see it (``everything``, or its own app's)."""
    metadata = message.get(KEY)
    if metadata is not None and (everything or (app_id and message.get("app_id") == app_id)):
        shown_message["metadata"] = metadata
    return shown_message


def for_reader(ctx: Context, caller: Caller, message: Record, shown_message: Record) -> Record:
    """A message as ``conversations.history``/``replies`` show it to ``caller``."""
    if KEY not in message:
        return shown_message
    app_id = caller.app_id or (ctx.state.collection("bots").get(caller.bot_id) or {}).get("app_id", "")
    return shown(message, shown_message, app_id=app_id, everything=_args.flag(ctx, "include_all_metadata"))
