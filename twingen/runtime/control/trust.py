"""Trusted issuers (``dispatch/trust.py``), one tenant at a time: a twin convenience for sign-in across twins.

- ``POST /_twin/trust`` ``{"issuer", "audience", "jwks_uri" (loopback) | "jwks", "tenant"?}`` -> 201 the trust
  (the keys as fetched); trusting an issuer again replaces its trust.
- ``GET /_twin/trust`` (``?tenant=``) -> ``{"tenant", "trusted": [...]}``.
- ``DELETE /_twin/trust`` ``{"issuer", "tenant"?}`` (or ``?issuer=``) -> ``{"status": "ok"}``; 404 when the tenant
  does not trust it.

The tenant is named by id or name, in the query or the body (the default tenant when none is named).
"""

from __future__ import annotations

from ..dispatch import trust
from ..dispatch.twin import Reply
from ..state.tenants import Tenant
from .routing import BadRequest, Call, Route, error_reply, json_reply
from .tenancy import find_tenant


def _tenant(call: Call, fields: dict[str, object]) -> Tenant:
    ref = call.query.get("tenant") or fields.get("tenant")
    return find_tenant(call.twin, ref) if ref else call.twin.tenants.default


def _trust(call: Call) -> Reply:
    fields = call.fields()
    tenant = _tenant(call, fields)
    try:
        made = trust.add(tenant.state, fields)
    except trust.TrustError as error:
        raise BadRequest(str(error)) from None
    call.twin.tenants.commit()
    return json_reply({**made, "tenant": tenant.id}, 201)


def _list(call: Call) -> Reply:
    tenant = _tenant(call, {})
    return json_reply({"tenant": tenant.id, "trusted": trust.entries(tenant.state)})


def _forget(call: Call) -> Reply:
    fields = call.fields()
    tenant = _tenant(call, fields)
    issuer = call.query.get("issuer") or fields.get("issuer")
    if not isinstance(issuer, str) or not issuer:
        raise BadRequest("give the issuer to stop trusting")
    if not trust.remove(tenant.state, issuer):
        return error_reply("not_found", f"tenant {tenant.id!r} does not trust {issuer!r}", 404)
    call.twin.tenants.commit()
    return json_reply({"status": "ok", "tenant": tenant.id})


ROUTES = (
    Route("POST", "/trust", _trust),
    Route("GET", "/trust", _list),
    Route("DELETE", "/trust", _forget),
)
"""The trusted-issuer endpoints."""
