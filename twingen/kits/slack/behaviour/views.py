"""``views.*`` (modals and the App Home), ``dialog.open`` and ``entity.presentDetails``: surfaces opened by a trigger.

Trigger ids: Slack mints one per interaction and accepts it once, within 3 seconds. The twin sends no
interactions, so it accepts trigger ids signed as ``_platform.trigger_id(TEAMNUMBER, n)`` describes (any
``n``, once each); a malformed one is ``invalid_arguments`` ("invalid `trigger_id`", as the views.open
page shows), a well-formed one the twin did not sign
``expired_trigger_id``, a spent one ``exchanged_trigger_id``. ``views.push`` pushes onto the caller's
latest open modal (Slack knows it from the trigger's interaction).
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..runtime import Context
from . import _args, _ids, _model, _platform
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]

MAX_STACK = 3
_VIEW_TRIGGERS = ("invalid_arguments", "expired_trigger_id", "exchanged_trigger_id")


def _view_arg(ctx: Context) -> Record:
    view = _platform.json_arg(ctx, "view")
    if view is None:
        raise invalid_arguments("missing required field: view")
    if not isinstance(view, dict):
        raise invalid_arguments("failed to match all allowed schemas [json-pointer:/view]")
    return view


def _check_view(view: Record, allowed: tuple[str, ...]) -> None:
    if view.get("type") not in allowed:
        raise invalid_arguments("must be a valid enum value [json-pointer:/view/type]")
    blocks = view.get("blocks")
    if not isinstance(blocks, list) or len(blocks) > 100:
        raise invalid_arguments("must provide an array of at most 100 blocks [json-pointer:/view/blocks]")
    if view["type"] == "modal":
        title = view.get("title")
        if not isinstance(title, dict) or not str(title.get("text", "")).strip():
            raise invalid_arguments("must provide an object [json-pointer:/view/title]")
        if len(str(title["text"])) > 24:
            raise invalid_arguments("must be less than 25 characters [json-pointer:/view/title/text]")


def _trigger(ctx: Context) -> str:
    """``trigger_id``, or ``interactivity_pointer`` (the same thing, as interactive payloads name it)."""
    raw = _args.text(ctx, "trigger_id").strip() or _args.text(ctx, "interactivity_pointer").strip()
    if not raw:
        raise invalid_arguments("missing required field: trigger_id")
    return raw


def _views(ctx: Context) -> Any:
    return ctx.state.collection("views")


def _hash(ctx: Context, view_id: str) -> str:
    now = ctx.now()
    return f"{int(now)}.{hashlib.sha256(f'{view_id}:{now}'.encode()).hexdigest()[:8]}"


def _store(ctx: Context, caller: Caller, view: Record, view_id: str, root: str, previous: str | None) -> Record:
    external_id = str(view.get("external_id") or "")
    if external_id:
        clash = next((v for v in _views(ctx).values() if v["external_id"] == external_id and v["id"] != view_id), None)
        if clash is not None:
            raise slack_error("duplicate_external_id")
    app = _platform.app_of(ctx, caller)
    record: Record = {
        "id": view_id,
        "team_id": caller.team_id,
        "type": view["type"],
        "blocks": view.get("blocks", []),
        "private_metadata": str(view.get("private_metadata") or ""),
        "callback_id": str(view.get("callback_id") or ""),
        "state": {"values": {}},
        "hash": _hash(ctx, view_id),
        "title": view.get("title"),
        "clear_on_close": bool(view.get("clear_on_close", False)),
        "notify_on_close": bool(view.get("notify_on_close", False)),
        "close": view.get("close"),
        "submit": view.get("submit"),
        "previous_view_id": previous,
        "root_view_id": root or view_id,
        "app_id": app["id"],
        "external_id": external_id,
        "app_installed_team_id": caller.team_id,
        "bot_id": app.get("bot_id", ""),
        "_user": caller.user_id,
    }
    _views(ctx).put(view_id, record)
    return record


@slack_method("views.open", scopes=())
def views_open(ctx: Context, caller: Caller) -> Record:
    view = _view_arg(ctx)
    _check_view(view, ("modal",))
    _platform.use_trigger(ctx, _trigger(ctx), _VIEW_TRIGGERS)
    view_id = _ids.new_id(ctx.state, "V")
    return {"view": _model.public(_store(ctx, caller, view, view_id, view_id, None))}


@slack_method("views.push", scopes=())
def views_push(ctx: Context, caller: Caller) -> Record:
    view = _view_arg(ctx)
    _check_view(view, ("modal",))
    _platform.use_trigger(ctx, _trigger(ctx), _VIEW_TRIGGERS)
    mine = [v for v in _views(ctx).values() if v["type"] == "modal" and v["_user"] == caller.user_id]
    view_id = _ids.new_id(ctx.state, "V")
    if not mine:
        return {"view": _model.public(_store(ctx, caller, view, view_id, view_id, None))}
    top = mine[-1]
    if sum(1 for v in mine if v["root_view_id"] == top["root_view_id"]) >= MAX_STACK:
        raise slack_error("push_limit_reached")
    return {"view": _model.public(_store(ctx, caller, view, view_id, top["root_view_id"], top["id"]))}


@slack_method("views.update", scopes=())
def views_update(ctx: Context, caller: Caller) -> Record:
    view_id = _args.text(ctx, "view_id").strip()
    external_id = _args.text(ctx, "external_id").strip()
    if not view_id and not external_id:
        raise invalid_arguments("view_id or external_id is required")
    view = _view_arg(ctx)
    app_id = _platform.app_of(ctx, caller)["id"]
    found = next(
        (
            v
            for v in _views(ctx).values()
            if v["app_id"] == app_id and (v["id"] == view_id if view_id else v["external_id"] == external_id)
        ),
        None,
    )
    if found is None:
        raise slack_error("not_found")
    given_hash = _args.text(ctx, "hash").strip()
    if given_hash and given_hash != found["hash"]:
        raise slack_error("hash_conflict")
    _check_view(view, (found["type"],))
    view.setdefault("external_id", found["external_id"])
    record = _store(ctx, caller, view, found["id"], found["root_view_id"], found["previous_view_id"])
    record["_user"] = found["_user"]
    _views(ctx).put(record["id"], record)
    return {"view": _model.public(record)}


@slack_method("views.publish", scopes=())
def views_publish(ctx: Context, caller: Caller) -> Record:
    """The App Home of ``user_id`` (one per app and user, replaced on each publish)."""
    user_id = _platform.user_id(ctx)
    view = _view_arg(ctx)
    _check_view(view, ("home",))
    app_id = _platform.app_of(ctx, caller)["id"]
    homes = ctx.state.collection("home_views")
    key = f"{app_id}:{user_id}"
    current: Record | None = homes.get(key)
    given_hash = _args.text(ctx, "hash").strip()
    if current is not None and given_hash and given_hash != current["hash"]:
        raise slack_error("hash_conflict")
    view_id = current["id"] if current else _ids.new_id(ctx.state, "V")
    record = _store(ctx, caller, view, view_id, view_id, None)
    record["_user"] = user_id
    _views(ctx).put(view_id, record)
    homes.put(key, record)
    return {"view": _model.public(record)}


@slack_method("dialog.open", scopes=())
def dialog_open(ctx: Context, caller: Caller) -> Record:
    """The legacy dialog: Slack checks the dialog's shape (``validation_errors``) and the trigger."""
    if not _args.text(ctx, "trigger_id").strip():
        raise slack_error("missing_trigger")
    dialog = _platform.json_arg(ctx, "dialog")
    if dialog is None:
        raise slack_error("missing_dialog")
    messages = _dialog_problems(dialog)
    if messages:
        raise slack_error("validation_errors", response_metadata={"messages": messages})
    _platform.use_trigger(
        ctx, _args.text(ctx, "trigger_id").strip(), ("invalid_trigger", "trigger_expired", "trigger_exchanged")
    )
    return {}


def _dialog_problems(dialog: Any) -> list[str]:
    if not isinstance(dialog, dict):
        return ["[ERROR] must be an object [json-pointer:/dialog]"]
    found = []
    title = str(dialog.get("title") or "")
    if not title or len(title) > 24:
        found.append("[ERROR] must be between 1 and 24 characters [json-pointer:/dialog/title]")
    if not str(dialog.get("callback_id") or ""):
        found.append("[ERROR] missing required field: callback_id [json-pointer:/dialog]")
    elements = dialog.get("elements")
    if not isinstance(elements, list) or not 1 <= len(elements) <= 10:
        found.append("[ERROR] must provide between 1 and 10 elements [json-pointer:/dialog/elements]")
    return found


@slack_method("entity.presentDetails", scopes=())
def entity_present_details(ctx: Context, caller: Caller) -> Record:
    """Work Objects: show an entity's details in the flyout the user opened (the trigger names it)."""
    _platform.use_trigger(ctx, _platform.need(ctx, "trigger_id"), _VIEW_TRIGGERS)
    metadata = _platform.json_arg(ctx, "metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise invalid_arguments("must be an object [json-pointer:/metadata]")
    return {}
