"""``apps.*`` (but the manifest API): Socket Mode connections, event authorizations, uninstall, user connections.

``apps.connections.open`` answers a ``ws(s)://`` URL on the twin's own host, as Slack answers one on
``wss-primary.slack.com``, with a ticket that opens one connection; ``socket_mode.py`` serves it.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

import orjson

from ..runtime import Context, keyset
from . import _args, _model, _paging, _platform, _tokens, socket_mode
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]


@slack_method("apps.connections.open", scopes=())
def apps_connections_open(ctx: Context, caller: Caller) -> Record:
    _platform.only(caller, "app")
    caller.require("connections:write")
    base = ctx.base_url.rstrip("/")
    socket = (
        "wss://" + base.removeprefix("https://") if base.startswith("https://") else "ws://" + base.split("://")[-1]
    )
    app = _platform.app_of(ctx, caller)
    ticket = socket_mode.mint_ticket(ctx, app["id"])
    return {"url": ctx.for_tenant(f"{socket}/link/?ticket={ticket}&app_id={app['id']}")}


def event_context(team_id: str, app_id: str, channel_id: str = "", event_type: str = "message") -> str:
    """An ``event_context`` as Slack puts in event payloads: ``4-`` + base64url of a small JSON object."""
    data = {"et": event_type, "tid": team_id, "aid": app_id, "cid": channel_id}
    return "4-" + keyset.seal(orjson.dumps(data))


def _decode_context(raw: str) -> Record:
    if not raw.startswith("4-"):
        raise slack_error("invalid_event_context")
    data = keyset.unseal(raw[2:])
    try:
        found = orjson.loads(data) if data is not None else None
    except ValueError:
        found = None
    if not isinstance(found, dict):
        raise slack_error("invalid_event_context")
    return found


@slack_method("apps.event.authorizations.list", scopes=())
def apps_event_authorizations_list(ctx: Context, caller: Caller) -> Record:
    """The installations an event is visible to: in the one-workspace twin, the app's own bot install."""
    _platform.only(caller, "app")
    caller.require("authorizations:read")
    context = _decode_context(_platform.need(ctx, "event_context"))
    app = _platform.app_of(ctx, caller)
    if context.get("tid") != caller.team_id:
        raise slack_error("invalid_event_context")
    if context.get("aid") != app["id"]:
        raise slack_error("auth_mismatch")
    _paging.decode(ctx, "authorization")
    item = {
        "enterprise_id": None,
        "team_id": caller.team_id,
        "user_id": app["bot_user_id"],
        "is_bot": True,
        "is_enterprise_install": False,
    }
    return {"authorizations": [item] if app.get("installed") else [], **_paging.metadata("")}


def check_client(ctx: Context, caller: Caller | None = None) -> Record:
    """The app named by ``client_id``/``client_secret`` (form fields or HTTP Basic), by Slack's codes."""
    client_id, secret = client_credentials(ctx)
    app: Record | None = next((a for a in _platform.apps(ctx).values() if a["client_id"] == client_id), None)
    if app is None:
        raise slack_error("invalid_client_id")
    if secret != app["client_secret"]:
        raise slack_error("bad_client_secret")
    if caller is not None and _platform.app_of(ctx, caller)["id"] != app["id"]:
        raise slack_error("client_id_token_mismatch")
    return app


def client_credentials(ctx: Context) -> tuple[str, str]:
    header = ctx.headers.get("authorization", "")
    if header[:6].lower() == "basic ":
        try:
            user, _, password = base64.b64decode(header[6:].strip()).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise slack_error("invalid_client_id") from None
        return user, password
    return _args.text(ctx, "client_id").strip(), _args.text(ctx, "client_secret").strip()


@slack_method("apps.uninstall", scopes=())
def apps_uninstall(ctx: Context, caller: Caller) -> Record:
    """Uninstall the app from the workspace: its bot and app-level tokens stop working.

    They are set aside (``uninstalled``, see ``_tokens``) so an OAuth reinstall answers the same bot token, as
    Slack does for an app without token rotation.
    """
    _platform.only(caller, "bot", "user")
    app = check_client(ctx, caller)
    set_aside(ctx, app, True)
    app["installed"] = False
    _platform.apps(ctx).put(app["id"], app)
    return {}


def set_aside(ctx: Context, app: Record, uninstalled: bool) -> None:
    """Set the app's tokens (its bot's and those issued to it) aside on uninstall, or bring them back on reinstall."""
    for credential in ctx.credentials():
        who = credential.principal
        if not (who.get("app_id") == app["id"] or (who.get("bot_id") and who.get("bot_id") == app["bot_id"])):
            continue
        found = _tokens.status(ctx, credential.token)
        if uninstalled and not _tokens.gone(found):
            _tokens.mark(ctx, credential.token, uninstalled=True)
        elif not uninstalled and found.get("uninstalled"):
            _tokens.unmark(ctx, credential.token, "uninstalled")


# -- user connections (apps that link a Slack user to an account elsewhere) ------------------------

_STATUSES = ("connected", "disconnected")


def _set_connection(ctx: Context, app_id: str, user_id: str, status: str) -> None:
    ctx.state.collection("user_connections").put(f"{app_id}:{user_id}", {"status": status, "updated": int(ctx.now())})


@slack_method("apps.user.connection.update", scopes=("users:write",))
def apps_user_connection_update(ctx: Context, caller: Caller) -> Record:
    user_id = _platform.user_id(ctx)
    status = _platform.need(ctx, "status")
    if status not in _STATUSES:
        raise invalid_arguments(f"status must be one of {', '.join(_STATUSES)}")
    _set_connection(ctx, _platform.app_of(ctx, caller)["id"], user_id, status)
    return {}


@slack_method("apps.user.connection.bulkUpdate", scopes=("users:write",))
def apps_user_connection_bulk_update(ctx: Context, caller: Caller) -> Record:
    changes = [(u, "connected") for u in _args.id_list(ctx, "connected_user_ids")]
    changes += [(u, "disconnected") for u in _args.id_list(ctx, "disconnected_user_ids")]
    if not changes:
        raise invalid_arguments("connected_user_ids or disconnected_user_ids is required")
    for user_id, _ in changes:
        _model.user(ctx, user_id)  # all or nothing: every user must exist first
    app_id = _platform.app_of(ctx, caller)["id"]
    for user_id, status in changes:
        _set_connection(ctx, app_id, user_id, status)
    return {}


@slack_method("apps.user.connection.requestAuth", scopes=("users:write",))
def apps_user_connection_request_auth(ctx: Context, caller: Caller) -> Record:
    """Ask a user to connect their account: the twin records the request (Slack shows them a prompt)."""
    provider = _platform.json_arg(ctx, "primary_provider") if _args.text(ctx, "primary_provider")[:1] in "{[" else None
    name = provider.get("name", "") if isinstance(provider, dict) else _platform.need(ctx, "primary_provider")
    user_id = _args.text(ctx, "user_id").strip() or caller.user_id
    _model.user(ctx, user_id)
    ctx.state.collection("user_connection_requests").put(
        f"{_platform.app_of(ctx, caller)['id']}:{user_id}", {"provider": name, "requested": int(ctx.now())}
    )
    return {}
