"""A user's OAuth 2.0 side: the scope consent grants it gave, the clients holding its refresh tokens, and those
tokens, listed and revoked per client or all at once.

Read from the records the OAuth areas keep: ``oauth2_grants`` (grant id -> grant with ``userId``, ``clientId``) and
``oauth2_refresh_tokens`` (token id -> token with ``userId``, ``clientId``). The twin's token endpoint issues
client-credentials tokens only, which belong to no user, so a user made here has none until a user-bound flow
writes them. Revoking removes grants and marks tokens REVOKED. An unknown user is Okta's 404 (User), an unknown
grant or token its 404 (OAuth2ScopeConsentGrant / OAuth2RefreshToken). Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserGrant/ ,
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserOAuth/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _users
from ._errors import not_found
from ._links import href

Record = dict[str, Any]

GRANTS = "oauth2_grants"
TOKENS = "oauth2_refresh_tokens"


def _shown(record: Record) -> Record:
    return {k: v for k, v in record.items() if not k.startswith("_")}


def is_client(ctx: Context, client_id: str) -> bool:
    """An app of the org named by its id (a key lookup) or by its OAuth ``client_id`` (a read-only scan)."""
    apps = ctx.state.collection("apps")
    if apps.get(client_id) is not None:
        return True
    return any(
        ((a.get("credentials") or {}).get("oauthClient") or {}).get("client_id") == client_id for _, a in apps.scan()
    )


def _client(ctx: Context) -> str:
    """The path's ``clientId``: an OAuth app of the org (its client_id or id), else Okta's 404."""
    client_id = str(ctx.params.get("clientId") or "")
    if is_client(ctx, client_id):
        return client_id
    raise not_found(client_id, "PublicClientApp")


def _grants(ctx: Context, user_id: str, client_id: str | None = None) -> list[Record]:
    return [
        g
        for g in ctx.state.collection(GRANTS).values()
        if g.get("userId") == user_id and (client_id is None or g.get("clientId") == client_id)
    ]


def _tokens(ctx: Context, user_id: str, client_id: str | None = None) -> list[Record]:
    return [
        t
        for t in ctx.state.collection(TOKENS).values()
        if t.get("userId") == user_id
        and t.get("status") != "REVOKED"
        and (client_id is None or t.get("clientId") == client_id)
    ]


@behaviour("listUserGrants")
def list_user_grants(ctx: Context) -> Any:
    user = _users.find(ctx)
    scope = ctx.params.get("scopeId")
    return [_shown(g) for g in _grants(ctx, user["id"]) if not scope or g.get("scopeId") == scope]


@behaviour("getUserGrant")
def get_user_grant(ctx: Context) -> Any:
    user = _users.find(ctx)
    grant_id = str(ctx.params.get("grantId") or "")
    found = next((g for g in _grants(ctx, user["id"]) if g.get("id") == grant_id), None)
    if found is None:
        raise not_found(grant_id, "OAuth2ScopeConsentGrant")
    return _shown(found)


def _drop_grants(ctx: Context, grants: list[Record], user: Record) -> Response:
    collection = ctx.state.collection(GRANTS)
    for grant in grants:
        collection.delete(grant["id"])
    if grants:
        _users.log(ctx, "app.oauth2.as.consent.revoke", user)
    return Response(204, None)


@behaviour("revokeUserGrant")
def revoke_user_grant(ctx: Context) -> Any:
    user = _users.find(ctx)
    return _drop_grants(ctx, [get_user_grant(ctx)], user)


@behaviour("revokeUserGrants")
def revoke_user_grants(ctx: Context) -> Any:
    user = _users.find(ctx)
    return _drop_grants(ctx, _grants(ctx, user["id"]), user)


@behaviour("listGrantsForUserAndClient")
def list_grants_for_user_and_client(ctx: Context) -> Any:
    user = _users.find(ctx)
    return [_shown(g) for g in _grants(ctx, user["id"], _client(ctx))]


@behaviour("revokeGrantsForUserAndClient")
def revoke_grants_for_user_and_client(ctx: Context) -> Any:
    user = _users.find(ctx)
    return _drop_grants(ctx, _grants(ctx, user["id"], _client(ctx)), user)


@behaviour("listUserClients")
def list_user_clients(ctx: Context) -> Any:
    """The apps holding a grant or a live refresh token of the user, each once (OAuth2Client shape)."""
    user = _users.find(ctx)
    client_ids = dict.fromkeys(str(r.get("clientId")) for r in _grants(ctx, user["id"]) + _tokens(ctx, user["id"]))
    apps = {
        str(((a.get("credentials") or {}).get("oauthClient") or {}).get("client_id") or a["id"]): a
        for a in ctx.state.collection("apps").values()
    }
    listed = []
    for client_id in client_ids:
        app = apps.get(client_id) or {}
        base = f"/api/v1/users/{user['id']}/clients/{client_id}"
        listed.append(
            {
                "client_id": client_id,
                "client_name": app.get("label") or client_id,
                "client_uri": None,
                "logo_uri": None,
                "_links": {
                    "grants": {"href": href(ctx, base + "/grants")},
                    "tokens": {"href": href(ctx, base + "/tokens")},
                },
            }
        )
    return listed


@behaviour("listRefreshTokensForUserAndClient")
def list_refresh_tokens_for_user_and_client(ctx: Context) -> Any:
    user = _users.find(ctx)
    return [_shown(t) for t in _tokens(ctx, user["id"], _client(ctx))]


def _token(ctx: Context, user: Record) -> Record:
    token_id = str(ctx.params.get("tokenId") or "")
    found = next((t for t in _tokens(ctx, user["id"], _client(ctx)) if t.get("id") == token_id), None)
    if found is None:
        raise not_found(token_id, "OAuth2RefreshToken")
    return found


@behaviour("getRefreshTokenForUserAndClient")
def get_refresh_token_for_user_and_client(ctx: Context) -> Any:
    return _shown(_token(ctx, _users.find(ctx)))


def _revoke(ctx: Context, tokens: list[Record], user: Record) -> Response:
    collection = ctx.state.collection(TOKENS)
    for token in tokens:
        collection.put(str(token["id"]), {**token, "status": "REVOKED"})
    if tokens:
        _users.log(ctx, "app.oauth2.as.token.revoke", user)
    return Response(204, None)


@behaviour("revokeTokenForUserAndClient")
def revoke_token_for_user_and_client(ctx: Context) -> Any:
    user = _users.find(ctx)
    return _revoke(ctx, [_token(ctx, user)], user)


@behaviour("revokeTokensForUserAndClient")
def revoke_tokens_for_user_and_client(ctx: Context) -> Any:
    user = _users.find(ctx)
    return _revoke(ctx, _tokens(ctx, user["id"], _client(ctx)), user)
