"""The authorize endpoint (``GET /oauth2/v1/authorize``, ``/oauth2/{authServerId}/v1/authorize``) for the
authorization code flow, and ``/userinfo``.

A browser reaches ``/authorize`` with the Okta session cookie; an app that signs a person in without one passes the
one-time ``sessionToken`` of ``POST /api/v1/authn`` (sessions.py) instead, as Okta allows. The answer is a 302 to
the app's redirect URI with ``code`` and ``state`` (``response_mode`` query or fragment). A request whose client or
redirect URI cannot be trusted is answered 400 in place (no redirect), as Okta does; every other refusal goes back
to the redirect URI as ``error``/``error_description``. Without a session, the browser is sent to the Okta sign-in
page (``/login/login.htm``), a page the twin does not serve; ``prompt=none`` gets ``login_required`` instead.
Not served: ``response_type`` other than ``code`` (implicit, hybrid), ``response_mode=form_post``/``okta_post_message``,
``login_hint``/``idp`` routing and the consent page (apps are ``consent_method`` TRUSTED).
Sources: https://developer.okta.com/docs/api/openapi/okta-oauth/oauth/tag/OrgAS/#tag/OrgAS/operation/authorize ,
https://developer.okta.com/docs/guides/implement-grant-type/authcode/main/ ,
https://developer.okta.com/docs/guides/session-cookie/main/ (the sessionToken on /authorize), and the refusal
``User is not assigned to the client application.`` (access_denied) as Okta words it (tailscale/tailscale#3334).
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlencode

import jwt

from ..runtime import Context, Response, behaviour
from ..runtime.clock import BASE64URL_ALPHABET
from . import _log, _users
from ._oauth_client import OAuthRefusal, client_app, client_id_of, form
from ._oauth_user import CODE_LIFETIME, CODES, TOKENS
from .app_assignments import _app_user
from .oauth import _base, _issuer, _server, refusal

Record = dict[str, Any]


class _Redirected(Exception):
    """An error answered at the redirect URI."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error, self.description = error, description


def _page(status: int, title: str, message: str) -> Response:
    body = f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>"
    body += f"<p>{html.escape(message)}</p></body></html>"
    return Response(status, body, {"cache-control": "no-store"}, "text/html; charset=utf-8")


def _redirect(uri: str, mode: str, values: dict[str, str | None]) -> Response:
    joined = urlencode({k: v for k, v in values.items() if v is not None})
    target = f"{uri}#{joined}" if mode == "fragment" else f"{uri}{'&' if '?' in uri else '?'}{joined}"
    return Response(302, None, {"location": target, "cache-control": "no-store"})


@behaviour("oauth.authorize", method="GET", path="/oauth2/v1/authorize", auth=False)
@behaviour("oauth.server.authorize", method="GET", path="/oauth2/{authServerId}/v1/authorize", auth=False)
def authorize(ctx: Context) -> Response:
    try:
        server = _server(ctx)
    except OAuthRefusal as error:
        return refusal(error)
    client_id = form(ctx, "client_id") or ""
    app = client_app(ctx, client_id) if client_id else None
    if app is None or app.get("status") != "ACTIVE":
        return _page(400, "Bad Request", "Invalid value for 'client_id' parameter.")
    allowed = ((app.get("settings") or {}).get("oauthClient") or {}).get("redirect_uris") or []
    redirect_uri = form(ctx, "redirect_uri") or ""
    if redirect_uri not in allowed:
        return _page(
            400,
            "Bad Request",
            "The 'redirect_uri' parameter must be a Login redirect URI in the client app settings: "
            + ctx.base_url.rstrip("/")
            + f"/admin/app/oidc_client/instance/{app['id']}#tab-general",
        )
    mode = form(ctx, "response_mode") or "query"
    state = form(ctx, "state")
    try:
        if mode not in ("query", "fragment"):
            raise _Redirected("invalid_request", "The 'response_mode' parameter is not supported by this endpoint.")
        code = _code(ctx, server, app, redirect_uri)
    except _Redirected as refused:
        values = {"error": refused.error, "error_description": refused.description, "state": state}
        return _redirect(redirect_uri, "query" if mode not in ("query", "fragment") else mode, values)
    except _SignIn:
        from_uri = ctx.path + ("?" + urlencode(dict(_query(ctx))) if _query(ctx) else "")
        login = ctx.base_url.rstrip("/") + "/login/login.htm?" + urlencode({"fromURI": from_uri})
        return Response(302, None, {"location": login, "cache-control": "no-store"})
    return _redirect(redirect_uri, mode, {"code": code, "state": state})


class _SignIn(Exception):
    """No session: the browser goes to the sign-in page."""


def _query(ctx: Context) -> list[tuple[str, str]]:
    return [(k, str(v)) for k, v in ctx.params.items() if k != "authServerId" and isinstance(v, str)]


def _code(ctx: Context, server: Record | None, app: Record, redirect_uri: str) -> str:
    """The code for the signed-in person, or the refusal sent back to the redirect URI."""
    response_type = form(ctx, "response_type")
    if not response_type:
        raise _Redirected("invalid_request", "The 'response_type' parameter is missing.")
    if response_type != "code":
        raise _Redirected(
            "unsupported_response_type", f"The response type '{response_type}' is not supported by this client."
        )
    grants = ((app.get("settings") or {}).get("oauthClient") or {}).get("grant_types") or []
    if "authorization_code" not in grants:
        raise _Redirected(
            "unauthorized_client",
            f"The client is not authorized to use the provided grant type. Configured grant types: {grants}.",
        )
    scopes = (form(ctx, "scope") or "").split()
    if not scopes:
        raise _Redirected(
            "invalid_scope",
            "The authorization server resource does not have any configured default scopes, 'scope' must be provided.",
        )
    challenge, method = form(ctx, "code_challenge"), form(ctx, "code_challenge_method")
    public = ((app.get("credentials") or {}).get("oauthClient") or {}).get("token_endpoint_auth_method") == "none"
    if challenge is None and public:
        raise _Redirected(
            "invalid_request",
            "PKCE code challenge is required when the token endpoint authentication method is 'NONE'.",
        )
    if challenge is not None and (method or "S256") != "S256":
        raise _Redirected("invalid_request", "Invalid value for 'code_challenge_method' parameter.")
    if challenge is not None and not 43 <= len(challenge) <= 128:
        raise _Redirected("invalid_request", "The 'code_challenge' parameter is invalid.")
    user = _session_user(ctx)
    if user is None:
        if form(ctx, "prompt") == "none":
            raise _Redirected("login_required", "The client specified not to prompt, but the user is not logged in.")
        raise _SignIn
    if _app_user(ctx, app, user["id"]) is None:
        raise _Redirected("access_denied", "User is not assigned to the client application.")
    code = ctx.new_id("", 43, BASE64URL_ALPHABET)
    ctx.state.collection(CODES).put(
        code,
        {
            "clientId": client_id_of(app),
            "userId": user["id"],
            "redirectUri": redirect_uri,
            "scopes": scopes,
            "nonce": form(ctx, "nonce"),
            "codeChallenge": challenge,
            "server": _base(server),
            "expires": ctx.now() + CODE_LIFETIME,
            "authTime": int(ctx.now()),
        },
    )
    target = _log.target("AppInstance", app["id"], client_id_of(app), str(app.get("label") or ""))
    _log.record(ctx, "user.authentication.sso", [_users.target(user), target], message="User single sign on to app")
    return code


def _session_user(ctx: Context) -> Record | None:
    """The person the one-time ``sessionToken`` names (used up here), if it is still good and they may sign in."""
    token = form(ctx, "sessionToken")
    if not token:
        return None
    tokens = ctx.state.collection("session_tokens")
    found = tokens.get(token)
    if found is None:
        return None
    tokens.delete(token)
    user = _users.collection(ctx).get(found["userId"])
    if found["expiresAt"] < ctx.now() or user is None or user.get("status") != "ACTIVE":
        return None
    return dict(user)


@behaviour("oauth.userinfo", method="GET", path="/oauth2/v1/userinfo", auth=False)
@behaviour("oauth.server.userinfo", method="GET", path="/oauth2/{authServerId}/v1/userinfo", auth=False)
def userinfo(ctx: Context) -> Response:
    """The person's claims for an access token this server issued with the ``openid`` scope; otherwise 401 with
    ``WWW-Authenticate`` (https://openid.net/specs/openid-connect-core-1_0.html#UserInfoError)."""
    try:
        server = _server(ctx)
    except OAuthRefusal as error:
        return refusal(error)
    header = ctx.headers.get("authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else ""
    try:
        jti = str(jwt.decode(token, options={"verify_signature": False}).get("jti") or "") if token else ""
    except jwt.PyJWTError:
        jti = ""
    record = ctx.state.collection(TOKENS).get(jti) if jti else None
    user = _users.collection(ctx).get(str(record.get("uid"))) if record else None
    if (
        record is None
        or record["_token"] != token
        or record["_server"] != _base(server)
        or not record["active"]
        or record["exp"] <= ctx.now()
        or user is None
        or user.get("status") != "ACTIVE"
    ):
        challenge = 'Bearer authorization_uri="{}", realm="{}", error="invalid_token"'
        issuer = _issuer(ctx, server)
        headers = {"www-authenticate": challenge.format(issuer + "/v1/authorize", issuer)}
        return Response(401, {"error": "invalid_token", "error_description": "The access token is invalid."}, headers)
    if "openid" not in record["scp"]:
        refused = {"error": "insufficient_scope", "error_description": "The access token lacks the 'openid' scope."}
        return Response(403, refused, {"www-authenticate": 'Bearer error="insufficient_scope"'})
    profile = user.get("profile") or {}
    claims: Record = {"sub": user["id"]}
    if "profile" in record["scp"]:
        claims.update(
            name=f"{profile.get('firstName') or ''} {profile.get('lastName') or ''}".strip(),
            preferred_username=profile.get("login"),
            given_name=profile.get("firstName"),
            family_name=profile.get("lastName"),
            locale=profile.get("locale") or "en_US",
            zoneinfo=profile.get("timezone") or "America/Los_Angeles",
        )
    if "email" in record["scp"]:
        emails = (user.get("credentials") or {}).get("emails") or []
        claims.update(email=profile.get("email"), email_verified=any(e.get("status") == "VERIFIED" for e in emails))
    return Response(200, claims)
