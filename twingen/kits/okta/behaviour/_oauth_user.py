"""A person's tokens from an authorization server: the ``authorization_code`` grant (the code ``/authorize`` gave,
with PKCE when the code was asked with a challenge) and the ``password`` grant (Resource Owner Password), each
answering an ``access_token`` and, with the ``openid`` scope, an ``id_token``: RS256 JWTs signed with the server's
active key (``/oauth2/v1/keys``, or the custom server's), whose claims are Okta's (``sub`` the user id, ``aud`` the
client id, ``email``/``email_verified`` with the ``email`` scope, ``name``/``preferred_username`` with ``profile``,
``nonce`` when one was sent, ``at_hash``, ``amr``, ``idp``, ``auth_time``).

Refresh tokens (``offline_access``) are not minted: a gap of the twin.
Sources: https://developer.okta.com/docs/guides/implement-grant-type/authcode/main/ (the code is good for 300 s),
https://developer.okta.com/docs/guides/implement-grant-type/ropassword/main/ ,
https://developer.okta.com/docs/api/openapi/okta-oauth/oauth/tag/OrgAS/#tag/OrgAS/operation/token and
https://developer.okta.com/docs/guides/validate-id-tokens/main/ (the claims); ``The credentials provided were
invalid.`` for a wrong password as Okta answers it (recorded in public integration guides).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

from ..runtime import Context, Credential
from ..runtime.clock import BASE64URL_ALPHABET
from . import _authz_keys, _log, _users, _users_password
from ._oauth_client import OAuthRefusal, client_id_of, form
from ._oauth_grant import check_grant_type, server_scopes, user_org_scopes

Record = dict[str, Any]
CODES = "oauth_codes"
TOKENS = "oauth_tokens"
CODE_LIFETIME = 300
BAD_CODE = "The authorization code is invalid or has expired."


def scopes_for(ctx: Context, server: Record | None, app: Record, requested: list[str], grant_type: str) -> int:
    """Check the scopes (and the grant type) on the org server or the custom one; the token lifetime."""
    check_grant_type(app, grant_type)
    if server is None:
        return user_org_scopes(ctx, app, requested)
    return server_scopes(ctx, server, app, requested, grant_type)


def pkce_matches(verifier: str, challenge: str) -> bool:
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    made = base64.urlsafe_b64encode(digest).decode().rstrip("=")
    return hmac.compare_digest(made, challenge)


def authorization_code(ctx: Context, server: Record | None, app: Record, issuer: str, base: str) -> Record:
    code = form(ctx, "code")
    if not code:
        raise OAuthRefusal("invalid_request", "The authorization code is missing.")
    codes = ctx.state.collection(CODES)
    found = codes.get(code)
    if found is None or found["clientId"] != client_id_of(app) or found["server"] != base:
        raise OAuthRefusal("invalid_grant", BAD_CODE)
    codes.delete(code)  # a code is used once, whatever the outcome
    if found["expires"] <= ctx.now():
        raise OAuthRefusal("invalid_grant", BAD_CODE)
    if form(ctx, "redirect_uri") != found["redirectUri"]:
        raise OAuthRefusal(
            "invalid_grant", "The 'redirect_uri' does not match the redirection URI used in the authorization request."
        )
    if found.get("codeChallenge"):
        verifier = form(ctx, "code_verifier")
        if not verifier:
            raise OAuthRefusal("invalid_request", "PKCE verification failed: the code_verifier is missing.")
        if not pkce_matches(verifier, found["codeChallenge"]):
            raise OAuthRefusal("invalid_grant", "PKCE verification failed.")
    user = _users.collection(ctx).get(found["userId"])
    if user is None or user.get("status") != "ACTIVE":
        raise OAuthRefusal("invalid_grant", BAD_CODE)
    scopes = list(found["scopes"])
    lifetime = scopes_for(ctx, server, app, scopes, "authorization_code")
    return mint(
        ctx, server, app, user, scopes, lifetime, issuer, base, nonce=found.get("nonce"), auth_time=found["authTime"]
    )


def password(ctx: Context, server: Record | None, app: Record, issuer: str, base: str) -> Record:
    check_grant_type(app, "password")
    username, secret = form(ctx, "username"), form(ctx, "password")
    if not username or secret is None:
        raise OAuthRefusal("invalid_request", "The username and password are required.")
    user = _users.lookup(ctx, username)
    if user is None or user.get("status") != "ACTIVE" or not _users_password.matches(user, secret):
        raise OAuthRefusal("invalid_grant", "The credentials provided were invalid.")
    scopes = (form(ctx, "scope") or "").split()
    lifetime = scopes_for(ctx, server, app, scopes, "password")
    return mint(ctx, server, app, user, scopes, lifetime, issuer, base, nonce=None, auth_time=int(ctx.now()))


def mint(
    ctx: Context,
    server: Record | None,
    app: Record,
    user: Record,
    scopes: list[str],
    lifetime: int,
    issuer: str,
    base: str,
    *,
    nonce: str | None,
    auth_time: int,
) -> Record:
    """The token answer for ``user`` (the access token kept under its ``jti`` for introspection and revocation)."""
    keys = _authz_keys.org_keys(ctx) if server is None else server["_keys"]
    key = _authz_keys.active(keys)
    client_id = client_id_of(app)
    profile = user.get("profile") or {}
    login = str(profile.get("login") or "")
    now = int(ctx.now())
    jti = "AT." + ctx.new_id("", 43, BASE64URL_ALPHABET)
    access = {
        "ver": 1,
        "jti": jti,
        "iss": issuer,
        "aud": ctx.base_url.rstrip("/") if server is None else server["audiences"][0],
        "iat": now,
        "exp": now + lifetime,
        "cid": client_id,
        "uid": user["id"],
        "scp": scopes,
        "auth_time": auth_time,
        "sub": login,
    }
    access_token = _authz_keys.sign(key, access)
    ctx.state.collection(TOKENS).put(jti, {**access, "_token": access_token, "_server": base, "active": True})
    if server is None:
        name = f"{profile.get('firstName') or ''} {profile.get('lastName') or ''}".strip()
        principal = {"user_id": user["id"], "login": login, "name": name, "actor_type": "User", "client_id": client_id}
        ctx.grant(
            Credential(
                name=f"oauth:{jti}",
                scheme="bearer",
                token=access_token,
                principal={**principal, "exp": now + lifetime, "jti": jti},
                scopes=tuple(scopes),
                listed=False,
            )
        )
    answer: Record = {
        "token_type": "Bearer",
        "expires_in": lifetime,
        "access_token": access_token,
        "scope": " ".join(scopes),
    }
    if "openid" in scopes:
        answer["id_token"] = _authz_keys.sign(
            key, id_claims(ctx, user, scopes, client_id, issuer, access_token, nonce, auth_time, now)
        )
    target = _log.target("AppInstance", app["id"], client_id, str(app.get("label") or ""))
    _log.record(ctx, "app.oauth2.as.token.grant" if server else "app.oauth2.token.grant", [_users.target(user), target])
    return answer


def id_claims(
    ctx: Context,
    user: Record,
    scopes: list[str],
    client_id: str,
    issuer: str,
    access_token: str,
    nonce: str | None,
    auth_time: int,
    now: int,
) -> Record:
    profile = user.get("profile") or {}
    digest = hashlib.sha256(access_token.encode()).digest()
    claims: Record = {
        "sub": user["id"],
        "ver": 1,
        "iss": issuer,
        "aud": client_id,
        "iat": now,
        "exp": now + 3600,
        "jti": "ID." + ctx.new_id("", 43, BASE64URL_ALPHABET),
        "amr": ["pwd"],
        "idp": str((ctx.state.collection("org").get("settings") or {}).get("id") or ""),
        "auth_time": auth_time,
        "at_hash": base64.urlsafe_b64encode(digest[:16]).decode().rstrip("="),
    }
    if nonce:
        claims["nonce"] = nonce
    if "profile" in scopes:
        claims["name"] = f"{profile.get('firstName') or ''} {profile.get('lastName') or ''}".strip()
        claims["preferred_username"] = profile.get("login")
    if "email" in scopes:
        claims["email"] = profile.get("email")
        emails = (user.get("credentials") or {}).get("emails") or []
        claims["email_verified"] = any(e.get("status") == "VERIFIED" for e in emails)
    return claims


GRANTS = {"authorization_code": authorization_code, "password": password}
"""The person's grants by ``grant_type``: ``fn(ctx, server, app, issuer, server path) -> the token answer``."""
