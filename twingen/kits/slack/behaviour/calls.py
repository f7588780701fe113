"""``calls.*``: Calls registered by a third-party call provider (Zoom-like apps), with their participants.

Participants are ``{"slack_id": "U..."}`` or ``{"external_id", "display_name", "avatar_url"}``. ``created_by``
defaults to the token's user, the bot user for a bot token: Slack's reference says a bot token must name it
(https://docs.slack.dev/reference/methods/calls.add), but Slack adds Calls for bot tokens without it, as the
SDKs' own tests against real workspaces show (python-slack-sdk integration_tests/web/test_calls.py and
java-slack-sdk test_with_remote_apis/methods/calls_Test.java call it with a bot token and expect no error).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, VendorError
from . import _args, _ids, _model, _platform
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]


def _calls(ctx: Context) -> Any:
    return ctx.state.collection("calls")


def _call(ctx: Context) -> Record:
    call_id = _platform.need(ctx, "id")
    found: Record | None = _calls(ctx).get(call_id)
    if found is None:
        raise slack_error("invalid_call_id")
    return found


def _participants(ctx: Context, required: bool) -> list[Record]:
    """``users``: a JSON list of participants, or (as slack_sdk allows) comma-separated user ids."""
    raw = ctx.params.get("users")
    if raw is None or raw == "":
        if required:
            raise invalid_arguments("missing required field: users")
        return []
    text = raw if isinstance(raw, str) else ""
    value = _platform.json_arg(ctx, "users") if not text or text.lstrip()[:1] in "[{" else text.split(",")
    items = value if isinstance(value, list) else [value]
    found: list[Record] = []
    for item in items:
        if isinstance(item, str):
            item = {"slack_id": item.strip()}
        if not isinstance(item, dict) or not (item.get("slack_id") or item.get("external_id")):
            raise invalid_arguments("users must name a slack_id or an external_id")
        if item.get("slack_id"):
            _model.user(ctx, str(item["slack_id"]))
            found.append({"slack_id": str(item["slack_id"])})
        else:
            keep = ("external_id", "display_name", "avatar_url")
            found.append({k: str(item[k]) for k in keep if item.get(k)})
    return found


def _show(call: Record) -> Record:
    return _model.public(call)


def _same(a: Record, b: Record) -> bool:
    key = "slack_id" if a.get("slack_id") else "external_id"
    return bool(a.get(key)) and a.get(key) == b.get(key)


@slack_method("calls.add", scopes=("calls:write",))
def calls_add(ctx: Context, caller: Caller) -> Record:
    external_unique_id = _platform.need(ctx, "external_unique_id")
    join_url = _platform.need(ctx, "join_url")
    created_by = _args.text(ctx, "created_by").strip() or caller.user_id
    try:
        _model.user(ctx, created_by)
    except VendorError:
        raise slack_error("invalid_created_by") from None
    start = _args.integer(ctx, "date_start", int(ctx.now()))
    if start <= 0:
        raise slack_error("invalid_start_time")
    call: Record = {
        "id": _ids.new_id(ctx.state, "R"),
        "date_start": start,
        "external_unique_id": external_unique_id,
        "join_url": join_url,
        "users": _participants(ctx, required=False),
        "_created_by": created_by,
    }
    for name in ("desktop_app_join_url", "external_display_id", "title"):
        if _args.text(ctx, name):
            call[name] = _args.text(ctx, name)
    _calls(ctx).put(call["id"], call)
    return {"call": _show(call)}


@slack_method("calls.info", scopes=("calls:read",))
def calls_info(ctx: Context, caller: Caller) -> Record:
    return {"call": _show(_call(ctx))}


@slack_method("calls.update", scopes=("calls:write",))
def calls_update(ctx: Context, caller: Caller) -> Record:
    call = _call(ctx)
    for name in ("title", "join_url", "desktop_app_join_url"):
        if _args.text(ctx, name):
            call[name] = _args.text(ctx, name)
    _calls(ctx).put(call["id"], call)
    return {"call": _show(call)}


@slack_method("calls.end", scopes=("calls:write",))
def calls_end(ctx: Context, caller: Caller) -> Record:
    call = _call(ctx)
    if "date_end" in call:
        raise slack_error("inactive_call")
    duration = _args.integer(ctx, "duration", max(0, int(ctx.now()) - int(call["date_start"])))
    call["date_end"] = int(call["date_start"]) + duration
    _calls(ctx).put(call["id"], call)
    return {}


@slack_method("calls.participants.add", scopes=("calls:write",))
def calls_participants_add(ctx: Context, caller: Caller) -> Record:
    call = _call(ctx)
    for person in _participants(ctx, required=True):
        if not any(_same(person, p) for p in call["users"]):
            call["users"].append(person)
    _calls(ctx).put(call["id"], call)
    return {}


@slack_method("calls.participants.remove", scopes=("calls:write",))
def calls_participants_remove(ctx: Context, caller: Caller) -> Record:
    call = _call(ctx)
    leaving = _participants(ctx, required=True)
    call["users"] = [p for p in call["users"] if not any(_same(p, person) for person in leaving)]
    _calls(ctx).put(call["id"], call)
    return {}
