"""An app's SAML/OIDC signing credentials: its signing keys (the org default plus generated or cloned ones) and
certificate signing requests.

Keys and CSRs are real RSA material (``_idp_keys``): a generated key carries a self-signed X.509 certificate, a CSR
is PKCS#10 with the subject asked, and publishing it checks the signed certificate holds the CSR's key.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationSSOCredentialKey/
"""

from __future__ import annotations

import base64
from typing import Any

from ..runtime import Context, Response, arguments, behaviour
from ..runtime.clock import iso8601
from . import _idp_keys
from ._apps_model import KEYS, app_keys, find_app, key_id
from ._apps_shape import well_formed
from ._errors import cause, not_found, okta_error, validation_failed
from ._links import href, link
from ._store import body_object

Record = dict[str, Any]
CSRS = "app_csrs"


def _key(ctx: Context, app: Record, kid: str) -> Record:
    for key in app_keys(ctx, app["id"]):
        if key["kid"] == kid:
            return key
    raise not_found(kid, "JsonWebKey")


@behaviour("listApplicationKeys")
def list_application_keys(ctx: Context) -> list[Record]:
    return app_keys(ctx, find_app(ctx)["id"])


@behaviour("getApplicationKey")
def get_application_key(ctx: Context) -> Record:
    return _key(ctx, find_app(ctx), str(ctx.params.get("keyId")))


@behaviour("generateApplicationKey")
def generate_application_key(ctx: Context) -> Response:
    app = find_app(ctx)
    raw = arguments.text(ctx.params, "validityYears") or ""
    if not raw.isdigit() or not 2 <= int(raw) <= 10:
        # "validityYears: expiry of the key in years, 2 to 10" (generateApplicationKey)
        raise validation_failed("validityYears", "Validity years out of range. It should be 2 - 10 years")
    key = _idp_keys.generated(ctx, int(raw))
    ctx.state.collection(KEYS).put(f"{app['id']}/{key['kid']}", key)
    return Response(201, key)


@behaviour("cloneApplicationKey")
def clone_application_key(ctx: Context) -> Response:
    app = find_app(ctx)
    key = _key(ctx, app, str(ctx.params.get("keyId")))
    target = find_app(ctx, str(ctx.params.get("targetAid") or ""))
    if any(k["kid"] == key["kid"] for k in app_keys(ctx, target["id"])):
        raise okta_error(
            "E0000001",
            "Api validation failed: targetAid",
            causes=[cause("targetAid", "Key already exists in the list of key credentials for the target app.")],
        )
    ctx.state.collection(KEYS).put(f"{target['id']}/{key['kid']}", dict(key))
    return Response(201, key)


def _render_csr(ctx: Context, app_id: str, csr: Record) -> Record:
    path = f"/api/v1/apps/{app_id}/credentials/csrs/{csr['id']}"
    shown = {k: v for k, v in csr.items() if not k.startswith("_")}
    shown["_links"] = {
        "publish": link(ctx, path + "/lifecycle/publish", "POST"),
        "self": {"href": href(ctx, path), "hints": {"allow": ["GET", "DELETE"]}},
    }
    return shown


def _csr(ctx: Context, app: Record) -> Record:
    csr_id = str(ctx.params.get("csrId"))
    found = ctx.state.collection(CSRS).get(f"{app['id']}/{csr_id}")
    if found is None:
        raise not_found(csr_id, "AppInstanceCsr")
    return found


@behaviour("generateCsrForApplication")
def generate_csr_for_application(ctx: Context) -> Response:
    app = find_app(ctx)
    body = body_object(ctx)
    fields = (
        "countryName",
        "stateOrProvinceName",
        "localityName",
        "organizationName",
        "organizationalUnitName",
        "commonName",
    )
    well_formed(
        body,
        (
            ("subject", "object"),
            ("subjectAltNames", "object"),
            ("subjectAltNames.dnsNames", "list"),
            *((f"subject.{field}", "string") for field in fields),
        ),
    )
    if not all(isinstance(name, str) for name in (body.get("subjectAltNames") or {}).get("dnsNames") or []):
        raise okta_error("E0000003")
    if not isinstance(body.get("subject"), dict) or not body["subject"]:
        raise validation_failed("subject", "The field cannot be left blank.")
    der, private = _idp_keys.signing_request(ctx, body)
    csr = {"id": key_id(ctx), "created": iso8601(ctx.now()), "csr": der, "kty": "RSA", "_key": private}
    ctx.state.collection(CSRS).put(f"{app['id']}/{csr['id']}", csr)
    return Response(201, _render_csr(ctx, app["id"], csr))


@behaviour("listCsrsForApplication")
def list_csrs_for_application(ctx: Context) -> list[Record]:
    app = find_app(ctx)
    prefix = app["id"] + "/"
    return [_render_csr(ctx, app["id"], c) for k, c in ctx.state.collection(CSRS).scan() if k.startswith(prefix)]


@behaviour("getCsrForApplication")
def get_csr_for_application(ctx: Context) -> Record:
    app = find_app(ctx)
    return _render_csr(ctx, app["id"], _csr(ctx, app))


@behaviour("revokeCsrFromApplication")
def revoke_csr_from_application(ctx: Context) -> Response:
    app = find_app(ctx)
    csr = _csr(ctx, app)
    ctx.state.collection(CSRS).delete(f"{app['id']}/{csr['id']}")
    return Response(204, None)


@behaviour("publishCsrFromApplication")
def publish_csr_from_application(ctx: Context) -> Response:
    app = find_app(ctx)
    csr = _csr(ctx, app)
    try:
        cert = _idp_keys.certificate(ctx.raw_body.decode("ascii").strip())
    except (UnicodeDecodeError, ValueError):
        try:
            cert = _idp_keys.certificate(base64.b64encode(ctx.raw_body).decode())
        except ValueError:
            raise validation_failed("certificate", "The certificate is not a valid X.509 certificate.") from None
    key = _idp_keys.published(ctx, csr["_key"], cert)
    ctx.state.collection(KEYS).put(f"{app['id']}/{key['kid']}", key)
    ctx.state.collection(CSRS).delete(f"{app['id']}/{csr['id']}")
    return Response(201, key)
