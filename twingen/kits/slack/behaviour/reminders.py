"""``reminders.*``: Slackbot reminders a user sets for themself or a teammate (user tokens only)."""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context
from . import _args, _ids, _model
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]

_DAY = 86_400
MAX_AHEAD = 5 * 365 * _DAY  # Slack takes a timestamp up to five years ahead
_UNITS = {"second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600, "day": _DAY, "week": 7 * _DAY}
_IN = re.compile(r"in (\d+|an?|one) (second|sec|minute|min|hour|hr|day|week)s?")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EVERY = re.compile(r"every (day|weekday|week|month|year|" + "|".join(_WEEKDAYS) + r")s?\b.*")


def _when(ctx: Context, raw: str) -> tuple[int, Record | None]:
    """(time, recurrence) from Slack's forms: a Unix time, seconds from now (within a day), or English."""
    now = int(ctx.now())
    text = raw.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        value = int(float(text))
        at = now + value if value <= _DAY else value
        if at <= now or at > now + MAX_AHEAD:
            raise slack_error("cannot_parse")
        return at, None
    found = _IN.fullmatch(text)
    if found:
        count = int(found[1]) if found[1].isdigit() else 1
        return now + count * _UNITS[found[2]], None
    if text in ("tomorrow", "tomorrow morning"):
        return now + _DAY, None
    every = _EVERY.fullmatch(text)
    if every:
        unit = every[1]
        days = [unit] if unit in _WEEKDAYS else list(_WEEKDAYS[:5]) if unit == "weekday" else []
        frequency = "weekly" if days else unit if unit in ("month", "year") else "daily"
        recurrence: Record = {
            "frequency": {"week": "weekly", "month": "monthly", "year": "yearly"}.get(frequency, frequency)
        }
        if days:
            recurrence["weekdays"] = days
        return now + _DAY, recurrence
    raise slack_error("cannot_parse")


def _shown(record: Record) -> Record:
    shown = _model.public(record)
    if shown.get("recurring"):
        shown.pop("time", None)
        shown.pop("complete_ts", None)
    else:
        shown.pop("recurrence", None)
    return shown


def _mine(ctx: Context, caller: Caller) -> Record:
    """A reminder the caller set or is reminded by; anyone else's is ``not_found``."""
    reminder_id = _args.text(ctx, "reminder").strip()
    record: Record | None = ctx.state.collection("reminders").get(reminder_id) if reminder_id else None
    if record is None or caller.user_id not in (record["user"], record["creator"]):
        raise slack_error("not_found")
    return record


@slack_method("reminders.add")
def reminders_add(ctx: Context, caller: Caller) -> Record:
    text = _args.text(ctx, "text").strip()
    if not text:
        raise invalid_arguments("missing required field: text")
    user_id = _args.text(ctx, "user").strip() or caller.user_id
    target = _model.user(ctx, user_id)
    if user_id == "USLACKBOT":
        raise slack_error("cannot_add_slackbot")
    if target.get("is_bot"):
        raise slack_error("cannot_add_bot")
    if not _args.text(ctx, "time").strip():
        raise invalid_arguments("missing required field: time")
    at, recurrence = _when(ctx, _args.text(ctx, "time"))
    if user_id != caller.user_id and recurrence is not None:
        raise slack_error("cannot_add_others_recurring")
    record: Record = {
        "id": _ids.new_id(ctx.state, "Rm"),
        "creator": caller.user_id,
        "user": user_id,
        "text": text,
        "recurring": recurrence is not None,
        "time": at,
        "complete_ts": 0,
    }
    if recurrence is not None:
        record["recurrence"] = recurrence
    ctx.state.collection("reminders").put(record["id"], record)
    return {"reminder": _shown(record)}


@slack_method("reminders.complete")
def reminders_complete(ctx: Context, caller: Caller) -> Record:
    record = _mine(ctx, caller)
    if record["recurring"]:
        raise slack_error("cannot_complete_recurring")
    if record["user"] != caller.user_id:
        raise slack_error("cannot_complete_others")
    if not record["complete_ts"]:
        record["complete_ts"] = int(ctx.now())
        ctx.state.collection("reminders").put(record["id"], record)
    return {}


@slack_method("reminders.delete")
def reminders_delete(ctx: Context, caller: Caller) -> Record:
    record = _mine(ctx, caller)
    ctx.state.collection("reminders").delete(record["id"])
    return {}


@slack_method("reminders.info")
def reminders_info(ctx: Context, caller: Caller) -> Record:
    return {"reminder": _shown(_mine(ctx, caller))}


@slack_method("reminders.list")
def reminders_list(ctx: Context, caller: Caller) -> Record:
    """Reminders the caller set or is reminded by, completed ones included (with ``complete_ts``)."""
    found = [
        _shown(r) for r in ctx.state.collection("reminders").values() if caller.user_id in (r["user"], r["creator"])
    ]
    return {"reminders": found}
