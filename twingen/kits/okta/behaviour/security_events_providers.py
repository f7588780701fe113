"""Security events providers: the Shared Signals (SSF) transmitters an org receives security event tokens from,
known by their issuer and keys or by their SSF well-known URL.

What Okta does (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/SSFReceiver/):
- ids start ``sse``; a provider answers ``id``, ``name``, ``type``, ``status`` (ACTIVE when made), ``settings``
  (``well_known_url``, or ``issuer`` and ``jwks_url``) and ``_links`` (``self`` allowing GET, PUT, DELETE, and
  ``activate`` or ``deactivate``); create answers 200; unknown ids are 404 ``(SecurityEventsProvider)``;
- ``settings`` need either an https ``well_known_url`` or both ``issuer`` and an https ``jwks_url``.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _log, _store
from ._errors import not_found, validation_failed
from ._links import link

COLLECTION = "security_events_providers"


def _view(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/security-events-providers/{record['id']}"
    action = "deactivate" if record["status"] == "ACTIVE" else "activate"
    return {
        "_links": {
            action: link(ctx, f"{path}/lifecycle/{action}", "POST"),
            "self": link(ctx, path, "GET", "PUT", "DELETE"),
        },
        **{k: v for k, v in record.items() if not k.startswith("_")},
    }


def _find(ctx: Context) -> dict[str, Any]:
    id_ = str(ctx.params.get("securityEventProviderId") or "")
    found = ctx.state.collection(COLLECTION).get(id_)
    if found is None:
        raise not_found(id_, "SecurityEventsProvider")
    return found


def _checked(ctx: Context) -> dict[str, Any]:
    body = _store.body_object(ctx)
    for field in ("name", "type"):
        if not isinstance(body.get(field), str) or not body[field].strip():
            raise validation_failed(field, "The field cannot be left blank.")
    settings = body.get("settings")
    if not isinstance(settings, dict):
        raise validation_failed("settings", "The field cannot be left blank.")
    well_known = settings.get("well_known_url")
    if well_known is not None:
        if not str(well_known).startswith("https://"):
            raise validation_failed("settings.well_known_url", "The URL must use HTTPS.")
        kept = {"well_known_url": well_known}
    else:
        if not settings.get("issuer") or not str(settings.get("jwks_url") or "").startswith("https://"):
            raise validation_failed("settings", "Give well_known_url, or issuer with an HTTPS jwks_url.")
        kept = {"issuer": settings["issuer"], "jwks_url": settings["jwks_url"]}
    return {"name": body["name"], "type": body["type"], "settings": kept}


@behaviour("createSecurityEventsProviderInstance")
def create(ctx: Context) -> Any:
    record = {"id": _store.new_id(ctx, "sse"), **_checked(ctx), "status": "ACTIVE"}
    ctx.state.collection(COLLECTION).put(record["id"], record)
    _log.record(
        ctx, "security.events.provider.add", [_log.target("SecurityEventsProvider", record["id"], record["name"])]
    )
    return _view(ctx, record)


@behaviour("getSecurityEventsProviderInstance")
def get(ctx: Context) -> Any:
    return _view(ctx, _find(ctx))


@behaviour("listSecurityEventsProviderInstances")
def list_(ctx: Context) -> Any:
    return [_view(ctx, r) for r in ctx.state.collection(COLLECTION).values()]


@behaviour("replaceSecurityEventsProviderInstance")
def replace(ctx: Context) -> Any:
    record = _find(ctx)
    record.update(_checked(ctx))
    ctx.state.collection(COLLECTION).put(record["id"], record)
    return _view(ctx, record)


@behaviour("deleteSecurityEventsProviderInstance")
def delete(ctx: Context) -> Response:
    record = _find(ctx)
    ctx.state.collection(COLLECTION).delete(record["id"])
    return Response(204, None)


def _status(ctx: Context, status: str) -> Any:
    record = _find(ctx)
    record["status"] = status
    ctx.state.collection(COLLECTION).put(record["id"], record)
    return _view(ctx, record)


@behaviour("activateSecurityEventsProviderInstance")
def activate(ctx: Context) -> Any:
    return _status(ctx, "ACTIVE")


@behaviour("deactivateSecurityEventsProviderInstance")
def deactivate(ctx: Context) -> Any:
    return _status(ctx, "INACTIVE")
