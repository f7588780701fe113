"""The Okta kit's IR rules: the SSWS API token is taken on every ``/api/v1`` operation that needs auth, even where
the document lists only OAuth 2.0 (a small document of our own, assembled as ``twingen new`` does)."""

from __future__ import annotations

from typing import Any

from twingen.diagnostics import Diagnostics
from twingen.ingest.openapi import build_from_openapi
from twingen.ir.assemble import assemble
from twingen.ir.model import Api


def _op(op_id: str, security: list[dict[str, list[str]]] | None) -> dict[str, Any]:
    op: dict[str, Any] = {"operationId": op_id, "responses": {"204": {"description": "done"}}}
    if security is not None:
        op["security"] = security
    return op


DOC = {
    "openapi": "3.0.3",
    "info": {"title": "Okta Admin Management", "version": "1"},
    "servers": [{"url": "https://{yourOktaDomain}"}],
    "paths": {
        "/api/v1/users/{id}/linkedObjects/{name}/{primary}": {"put": _op("assignLinked", [{"oauth2": ["u.manage"]}])},
        "/api/v1/users": {"get": _op("listUsers", [{"apiToken": []}, {"oauth2": ["u.read"]}])},
        "/oauth2/v1/clients": {"get": _op("listClients", [{"oauth2": ["c.read"]}])},
        "/.well-known/okta-organization": {"get": _op("orgMetadata", [])},
    },
    "components": {
        "securitySchemes": {
            "apiToken": {"type": "apiKey", "in": "header", "name": "Authorization", "description": "SSWS {token}"},
            "oauth2": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "/t", "scopes": {}}}},
        }
    },
}


def _api() -> Api:
    diags = Diagnostics()
    return assemble("okta", [build_from_openapi(DOC, "okta.yaml", diags)], [], diags)


def test_an_oauth_only_management_operation_also_takes_the_api_token() -> None:
    api = _api()
    assert api.vendor == "okta"
    assert api.operation("assignLinked").auth == ("oauth2", "apiToken")
    assert api.operation("listUsers").auth == ("apiToken", "oauth2")


def test_operations_outside_the_management_api_or_without_auth_keep_what_the_document_says() -> None:
    api = _api()
    assert api.operation("listClients").auth == ("oauth2",)
    assert api.operation("orgMetadata").auth == ()
