"""API service integrations: OIN integrations (``type``, e.g. a vendor's service app) an admin installs with the
``okta.*`` scopes it is granted, each an OAuth 2.0 service client with its own client secrets.

What Okta does (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApiServiceIntegrations/
and the recorded answers of okta-sdk-python's cassettes):
- an instance answers ``id`` (its OAuth client id, ``0oa``), ``type``, ``name``, ``createdAt``, ``createdBy``,
  ``configGuideUrl``, ``grantedScopes`` and ``_links`` (``self``, ``client``, ``secrets``, ``logo``); the create
  answer (201) also carries the first ``clientSecret``, shown that once;
- secrets answer ``id``, ``status``, ``client_secret`` (in full only when made), ``secret_hash``, ``created``,
  ``lastUpdated``; an org client has at most two; only an INACTIVE secret can be deleted;
- an unknown instance is 404 ``(APIServiceIntegration)``.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _log, _store
from ._errors import not_found, okta_error, validation_failed
from ._links import href

INSTANCES = "api_service_integrations"
SECRETS = "api_service_secrets"
_BASE = "/integrations/api/v1/api-services"


def _mask(text: str) -> str:
    return "*" * 8 + text[-4:] if text else ""


def _view(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    path = f"{_BASE}/{record['id']}"
    shown["_links"] = {
        "self": {"href": href(ctx, path), "hints": {"allow": ["GET", "DELETE"]}},
        "client": {"href": href(ctx, f"/oauth2/v1/clients/{record['id']}")},
        "secrets": {"href": href(ctx, path + "/credentials/secrets")},
        "logo": {"href": href(ctx, f"/assets/img/logos/{record['type']}.png"), "name": "medium", "type": "image/png"},
    }
    return shown


def _instance(ctx: Context) -> dict[str, Any]:
    return _store.stored(ctx, INSTANCES, "apiServiceId", "APIServiceIntegration")


def _new_secret(ctx: Context, instance_id: str) -> dict[str, Any]:
    text = secrets.token_urlsafe(48)[:64]
    now = iso8601(ctx.now())
    record = {
        "id": _store.new_id(ctx, "ocs"),
        "status": "ACTIVE",
        "client_secret": _mask(text),
        "secret_hash": hashlib.sha256(text.encode()).hexdigest()[:22],
        "created": now,
        "lastUpdated": now,
        "_instance": instance_id,
    }
    ctx.state.collection(SECRETS).put(f"{instance_id}/{record['id']}", record)
    return {**record, "client_secret": text}


def _secret_view(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    shown["_links"] = {"self": {"href": href(ctx, f"{_BASE}/{record['_instance']}/credentials/secrets/{record['id']}")}}
    return shown


@behaviour("createApiServiceIntegrationInstance")
def create(ctx: Context) -> Any:
    body = _store.body_object(ctx)
    kind = body.get("type")
    if not isinstance(kind, str) or not kind:
        raise validation_failed("type", "The field cannot be left blank.")
    scopes = body.get("grantedScopes")
    if (
        not isinstance(scopes, list)
        or not scopes
        or not all(isinstance(s, str) and s.startswith("okta.") for s in scopes)
    ):
        raise validation_failed("grantedScopes", "Grant at least one okta.* scope.")
    record: dict[str, Any] = {
        "id": _store.new_id(ctx, "0oa"),
        "type": kind,
        "name": body.get("name") or kind,
        "createdAt": iso8601(ctx.now()),
        "createdBy": str(ctx.identity.get("user_id") or ""),
        "configGuideUrl": f"https://saml-doc.okta.com/SAML_Docs/{kind}.html",
        "grantedScopes": list(scopes),
    }
    ctx.state.collection(INSTANCES).put(record["id"], record)
    first = _new_secret(ctx, record["id"])
    _log.record(ctx, "app.oauth2.client.lifecycle.create", [_log.target("AppInstance", record["id"], kind, kind)])
    return Response(201, {**_view(ctx, record), "clientSecret": first["client_secret"]})


@behaviour("getApiServiceIntegrationInstance")
def get(ctx: Context) -> Any:
    return _view(ctx, _instance(ctx))


@behaviour("listApiServiceIntegrationInstances")
def list_(ctx: Context) -> Any:
    return [_view(ctx, r) for r in ctx.state.collection(INSTANCES).values()]


@behaviour("deleteApiServiceIntegrationInstance")
def delete(ctx: Context) -> Response:
    record = _instance(ctx)
    kept = ctx.state.collection(SECRETS)
    for key in [k for k in kept if k.startswith(record["id"] + "/")]:
        kept.delete(key)
    ctx.state.collection(INSTANCES).delete(record["id"])
    _log.record(ctx, "app.oauth2.client.lifecycle.delete", [_log.target("AppInstance", record["id"], record["type"])])
    return Response(204, None)


def _secrets_of(ctx: Context, instance_id: str) -> list[dict[str, Any]]:
    return [r for k, r in ctx.state.collection(SECRETS).scan() if k.startswith(instance_id + "/")]


@behaviour("listApiServiceIntegrationInstanceSecrets")
def list_secrets(ctx: Context) -> Any:
    return [_secret_view(ctx, r) for r in _secrets_of(ctx, _instance(ctx)["id"])]


@behaviour("createApiServiceIntegrationInstanceSecret")
def create_secret(ctx: Context) -> Any:
    record = _instance(ctx)
    if len(_secrets_of(ctx, record["id"])) >= 2:
        raise okta_error(
            "E0000001",
            "Api validation failed: client_secret",
            causes=["client_secret: You can't create more than two secrets for a client."],
        )
    return Response(201, _secret_view(ctx, _new_secret(ctx, record["id"])))


def _secret(ctx: Context) -> dict[str, Any]:
    record = _instance(ctx)
    secret_id = str(ctx.params.get("secretId") or "")
    found = ctx.state.collection(SECRETS).get(f"{record['id']}/{secret_id}")
    if found is None:
        raise not_found(secret_id, "OAuth2ClientSecret")
    return found


def _set(ctx: Context, status: str) -> Any:
    record = _secret(ctx)
    record["status"] = status
    record["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(SECRETS).put(f"{record['_instance']}/{record['id']}", record)
    return _secret_view(ctx, record)


@behaviour("activateApiServiceIntegrationInstanceSecret")
def activate_secret(ctx: Context) -> Any:
    return _set(ctx, "ACTIVE")


@behaviour("deactivateApiServiceIntegrationInstanceSecret")
def deactivate_secret(ctx: Context) -> Any:
    record = _secret(ctx)
    active = [s for s in _secrets_of(ctx, record["_instance"]) if s["status"] == "ACTIVE" and s["id"] != record["id"]]
    if record["status"] == "ACTIVE" and not active:
        raise okta_error(
            "E0000001",
            "Api validation failed: client_secret",
            causes=["client_secret: A client needs at least one active secret."],
        )
    return _set(ctx, "INACTIVE")


@behaviour("deleteApiServiceIntegrationInstanceSecret")
def delete_secret(ctx: Context) -> Response:
    record = _secret(ctx)
    if record["status"] != "INACTIVE":
        raise okta_error(
            "E0000001",
            "Api validation failed: client_secret",
            causes=["client_secret: Only an INACTIVE secret can be deleted."],
        )
    ctx.state.collection(SECRETS).delete(f"{record['_instance']}/{record['id']}")
    return Response(204, None)
