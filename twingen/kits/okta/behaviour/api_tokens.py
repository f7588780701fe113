"""API tokens: the SSWS tokens admins create in the Admin Console (never through this API), each acting as the
admin who made it, listed and revoked here; ``/api/v1/api-tokens/current`` is the token making the call.

What Okta does (recorded answers of okta-sdk-python's cassettes, and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApiToken/):
- a token answers ``id`` (``00T``...), ``name``, ``userId``, ``clientName`` "Okta API", ``tokenWindow`` (idle
  expiry, ISO 8601 duration, "P30D"), ``network``, ``expiresAt`` (the end of the current window), ``created``,
  ``lastUpdated``; ``_links`` ``self`` (GET, DELETE) and ``user``; an unknown id is 404 ``(Token)``;
- the secret itself is never shown; the record keeps its SHA-256 to recognise the caller's own token.
A new org has one token, the seeded one (``_seed_api_tokens.py``).
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..runtime import Context, Response, behaviour
from . import _log, _store
from ._errors import not_found, validation_failed
from ._links import link

TOKENS = _store.Kind(
    "api_tokens", "Token", "/api/v1/api-tokens/{id}", prefix="00T", status=None, lifecycle=(), id_param="apiTokenId"
)
_CONNECTIONS = ("ANYWHERE", "ZONE")


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def render(ctx: Context, _kind: _store.Kind, record: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    path = f"/api/v1/api-tokens/{record['id']}"
    shown["_links"] = {
        "self": {**link(ctx, path), "hints": {"allow": ["GET", "DELETE"]}},
        "user": link(ctx, f"/api/v1/users/{record.get('userId')}", "GET"),
    }
    return shown


def current(ctx: Context) -> dict[str, Any]:
    """The token record of the SSWS token making this call (404 for an OAuth caller: it has none)."""
    secret = ctx.principal.token if ctx.principal is not None else ""
    wanted = digest(secret)
    for record in _store.collection(ctx, TOKENS).values():
        if record.get("_digest") == wanted:
            return dict(record)
    raise not_found("current", TOKENS.title)


@behaviour("listApiTokens")
def list_(ctx: Context) -> Response:
    return _store.listed(ctx, TOKENS, default_limit=20, render_with=render)


@behaviour("getApiToken")
def get(ctx: Context) -> Any:
    return render(ctx, TOKENS, _store.find(ctx, TOKENS))


@behaviour("upsertApiToken")
def upsert(ctx: Context) -> Any:
    """The token's name and network condition (where it may be used from); the rest is read-only."""
    record = _store.find(ctx, TOKENS)
    body = _store.body_object(ctx)
    if "name" in body:
        if not isinstance(body["name"], str) or not body["name"].strip():
            raise validation_failed("name", "The field cannot be left blank.")
        record["name"] = body["name"]
    if "network" in body:
        network = body["network"]
        if not isinstance(network, dict) or network.get("connection") not in _CONNECTIONS:
            raise validation_failed("network.connection", "The connection must be ANYWHERE or ZONE.")
        record["network"] = {k: network[k] for k in ("connection", "include", "exclude") if k in network}
    _store.save(ctx, TOKENS, record)
    _log.record(ctx, "system.api_token.update", [_log.target("Token", record["id"], record.get("name", ""))])
    return render(ctx, TOKENS, record)


def _revoke(ctx: Context, record: dict[str, Any]) -> Response:
    # the record goes, and with it the token: the Okta profile refuses a seeded token whose record is gone
    _store.collection(ctx, TOKENS).delete(record["id"])
    limits = ctx.state.collection("principal_rate_limits")
    for key, entity in limits.scan():
        if entity.get("principalId") == record["id"]:
            limits.delete(key)
            break
    _log.record(ctx, "system.api_token.revoke", [_log.target("Token", record["id"], record.get("name", ""))])
    return Response(204, None)


@behaviour("revokeApiToken")
def revoke(ctx: Context) -> Response:
    return _revoke(ctx, _store.find(ctx, TOKENS))


@behaviour("revokeCurrentApiToken")
def revoke_current(ctx: Context) -> Response:
    return _revoke(ctx, current(ctx))
