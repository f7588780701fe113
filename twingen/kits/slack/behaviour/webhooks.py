"""The hooks host: incoming webhooks (``/services/...``) and response URLs (``/commands/...``, ``/actions/...``).

No token: the URL's secret authenticates (``auth=False``); a URL of another tenant carries ``?twin_tenant=``.
Rules and sources in ``_webhooks``. ``GET /_twin/slack/webhooks`` lists the tenant's webhooks with their URLs
(what Slack's app settings page shows), so a test can find the seeded one.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, VendorError, behaviour
from ..runtime.behaviour import control
from . import _messages, _metadata, _model, _webhooks
from ._errors import slack_error

Record = dict[str, Any]


@behaviour("webhooks.incoming", method="POST", path="/services/{team}/{hook}/{secret}", auth=False)
def incoming_webhook(ctx: Context) -> Response:
    try:
        _incoming(ctx)
    except VendorError as error:
        return _webhooks.answer(error)
    return _webhooks.answer()


def _incoming(ctx: Context) -> None:
    hook: Record | None = ctx.state.collection(_webhooks.HOOKS).get(str(ctx.params.get("hook") or ""))
    if str(ctx.params.get("team") or "") != _model.team(ctx).get("id"):
        raise slack_error("no_team")
    if hook is None:
        raise slack_error("no_service")
    if not _webhooks.secret_matches(hook["secret"], str(ctx.params.get("secret") or "")):
        raise slack_error("invalid_token")
    found = _webhooks.app_bot(ctx, hook["app_id"])
    if found is None:
        raise slack_error("no_service")
    _app, bot = found
    body = _webhooks.payload(ctx)
    channel = _webhooks.open_channel(ctx, hook["channel_id"], bot["user_id"])
    _webhooks.post(ctx, channel, bot, body)


@behaviour("webhooks.commandResponse", method="POST", path="/commands/{team}/{number}/{secret}", auth=False)
def command_response(ctx: Context) -> Response:
    return _respond(ctx, "commands")


@behaviour("webhooks.actionResponse", method="POST", path="/actions/{team}/{number}/{secret}", auth=False)
def action_response(ctx: Context) -> Response:
    return _respond(ctx, "actions")


def _respond(ctx: Context, kind: str) -> Response:
    """A response URL answers JSON (``{"ok": true}``, or ``ok: false`` with the code), unlike ``/services``."""
    try:
        _use_response_url(ctx, kind)
    except VendorError as error:
        status = _webhooks.STATUS.get(error.code, 400)
        return Response(status, {"ok": False, "error": error.code}, media_type="application/json; charset=utf-8")
    return Response(200, {"ok": True}, media_type="application/json; charset=utf-8")


def _use_response_url(ctx: Context, kind: str) -> None:
    urls = ctx.state.collection(_webhooks.RESPONSE_URLS)
    number = str(ctx.params.get("number") or "")
    record: Record | None = urls.get(number)
    if str(ctx.params.get("team") or "") != _model.team(ctx).get("id"):
        raise slack_error("no_team")
    if record is None or record["kind"] != kind:
        raise slack_error("no_service")
    if not _webhooks.secret_matches(record["secret"], str(ctx.params.get("secret") or "")):
        raise slack_error("invalid_token")
    if ctx.now() - record["created"] > _webhooks.RESPONSE_TTL:
        raise slack_error("expired_url")
    if record["uses"] >= _webhooks.RESPONSE_USES:
        raise slack_error("used_url")
    found = _webhooks.app_bot(ctx, record["app_id"])
    if found is None:
        raise slack_error("no_service")
    _app, bot = found
    body = _webhooks.payload(ctx)
    original = _messages.get(ctx, record["channel_id"], record["message_ts"]) if record["message_ts"] else None
    if _truthy(body.get("delete_original")):
        if original is not None and original.get("bot_id") == bot["id"]:
            _messages.remove(ctx, original)
    elif _truthy(body.get("replace_original")) and original is not None and original.get("bot_id") == bot["id"]:
        _replace(ctx, original, body)
    elif body.get("response_type") == "in_channel":
        channel = _webhooks.open_channel(ctx, record["channel_id"], bot["user_id"])
        _webhooks.post(ctx, channel, bot, body)
    else:  # ephemeral (the default), or a replacement of a message only the user saw: never stored
        _webhooks.content(body)
    urls.put(number, {**record, "uses": record["uses"] + 1})


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _replace(ctx: Context, original: Record, body: Record) -> None:
    fields = _webhooks.content(body)
    for key in ("blocks", "attachments", _metadata.KEY):
        original.pop(key, None)
    original.update(fields)
    _messages.save(ctx, original)


@control("slack/webhooks", method="GET")
def list_webhooks(ctx: Context) -> Record:
    """The tenant's incoming webhooks (the seeded app's to ``#general`` first), with the URLs to post to."""
    hooks = []
    for hook in ctx.state.collection(_webhooks.HOOKS).values():
        shown = {k: hook[k] for k in ("id", "app_id", "channel", "channel_id", "configuration_url")}
        path = _webhooks.hook_url("", hook)
        hooks.append({**shown, "path": path, "url": ctx.for_tenant(f"{_webhooks.base_of(ctx)}{path}")})
    return {"webhooks": hooks}
