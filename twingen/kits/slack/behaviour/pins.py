"""``pins.*``: pinning messages to a conversation."""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _messages, _model
from ._auth import Caller, slack_method
from ._errors import slack_error

Record = dict[str, Any]


def _target(ctx: Context, caller: Caller) -> tuple[Record, Record]:
    record = _model.channel(ctx, caller, _args.text(ctx, "channel").strip(), "history")
    return record, _messages.addressed(ctx, record, _args.text(ctx, "timestamp").strip())


@slack_method("pins.add")
def pins_add(ctx: Context, caller: Caller) -> Record:
    record, message = _target(ctx, caller)
    pins: list[Record] = record.setdefault("_pins", [])
    if any(pin["ts"] == message["ts"] for pin in pins):
        raise slack_error("already_pinned")
    pins.append({"ts": message["ts"], "created": int(ctx.now()), "created_by": caller.user_id})
    ctx.state.collection("channels").put(record["id"], record)
    message.setdefault("pinned_to", []).append(record["id"])
    _messages.save(ctx, message)
    return {}


@slack_method("pins.remove")
def pins_remove(ctx: Context, caller: Caller) -> Record:
    record, message = _target(ctx, caller)
    pins: list[Record] = record.get("_pins", [])
    if not any(pin["ts"] == message["ts"] for pin in pins):
        raise slack_error("no_pin")
    record["_pins"] = [pin for pin in pins if pin["ts"] != message["ts"]]
    ctx.state.collection("channels").put(record["id"], record)
    message["pinned_to"] = [c for c in message.get("pinned_to", []) if c != record["id"]]
    if not message["pinned_to"]:
        del message["pinned_to"]
    _messages.save(ctx, message)
    return {}


@slack_method("pins.list")
def pins_list(ctx: Context, caller: Caller) -> Record:
    """Pinned items, most recently pinned first; Slack does not page this list."""
    record = _model.channel(ctx, caller, _args.text(ctx, "channel").strip(), "history")
    items = []
    for pin in reversed(record.get("_pins", [])):
        message = _messages.get(ctx, record["id"], pin["ts"])
        if message is not None:
            items.append(
                {
                    "type": "message",
                    "created": pin["created"],
                    "created_by": pin["created_by"],
                    "channel": record["id"],
                    "message": _model.show_message(message),
                }
            )
    return {"items": items}
