"""Custom identity sources: the app instance an HR system's data is imported through, and the users it holds.

An identity source is an app instance of the org (its id is the app's ``0oa`` id; it is made in the Admin Console,
never through this API), so a source id that names no app of the org is the app's 404. Users of a source are kept
by their ``externalId`` (create answers 200 with no content; read, replace and update answer the user:
``id``, ``externalId``, ``profile``, ``created``, ``lastUpdated``); an unknown external id is 404.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/IdentitySource/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _store
from ._apps_model import find_app
from ._errors import not_found, validation_failed

USERS = "identity_source_users"


def find_source(ctx: Context) -> str:
    """The source's id, once it is known to name an app instance of the org."""
    return str(find_app(ctx, str(ctx.params.get("identitySourceId") or ""))["id"])


def _profile(body: dict[str, Any]) -> dict[str, Any]:
    profile = body.get("profile")
    if not isinstance(profile, dict):
        raise validation_failed("profile", "The field cannot be left blank")
    return profile


def _user(ctx: Context) -> tuple[str, dict[str, Any]]:
    key = f"{find_source(ctx)}/{ctx.params.get('externalId') or ''}"
    found = ctx.state.collection(USERS).get(key)
    if found is None:
        raise not_found(str(ctx.params.get("externalId") or ""), "IdentitySourceUser")
    return key, found


@behaviour("createIdentitySourceUser")
def create_user(ctx: Context) -> Response:
    source = find_source(ctx)
    body = _store.body_object(ctx)
    external = body.get("externalId")
    if not isinstance(external, str) or not external:
        raise validation_failed("externalId", "The field cannot be left blank")
    profile = _profile(body)
    now = iso8601(ctx.now())
    kept = ctx.state.collection(USERS)
    known = kept.get(f"{source}/{external}")
    record = {
        "id": known["id"] if known else _store.new_id(ctx, "00u"),
        "externalId": external,
        "created": known["created"] if known else now,
        "lastUpdated": now,
        "profile": dict(profile),
    }
    kept.put(f"{source}/{external}", record)
    return Response(200, None)


@behaviour("getIdentitySourceUser")
def get_user(ctx: Context) -> dict[str, Any]:
    return dict(_user(ctx)[1])


@behaviour("replaceExistingIdentitySourceUser")
def replace_user(ctx: Context) -> dict[str, Any]:
    key, record = _user(ctx)
    record = {**record, "profile": dict(_profile(_store.body_object(ctx))), "lastUpdated": iso8601(ctx.now())}
    ctx.state.collection(USERS).put(key, record)
    return dict(record)


@behaviour("updateIdentitySourceUsers")
def update_user(ctx: Context) -> dict[str, Any]:
    key, record = _user(ctx)
    changes = _profile(_store.body_object(ctx))
    record = {**record, "profile": {**record["profile"], **changes}, "lastUpdated": iso8601(ctx.now())}
    ctx.state.collection(USERS).put(key, record)
    return dict(record)


@behaviour("deleteIdentitySourceUser")
def delete_user(ctx: Context) -> Response:
    key, _ = _user(ctx)
    ctx.state.collection(USERS).delete(key)
    return Response(204, None)
