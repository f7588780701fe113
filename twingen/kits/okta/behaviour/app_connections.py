"""Smaller per-app resources: cross-app access connections (an app allowed to request tokens for another),
federated claims (extra claims an app's tokens carry), and assigning an app its access policy.

Cross-app connections start ACTIVE and change status by PATCH; an unknown one is Okta's 404 ``(Connection)``
(recorded). A policy assigned must exist and be an ACCESS_POLICY. Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationCrossAppAccessConnections/,
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationSSOFederatedClaims/,
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationPolicies/
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from ..runtime import Context, Response, arguments, behaviour
from ..runtime.clock import BASE62_ALPHABET, iso8601
from . import _paging
from ._apps_model import app_keys, find_app, logged, save_app
from ._errors import not_found, okta_error, validation_failed
from ._store import body_object

Record = dict[str, Any]
CONNECTIONS = "app_cwo_connections"
CLAIMS = "app_federated_claims"


def _connection(ctx: Context, app: Record) -> Record:
    connection_id = str(ctx.params.get("connectionId"))
    found = ctx.state.collection(CONNECTIONS).get(f"{app['id']}/{connection_id}")
    if found is None:
        raise not_found(connection_id, "Connection")
    return found


@behaviour("createCrossAppAccessConnection")
def create_cross_app_access_connection(ctx: Context) -> Response:
    app = find_app(ctx)
    body = body_object(ctx)
    resource = body.get("resourceAppInstanceId")
    if not isinstance(resource, str) or not resource:
        raise validation_failed("resourceAppInstanceId", "The field cannot be left blank.")
    find_app(ctx, resource)
    now = iso8601(ctx.now())
    connection = {
        "id": "con" + ctx.new_id("", 17, BASE62_ALPHABET),
        "requestingAppInstanceId": app["id"],
        "resourceAppInstanceId": resource,
        "status": body.get("status") or "ACTIVE",
        "created": now,
        "lastUpdated": now,
    }
    ctx.state.collection(CONNECTIONS).put(f"{app['id']}/{connection['id']}", connection)
    return Response(201, connection)


@behaviour("getAllCrossAppAccessConnections")
def list_cross_app_access_connections(ctx: Context) -> Response:
    app = find_app(ctx)
    status = arguments.text(ctx.params, "status")
    prefix = app["id"] + "/"
    items = [
        (c["id"], c)
        for k, c in ctx.state.collection(CONNECTIONS).scan()
        if k.startswith(prefix) and (not status or c.get("status") == status)
    ]
    limit = _paging.limit_of(ctx, 20, 200)
    page, more = _paging.take(_paging.after_in(items, _paging.cursor_of(ctx)), limit)
    return _paging.answer(ctx, page, more, limit)


@behaviour("getCrossAppAccessConnection")
def get_cross_app_access_connection(ctx: Context) -> Record:
    return _connection(ctx, find_app(ctx))


@behaviour("updateCrossAppAccessConnection")
def update_cross_app_access_connection(ctx: Context) -> Record:
    app = find_app(ctx)
    connection = _connection(ctx, app)
    status = body_object(ctx).get("status")
    if status not in ("ACTIVE", "INACTIVE"):
        raise validation_failed("status", "The field must be ACTIVE or INACTIVE.")
    connection["status"] = status
    connection["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(CONNECTIONS).put(f"{app['id']}/{connection['id']}", connection)
    return connection


@behaviour("deleteCrossAppAccessConnection")
def delete_cross_app_access_connection(ctx: Context) -> Response:
    app = find_app(ctx)
    connection = _connection(ctx, app)
    ctx.state.collection(CONNECTIONS).delete(f"{app['id']}/{connection['id']}")
    return Response(204, None)


def _claim_body(ctx: Context) -> tuple[str, str]:
    body = body_object(ctx)
    name, expression = body.get("name"), body.get("expression")
    if not isinstance(name, str) or not name:
        raise validation_failed("name", "The field cannot be left blank.")
    if not isinstance(expression, str) or not expression:
        raise validation_failed("expression", "The field cannot be left blank.")
    return name, expression


def _claim(ctx: Context, app: Record) -> Record:
    claim_id = str(ctx.params.get("claimId"))
    found = ctx.state.collection(CLAIMS).get(f"{app['id']}/{claim_id}")
    if found is None:
        raise not_found(claim_id, "FederatedClaim")
    return found


@behaviour("createFederatedClaim")
def create_federated_claim(ctx: Context) -> Response:
    app = find_app(ctx)
    name, expression = _claim_body(ctx)
    now = iso8601(ctx.now())
    claim = {
        "id": "ofc" + ctx.new_id("", 17, BASE62_ALPHABET),
        "name": name,
        "expression": expression,
        "created": now,
        "lastUpdated": now,
    }
    ctx.state.collection(CLAIMS).put(f"{app['id']}/{claim['id']}", claim)
    return Response(201, claim)


@behaviour("listFederatedClaims")
def list_federated_claims(ctx: Context) -> list[Record]:
    app = find_app(ctx)
    return [c for k, c in ctx.state.collection(CLAIMS).scan() if k.startswith(app["id"] + "/")]


@behaviour("getFederatedClaim")
def get_federated_claim(ctx: Context) -> Record:
    return _claim(ctx, find_app(ctx))


@behaviour("replaceFederatedClaim")
def replace_federated_claim(ctx: Context) -> Response:
    app = find_app(ctx)
    claim = _claim(ctx, app)
    claim["name"], claim["expression"] = _claim_body(ctx)
    claim["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(CLAIMS).put(f"{app['id']}/{claim['id']}", claim)
    # the replace answers 201 like the create (replaceFederatedClaim's documented responses)
    return Response(201, claim)


@behaviour("deleteFederatedClaim")
def delete_federated_claim(ctx: Context) -> Response:
    app = find_app(ctx)
    claim = _claim(ctx, app)
    ctx.state.collection(CLAIMS).delete(f"{app['id']}/{claim['id']}")
    return Response(204, None)


@behaviour("assignApplicationPolicy")
def assign_application_policy(ctx: Context) -> Response:
    app = find_app(ctx)
    policy_id = str(ctx.params.get("policyId"))
    policy = ctx.state.collection("policies").get(policy_id)
    if policy is None:
        raise not_found(policy_id, "Policy")
    if policy.get("type") != "ACCESS_POLICY":
        raise okta_error(
            "E0000001", "Api validation failed: Policy", causes=["Only an ACCESS_POLICY can be assigned to an app."]
        )
    app["_accessPolicy"] = policy_id
    save_app(ctx, app)
    logged(ctx, "application.policy.sign_on.update", app)
    return Response(204, None)


@behaviour("previewSAMLmetadataForApplication")
def preview_saml_metadata(ctx: Context) -> Response:
    """The SAML IdP metadata of an app as XML, signed by the key ``kid`` names; a client that asks only for JSON is
    Okta's 400 E0000019 (recorded), checked first."""
    accept = ctx.headers.get("accept", "*/*").lower()
    if "xml" not in accept and "*/*" not in accept:
        raise okta_error("E0000019")
    app = find_app(ctx)
    kid = arguments.text(ctx.params, "kid") or str((app.get("credentials") or {}).get("signing", {}).get("kid") or "")
    key = next((k for k in app_keys(ctx, app["id"]) if k["kid"] == kid), None)
    if key is None:
        raise not_found(kid, "JsonWebKey")
    issuer = escape(f"http://www.okta.com/{app['id']}")
    sso = escape(f"{ctx.base_url.rstrip('/')}/app/{app['name']}/{app['id']}/sso/saml")
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{issuer}">'
        '<md:IDPSSODescriptor WantAuthnRequestsSigned="false" '
        'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        '<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>'
        f"<ds:X509Certificate>{key['x5c'][0]}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
        "<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>"
        f'<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{sso}"/>'
        f'<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{sso}"/>'
        "</md:IDPSSODescriptor></md:EntityDescriptor>"
    )
    return Response(200, xml, media_type="application/xml")
