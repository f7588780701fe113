"""The OAuth clients of an authorization server and the refresh tokens it issued them
(``/api/v1/authorizationServers/{id}/clients``): a client is an app the server has issued a refresh token to; a
client without any is Okta's 404 naming it (``PublicClientApp``, recorded). Tokens are those in collection
``oauth2_refresh_tokens`` (shared with the apps area) whose ``issuer`` is the server's.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/AuthorizationServerClients/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _paging
from ._errors import not_found
from ._links import href
from ._oauth_client import client_app
from .authz import find, issuer

TOKENS = "oauth2_refresh_tokens"


def _tokens(ctx: Context, server: dict[str, Any], client_id: str | None = None) -> list[dict[str, Any]]:
    iss = issuer(ctx, server)
    return [
        t
        for t in ctx.state.collection(TOKENS).values()
        if t.get("issuer") == iss and (client_id is None or t.get("clientId") == client_id)
    ]


def _client(ctx: Context, server: dict[str, Any]) -> str:
    client_id = str(ctx.params.get("clientId") or "")
    if not _tokens(ctx, server, client_id):
        raise not_found(client_id, "PublicClientApp")
    return client_id


def _render_token(ctx: Context, token: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in token.items() if not k.startswith("_")}
    if "scope" not in str(ctx.params.get("expand") or ""):
        shown.pop("_embedded", None)
    return shown


@behaviour("listOAuth2ClientsForAuthorizationServer")
def list_oauth2_clients_for_authorization_server(ctx: Context) -> Any:
    server = find(ctx)
    seen: dict[str, dict[str, Any]] = {}
    for token in _tokens(ctx, server):
        app = client_app(ctx, str(token.get("clientId")))
        if app is not None and token["clientId"] not in seen:
            seen[token["clientId"]] = {
                "client_id": token["clientId"],
                "client_name": app.get("label"),
                "client_uri": ((app.get("settings") or {}).get("oauthClient") or {}).get("client_uri"),
                "logo_uri": ((app.get("settings") or {}).get("oauthClient") or {}).get("logo_uri"),
                "_links": {"app": {"href": href(ctx, f"/api/v1/apps/{app['id']}")}},
            }
    return list(seen.values())


@behaviour("listRefreshTokensForAuthorizationServerAndClient")
def list_refresh_tokens_for_authorization_server_and_client(ctx: Context) -> Any:
    server = find(ctx)
    tokens = _tokens(ctx, server, _client(ctx, server))
    rows = _paging.after_in([(t["id"], t) for t in tokens], _paging.cursor_of(ctx))
    return _paging.served(ctx, rows, lambda t: _render_token(ctx, t), 20, 200)


def _token(ctx: Context, server: dict[str, Any], client_id: str) -> dict[str, Any]:
    token_id = str(ctx.params.get("tokenId") or "")
    for token in _tokens(ctx, server, client_id):
        if token["id"] == token_id:
            return token
    raise not_found(token_id, "OAuth2RefreshToken")


@behaviour("getRefreshTokenForAuthorizationServerAndClient")
def get_refresh_token_for_authorization_server_and_client(ctx: Context) -> Any:
    server = find(ctx)
    return _render_token(ctx, _token(ctx, server, _client(ctx, server)))


@behaviour("revokeRefreshTokenForAuthorizationServerAndClient")
def revoke_refresh_token_for_authorization_server_and_client(ctx: Context) -> Any:
    server = find(ctx)
    token = _token(ctx, server, _client(ctx, server))
    _drop(ctx, token)
    return Response(204, None)


@behaviour("revokeRefreshTokensForAuthorizationServerAndClient")
def revoke_refresh_tokens_for_authorization_server_and_client(ctx: Context) -> Any:
    server = find(ctx)
    for token in _tokens(ctx, server, _client(ctx, server)):
        _drop(ctx, token)
    return Response(204, None)


def _drop(ctx: Context, token: dict[str, Any]) -> None:
    for key, stored in ctx.state.collection(TOKENS).scan():
        if stored is token or stored.get("id") == token["id"]:
            ctx.state.collection(TOKENS).delete(key)
            return
