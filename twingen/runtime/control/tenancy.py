"""The state part of the control plane: snapshots, tenants, and per-tenant reset and credentials.

- ``POST /_twin/snapshot`` ``{"tenant"?}`` -> ``{"id", "tenant"}``: a copy-on-write picture of one tenant
  (the default tenant when none is named).
- ``POST /_twin/restore`` ``{"id"}`` -> ``{"status": "ok", "id", "tenant"}``; ``GET /_twin/snapshots``;
  ``DELETE /_twin/snapshots/{id}`` forgets one.
- ``POST /_twin/tenants`` ``{"name"?}`` -> 201 ``{"id", "name", "credentials": [...], "created": true}``
  (200 with ``"created": false`` when a tenant of that name exists, so a restarted worker gets its own
  back); ``GET /_twin/tenants``; ``GET /_twin/tenants/{id}``.
- ``GET /_twin/credentials?tenant=ID`` and ``POST /_twin/reset`` ``{"tenant": ID}`` act on one tenant;
  without a tenant they are the twin-wide routes of ``control.py``.

A tenant is named by id or name, in the query (``?tenant=``) or in the JSON body (``{"tenant": ...}``).
"""

from __future__ import annotations

from typing import Any

import orjson

from ..dispatch.requests import Incoming
from ..dispatch.twin import Reply, Twin
from ..state.tenants import Tenant, TenantError

_OWN = ("/snapshot", "/restore", "/tenants")
"""Route prefixes this module answers (``/snapshot`` covers ``/snapshots`` too)."""


def handle(twin: Twin, route: tuple[str, str], incoming: Incoming) -> Reply | None:
    """The answer for a state route, or None when ``route`` is not one (or is the twin-wide variant)."""
    method, path = route
    if path in ("/credentials", "/reset"):
        return _one_tenant(twin, method, path, incoming)
    if not path.startswith(_OWN):
        return None
    try:
        body = _body(incoming)
        ref = incoming.query.get("tenant") or body.get("tenant")
        if path == "/snapshot" and method == "POST":
            tenant = _tenant(twin, ref) if ref else twin.tenants.default
            snapshot = twin.tenants.snapshot(tenant, twin.clock.now())
            return _json({"id": snapshot.id, "tenant": tenant.id})
        if path == "/restore" and method == "POST":
            found = twin.tenants.snapshots.get(str(body.get("id") or incoming.query.get("id") or ""))
            if found is None:
                return _error("not_found", "no snapshot with that id", 404)
            restored = twin.tenants.restore(found)
            return _json({"status": "ok", "id": found.id, "tenant": restored.id})
        if path == "/snapshots" and method == "GET":
            return _json({"snapshots": [s.public() for s in twin.tenants.snapshots.all()]})
        if path.startswith("/snapshots/") and method == "DELETE":
            if not twin.tenants.snapshots.drop(path.removeprefix("/snapshots/")):
                return _error("not_found", "no snapshot with that id", 404)
            return _json({"status": "ok"})
        if path == "/tenants" and method == "POST":
            name = body.get("name")
            if name is not None and (not isinstance(name, str) or not name):
                return _error("bad_request", "name must be a non-empty string", 400)
            tenant, created = twin.tenants.create(name)
            return _json({**tenant.public(), "created": created}, 201 if created else 200)
        if path == "/tenants" and method == "GET":
            return _json({"tenants": [t.public() for t in twin.tenants.all()]})
        if path.startswith("/tenants/") and method == "GET":
            return _json(_tenant(twin, path.removeprefix("/tenants/")).public())
    except TenantError as error:
        return _error("not_found" if error.status == 404 else "conflict", str(error), error.status)
    except ValueError as error:
        return _error("bad_request", str(error), 400)
    return None


def _one_tenant(twin: Twin, method: str, path: str, incoming: Incoming) -> Reply | None:
    ref = incoming.query.get("tenant")
    if ref is None and method == "POST":
        try:
            ref = _body(incoming).get("tenant")
        except ValueError:
            return None  # not ours to judge: the twin-wide route answers
    if not ref:
        return None
    try:
        tenant = _tenant(twin, ref)
        if method == "GET" and path == "/credentials":
            return _json({"credentials": tenant.public()["credentials"]})
        if method == "POST" and path == "/reset":
            twin.tenants.reset_tenant(tenant)
            return _json({"status": "ok", "tenant": tenant.id})
    except TenantError as error:
        return _error("not_found" if error.status == 404 else "conflict", str(error), error.status)
    return None


def _tenant(twin: Twin, ref: Any) -> Tenant:
    found = twin.tenants.find(str(ref))
    if found is None:
        raise TenantError(f"no tenant {ref!r}", 404)
    return found


def _body(incoming: Incoming) -> dict[str, Any]:
    if not incoming.raw_body.strip():
        return {}
    try:
        data = orjson.loads(incoming.raw_body)
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"the body is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object")
    return data


def _json(body: Any, status: int = 200) -> Reply:
    return status, orjson.dumps(body), {}, "application/json"


def _error(code: str, message: str, status: int) -> Reply:
    return _json({"error": code, "message": message}, status)
