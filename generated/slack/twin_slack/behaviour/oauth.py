"""The OAuth exchange: ``oauth.v2.access``, ``oauth.access``, ``oauth.v2.exchange``, ``openid.connect.*``.

Codes: the twin has no ``/oauth/v2/authorize`` page, so the seed holds one unused code per active human
(``_platform_seed.oauth_code(handle)``; values in ``api_docs/slack/NOTES.md``), each spendable once per
reset. Exchanging a code installs the app again and answers the app's bot token and the human's user
token, as Slack answers the same tokens when an app is reinstalled without token rotation.

The client (``client_id``/``client_secret``) comes as HTTP Basic (as slack_sdk sends it) or as form fields;
these methods need no token (``auth=False``), as on Slack.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Any

import orjson

from ..runtime import Context, VendorError, behaviour
from . import _args, _model, _platform
from ._auth import Caller, slack_method
from .apps import check_client, move_grants

Record = dict[str, Any]


def _spend_code(ctx: Context, app: Record) -> Record:
    code = _args.text(ctx, "code").strip()
    if not code:
        raise VendorError("invalid_code")
    codes = ctx.state.collection("oauth_codes")
    found: Record | None = codes.get(code)
    if found is None:
        found = _derived_code(ctx, app, code)
    elif found.get("app_id") != app["id"]:
        raise VendorError("invalid_code")
    else:
        codes.delete(code)  # a code is good for one exchange
    move_grants(ctx, app, "revoked_tokens", "tokens")  # a reinstall brings back the app's tokens
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
        raise VendorError("invalid_code")
    spent = ctx.state.collection("spent_oauth_codes")
    for user in ctx.state.collection("users").values():
        if user.get("is_bot") or user.get("deleted") or user["id"] == "USLACKBOT":
            continue
        if hmac.compare_digest(code, code_for(app["client_id"], user["id"], int(number))):
            if spent.get(code) is not None:
                raise VendorError("invalid_code")  # a code is good for one exchange
            spent.put(code, {"user_id": user["id"], "app_id": app["id"]})
            return {"user_id": user["id"], "app_id": app["id"]}
    raise VendorError("invalid_code")


def _token_of(ctx: Context, user_id: str, prefix: str) -> tuple[str, Record]:
    for token, grant in ctx.state.collection("tokens").scan():
        if grant.get("user_id") == user_id and token.startswith(prefix):
            return token, grant
    raise VendorError("invalid_code")


def _team(ctx: Context) -> Record:
    team = _model.team(ctx)
    return {"id": team.get("id"), "name": team.get("name")}


@behaviour("oauth.v2.access", auth=False)  # the client id and secret authenticate, not a token
def oauth_v2_access(ctx: Context) -> Record:
    app = check_client(ctx)
    granted = _spend_code(ctx, app)
    bot_token, bot_grant = _token_of(ctx, app["bot_user_id"], "xoxb-")
    user_token, user_grant = _token_of(ctx, granted["user_id"], "xoxp-")
    return {
        "access_token": bot_token,
        "token_type": "bot",
        "scope": ",".join(bot_grant.get("scopes") or ()),
        "bot_user_id": app["bot_user_id"],
        "app_id": app["id"],
        "team": _team(ctx),
        "enterprise": None,
        "is_enterprise_install": False,
        "authed_user": {
            "id": granted["user_id"],
            "scope": ",".join(user_grant.get("scopes") or ()),
            "access_token": user_token,
            "token_type": "user",
        },
    }


@behaviour("oauth.access", auth=False)  # the client id and secret authenticate, not a token
def oauth_access(ctx: Context) -> Record:
    """The classic (v1) exchange: a user token and the team."""
    app = check_client(ctx)
    granted = _spend_code(ctx, app)
    user_token, user_grant = _token_of(ctx, granted["user_id"], "xoxp-")
    team = _team(ctx)
    return {
        "access_token": user_token,
        "scope": ",".join(user_grant.get("scopes") or ()),
        "user_id": granted["user_id"],
        "team_id": team["id"],
        "team_name": team["name"],
        "enterprise_id": None,
    }


@slack_method("oauth.v2.exchange", scopes=())
def oauth_v2_exchange(ctx: Context, caller: Caller) -> Record:
    """Exchange a long-lived bot or user token for a rotating one (``xoxe.`` + 12 hours + a refresh token).

    The new token is recorded, but the runtime only accepts tokens known at seed time (see NOTES).
    """
    app = check_client(ctx, caller)
    _platform.only(caller, "bot", "user")
    grant = dict(ctx.state.collection("tokens").get(caller.token) or {})
    token = f"xoxe.{caller.token[:4]}-1-{secrets.token_hex(70)}"
    ctx.state.collection("tokens").put(token, {**grant, "app_id": app["id"]})
    answer: Record = {
        "access_token": token,
        "expires_in": 43_200,
        "refresh_token": f"xoxe-1-{secrets.token_hex(70)}",
        "token_type": "bot" if caller.is_bot else "user",
        "scope": ",".join(sorted(caller.scopes)),
        "app_id": app["id"],
        "team": _team(ctx),
        "enterprise": None,
        "is_enterprise_install": False,
    }
    if caller.is_bot:
        answer["bot_user_id"] = caller.user_id
    else:
        answer["user_id"] = caller.user_id
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
    app = check_client(ctx)
    if _args.text(ctx, "grant_type") == "refresh_token":
        raise VendorError("invalid_refresh_token")  # the twin's app does not rotate tokens
    granted = _spend_code(ctx, app)
    user_token, _ = _token_of(ctx, granted["user_id"], "xoxp-")
    user = _model.user(ctx, granted["user_id"])
    return {"access_token": user_token, "token_type": "Bearer", "id_token": id_token(ctx, user, app)}


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
