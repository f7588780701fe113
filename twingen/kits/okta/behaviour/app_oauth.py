"""An OAuth client app's admin consent grants (``/apps/{appId}/grants``) and the refresh tokens issued to it
(``/apps/{appId}/tokens``).

A grant gives the client an Okta scope on the org's authorization server (issuer: the org URL), made by the admin
(``source: ADMIN``, ``createdBy`` the caller). Tokens are those in collection ``oauth2_refresh_tokens`` whose
``clientId`` is the app's (written by whoever issues them); an unknown token is Okta's 404 naming
``appId.tokenId (OAuth2RefreshTokenTx)`` (recorded). Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationGrants/ and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationTokens/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, arguments, behaviour
from ..runtime.clock import BASE62_ALPHABET, iso8601
from . import _log, _paging
from ._apps_model import find_app
from ._errors import not_found, validation_failed
from ._links import href
from ._store import body_object

Record = dict[str, Any]
GRANTS = "app_grants"
TOKENS = "oauth2_refresh_tokens"


def _client_id(app: Record) -> str:
    return str(((app.get("credentials") or {}).get("oauthClient") or {}).get("client_id") or app["id"])


def _render_grant(ctx: Context, app: Record, grant: Record) -> Record:
    shown = {k: v for k, v in grant.items() if not k.startswith("_")}
    if "scope" in (arguments.text(ctx.params, "expand") or "") or ctx.op.get("method") == "POST":
        shown["_embedded"] = {"scope": {"id": grant["scopeId"]}}
    label = str(app.get("label") or "")
    shown["_links"] = {
        "app": {"href": href(ctx, f"/api/v1/apps/{app['id']}"), "title": label},
        "self": {
            "href": href(ctx, f"/api/v1/apps/{app['id']}/grants/{grant['id']}"),
            "hints": {"allow": ["GET", "DELETE"]},
        },
        "client": {"href": href(ctx, f"/oauth2/v1/clients/{grant['clientId']}"), "title": label},
    }
    return shown


def _grant(ctx: Context, app: Record) -> Record:
    grant_id = str(ctx.params.get("grantId"))
    found = ctx.state.collection(GRANTS).get(f"{app['id']}/{grant_id}")
    if found is None:
        raise not_found(grant_id, "OAuth2ScopeConsentGrant")
    return found


@behaviour("grantConsentToScope")
def grant_consent_to_scope(ctx: Context) -> Record:
    app = find_app(ctx)
    body = body_object(ctx)
    scope = body.get("scopeId")
    if not isinstance(scope, str) or not scope:
        raise validation_failed("scopeId", "The field cannot be left blank.")
    issuer = body.get("issuer")
    if not isinstance(issuer, str) or not issuer:
        raise validation_failed("issuer", "The field cannot be left blank.")
    now = iso8601(ctx.now())
    who = ctx.identity
    grant = {
        "id": "oag" + ctx.new_id("", 17, BASE62_ALPHABET),
        "status": "ACTIVE",
        "created": now,
        "createdBy": {"id": str(who.get("user_id") or ""), "type": "User"},
        "lastUpdated": now,
        "issuer": issuer,
        "clientId": _client_id(app),
        "scopeId": scope,
        "source": "ADMIN",
    }
    ctx.state.collection(GRANTS).put(f"{app['id']}/{grant['id']}", grant)
    _log.record(
        ctx, "app.oauth2.as.consent.grant", [_log.target("AppInstance", app["id"], app["name"], str(app.get("label")))]
    )
    return _render_grant(ctx, app, grant)


@behaviour("listScopeConsentGrants")
def list_scope_consent_grants(ctx: Context) -> list[Record]:
    app = find_app(ctx)
    prefix = app["id"] + "/"
    return [_render_grant(ctx, app, g) for k, g in ctx.state.collection(GRANTS).scan() if k.startswith(prefix)]


@behaviour("getScopeConsentGrant")
def get_scope_consent_grant(ctx: Context) -> Record:
    app = find_app(ctx)
    return _render_grant(ctx, app, _grant(ctx, app))


@behaviour("revokeScopeConsentGrant")
def revoke_scope_consent_grant(ctx: Context) -> Response:
    app = find_app(ctx)
    grant = _grant(ctx, app)
    ctx.state.collection(GRANTS).delete(f"{app['id']}/{grant['id']}")
    _log.record(
        ctx, "app.oauth2.as.consent.revoke", [_log.target("AppInstance", app["id"], app["name"], str(app.get("label")))]
    )
    return Response(204, None)


def _tokens(ctx: Context, app: Record) -> list[tuple[str, Record]]:
    client = _client_id(app)
    return [(k, t) for k, t in ctx.state.collection(TOKENS).scan() if t.get("clientId") == client]


def _token(ctx: Context, app: Record) -> tuple[str, Record]:
    token_id = str(ctx.params.get("tokenId"))
    for key, token in _tokens(ctx, app):
        if token.get("id") == token_id:
            return key, token
    raise not_found(f"{app['id']}.{token_id}", "OAuth2RefreshTokenTx")


@behaviour("listOAuth2TokensForApplication")
def list_oauth2_tokens(ctx: Context) -> Response:
    app = find_app(ctx)
    items = [(t["id"], t) for _, t in _tokens(ctx, app)]
    limit = _paging.limit_of(ctx, 20, 200)
    page, more = _paging.take(_paging.after_in(items, _paging.cursor_of(ctx)), limit)
    return _paging.answer(ctx, page, more, limit, lambda t: {k: v for k, v in t.items() if not k.startswith("_")})


@behaviour("getOAuth2TokenForApplication")
def get_oauth2_token(ctx: Context) -> Record:
    app = find_app(ctx)
    return {k: v for k, v in _token(ctx, app)[1].items() if not k.startswith("_")}


@behaviour("revokeOAuth2TokenForApplication")
def revoke_oauth2_token(ctx: Context) -> Response:
    app = find_app(ctx)
    key, _ = _token(ctx, app)
    ctx.state.collection(TOKENS).delete(key)
    return Response(204, None)


@behaviour("revokeOAuth2TokensForApplication")
def revoke_oauth2_tokens(ctx: Context) -> Response:
    app = find_app(ctx)
    for key, _ in _tokens(ctx, app):
        ctx.state.collection(TOKENS).delete(key)
    return Response(204, None)
