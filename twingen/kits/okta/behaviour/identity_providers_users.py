"""Users linked to an identity provider: who signed in through it (or an admin linked by ``externalId``), listed
both from the IdP and from the user, and the social tokens Okta keeps for such a link.

Links live in state collection ``idp_users`` keyed ``idpId/userId``; a user with no link lists ``[]`` (recorded).
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/IdentityProviderUsers/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _log, _paging, _store
from ._errors import not_found
from ._links import link
from .identity_providers import IDPS, render

LINKS = "idp_users"


def _user(ctx: Context, user_id: str) -> dict[str, Any]:
    found = ctx.state.collection("users").get(user_id)
    if found is None:
        raise not_found(user_id, "User")
    return found


def _view(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    idp_id, user_id = record["_idp"], record["id"]
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    shown["_links"] = {
        "self": link(ctx, f"/api/v1/idps/{idp_id}/users/{user_id}"),
        "idp": link(ctx, f"/api/v1/idps/{idp_id}"),
        "user": link(ctx, f"/api/v1/users/{user_id}"),
    }
    return shown


def _linked(ctx: Context) -> dict[str, Any]:
    idp = _store.find(ctx, IDPS)
    user_id = str(ctx.params.get("userId") or "")
    found = ctx.state.collection(LINKS).get(f"{idp['id']}/{user_id}")
    if found is None:
        raise not_found(user_id, "User")
    return found


@behaviour("listIdentityProviderApplicationUsers")
def list_links(ctx: Context) -> Response:
    idp = _store.find(ctx, IDPS)
    prefix = idp["id"] + "/"
    after = _paging.cursor_of(ctx)
    rows = (
        (k, r)
        for k, r in _paging.walk(ctx.state.collection(LINKS), None if after is None else prefix + after)
        if k.startswith(prefix)
    )
    return _paging.served(ctx, rows, lambda r: _view(ctx, r), 20)


@behaviour("getIdentityProviderApplicationUser")
def get_link(ctx: Context) -> Any:
    return _view(ctx, _linked(ctx))


@behaviour("linkUserToIdentityProvider")
def link_user(ctx: Context) -> Any:
    idp = _store.find(ctx, IDPS)
    user = _user(ctx, str(ctx.params.get("userId") or ""))
    body = _store.body_object(ctx)
    now = iso8601(ctx.now())
    record = {
        "id": user["id"],
        "externalId": body.get("externalId"),
        "created": now,
        "lastUpdated": now,
        "profile": {},
        "_idp": idp["id"],
    }
    ctx.state.collection(LINKS).put(f"{idp['id']}/{user['id']}", record)
    _log.record(
        ctx,
        "user.identity_provider.link",
        [_log.target("User", user["id"]), _log.target("IdentityProvider", idp["id"], idp.get("name", ""))],
    )
    return _view(ctx, record)


@behaviour("unlinkUserFromIdentityProvider")
def unlink_user(ctx: Context) -> Response:
    record = _linked(ctx)
    ctx.state.collection(LINKS).delete(f"{record['_idp']}/{record['id']}")
    _log.record(
        ctx,
        "user.identity_provider.unlink",
        [_log.target("User", record["id"]), _log.target("IdentityProvider", record["_idp"])],
    )
    return Response(204, None)


@behaviour("listSocialAuthTokens")
def social_tokens(ctx: Context) -> Any:
    # tokens arrive only when the user signs in through the social IdP, which the twin never sees
    _linked(ctx)
    return []


@behaviour("listUserIdentityProviders")
def user_idps(ctx: Context) -> Any:
    user = _user(ctx, str(ctx.params.get("id") or ""))
    idps = ctx.state.collection(IDPS.collection)
    found = (idps.get(key.split("/", 1)[0]) for key in ctx.state.collection(LINKS) if key.endswith("/" + user["id"]))
    return [render(ctx, IDPS, idp) for idp in found if idp is not None]
