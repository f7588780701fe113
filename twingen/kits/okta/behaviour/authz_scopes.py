"""An authorization server's scopes and claims (``.../scopes``, ``.../claims``): the system ones every server has
and the admin's own; names unique per server; system scopes and claims cannot be deleted.

Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/AuthorizationServerScopes/ ,
.../tag/AuthorizationServerClaims/ and the recorded answers (a new scope: ``metadataPublish`` NO_CLIENTS,
``default`` false; a new claim: INACTIVE unless sent ACTIVE, ``alwaysIncludeInToken`` true).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, arguments, behaviour
from . import _log, _paging, _store
from ._authz_defaults import CLAIMS, SCOPES
from ._errors import not_found, okta_error, validation_failed
from .authz import allow, find


def of(ctx: Context, collection: str, server_id: str) -> list[dict[str, Any]]:
    return [r for r in ctx.state.collection(collection).values() if r["_server"] == server_id]


def _render(ctx: Context, kind: str, record: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/authorizationServers/{record['_server']}/{kind}/{record['id']}"
    return {
        **{k: v for k, v in record.items() if not k.startswith("_")},
        "_links": {"self": allow(ctx, path, "GET", "PUT", "DELETE")},
    }


def _find(ctx: Context, collection: str, param: str, title: str) -> dict[str, Any]:
    server = find(ctx)
    id_ = str(ctx.params.get(param) or "")
    found = ctx.state.collection(collection).get(f"{server['id']}/{id_}")
    if found is None:
        raise not_found(id_, title)
    return found


def _unique(ctx: Context, collection: str, server_id: str, name: Any, own_id: str = "") -> str:
    if not isinstance(name, str) or not name.strip():
        raise validation_failed("name", "The field cannot be left blank")
    if any(r["name"] == name and r["id"] != own_id for r in of(ctx, collection, server_id)):
        raise validation_failed("name", "An object with this field already exists in the current organization")
    return name


def _scope_fields(body: dict[str, Any]) -> dict[str, Any]:
    fields = {
        "description": body.get("description"),
        "system": False,
        "metadataPublish": body.get("metadataPublish") or "NO_CLIENTS",
        "default": bool(body.get("default")),
    }
    if fields["metadataPublish"] not in ("ALL_CLIENTS", "NO_CLIENTS"):
        raise validation_failed("metadataPublish", f"Invalid value '{fields['metadataPublish']}'")
    for name in ("displayName", "consent", "optional"):
        if name in body:
            fields[name] = body[name]
    return fields


@behaviour("listOAuth2Scopes")
def list_oauth2_scopes(ctx: Context) -> Any:
    server = find(ctx)
    query = (arguments.text(ctx.params, "q") or "").lower()
    rows = [(r["id"], r) for r in of(ctx, SCOPES, server["id"]) if query in r["name"].lower()]
    return _paging.served(ctx, _paging.after_in(rows, _paging.cursor_of(ctx)), lambda r: _render(ctx, "scopes", r), 200)


@behaviour("createOAuth2Scope")
def create_oauth2_scope(ctx: Context) -> Any:
    server = find(ctx)
    body = _store.body_object(ctx)
    name = _unique(ctx, SCOPES, server["id"], body.get("name"))
    if name.startswith("okta."):
        raise validation_failed("name", "Scope names that start with 'okta.' are reserved.")
    record = {"id": _store.new_id(ctx, "scp"), "name": name, **_scope_fields(body), "_server": server["id"]}
    ctx.state.collection(SCOPES).put(f"{server['id']}/{record['id']}", record)
    _log.record(ctx, "oauth2.scope.created", [_log.target("OAuth2Scope", record["id"], name, name)])
    return Response(201, _render(ctx, "scopes", record))


@behaviour("getOAuth2Scope")
def get_oauth2_scope(ctx: Context) -> Any:
    return _render(ctx, "scopes", _find(ctx, SCOPES, "scopeId", "OAuth2Scope"))


@behaviour("replaceOAuth2Scope")
def replace_oauth2_scope(ctx: Context) -> Any:
    record = _find(ctx, SCOPES, "scopeId", "OAuth2Scope")
    body = _store.body_object(ctx)
    name = _unique(ctx, SCOPES, record["_server"], body.get("name", record["name"]), record["id"])
    if record["system"] and name != record["name"]:
        raise okta_error(
            "E0000006", "You do not have permission to perform the requested action: a system scope cannot be renamed."
        )
    record.update({"name": name, **_scope_fields(body), "system": record["system"]})
    ctx.state.collection(SCOPES).put(f"{record['_server']}/{record['id']}", record)
    _log.record(ctx, "oauth2.scope.updated", [_log.target("OAuth2Scope", record["id"], name, name)])
    return _render(ctx, "scopes", record)


@behaviour("deleteOAuth2Scope")
def delete_oauth2_scope(ctx: Context) -> Any:
    record = _find(ctx, SCOPES, "scopeId", "OAuth2Scope")
    if record["system"]:
        raise okta_error(
            "E0000006", "You do not have permission to perform the requested action: a system scope cannot be deleted."
        )
    ctx.state.collection(SCOPES).delete(f"{record['_server']}/{record['id']}")
    _log.record(ctx, "oauth2.scope.deleted", [_log.target("OAuth2Scope", record["id"], record["name"])])
    return Response(204, None)


def _claim_fields(body: dict[str, Any]) -> dict[str, Any]:
    claim_type = body.get("claimType")
    if claim_type not in ("RESOURCE", "IDENTITY"):
        raise validation_failed("claimType", f"Invalid value '{claim_type}'")
    value_type = body.get("valueType")
    if value_type not in ("EXPRESSION", "GROUPS", "SYSTEM"):
        raise validation_failed("valueType", f"Invalid value '{value_type}'")
    if value_type != "SYSTEM" and not isinstance(body.get("value"), str):
        raise validation_failed("value", "The field cannot be left blank")
    status = body.get("status") or "INACTIVE"
    fields = {
        "status": status,
        "claimType": claim_type,
        "valueType": value_type,
        "value": body.get("value"),
        "conditions": body.get("conditions") or {"scopes": []},
        "system": False,
        "alwaysIncludeInToken": body.get("alwaysIncludeInToken", True),
    }
    if value_type == "GROUPS":
        fields["group_filter_type"] = body.get("group_filter_type") or "STARTS_WITH"
    return fields


@behaviour("listOAuth2Claims")
def list_oauth2_claims(ctx: Context) -> Any:
    server = find(ctx)
    return [_render(ctx, "claims", r) for r in of(ctx, CLAIMS, server["id"])]


@behaviour("createOAuth2Claim")
def create_oauth2_claim(ctx: Context) -> Any:
    server = find(ctx)
    body = _store.body_object(ctx)
    name = _unique(ctx, CLAIMS, server["id"], body.get("name"))
    record = {"id": _store.new_id(ctx, "ocl"), "name": name, **_claim_fields(body), "_server": server["id"]}
    ctx.state.collection(CLAIMS).put(f"{server['id']}/{record['id']}", record)
    _log.record(ctx, "oauth2.claim.created", [_log.target("OAuth2Claim", record["id"], name, name)])
    return Response(201, _render(ctx, "claims", record))


@behaviour("getOAuth2Claim")
def get_oauth2_claim(ctx: Context) -> Any:
    return _render(ctx, "claims", _find(ctx, CLAIMS, "claimId", "OAuth2Claim"))


@behaviour("replaceOAuth2Claim")
def replace_oauth2_claim(ctx: Context) -> Any:
    record = _find(ctx, CLAIMS, "claimId", "OAuth2Claim")
    body = _store.body_object(ctx)
    if record["system"]:
        raise okta_error(
            "E0000006", "You do not have permission to perform the requested action: a system claim cannot be changed."
        )
    name = _unique(ctx, CLAIMS, record["_server"], body.get("name", record["name"]), record["id"])
    record.update({"name": name, **_claim_fields(body)})
    ctx.state.collection(CLAIMS).put(f"{record['_server']}/{record['id']}", record)
    _log.record(ctx, "oauth2.claim.updated", [_log.target("OAuth2Claim", record["id"], name, name)])
    return _render(ctx, "claims", record)


@behaviour("deleteOAuth2Claim")
def delete_oauth2_claim(ctx: Context) -> Any:
    record = _find(ctx, CLAIMS, "claimId", "OAuth2Claim")
    if record["system"]:
        raise okta_error(
            "E0000006", "You do not have permission to perform the requested action: a system claim cannot be deleted."
        )
    ctx.state.collection(CLAIMS).delete(f"{record['_server']}/{record['id']}")
    _log.record(ctx, "oauth2.claim.deleted", [_log.target("OAuth2Claim", record["id"], record["name"])])
    return Response(204, None)
