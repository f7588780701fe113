"""``apps.manifest.*`` (a store of app manifests) and ``tooling.tokens.rotate``: app configuration tokens.

Only app configuration tokens (``xoxe.xoxp-...``, credential ``config``) may call the manifest API; a bot
or user token gets ``not_allowed_token_type``. A configuration token manages the apps its user created.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from ..runtime import Context
from ..runtime.clock import HEX_ALPHABET, URLSAFE_ALPHABET
from . import _args, _ids, _platform, _platform_tokens
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]

_APP_ID = re.compile(r"^A[0-9A-Z]{6,}$")
CONFIG_TTL = 43_200  # configuration tokens live 12 hours


def _manifest(ctx: Context) -> Record:
    manifest = _args.json_value(ctx, "manifest")  # a JSON string in a form; bad JSON is invalid_manifest
    if manifest is None:
        raise invalid_arguments("missing required field: manifest")
    if not isinstance(manifest, dict):
        raise slack_error("invalid_manifest", errors=[{"message": "must be object", "pointer": "/"}])
    return manifest


def problems(manifest: Record) -> list[Record]:
    """What Slack's manifest validation reports: ``{message, pointer}`` per problem (JSON pointers)."""
    found: list[Record] = []
    info = manifest.get("display_information")
    if not isinstance(info, dict):
        found.append({"message": "must have required property 'display_information'", "pointer": "/"})
    else:
        name = info.get("name")
        if not isinstance(name, str) or not name.strip():
            found.append({"message": "must have required property 'name'", "pointer": "/display_information"})
        elif len(name) > 35:
            found.append({"message": "must NOT have more than 35 characters", "pointer": "/display_information/name"})
    settings = manifest.get("settings") or {}
    socket = bool(settings.get("socket_mode_enabled"))
    events = settings.get("event_subscriptions")
    if isinstance(events, dict) and not events.get("request_url") and not socket:
        found.append(
            {
                "message": "Event Subscription requires either Request URL or Socket Mode Enabled",
                "pointer": "/settings/event_subscriptions",
            }
        )
    interactivity = settings.get("interactivity")
    wants_url = isinstance(interactivity, dict) and interactivity.get("is_enabled") and not socket
    if wants_url and not interactivity.get("request_url"):  # type: ignore[union-attr]
        found.append({"message": "Interactivity requires a Request URL", "pointer": "/settings/interactivity"})
    bot_scopes = ((manifest.get("oauth_config") or {}).get("scopes") or {}).get("bot") or []
    if bot_scopes and not (manifest.get("features") or {}).get("bot_user"):
        found.append({"message": "A bot user is required to request bot scopes", "pointer": "/features/bot_user"})
    return found


def _valid(manifest: Record) -> None:
    found = problems(manifest)
    if found:
        raise slack_error("invalid_manifest", errors=found)


def _owned_app(ctx: Context, caller: Caller) -> Record:
    app_id = _platform.need(ctx, "app_id")
    if not _APP_ID.match(app_id):
        raise slack_error("invalid_app_id")
    app: Record | None = _platform.apps(ctx).get(app_id)
    if app is None or app.get("deleted") or app.get("creator") != caller.user_id:
        raise slack_error("app_not_found")
    return app


@slack_method("apps.manifest.validate", scopes=())
def apps_manifest_validate(ctx: Context, caller: Caller) -> Record:
    _platform.only(caller, "config")
    manifest = _manifest(ctx)
    if _args.text(ctx, "app_id").strip():
        _owned_app(ctx, caller)
    _valid(manifest)
    return {}


@slack_method("apps.manifest.create", scopes=())
def apps_manifest_create(ctx: Context, caller: Caller) -> Record:
    _platform.only(caller, "config")
    manifest = _manifest(ctx)
    _valid(manifest)
    app_id = _ids.new_id(ctx.state, "A")
    client_id = f"{_platform.team_number(ctx)}.{int(hashlib.sha256(app_id.encode()).hexdigest(), 16) % 10**13:013d}"
    credentials = {
        "client_id": client_id,
        "client_secret": ctx.new_id(length=32, alphabet=HEX_ALPHABET),
        "verification_token": ctx.new_id(length=24, alphabet=URLSAFE_ALPHABET),
        "signing_secret": ctx.new_id(length=32, alphabet=HEX_ALPHABET),
    }
    app = {"id": app_id, "name": manifest["display_information"]["name"], "manifest": manifest,
           "creator": caller.user_id, "installed": False, "bot_id": "", "bot_user_id": "", **credentials}  # fmt: skip
    _platform.apps(ctx).put(app_id, app)
    scopes = ",".join(((manifest.get("oauth_config") or {}).get("scopes") or {}).get("bot") or [])
    return {
        "app_id": app_id,
        "credentials": credentials,
        "oauth_authorize_url": f"https://slack.com/oauth/v2/authorize?client_id={client_id}&scope={scopes}",
    }


@slack_method("apps.manifest.update", scopes=())
def apps_manifest_update(ctx: Context, caller: Caller) -> Record:
    _platform.only(caller, "config")
    manifest = _manifest(ctx)
    app = _owned_app(ctx, caller)
    _valid(manifest)
    before = (app.get("manifest") or {}).get("oauth_config")
    app.update(manifest=manifest, name=manifest["display_information"]["name"])
    _platform.apps(ctx).put(app["id"], app)
    return {"app_id": app["id"], "permissions_updated": manifest.get("oauth_config") != before}


@slack_method("apps.manifest.export", scopes=())
def apps_manifest_export(ctx: Context, caller: Caller) -> Record:
    _platform.only(caller, "config")
    return {"manifest": _owned_app(ctx, caller)["manifest"]}


@slack_method("apps.manifest.delete", scopes=())
def apps_manifest_delete(ctx: Context, caller: Caller) -> Record:
    _platform.only(caller, "config")
    app = _owned_app(ctx, caller)
    app["deleted"] = True
    _platform.apps(ctx).put(app["id"], app)
    return {}


@slack_method("tooling.tokens.rotate", scopes=())
def tooling_tokens_rotate(ctx: Context, caller: Caller) -> Record:
    """A new configuration token (valid for 12 hours, then ``token_expired``) and refresh token; the refresh
    token given is spent. The configuration token it was issued with keeps working until it expires."""
    raw = _platform.need(ctx, "refresh_token")
    store = ctx.state.collection("config_tokens")
    found: Record | None = store.get(raw)
    if found is None:
        raise slack_error("invalid_refresh_token")
    store.delete(raw)
    now = int(ctx.now())
    token = _platform_tokens.mint(ctx, "config", found["user_id"], [], app_id="", ttl=CONFIG_TTL)
    refresh = _platform_tokens.new_refresh_token(ctx)
    store.put(refresh, {"token": token, "user_id": found["user_id"]})
    return {
        "token": token,
        "refresh_token": refresh,
        "team_id": _platform.team_of(ctx),
        "user_id": found["user_id"],
        "iat": now,
        "exp": now + CONFIG_TTL,
    }
