"""Incoming webhooks and ``response_url``s: the URLs Slack mints for an app, and posting through them.

As Slack documents them (https://api.slack.com/messaging/webhooks, https://api.slack.com/interactivity/handling):

- an incoming webhook ``/services/TEAM/HOOK/SECRET`` belongs to an app and one channel, picked when the app was
  installed with the ``incoming-webhook`` scope (``oauth.v2.access`` answers it as ``incoming_webhook``); the seed
  holds one of the seeded app's for ``#general``. A post is a JSON payload (or a form field ``payload`` holding
  one) with ``text``/``blocks``/``attachments``/``thread_ts``/``metadata``; it lands in the channel as a
  ``bot_message`` of the app. Slack answers plain text: ``ok``, or the error code with an HTTP status.
- a ``response_url`` (``/commands/TEAM/N/SECRET`` for a slash command, ``/actions/TEAM/N/SECRET`` for an
  interaction) answers one invocation: up to 5 posts within 30 minutes; ``response_type`` ``in_channel`` posts
  in the channel, ``ephemeral`` (the default) is seen by the invoking user only (so stored nowhere);
  ``replace_original``/``delete_original`` change the message the interaction came from.
"""

from __future__ import annotations

import hmac
from typing import Any

import orjson

from ..runtime import Context, Response, VendorError
from . import _compose, _ids, _messages, _metadata, _model
from ._errors import slack_error
from ._platform_seed import _hex

Record = dict[str, Any]

HOOKS = "incoming_webhooks"
RESPONSE_URLS = "response_urls"
RESPONSE_USES = 5
RESPONSE_TTL = 30 * 60
TEXT = "text/html"  # Slack's hooks host labels its plain ``ok`` and error words text/html

STATUS = {
    "invalid_payload": 400,
    "no_text": 400,
    "invalid_blocks": 400,
    "invalid_attachments": 400,
    "too_many_attachments": 400,
    "msg_too_long": 400,
    "invalid_metadata_format": 400,
    "invalid_metadata_schema": 400,
    "metadata_too_large": 400,
    "no_team": 400,
    "invalid_token": 403,
    "action_prohibited": 403,
    "posting_to_general_channel_denied": 403,
    "no_service": 404,
    "channel_not_found": 404,
    "expired_url": 404,
    "used_url": 404,
    "channel_is_archived": 410,
}
"""The HTTP status of each refusal (https://api.slack.com/messaging/webhooks#handling_errors); codes the Web API
shares (``no_text``) keep their webhook status here."""


def base_of(ctx: Context) -> str:
    """Where the client reached the twin; a ``/_twin/`` control call has no base URL of its own, so its Host."""
    host = ctx.headers.get("host")
    return ctx.base_url or (f"http://{host}" if host else "")


def hook_url(base_url: str, hook: Record) -> str:
    return f"{base_url}/services/{hook['team_id']}/{hook['id']}/{hook['secret']}"


def add_hook(state: Any, team: Record, app_id: str, channel: Record, user_id: str, hook_id: str, secret: str) -> Record:
    hook: Record = {"id": hook_id, "team_id": team["id"], "app_id": app_id, "channel_id": channel["id"]}
    hook.update(secret=secret, user_id=user_id, channel="#" + str(channel.get("name") or channel["id"]))
    hook["configuration_url"] = f"{team.get('url') or 'https://slack.com/'}services/{hook_id}"
    state.collection(HOOKS).put(hook_id, hook)
    return hook


def seed_hook(state: Any, tenant: str) -> None:
    """The seeded app's webhook to ``#general``; its id and secret are derived, so every start gives the same URL."""
    team: Record = state.collection("team").get("team") or {}
    app = next(iter(state.collection("apps").values()), None)
    general = next((c for c in state.collection("channels").values() if c.get("is_general")), None)
    if app is None or general is None:
        return
    digest = _hex(f"hook:{tenant}", 9).upper()
    add_hook(state, team, app["id"], general, app["creator"], f"B0{digest}", _hex(f"hook-secret:{tenant}", 24))


def mint_hook(ctx: Context, app: Record, user_id: str) -> Record:
    """A new webhook for an install: to ``#general``, the channel the twin's install picks (it has no picker)."""
    general = next((c for c in ctx.state.collection("channels").values() if c.get("is_general")), None)
    if general is None:  # pragma: no cover - every workspace has #general
        raise slack_error("channel_not_found")
    hook_id = _ids.new_id(ctx.state, "B")
    secret = _hex(f"hook-secret:{ctx.tenant}:{hook_id}:{ctx.now()}", 24)
    hook = add_hook(ctx.state, _model.team(ctx), app["id"], general, user_id, hook_id, secret)
    answer = {k: hook[k] for k in ("channel", "channel_id", "configuration_url")}
    return {**answer, "url": ctx.for_tenant(hook_url(base_of(ctx), hook))}


def mint_response_url(ctx: Context, kind: str, app_id: str, channel_id: str, user_id: str, message_ts: str) -> str:
    """A ``response_url`` for one slash command (``commands``) or interaction (``actions``)."""
    team_id = str(_model.team(ctx).get("id") or "")
    number = str(int(ctx.now() * 1000))[-10:] + str(len(ctx.state.collection(RESPONSE_URLS)) + 1).zfill(3)
    secret = _hex(f"response:{ctx.tenant}:{number}", 24)
    record: Record = {"kind": kind, "team_id": team_id, "app_id": app_id, "channel_id": channel_id, "user_id": user_id}
    record.update(message_ts=message_ts, secret=secret, created=ctx.now(), uses=0)
    ctx.state.collection(RESPONSE_URLS).put(number, record)
    return ctx.for_tenant(f"{base_of(ctx)}/{kind}/{team_id}/{number}/{secret}")


# -- receiving a post ----------------------------------------------------------------------------------------------


def answer(error: VendorError | None = None) -> Response:
    """Slack's plain answer: ``ok``, or the code with its webhook status."""
    if error is None:
        return Response(200, "ok", media_type=TEXT)
    return Response(STATUS.get(error.code, 400), error.code, media_type=TEXT)


def payload(ctx: Context) -> Record:
    """The posted JSON object: the body, or a form's ``payload`` field; anything else is ``invalid_payload``."""
    raw: Any = ctx.raw_body
    if not (ctx.content_type or "").startswith("application/json"):
        field = ctx.params.get("payload")
        raw = field if isinstance(field, str) else raw
    try:
        found = orjson.loads(raw) if raw else None
    except orjson.JSONDecodeError:
        found = None
    if not isinstance(found, dict):
        raise slack_error("invalid_payload")
    return found


def secret_matches(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.encode())


def app_bot(ctx: Context, app_id: str) -> tuple[Record, Record] | None:
    """The app and its bot, while the app is installed (uninstalling an app revokes its webhooks)."""
    app: Record | None = ctx.state.collection("apps").get(app_id)
    bot: Record | None = ctx.state.collection("bots").get(app["bot_id"]) if app and app.get("bot_id") else None
    if app is None or bot is None or not app.get("installed"):
        return None
    return app, bot


def open_channel(ctx: Context, channel_id: str, bot_user: str) -> Record:
    """The channel a webhook posts to, if it may: there, not archived, and the app allowed to post."""
    channel: Record | None = ctx.state.collection("channels").get(channel_id)
    if channel is None:
        raise slack_error("channel_not_found")
    if channel.get("is_archived"):
        raise slack_error("channel_is_archived")
    prefs = (ctx.state.collection("org_channel_prefs").get(channel_id) or {}).get("who_can_post", "")
    allowed = [p.strip() for p in str(prefs).split(",") if p.strip()]
    if allowed and not any(p in ("type:everyone", "type:ra", f"user:{bot_user}") for p in allowed):
        raise slack_error("posting_to_general_channel_denied" if channel.get("is_general") else "action_prohibited")
    return channel


def bot_fields(ctx: Context, bot: Record) -> Record:
    """A message from the app itself (not its bot user's token): Slack's ``bot_message``."""
    profile = {"id": bot["id"], "app_id": bot["app_id"], "name": bot.get("name", ""), "icons": bot.get("icons", {})}
    profile.update(deleted=False, updated=bot.get("updated", 0), team_id=_model.team(ctx).get("id", ""))
    return {"subtype": "bot_message", "bot_id": bot["id"], "app_id": bot["app_id"],
            "bot_profile": _model.shared_profile(profile), "team": profile["team_id"]}  # fmt: skip


def content(body: Record) -> Record:
    text = body.get("text")
    fields = _compose.content_of(text if isinstance(text, str) else "", body.get("blocks"), body.get("attachments"))
    return _metadata.attach(fields, _metadata.parsed(body.get("metadata")))


def post(ctx: Context, channel: Record, bot: Record, body: Record) -> Record:
    """Post ``body`` in ``channel`` as the app; a ``thread_ts`` naming no message is ignored, as the hooks host does."""
    fields = content(body)
    thread_ts = _ids.normalise_ts(body.get("thread_ts")) if body.get("thread_ts") else None
    parent = _messages.get(ctx, channel["id"], thread_ts) if thread_ts else None
    if parent is not None and parent.get("thread_ts") not in (None, parent["ts"]):
        parent = _messages.get(ctx, channel["id"], parent["thread_ts"])
    message: Record = {"type": "message", **fields, **bot_fields(ctx, bot), "ts": _ids.new_ts(ctx.state, ctx.now())}
    if parent is not None:
        message.update(thread_ts=parent["ts"], parent_user_id=parent.get("user", ""))
    _messages.add(ctx, channel["id"], message)
    if parent is not None:
        _compose.add_reply(ctx, parent, {**message, "user": bot["user_id"]})
    return message


def response_url_for(ctx: Context, kind: str, app_id: str, payload: Record) -> Record:
    """``{"response_url": ...}`` for an injected slash command or interaction that came from a channel (Slack
    mints one per invocation; an interaction from a modal has none), or ``{}``."""
    if payload.get("response_url"):
        return {}
    message_ts: Any = ""
    if kind == "slash_commands":
        channel_id, user_id = payload.get("channel_id"), payload.get("user_id")
    else:
        channel, user = payload.get("channel"), payload.get("user")
        channel_id = channel.get("id") if isinstance(channel, dict) else None
        user_id = user.get("id") if isinstance(user, dict) else None
        container, message = payload.get("container"), payload.get("message")
        message_ts = (container.get("message_ts") if isinstance(container, dict) else None) or (
            message.get("ts") if isinstance(message, dict) else None
        )
    if not isinstance(channel_id, str) or not channel_id:
        return {}
    route = "commands" if kind == "slash_commands" else "actions"
    url = mint_response_url(ctx, route, app_id, channel_id, str(user_id or ""), str(message_ts or ""))
    return {"response_url": url}
