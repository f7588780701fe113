"""Trusted origins: the web origins an org lets call its APIs from a browser (CORS), redirect to after sign-in or
sign-out (REDIRECT), or embed its sign-in page (IFRAME_EMBED).

What Okta does beyond the common rules (recorded answers of okta-sdk-python's cassettes, and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/TrustedOrigin/):
- ids start ``tos``; create answers 200, ACTIVE, with ``createdBy``/``lastUpdatedBy`` (the caller);
- ``origin`` is a scheme://host[:port] URL and unique in the org; each scope ``type`` is CORS, REDIRECT or
  IFRAME_EMBED;
- ``_links.self`` allows GET, PUT, DELETE, with ``activate`` or ``deactivate``; an unknown id is 404
  ``(TrustedOrigin)``; ``q`` matches name and origin prefixes, ``filter`` takes ``name``/``origin``/``status`` eq.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, Response, behaviour
from . import _search, _store
from ._errors import okta_error, validation_failed
from ._links import link

ORIGINS = _store.Kind(
    "trusted_origins",
    "TrustedOrigin",
    "/api/v1/trustedOrigins/{id}",
    prefix="tos",
    id_param="trustedOriginId",
    event="trusted_origin",
)
SCOPES = ("CORS", "REDIRECT", "IFRAME_EMBED")
_ORIGIN = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s?#]+/?")
_READ_ONLY = ("id", "status", "created", "createdBy", "lastUpdated", "lastUpdatedBy", "_links")


def render(ctx: Context, _kind: _store.Kind, record: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    path = f"/api/v1/trustedOrigins/{record['id']}"
    self_link = link(ctx, path, "GET", "PUT", "DELETE")
    if record.get("status") == "ACTIVE":
        shown["_links"] = {"self": self_link, "deactivate": link(ctx, f"{path}/lifecycle/deactivate", "POST")}
    else:
        shown["_links"] = {"activate": link(ctx, f"{path}/lifecycle/activate", "POST"), "self": self_link}
    return shown


def _checked(ctx: Context, body: dict[str, Any], own_id: str = "") -> dict[str, Any]:
    given = {k: v for k, v in body.items() if k not in _READ_ONLY}
    if not isinstance(given.get("name"), str) or not given["name"].strip():
        raise validation_failed("name", "The field cannot be left blank.")
    origin = given.get("origin")
    if not isinstance(origin, str) or not _ORIGIN.fullmatch(origin):
        raise validation_failed("origin", "The origin must be a URL of the form scheme://host[:port].")
    for other in _store.collection(ctx, ORIGINS).values():
        if other["id"] != own_id and str(other.get("origin", "")).rstrip("/") == origin.rstrip("/"):
            raise okta_error(
                "E0000001",
                "Api validation failed: origin",
                causes=["origin: An object with this field already exists in the current organization"],
            )
    scopes = given.get("scopes")
    if (
        not isinstance(scopes, list)
        or not scopes
        or any(not isinstance(s, dict) or s.get("type") not in SCOPES for s in scopes)
    ):
        raise validation_failed("scopes", "Each scope must be of type CORS, REDIRECT or IFRAME_EMBED.")
    return given


def _order(record: dict[str, Any]) -> dict[str, Any]:
    first = ("id", "name", "origin", "scopes", "status", "created", "createdBy", "lastUpdated", "lastUpdatedBy")
    return {**{k: record[k] for k in first if k in record}, **record}


@behaviour("createTrustedOrigin")
def create(ctx: Context) -> Any:
    caller = str(ctx.identity.get("user_id") or "")
    given = {**_checked(ctx, _store.body_object(ctx)), "createdBy": caller, "lastUpdatedBy": caller}
    record = _order(_store.insert(ctx, ORIGINS, given))
    _store.save(ctx, ORIGINS, record, touched=False)
    return render(ctx, ORIGINS, record)


@behaviour("getTrustedOrigin")
def get(ctx: Context) -> Any:
    return render(ctx, ORIGINS, _store.find(ctx, ORIGINS))


@behaviour("listTrustedOrigins")
def list_(ctx: Context) -> Response:
    q = str(ctx.params.get("q") or "").lower()
    text = str(ctx.params.get("filter") or "")
    try:
        keep = (
            _search.parse(
                text, fields=lambda p: p in ("name", "origin", "status"), operators=lambda p, op: op in ("eq", "sw")
            )
            if text
            else (lambda r: True)
        )
    except _search.SearchError as error:
        raise _search.invalid(error) from None

    def wanted(record: dict[str, Any]) -> bool:
        named = not q or any(str(record.get(f, "")).lower().startswith(q) for f in ("name", "origin"))
        return named and keep(record)

    return _store.listed(ctx, ORIGINS, keep=wanted, default_limit=20, render_with=render)


@behaviour("replaceTrustedOrigin")
def replace(ctx: Context) -> Any:
    record = _store.find(ctx, ORIGINS)
    given = _checked(ctx, _store.body_object(ctx), record["id"])
    kept: dict[str, Any] = {k: record[k] for k in ("id", "status", "created", "createdBy") if k in record}
    updated = _order({**kept, **given, "lastUpdatedBy": str(ctx.identity.get("user_id") or "")})
    _store.save(ctx, ORIGINS, updated)
    _store.log(ctx, ORIGINS, "update", updated)
    return render(ctx, ORIGINS, updated)


@behaviour("deleteTrustedOrigin")
def delete(ctx: Context) -> Response:
    record = _store.find(ctx, ORIGINS)
    _store.collection(ctx, ORIGINS).delete(record["id"])
    _store.log(ctx, ORIGINS, "delete", record)
    return Response(204, None)


@behaviour("activateTrustedOrigin")
def activate(ctx: Context) -> Any:
    return render(ctx, ORIGINS, _store.set_status(ctx, ORIGINS, _store.find(ctx, ORIGINS), "ACTIVE", "activate"))


@behaviour("deactivateTrustedOrigin")
def deactivate(ctx: Context) -> Any:
    return render(ctx, ORIGINS, _store.set_status(ctx, ORIGINS, _store.find(ctx, ORIGINS), "INACTIVE", "deactivate"))
