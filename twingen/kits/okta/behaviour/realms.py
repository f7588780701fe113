"""Realms: partitions of an org's users (Okta Identity Engine), each user in exactly one; every org has its Default
Realm.

What Okta does (recorded answers of okta-sdk-python's cassettes, and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Realm/):
- ids start ``guo``; a realm answers ``id``, ``created``, ``lastUpdated``, ``profile`` (``name``, and for realms made
  over the API ``domains``), ``isDefault`` and ``_links.self`` as ``{"rel": "self", "href", "method": "GET"}``;
- create answers 200; a create with no body is 400 E0000003, without ``profile.name`` E0000001; the Default Realm
  cannot be deleted (403 E0000006); an unknown id is 404 ``(Realm)``; updates are PUT (POST on a realm is 405);
- ``search`` on ``profile.name`` (sw, eq), ``limit``/``after`` paging.
A new org's Default Realm is seeded (``_seed_realms.py``).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _log, _search, _store
from ._errors import okta_error, validation_failed
from ._links import href

REALMS = _store.Kind(
    "realms", "Realm", "/api/v1/realms/{id}", prefix="guo", status=None, lifecycle=(), id_param="realmId"
)


def render(ctx: Context, _kind: _store.Kind, record: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    shown["_links"] = {"self": {"rel": "self", "href": href(ctx, f"/api/v1/realms/{record['id']}"), "method": "GET"}}
    return shown


def _profile(ctx: Context) -> dict[str, Any]:
    if ctx.body is None:
        raise okta_error("E0000003")
    profile = _store.body_object(ctx).get("profile")
    if not isinstance(profile, dict) or not isinstance(profile.get("name"), str) or not profile["name"].strip():
        raise validation_failed("profile.name", "The field cannot be left blank.")
    domains = profile.get("domains", [])
    if not isinstance(domains, list) or not all(isinstance(d, str) for d in domains):
        raise validation_failed("profile.domains", "The field must be a list of domain names.")
    return {**profile, "domains": domains}


def _log_change(ctx: Context, verb: str, record: dict[str, Any]) -> None:
    name = str(record.get("profile", {}).get("name") or record["id"])
    _log.record(ctx, f"iam.realm.{verb}", [_log.target("Realm", record["id"], name, name)])


@behaviour("createRealm")
def create(ctx: Context) -> Any:
    record = _store.insert(ctx, REALMS, {"profile": _profile(ctx), "isDefault": False})
    _log_change(ctx, "create", record)
    return render(ctx, REALMS, record)


@behaviour("getRealm")
def get(ctx: Context) -> Any:
    return render(ctx, REALMS, _store.find(ctx, REALMS))


@behaviour("listRealms")
def list_(ctx: Context) -> Response:
    text = str(ctx.params.get("search") or "")
    try:
        keep = (
            _search.parse(
                text, fields=lambda p: p in ("profile.name", "id"), operators=lambda p, op: op in ("eq", "sw")
            )
            if text
            else (lambda r: True)
        )
    except _search.SearchError as error:
        raise _search.invalid(error) from None
    return _store.listed(ctx, REALMS, keep=keep, default_limit=200, render_with=_listed)


def _listed(ctx: Context, kind: _store.Kind, record: dict[str, Any]) -> dict[str, Any]:
    # a list leaves out a realm's empty domains, which reading the realm shows (recorded)
    shown = render(ctx, kind, record)
    if not shown.get("profile", {}).get("domains"):
        shown["profile"] = {k: v for k, v in shown.get("profile", {}).items() if k != "domains"}
    return shown


@behaviour("replaceRealm")
def replace(ctx: Context) -> Any:
    record = _store.find(ctx, REALMS)
    record["profile"] = _profile(ctx)
    _store.save(ctx, REALMS, record)
    _log_change(ctx, "update", record)
    return render(ctx, REALMS, record)


@behaviour("deleteRealm")
def delete(ctx: Context) -> Response:
    record = _store.find(ctx, REALMS)
    if record.get("isDefault"):
        raise okta_error(
            "E0000006",
            "You do not have permission to perform the requested action",
            causes=["The Default Realm cannot be deleted."],
        )
    _store.collection(ctx, REALMS).delete(record["id"])
    _log_change(ctx, "delete", record)
    return Response(204, None)
