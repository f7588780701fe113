"""The OAuth 2.0 endpoints of the org authorization server (``/oauth2/v1/...``) and of custom servers
(``/oauth2/{authServerId}/v1/...``): the token endpoint for the client-credentials grant (a person's grants are
``_oauth_user``, the authorize endpoint ``oauth_authorize``), the servers' JWKS,
their metadata (``/.well-known/openid-configuration`` and ``oauth-authorization-server``), token introspection
and revocation.

An org-server token is an RS256 JWT the twin signs; it is granted as a bearer credential carrying its scopes, so
okta-sdk-python's OAuth mode (authorizationMode PrivateKey) calls the management API with it. A custom server's
token is for the customer's own APIs: the management API does not take it (as at Okta).
Sources: https://developer.okta.com/docs/api/openapi/okta-oauth/oauth/tag/OrgAS/ ,
https://developer.okta.com/docs/api/openapi/okta-oauth/oauth/tag/CustomAS/ and
https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/
"""

from __future__ import annotations

from typing import Any

import jwt

from ..runtime import Context, Credential, Response, behaviour
from ..runtime.clock import BASE64URL_ALPHABET
from . import _authz_keys, _log, _oauth_user
from ._links import href
from ._oauth_client import OAuthRefusal, authenticate, client_id_of, form
from ._oauth_grant import org_scopes, server_scopes
from ._seed_authz import SERVERS

TOKENS = "oauth_tokens"
NO_STORE = {"cache-control": "no-store", "pragma": "no-cache"}


def refusal(error: OAuthRefusal) -> Response:
    headers = dict(NO_STORE)
    if error.status == 401:
        headers["www-authenticate"] = f'Basic realm="Okta", error="{error.error}"'
    return Response(error.status, {"error": error.error, "error_description": error.description}, headers)


def _server(ctx: Context) -> dict[str, Any] | None:
    """The custom server the path names (None: the org server); an unknown one is the OAuth 404."""
    server_id = ctx.params.get("authServerId")
    if server_id is None:
        return None
    found = ctx.state.collection(SERVERS).get(str(server_id))
    if found is None:
        raise OAuthRefusal("not_found", "Not found: Resource not found: the authorization server.", 404)
    return found


def _base(server: dict[str, Any] | None) -> str:
    return "" if server is None else f"/oauth2/{server['id']}"


def _issuer(ctx: Context, server: dict[str, Any] | None) -> str:
    return href(ctx, _base(server)) if server is not None else ctx.base_url.rstrip("/")


def _token(ctx: Context) -> Response:
    server = _server(ctx)
    token_url = href(ctx, (_base(server) or "/oauth2") + "/v1/token") if server else href(ctx, "/oauth2/v1/token")
    if not ctx.content_type.startswith("application/x-www-form-urlencoded"):
        raise OAuthRefusal("invalid_request", "The request must be form-encoded (application/x-www-form-urlencoded).")
    grant_type = form(ctx, "grant_type")
    if not grant_type:
        raise OAuthRefusal("invalid_request", "The grant_type is missing.")
    app = authenticate(ctx, token_url)
    if grant_type in _oauth_user.GRANTS:  # a person's tokens (authorization code, password)
        made = _oauth_user.GRANTS[grant_type](ctx, server, app, _issuer(ctx, server), _base(server))
        return Response(200, made, NO_STORE)
    if grant_type != "client_credentials":
        raise OAuthRefusal(
            "unsupported_grant_type", f"The grant type '{grant_type}' is not supported by the twin's token endpoint."
        )
    requested = (form(ctx, "scope") or "").split()
    lifetime = org_scopes(ctx, app, requested) if server is None else server_scopes(ctx, server, app, requested)
    client_id = client_id_of(app)
    keys = _authz_keys.org_keys(ctx) if server is None else server["_keys"]
    now = int(ctx.now())
    jti = "AT." + ctx.new_id("", 43, BASE64URL_ALPHABET)
    audience = ctx.base_url.rstrip("/") if server is None else server["audiences"][0]
    claims = {
        "ver": 1,
        "jti": jti,
        "iss": _issuer(ctx, server),
        "aud": audience,
        "iat": now,
        "exp": now + lifetime,
        "cid": client_id,
        "scp": requested,
        "sub": client_id,
    }
    access_token = _authz_keys.sign(_authz_keys.active(keys), claims)
    ctx.state.collection(TOKENS).put(jti, {**claims, "_token": access_token, "_server": _base(server), "active": True})
    if server is None:
        principal = {
            "user_id": client_id,
            "login": client_id,
            "name": str(app.get("label") or client_id),
            "actor_type": "PublicClientApp",
            "client_id": client_id,
            "exp": now + lifetime,
            "jti": jti,
        }
        ctx.grant(
            Credential(
                name=f"oauth:{jti}",
                scheme="bearer",
                token=access_token,
                principal=principal,
                scopes=tuple(requested),
                listed=False,
            )
        )
    _log.record(
        ctx,
        "app.oauth2.as.token.grant.access_token" if server else "app.oauth2.token.grant.access_token",
        [_log.target("AppInstance", app["id"], client_id, str(app.get("label") or ""))],
    )
    return Response(
        200,
        {"token_type": "Bearer", "expires_in": lifetime, "access_token": access_token, "scope": " ".join(requested)},
        NO_STORE,
    )


@behaviour("oauth.token", method="POST", path="/oauth2/v1/token", auth=False)
@behaviour("oauth.server.token", method="POST", path="/oauth2/{authServerId}/v1/token", auth=False)
def token(ctx: Context) -> Response:
    try:
        return _token(ctx)
    except OAuthRefusal as error:
        return refusal(error)


def _jwks(ctx: Context) -> Response:
    server = _server(ctx)
    keys = _authz_keys.org_keys(ctx) if server is None else server["_keys"]
    shown = [_authz_keys.public(k) for k in keys if k["status"] != "EXPIRED"]
    return Response(200, {"keys": shown}, {"cache-control": "max-age=3600"})


@behaviour("oauth.keys", method="GET", path="/oauth2/v1/keys", auth=False)
@behaviour("oauth.server.keys", method="GET", path="/oauth2/{authServerId}/v1/keys", auth=False)
def keys(ctx: Context) -> Response:
    try:
        return _jwks(ctx)
    except OAuthRefusal as error:
        return refusal(error)


def _metadata(ctx: Context, openid: bool) -> Response:
    server = _server(ctx)
    base = href(ctx, _base(server) or "/oauth2") + "/v1"
    scopes = (
        [
            "okta.users.read",
            "okta.users.manage",
            "okta.groups.read",
            "okta.groups.manage",
            "okta.apps.read",
            "okta.apps.manage",
            "okta.logs.read",
        ]
        if server is None
        else [
            s["name"]
            for s in ctx.state.collection("authz_scopes").values()
            if s["_server"] == server["id"] and s.get("metadataPublish") == "ALL_CLIENTS"
        ]
    )
    document: dict[str, Any] = {
        "issuer": _issuer(ctx, server),
        "authorization_endpoint": f"{base}/authorize",
        "token_endpoint": f"{base}/token",
        "jwks_uri": f"{base}/keys",
        "introspection_endpoint": f"{base}/introspect",
        "revocation_endpoint": f"{base}/revoke",
        "response_types_supported": ["code", "token", "id_token"],
        "grant_types_supported": ["authorization_code", "implicit", "refresh_token", "password", "client_credentials"],
        "scopes_supported": scopes,
        "token_endpoint_auth_methods_supported": [
            "client_secret_basic",
            "client_secret_post",
            "client_secret_jwt",
            "private_key_jwt",
            "none",
        ],
        "token_endpoint_auth_signing_alg_values_supported": [
            "HS256",
            "HS384",
            "HS512",
            "RS256",
            "RS384",
            "RS512",
            "ES256",
            "ES384",
            "ES512",
        ],
        "code_challenge_methods_supported": ["S256"],
    }
    if openid:
        document.update(
            userinfo_endpoint=f"{base}/userinfo",
            subject_types_supported=["public"],
            id_token_signing_alg_values_supported=["RS256"],
        )
    return Response(200, document)


@behaviour("oauth.openid_configuration", method="GET", path="/.well-known/openid-configuration", auth=False)
@behaviour(
    "oauth.server.openid_configuration",
    method="GET",
    path="/oauth2/{authServerId}/.well-known/openid-configuration",
    auth=False,
)
def openid_configuration(ctx: Context) -> Response:
    try:
        return _metadata(ctx, True)
    except OAuthRefusal as error:
        return refusal(error)


@behaviour("oauth.authorization_server", method="GET", path="/.well-known/oauth-authorization-server", auth=False)
@behaviour(
    "oauth.server.authorization_server",
    method="GET",
    path="/oauth2/{authServerId}/.well-known/oauth-authorization-server",
    auth=False,
)
def authorization_server_metadata(ctx: Context) -> Response:
    try:
        return _metadata(ctx, False)
    except OAuthRefusal as error:
        return refusal(error)


def _stored(ctx: Context, server: dict[str, Any] | None) -> dict[str, Any] | None:
    """The token the form names, as this server issued it (tokens are kept under their ``jti``)."""
    text = form(ctx, "token") or ""
    try:
        jti = str(jwt.decode(text, options={"verify_signature": False}).get("jti") or "")
    except jwt.PyJWTError:
        return None
    record = ctx.state.collection(TOKENS).get(jti) if jti else None
    if record is None or record["_token"] != text or record["_server"] != _base(server):
        return None
    return dict(record)


@behaviour("oauth.introspect", method="POST", path="/oauth2/v1/introspect", auth=False)
@behaviour("oauth.server.introspect", method="POST", path="/oauth2/{authServerId}/v1/introspect", auth=False)
def introspect(ctx: Context) -> Response:
    try:
        server = _server(ctx)
        authenticate(ctx, href(ctx, (_base(server) or "/oauth2") + "/v1/introspect"))
        record = _stored(ctx, server)
        if record is None or not record["active"] or record["exp"] <= ctx.now():
            return Response(200, {"active": False}, NO_STORE)
        return Response(
            200,
            {
                "active": True,
                "scope": " ".join(record["scp"]),
                "client_id": record["cid"],
                "token_type": "Bearer",
                "exp": record["exp"],
                "iat": record["iat"],
                "sub": record["sub"],
                "aud": record["aud"],
                "iss": record["iss"],
                "jti": record["jti"],
            },
            NO_STORE,
        )
    except OAuthRefusal as error:
        return refusal(error)


@behaviour("oauth.revoke", method="POST", path="/oauth2/v1/revoke", auth=False)
@behaviour("oauth.server.revoke", method="POST", path="/oauth2/{authServerId}/v1/revoke", auth=False)
def revoke(ctx: Context) -> Response:
    try:
        server = _server(ctx)
        app = authenticate(ctx, href(ctx, (_base(server) or "/oauth2") + "/v1/revoke"))
        if not form(ctx, "token"):
            raise OAuthRefusal("invalid_request", "The token is missing.")
        record = _stored(ctx, server)
        client_id = client_id_of(app)
        # RFC 7009: an unknown token, or another client's, is answered 200 and left alone
        if record is not None and record["cid"] == client_id and record["active"]:
            record["active"] = False
            ctx.state.collection(TOKENS).put(record["jti"], record)
            ctx.revoke(record["_token"])
        return Response(200, None, NO_STORE)
    except OAuthRefusal as error:
        return refusal(error)
