"""App service accounts (Okta Privileged Access): a shared account of an app instance, vaulted by Okta.

What Okta documents (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ServiceAccount/):
- an account needs ``name`` (1-50 of ``[\\w\\-_. ]``), ``containerOrn`` (the ORN of an app instance of the org,
  ``orn:okta:idp:{orgId}:apps:{appType}:{appId}``), ``username`` and ``password``; the password is write-only;
- its ``id`` is a UUID; Okta fills ``containerGlobalName`` (the app's OIN key) and ``containerInstanceName`` (its
  label), ``status`` ``UNSECURED`` / ``statusDetail`` ``STAGED`` until it is assigned in Privileged Access,
  ``created`` and ``lastUpdated``; create answers 200;
- ``PATCH`` changes ``name``, ``description``, ``ownerUserIds`` and ``ownerGroupIds``; ``match`` lists the accounts
  whose name or username contains it; an unknown id is 404.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _paging, _store
from ._errors import validation_failed

ACCOUNTS = "app_service_accounts"
TITLE = "AppServiceAccount"
_NAME = re.compile(r"^[\w\-_. ]{1,50}$")
_ORN = re.compile(r"orn:[a-z]+:idp:([^:]+):apps:([^:]+):([^:]+)")
_EDITABLE = ("name", "description", "ownerUserIds", "ownerGroupIds")


def _uuid(ctx: Context) -> str:
    """A version-4 UUID from the twin's deterministic id source (the SDK checks the pattern)."""
    hexed = ctx.new_id("", 32, "0123456789abcdef")
    return f"{hexed[:8]}-{hexed[8:12]}-4{hexed[13:16]}-8{hexed[17:20]}-{hexed[20:32]}"


def _shown(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if not k.startswith("_")}


def _find(ctx: Context) -> dict[str, Any]:
    return _store.stored(ctx, ACCOUNTS, "id", TITLE)


def _owners(body: dict[str, Any]) -> None:
    for field in ("ownerUserIds", "ownerGroupIds"):
        value = body.get(field)
        if value is not None and (not isinstance(value, list) or len(value) > 10):
            raise validation_failed(field, "must be a list of at most 10 ids")


@behaviour("createAppServiceAccount")
def create(ctx: Context) -> Any:
    body = _store.body_object(ctx)
    for field in ("name", "containerOrn", "username", "password"):
        if not isinstance(body.get(field), str) or not body[field]:
            raise validation_failed(field, "The field cannot be left blank")
    if not _NAME.match(body["name"]):
        raise validation_failed("name", "The name may hold letters, digits, spaces and - _ . (1 to 50)")
    orn = _ORN.fullmatch(body["containerOrn"])
    app = ctx.state.collection("apps").get(orn.group(3)) if orn else None
    if orn is None or app is None or app.get("name") != orn.group(2):
        raise validation_failed("containerOrn", "The ORN does not name an app instance of the org")
    _owners(body)
    now = iso8601(ctx.now())
    record = {
        "id": _uuid(ctx),
        "name": body["name"],
        "description": body.get("description") or "",
        "containerOrn": body["containerOrn"],
        "containerGlobalName": app["name"],
        "containerInstanceName": app.get("label"),
        "username": body["username"],
        "ownerUserIds": list(body.get("ownerUserIds") or []),
        "ownerGroupIds": list(body.get("ownerGroupIds") or []),
        "status": "UNSECURED",
        "statusDetail": "STAGED",
        "created": now,
        "lastUpdated": now,
    }
    ctx.state.collection(ACCOUNTS).put(record["id"], record)
    return _shown(record)


@behaviour("listAppServiceAccounts")
def list_(ctx: Context) -> Response:
    match = str(ctx.params.get("match") or "").lower()
    rows = (
        (k, r)
        for k, r in _paging.walk(ctx.state.collection(ACCOUNTS), _paging.cursor_of(ctx))
        if not match or match in r["name"].lower() or match in r["username"].lower()
    )
    return _paging.served(ctx, rows, _shown, 20, 200)


@behaviour("getAppServiceAccount")
def get(ctx: Context) -> Any:
    return _shown(_find(ctx))


@behaviour("updateAppServiceAccount")
def update(ctx: Context) -> Any:
    record = _find(ctx)
    body = _store.body_object(ctx)
    if "name" in body and (not isinstance(body["name"], str) or not _NAME.match(body["name"])):
        raise validation_failed("name", "The name may hold letters, digits, spaces and - _ . (1 to 50)")
    _owners(body)
    record.update({k: body[k] for k in _EDITABLE if k in body})
    record["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(ACCOUNTS).put(record["id"], record)
    return _shown(record)


@behaviour("deleteAppServiceAccount")
def delete(ctx: Context) -> Response:
    record = _find(ctx)
    ctx.state.collection(ACCOUNTS).delete(record["id"])
    return Response(204, None)
