"""``dnd.*``: Do Not Disturb: each user's nightly schedule and the snoozes they start and end."""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _model
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]

# Slack's default notification schedule: quiet from 22:00 to 08:00 in the user's own time zone
START_HOUR, END_HOUR = 22, 8
_DAY = 86_400


def _schedule(ctx: Context, user: Record) -> tuple[int, int]:
    """(next_dnd_start_ts, next_dnd_end_ts) of the user's nightly window, in their ``tz_offset``."""
    offset = int(user.get("tz_offset", 0))
    now = int(ctx.now())
    local_midnight = (now + offset) // _DAY * _DAY - offset
    start = local_midnight + START_HOUR * 3600
    end = start + (24 - START_HOUR + END_HOUR) * 3600
    if end <= now:
        start, end = start + _DAY, end + _DAY
    return start, end


def _snooze(ctx: Context, user_id: str) -> Record | None:
    """The user's snooze while it lasts; an ended or expired one is gone."""
    found: Record | None = ctx.state.collection("dnd").get(user_id)
    if found is None or found["snooze_endtime"] <= ctx.now():
        return None
    return found


def _status(ctx: Context, user: Record, own: bool) -> Record:
    start, end = _schedule(ctx, user)
    answer: Record = {"dnd_enabled": True, "next_dnd_start_ts": start, "next_dnd_end_ts": end}
    snooze = _snooze(ctx, user["id"])
    answer["snooze_enabled"] = snooze is not None
    if own and snooze is not None:
        # only the user themself sees when their snooze ends
        answer["snooze_endtime"] = snooze["snooze_endtime"]
        answer["snooze_remaining"] = max(0, int(snooze["snooze_endtime"] - ctx.now()))
        answer["snooze_is_indefinite"] = False
    return answer


@slack_method("dnd.info")
def dnd_info(ctx: Context, caller: Caller) -> Record:
    user_id = _args.text(ctx, "user").strip() or caller.user_id
    return _status(ctx, _model.user(ctx, user_id), own=user_id == caller.user_id)


@slack_method("dnd.teamInfo")
def dnd_team_info(ctx: Context, caller: Caller) -> Record:
    """``users`` defaults to every human member; an unknown id is ``user_not_visible`` ("User is not visible
    for this request", the method page's error table)."""
    wanted = _args.id_list(ctx, "users")
    users = ctx.state.collection("users")
    if not wanted:
        wanted = [u["id"] for u in users.values() if not u.get("is_bot") and u["id"] != "USLACKBOT"]
    found = {}
    for user_id in wanted:
        user = users.get(user_id)
        if user is None:
            raise slack_error("user_not_visible")
        status = _status(ctx, user, own=False)
        found[user_id] = {k: status[k] for k in ("dnd_enabled", "next_dnd_start_ts", "next_dnd_end_ts")}
    return {"users": found}


@slack_method("dnd.setSnooze")
def dnd_set_snooze(ctx: Context, caller: Caller) -> Record:
    minutes = _args.text(ctx, "num_minutes").strip()
    if not minutes:
        raise invalid_arguments("missing required field: num_minutes")
    if not minutes.isdigit() or int(minutes) < 1:
        raise slack_error("missing_duration")
    end = int(ctx.now()) + int(minutes) * 60
    ctx.state.collection("dnd").put(caller.user_id, {"snooze_endtime": end})
    return {
        "snooze_enabled": True,
        "snooze_endtime": end,
        "snooze_remaining": end - int(ctx.now()),
        "snooze_is_indefinite": False,
    }


@slack_method("dnd.endSnooze")
def dnd_end_snooze(ctx: Context, caller: Caller) -> Record:
    if _snooze(ctx, caller.user_id) is None:
        raise slack_error("snooze_not_active")
    ctx.state.collection("dnd").delete(caller.user_id)
    return _status(ctx, _model.user(ctx, caller.user_id), own=True)


@slack_method("dnd.endDnd")
def dnd_end_dnd(ctx: Context, caller: Caller) -> Record:
    """Ends the current quiet time, a snooze included; not an error when none is on."""
    ctx.state.collection("dnd").delete(caller.user_id)
    return {}
