"""The state part of the control plane: snapshots and tenants.

- ``POST /_twin/snapshot`` ``{"tenant"?}`` -> ``{"id", "tenant"}``: a copy-on-write picture of one tenant
  (the default tenant when none is named).
- ``POST /_twin/restore`` ``{"id"}`` -> ``{"status": "ok", "id", "tenant"}``; ``GET /_twin/snapshots``;
  ``DELETE /_twin/snapshots/{id}`` forgets one.
- ``POST /_twin/tenants`` ``{"name"?}`` -> 201 ``{"id", "name", "credentials": [...], "created": true}``
  (200 with ``"created": false`` when a tenant of that name exists, so a restarted worker gets its own
  back); ``GET /_twin/tenants``; ``GET /_twin/tenants/{id}``.

A tenant is named by id or name, in the query (``?tenant=``) or in the JSON body (``{"tenant": ...}``);
``GET /_twin/credentials`` and ``POST /_twin/reset`` (``endpoints.py``) act on the tenant a request names.
A ``TenantError`` a handler raises is answered 404 ``not_found`` or 409 ``conflict`` by ``routes.py``.
"""

from __future__ import annotations

from typing import Any

from ..dispatch.twin import Reply, Twin
from ..state.tenants import Tenant, TenantError
from .routing import BadRequest, Call, Route, error_reply, json_reply


def find_tenant(twin: Twin, ref: Any) -> Tenant:
    """The tenant of that id or name; ``TenantError`` (404) when there is none."""
    found = twin.tenants.find(str(ref))
    if found is None:
        raise TenantError(f"no tenant {ref!r}", 404)
    return found


def named_tenant(call: Call, *, in_body: bool = False) -> Tenant | None:
    """The tenant a request names with ``?tenant=`` (or, when ``in_body``, a JSON body's ``"tenant"``).

    None when it names none, so the twin-wide variant of the endpoint answers; a body that is no JSON
    object names none either (the twin-wide variant does not read the body).
    """
    ref = call.query.get("tenant")
    if ref is None and in_body:
        try:
            ref = call.fields().get("tenant")
        except BadRequest:
            return None
    return find_tenant(call.twin, ref) if ref else None


def _take_snapshot(call: Call) -> Reply:
    ref = call.query.get("tenant") or call.fields().get("tenant")
    tenant = find_tenant(call.twin, ref) if ref else call.twin.tenants.default
    snapshot = call.twin.tenants.snapshot(tenant, call.twin.clock.now())
    return json_reply({"id": snapshot.id, "tenant": tenant.id})


def _restore(call: Call) -> Reply:
    snapshot_id = call.fields().get("id") or call.query.get("id") or ""
    found = call.twin.tenants.snapshots.get(str(snapshot_id))
    if found is None:
        return error_reply("not_found", "no snapshot with that id", 404)
    restored = call.twin.tenants.restore(found)
    return json_reply({"status": "ok", "id": found.id, "tenant": restored.id})


def _list_snapshots(call: Call) -> Reply:
    return json_reply({"snapshots": [s.public() for s in call.twin.tenants.snapshots.all()]})


def _drop_snapshot(call: Call) -> Reply:
    if not call.twin.tenants.snapshots.drop(call.params["id"]):
        return error_reply("not_found", "no snapshot with that id", 404)
    return json_reply({"status": "ok"})


def _create_tenant(call: Call) -> Reply:
    name = call.fields().get("name")
    if name is not None and (not isinstance(name, str) or not name):
        return error_reply("bad_request", "name must be a non-empty string", 400)
    tenant, created = call.twin.tenants.create(name)
    return json_reply({**tenant.public(), "created": created}, 201 if created else 200)


def _list_tenants(call: Call) -> Reply:
    return json_reply({"tenants": [t.public() for t in call.twin.tenants.all()]})


def _show_tenant(call: Call) -> Reply:
    return json_reply(find_tenant(call.twin, call.params["ref"]).public())


ROUTES = (
    Route("POST", "/snapshot", _take_snapshot),
    Route("POST", "/restore", _restore),
    Route("GET", "/snapshots", _list_snapshots),
    Route("DELETE", "/snapshots/{id:path}", _drop_snapshot),
    Route("POST", "/tenants", _create_tenant),
    Route("GET", "/tenants", _list_tenants),
    Route("GET", "/tenants/{ref:path}", _show_tenant),
)
"""Snapshot and tenant endpoints, in the order they are tried."""
