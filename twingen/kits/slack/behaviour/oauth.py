"""The OAuth exchange: ``oauth.v2.access``, ``oauth.access``, ``oauth.v2.exchange``, ``openid.connect.*``.

Codes: the twin has no ``/oauth/v2/authorize`` page, so the seed holds one unused code per active human
(``_platform_seed.oauth_code(handle)``; values in ``api_docs/slack/NOTES.md``), each spendable once per
reset. Exchanging a code installs the app and answers its bot token and the human's user token. Without
token rotation these are long-lived: the ones the app already has (Slack answers the same tokens on a
reinstall) or, for an app installed for the first time (``apps.manifest.create``), new ones: a bot user
when the manifest has one, scopes from its ``oauth_config``. With ``settings.token_rotation_enabled``
every exchange mints expiring ``xoxe.`` tokens with refresh tokens (``_platform_tokens``). Minted tokens
authenticate from the next call on.

The client (``client_id``/``client_secret``) comes as HTTP Basic (as slack_sdk sends it) or as form fields;
these methods need no token (``auth=False``), as on Slack.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
from typing import Any

import orjson

from ..runtime import Context, behaviour
from . import _args, _audit, _ids, _model, _platform, _platform_tokens, _tokens, _webhooks
from ._auth import Caller, slack_method
from ._errors import slack_error
from ._platform_tokens import ROTATION_TTL
from .apps import check_client, set_aside

Record = dict[str, Any]


def _spend_code(ctx: Context, app: Record) -> Record:
    code = _args.text(ctx, "code").strip()
    if not code:
        raise slack_error("invalid_code")
    codes = ctx.state.collection("oauth_codes")
    found: Record | None = codes.get(code)
    if found is None:
        found = _derived_code(ctx, app, code)
    elif found.get("app_id") != app["id"]:
        raise slack_error("invalid_code")
    else:
        codes.delete(code)  # a code is good for one exchange
    set_aside(ctx, app, False)  # a reinstall brings back the app's tokens
    app["installed"] = True
    _platform.apps(ctx).put(app["id"], app)
    return found


def code_for(client_id: str, user_id: str, n: int) -> str:
    """The ``n``-th code the twin accepts for ``user_id`` authorizing the app ``client_id`` (NOTES.md, "Seeded app"):
    ``TEAM.N.SIG``, TEAM the part of the client id before the dot, SIG = sha256 hex of
    ``twin-slack:oauth-code:CLIENT_ID:USER_ID:N``. It stands in for the code Slack's redirect would carry."""
    body = f"twin-slack:oauth-code:{client_id}:{user_id}:{n}"
    return f"{client_id.partition('.')[0]}.{n}.{hashlib.sha256(body.encode()).hexdigest()}"


def _derived_code(ctx: Context, app: Record, code: str) -> Record:
    """A code made by ``code_for`` for an active human of the workspace, spendable once."""
    parts = code.split(".")
    number = parts[1] if len(parts) == 3 else ""
    if not number.isdigit():
        raise slack_error("invalid_code")
    spent = ctx.state.collection("spent_oauth_codes")
    for user in ctx.state.collection("users").values():
        if user.get("is_bot") or user.get("deleted") or user["id"] == "USLACKBOT":
            continue
        if hmac.compare_digest(code, code_for(app["client_id"], user["id"], int(number))):
            if spent.get(code) is not None:
                raise slack_error("invalid_code")  # a code is good for one exchange
            spent.put(code, {"user_id": user["id"], "app_id": app["id"]})
            return {"user_id": user["id"], "app_id": app["id"]}
    raise slack_error("invalid_code")


def _team(ctx: Context) -> Record:
    team = _model.team(ctx)
    return {"id": team.get("id"), "name": team.get("name")}


def _rotating(app: Record) -> bool:
    return bool(((app.get("manifest") or {}).get("settings") or {}).get("token_rotation_enabled"))


def _scopes(app: Record, kind: str) -> list[str]:
    found = (((app.get("manifest") or {}).get("oauth_config") or {}).get("scopes") or {}).get(kind) or []
    return [str(s) for s in found]


def _seeded_app_id(ctx: Context) -> str:
    first = next(iter(_platform.apps(ctx).values()), None)
    return str(first["id"]) if first else ""


def _existing(ctx: Context, app: Record, kind: str, user_id: str) -> tuple[str, list[str]] | None:
    """A long-lived ``kind`` token that ``user_id`` holds for ``app`` (seeded tokens are the seeded app's), and its
    scopes."""
    seeded = _seeded_app_id(ctx)
    for credential, found in _tokens.live(ctx):
        who = credential.principal
        if (
            who.get("user_id") != user_id
            or _tokens.expiry(credential, found) is not None
            or _platform.token_kind(credential.token, who.get("kind")) != kind
        ):
            continue
        if (who.get("app_id") or seeded) == app["id"]:
            return credential.token, list(credential.scopes)
    return None


def _ensure_bot(ctx: Context, app: Record) -> None:
    """Give an app installed for the first time its bot user, when its manifest asks for one."""
    if app.get("bot_user_id"):
        return
    wanted = ((app.get("manifest") or {}).get("features") or {}).get("bot_user")
    if not isinstance(wanted, dict):
        return
    users = ctx.state.collection("users")
    template = next((u for u in users.values() if u.get("is_bot") and u["id"] != "USLACKBOT"), None)
    if template is None:  # pragma: no cover - the seed always has its bot
        return
    user_id, bot_id = _ids.new_id(ctx.state, "U"), _ids.new_id(ctx.state, "B")
    display = str(wanted.get("display_name") or app["name"])
    handle = "".join(c for c in display.lower() if c.isalnum() or c in "-_") or "bot"
    user = copy.deepcopy(template)
    user.update(id=user_id, name=handle, real_name=display, updated=int(ctx.now()))
    user["profile"].update(bot_id=bot_id, api_app_id=app["id"], real_name=display, display_name=display)
    users.put(user_id, user)
    icons = {"image_36": "https://a.slack-edge.com/80588/img/plugins/app/bot_36.png"}
    ctx.state.collection("bots").put(bot_id, {"id": bot_id, "app_id": app["id"], "user_id": user_id, "name": handle,
                                              "icons": icons, "deleted": False, "updated": int(ctx.now())})  # fmt: skip
    app.update(bot_id=bot_id, bot_user_id=user_id)
    _platform.apps(ctx).put(app["id"], app)


def _issue(ctx: Context, app: Record, kind: str, user_id: str) -> Record:
    """The token an install answers for ``kind``: ``{token, scopes, [refresh_token, expires_in]}``."""
    bot_id = app.get("bot_id", "") if kind == "bot" else ""
    if _rotating(app):
        scopes = _scopes(app, kind)
        if not scopes:
            found = _existing(ctx, app, kind, user_id)
            scopes = found[1] if found else []
        token = _platform_tokens.mint(ctx, kind, user_id, scopes, app_id=app["id"], bot_id=bot_id, rotating=True)
        refresh = _platform_tokens.start_rotation(ctx, token)
        return {"token": token, "scopes": scopes, "refresh_token": refresh, "expires_in": ROTATION_TTL}
    found = _existing(ctx, app, kind, user_id)
    if found is not None:
        return {"token": found[0], "scopes": found[1]}
    scopes = _scopes(app, kind)
    token = _platform_tokens.mint(ctx, kind, user_id, scopes, app_id=app["id"], bot_id=bot_id)
    return {"token": token, "scopes": scopes}


def _wants_user_token(ctx: Context, app: Record) -> bool:
    """The seeded app answers its seeded user tokens; another app one when its manifest asks user scopes."""
    return app["id"] == _seeded_app_id(ctx) or bool(_scopes(app, "user"))


def _rotation_fields(issued: Record) -> Record:
    return {k: issued[k] for k in ("expires_in", "refresh_token") if k in issued}


@behaviour("oauth.v2.access", auth=False)  # the client id and secret authenticate, not a token
def oauth_v2_access(ctx: Context) -> Record:
    """Exchange a code (an install), or with ``grant_type=refresh_token`` a refresh token (token rotation)."""
    app = check_client(ctx)
    if _args.text(ctx, "grant_type") == "refresh_token":
        return _refreshed(ctx, app)
    granted = _spend_code(ctx, app)
    _ensure_bot(ctx, app)
    _audit.record(ctx, "app_installed", _audit.app_entity(app["id"], app.get("name", "")), actor=granted["user_id"])
    answer: Record = {}
    if app.get("bot_user_id"):
        bot = _issue(ctx, app, "bot", app["bot_user_id"])
        answer.update(access_token=bot["token"], token_type="bot", scope=",".join(bot["scopes"]),
                      bot_user_id=app["bot_user_id"], **_rotation_fields(bot))  # fmt: skip
        if "incoming-webhook" in bot["scopes"]:  # the install made a webhook (#general: the twin has no picker)
            answer["incoming_webhook"] = _webhooks.mint_hook(ctx, app, granted["user_id"])
    answer.update(app_id=app["id"], team=_team(ctx), enterprise=None, is_enterprise_install=False)
    authed: Record = {"id": granted["user_id"]}
    if _wants_user_token(ctx, app):
        user = _issue(ctx, app, "user", granted["user_id"])
        authed.update(scope=",".join(user["scopes"]), access_token=user["token"], token_type="user",
                      **_rotation_fields(user))  # fmt: skip
    answer["authed_user"] = authed
    return answer


def _refreshed(ctx: Context, app: Record) -> Record:
    raw = _args.text(ctx, "refresh_token").strip()
    token, following, chain = _platform_tokens.refresh(ctx, app, raw)
    answer: Record = {
        "app_id": app["id"],
        "authed_user": {"id": chain["user_id"] if chain["kind"] == "user" else ""},
        "scope": ",".join(chain["scopes"]),
        "token_type": chain["kind"],
        "access_token": token,
        "refresh_token": following,
        "expires_in": ROTATION_TTL,
        "team": _team(ctx),
        "enterprise": None,
        "is_enterprise_install": False,
    }
    if chain["kind"] == "bot":
        answer["bot_user_id"] = chain["user_id"]
    return answer


@behaviour("oauth.access", auth=False)  # the client id and secret authenticate, not a token
def oauth_access(ctx: Context) -> Record:
    """The classic (v1) exchange: a user token and the team."""
    app = check_client(ctx)
    granted = _spend_code(ctx, app)
    user = _issue(ctx, app, "user", granted["user_id"])
    team = _team(ctx)
    return {
        "access_token": user["token"],
        "scope": ",".join(user["scopes"]),
        "user_id": granted["user_id"],
        "team_id": team["id"],
        "team_name": team["name"],
        "enterprise_id": None,
    }


@slack_method("oauth.v2.exchange", scopes=())
def oauth_v2_exchange(ctx: Context, caller: Caller) -> Record:
    """Exchange a long-lived bot or user token for a rotating one (``xoxe.`` + 12 hours + a refresh token).

    Once per token (``token_already_exchanged``); a rotating token is ``invalid_token``. The long-lived
    token keeps working until the first refresh. An app without token rotation (the seeded one, until its
    manifest turns it on) gets ``token_rotation_not_enabled``, as the method page lists.
    """
    app = check_client(ctx, caller)
    if not _rotating(app):
        raise slack_error("token_rotation_not_enabled")
    _platform.only(caller, "bot", "user")
    if caller.expires is not None or caller.token.startswith("xoxe."):
        raise slack_error("invalid_token")
    if _tokens.status(ctx, caller.token).get("exchanged"):
        raise slack_error("token_already_exchanged")
    _tokens.mark(ctx, caller.token, exchanged=True)
    kind = "bot" if caller.is_bot else "user"
    scopes = sorted(caller.scopes)
    token = _platform_tokens.mint(ctx, kind, caller.user_id, scopes, app_id=app["id"], bot_id=caller.bot_id,
                                  rotating=True)  # fmt: skip
    answer: Record = {
        "access_token": token,
        "expires_in": ROTATION_TTL,
        "refresh_token": _platform_tokens.start_rotation(ctx, token, replaces=caller.token),
        "token_type": kind,
        "scope": ",".join(scopes),
        "app_id": app["id"],
        "team": _team(ctx),
        "enterprise": None,
        "is_enterprise_install": False,
    }
    answer["bot_user_id" if caller.is_bot else "user_id"] = caller.user_id
    return answer


# -- Sign in with Slack (OpenID Connect) ------------------------------------------------------------


def id_token(ctx: Context, user: Record, app: Record) -> str:
    """An HS256-signed JWT with Slack's OpenID claims (Slack signs with RS256; the twin has no key pair)."""
    team = _model.team(ctx)
    now = int(ctx.now())
    claims = {
        "iss": "https://slack.com",
        "sub": user["id"],
        "aud": app["client_id"],
        "exp": now + 3600,
        "iat": now,
        "auth_time": now,
        "nonce": "",
        "at_hash": hashlib.sha256(user["id"].encode()).hexdigest()[:22],
        "https://slack.com/team_id": team.get("id"),
        "https://slack.com/user_id": user["id"],
        "email": user["profile"].get("email", ""),
        "email_verified": True,
        "date_email_verified": now,
        "locale": "en-US",
        "name": user.get("real_name", ""),
        "given_name": user["profile"].get("first_name", ""),
        "family_name": user["profile"].get("last_name", ""),
        "https://slack.com/team_name": team.get("name"),
        "https://slack.com/team_domain": team.get("domain"),
    }

    def part(data: Record) -> str:
        return base64.urlsafe_b64encode(orjson.dumps(data)).decode().rstrip("=")

    body = f"{part({'typ': 'JWT', 'alg': 'HS256'})}.{part(claims)}"
    signature = hmac.new(app["client_secret"].encode(), body.encode(), hashlib.sha256).digest()
    return f"{body}.{base64.urlsafe_b64encode(signature).decode().rstrip('=')}"


@behaviour("openid.connect.token", auth=False)  # the client id and secret authenticate, not a token
def openid_connect_token(ctx: Context) -> Record:
    """Sign in with Slack: a user token and an ID token; with token rotation also a refresh token, which
    ``grant_type=refresh_token`` spends for the next user token."""
    app = check_client(ctx)
    if _args.text(ctx, "grant_type") == "refresh_token":
        token, following, chain = _platform_tokens.refresh(ctx, app, _args.text(ctx, "refresh_token"), ("user",))
        user = _model.user(ctx, chain["user_id"])
        return {"access_token": token, "token_type": "Bearer", "id_token": id_token(ctx, user, app),
                "refresh_token": following, "expires_in": ROTATION_TTL}  # fmt: skip
    granted = _spend_code(ctx, app)
    issued = _issue(ctx, app, "user", granted["user_id"])
    user = _model.user(ctx, granted["user_id"])
    answer: Record = {"access_token": issued["token"], "token_type": "Bearer", "id_token": id_token(ctx, user, app)}
    return {**answer, **_rotation_fields(issued)}


@slack_method("openid.connect.userInfo", scopes=())
def openid_connect_user_info(ctx: Context, caller: Caller) -> Record:
    """The signed-in user's claims; user tokens only (Sign in with Slack issues user tokens)."""
    _platform.only(caller, "user")
    user = _model.user(ctx, caller.user_id)
    team = _model.team(ctx)
    profile = user["profile"]
    return {
        "sub": user["id"],
        "https://slack.com/user_id": user["id"],
        "https://slack.com/team_id": team.get("id"),
        "email": profile.get("email", ""),
        "email_verified": True,
        "date_email_verified": user.get("updated", 0),
        "name": user.get("real_name", ""),
        "picture": profile.get("image_512", ""),
        "given_name": profile.get("first_name", ""),
        "family_name": profile.get("last_name", ""),
        "locale": "en-US",
        "https://slack.com/team_name": team.get("name"),
        "https://slack.com/team_domain": team.get("domain"),
        "https://slack.com/user_image_24": profile.get("image_24", ""),
        "https://slack.com/user_image_512": profile.get("image_512", ""),
        "https://slack.com/team_image_default": True,
    }
