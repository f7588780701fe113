"""Events API events, made in one place and sent to apps over Socket Mode (``socket_mode.py``).

Message, reaction and channel code call ``message``, ``reaction`` and ``channel_created``; each event goes
to every installed Socket Mode app with an open connection that subscribes to it (the manifest's
``settings.event_subscriptions.bot_events``), whose bot token has the event's scope and, for events in a
conversation, whose bot user is a member there (docs.slack.dev/reference/events: message.channels/groups/
im/mpim, reaction_added/removed, channel_created, member_joined_channel, app_mention). The payload is
Slack's ``event_callback``: ``token, team_id, api_app_id, event, type, event_id, event_time,
authorizations, is_ext_shared_channel, event_context``.

The seeded app's manifest subscribes to every bot event the twin sends (``_event_names.SENT``, the
twin's choice); an app whose manifest names none gets none.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _audit, _model, _tokens, rtm_stream, socket_mode
from ._event_names import SCOPES
from .apps import event_context

Record = dict[str, Any]


_CHANNEL_TYPE = {"public": "channel", "private": "group", "im": "im", "mpim": "mpim"}
_MESSAGE_EVENT = {"public": "message.channels", "private": "message.groups", "im": "message.im", "mpim": "message.mpim"}


def message(ctx: Context, channel_id: str, stored: Record) -> None:
    """A message was added to a conversation (posts, replies, and system messages such as joins)."""
    _audit_membership(ctx, channel_id, stored)
    rtm_stream.message(ctx, channel_id, stored)  # RTM connections of the channel's members (rtm_stream)
    if not socket_mode.listening(ctx.state):
        return
    channel = ctx.state.collection("channels").get(channel_id)
    if channel is None:
        return
    kind = _model.kind_of(channel)
    event = {**_model.show_message(stored), "channel": channel_id, "event_ts": stored["ts"]}
    event["channel_type"] = _CHANNEL_TYPE.get(kind, "channel")
    _emit(ctx, _MESSAGE_EVENT.get(kind, "message.channels"), event, channel)
    subtype = stored.get("subtype")
    if subtype == "channel_join":
        joined: Record = {"type": "member_joined_channel", "user": stored.get("user", ""), "channel": channel_id}
        joined.update(channel_type="G" if kind == "private" else "C", team=channel.get("context_team_id", ""))
        if stored.get("inviter"):
            joined["inviter"] = stored["inviter"]
        _emit(ctx, "member_joined_channel", {**joined, "event_ts": stored["ts"]}, channel)
    elif subtype in (None, "thread_broadcast") and kind in ("public", "private"):
        _mention(ctx, channel, stored)


def reaction(ctx: Context, user_id: str, name: str, channel: Record, target: Record, *, added: bool) -> None:
    """``user_id`` added (or removed) reaction ``name`` on message ``target``."""
    kind = "reaction_added" if added else "reaction_removed"
    event: Record = {"type": kind, "user": user_id, "reaction": name, "item_user": target.get("user", "")}
    event.update(item={"type": "message", "channel": channel["id"], "ts": target["ts"]}, event_ts=_event_ts(ctx))
    rtm_stream.reaction(ctx, event, channel)
    if socket_mode.listening(ctx.state):
        _emit(ctx, kind, event, channel)


def channel_created(ctx: Context, channel: Record) -> None:
    """A public channel was made (private ones are not announced: ``channel_created`` is public only)."""
    kind = "private" if _model.kind_of(channel) == "private" else "public"
    _audit.record(ctx, f"{kind}_channel_created", _audit.channel_entity(channel))
    if _model.kind_of(channel) != "public":
        return
    shown = {
        "id": channel["id"],
        "is_channel": True,
        "name": channel.get("name", ""),
        "name_normalized": channel.get("name_normalized", channel.get("name", "")),
        "created": channel.get("created", 0),
        "creator": channel.get("creator", ""),
        "is_shared": bool(channel.get("is_shared")),
        "is_org_shared": bool(channel.get("is_org_shared")),
        "context_team_id": channel.get("context_team_id", ""),
    }
    event = {"type": "channel_created", "channel": shown, "event_ts": _event_ts(ctx)}
    rtm_stream.channel_created(ctx, event)
    if socket_mode.listening(ctx.state):
        _emit(ctx, "channel_created", event, None)


def _audit_membership(ctx: Context, channel_id: str, stored: Record) -> None:
    """Joins and leaves are audit events too (``user_channel_join``/``user_channel_leave``), whoever listens."""
    subtype = stored.get("subtype")
    if subtype not in ("channel_join", "channel_leave", "group_join", "group_leave"):
        return
    channel = ctx.state.collection("channels").get(channel_id)
    if channel is not None:
        action = "user_channel_join" if subtype.endswith("_join") else "user_channel_leave"
        _audit.record(ctx, action, _audit.channel_entity(channel), actor=stored.get("inviter") or stored.get("user"),
                      details={"user": stored.get("user", "")})  # fmt: skip


def _mention(ctx: Context, channel: Record, stored: Record) -> None:
    text = str(stored.get("text") or "")
    for app in ctx.state.collection("apps").values():
        bot_user = app.get("bot_user_id")
        if not bot_user or f"<@{bot_user}>" not in text or stored.get("user") == bot_user:
            continue
        event = {"type": "app_mention", "user": stored.get("user", ""), "text": text, "ts": stored["ts"]}
        event.update({k: stored[k] for k in ("thread_ts", "blocks", "team") if k in stored})
        event.update(channel=channel["id"], event_ts=stored["ts"])
        _emit(ctx, "app_mention", event, channel, apps=(app,))


def _emit(
    ctx: Context, subscription: str, event: Record, channel: Record | None, apps: tuple[Record, ...] = ()
) -> None:
    """Send ``event`` to each app (all installed apps unless ``apps`` names them) that wants it."""
    team_id = (ctx.state.collection("team").get("team") or {}).get("id", "")
    for app in apps or ctx.state.collection("apps").values():
        if not _wants(ctx, app, subscription, event, channel):
            continue
        payload = {
            "token": socket_mode.verification_token(app),
            "team_id": team_id,
            "api_app_id": app["id"],
            "event": event,
            "type": "event_callback",
            "event_id": ctx.new_id("Ev0", 9),
            "event_time": int(ctx.now()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": team_id,
                    "user_id": app.get("bot_user_id", ""),
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": bool(channel and channel.get("is_ext_shared")),
            "event_context": event_context(team_id, app["id"], channel["id"] if channel else "", event["type"]),
        }
        socket_mode.enqueue(ctx.state, ctx.now(), ctx.new_id, app["id"], "events_api", payload, False)


def _wants(ctx: Context, app: Record, subscription: str, event: Record, channel: Record | None) -> bool:
    if not socket_mode.socket_enabled(app) or not socket_mode.connections(ctx.state, app["id"]):
        return False
    if subscription not in subscriptions(app):
        return False
    if set(bot_scopes(ctx, app)).isdisjoint(SCOPES.get(subscription, ())):
        return False
    bot_user = app.get("bot_user_id", "")
    # events in a conversation reach a bot that is in it (or that the event is about: its own join)
    return channel is None or _model.is_member(channel, bot_user) or event.get("user") == bot_user


def subscriptions(app: Record) -> tuple[str, ...]:
    """The bot events the app subscribes to in its manifest; an app that names none gets none."""
    settings = (app.get("manifest") or {}).get("settings") or {}
    found = settings.get("event_subscriptions")
    if not isinstance(found, dict):
        return ()
    return tuple(found.get("bot_events") or ())


def bot_scopes(ctx: Context, app: Record) -> list[str]:
    """The scopes granted to the app's bot token."""
    bot_id = app.get("bot_id")
    if not bot_id:
        return []
    for credential, _ in _tokens.live(ctx):
        if credential.principal.get("bot_id", "") == bot_id:
            return list(credential.scopes)
    return []


def _event_ts(ctx: Context) -> str:
    return f"{ctx.now():.6f}"
