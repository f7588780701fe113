"""An org's IdP keys (the certificates it trusts from SAML IdPs), each IdP's own signing keys, and the certificate
signing requests (CSRs) an admin has a CA sign for an IdP.

Recorded answers this follows: an uploaded key is answered 200 with ``kid`` a UUID and ``alg`` "RSA", and after
delete is 404 ``(IdpTrust)``; a generated signing key is 201 with ``kid`` the key's thumbprint and ``expiresAt``
``validityYears`` ahead; cloning answers 201 with the same key, now also the target IdP's; a CSR is 201 with ``kty``
RSA and ``publish``/``self`` links, and after revoke is 404 ``(CertificateSigningRequest)``.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/IdentityProviderKeys/ and
.../tag/IdentityProviderSigningKeys/
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from cryptography import x509

from ..runtime import Context, Response, arguments, behaviour
from ..runtime.clock import iso8601
from . import _idp_keys, _paging, _store
from ._errors import not_found, okta_error, validation_failed
from ._links import link
from .identity_providers import IDPS

KEYS = "idp_keys"
SIGNING = "idp_signing_keys"
CSRS = "idp_csrs"

Record = dict[str, Any]


def _uuid(ctx: Context) -> str:
    raw = ctx.new_id("", 32, "0123456789abcdef")
    return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"


def _public(record: Record) -> Record:
    return {k: v for k, v in record.items() if not k.startswith("_")}


def _listed(ctx: Context, name: str, prefix: str, render: Any = _public) -> Response:
    rows = ((k, r) for k, r in _paging.walk(ctx.state.collection(name), _cursor(ctx, prefix)) if k.startswith(prefix))
    return _paging.served(ctx, rows, render, 20)


def _cursor(ctx: Context, prefix: str) -> str | None:
    after = _paging.cursor_of(ctx)
    return None if after is None else prefix + after


# --- the org's IdP keys -------------------------------------------------------------------------------------------


def _key(ctx: Context) -> Record:
    kid = str(ctx.params.get("kid") or "")
    found = ctx.state.collection(KEYS).get(kid)
    if found is None:
        raise not_found(kid, "IdpTrust")
    return found


@behaviour("createIdentityProviderKey")
def create_key(ctx: Context) -> Any:
    record = _idp_keys.uploaded(ctx, _store.body_object(ctx), _uuid(ctx))
    ctx.state.collection(KEYS).put(record["kid"], record)
    return record


@behaviour("getIdentityProviderKey")
def get_key(ctx: Context) -> Any:
    return _key(ctx)


@behaviour("listIdentityProviderKeys")
def list_keys(ctx: Context) -> Response:
    return _listed(ctx, KEYS, "")


@behaviour("replaceIdentityProviderKey")
def replace_key(ctx: Context) -> Any:
    old = _key(ctx)
    record = {**_idp_keys.uploaded(ctx, _store.body_object(ctx), old["kid"]), "created": old["created"]}
    ctx.state.collection(KEYS).put(record["kid"], record)
    return record


@behaviour("deleteIdentityProviderKey")
def delete_key(ctx: Context) -> Response:
    kid = _key(ctx)["kid"]
    # Okta refuses to delete a key an IdP still trusts
    for idp in _store.collection(ctx, IDPS).values():
        trust = ((idp.get("protocol") or {}).get("credentials") or {}).get("trust") or {}
        if trust.get("kid") == kid:
            raise okta_error(
                "E0000001",
                "Api validation failed: kid",
                causes=[f"kid: The key is in use by identity provider {idp['id']}."],
            )
    ctx.state.collection(KEYS).delete(kid)
    return Response(204, None)


# --- each IdP's signing keys ---------------------------------------------------------------------------------------


def _idp(ctx: Context, id_: str | None = None) -> Record:
    return _store.find(ctx, IDPS, id_ if id_ is not None else str(ctx.params.get("idpId") or ""))


def _signing(ctx: Context, idp_id: str, kid: str) -> Record:
    found = ctx.state.collection(SIGNING).get(f"{idp_id}/{kid}")
    if found is None:
        raise not_found(kid, "IdpKeyCredential")
    return found


@behaviour("generateIdentityProviderSigningKey")
def generate_signing_key(ctx: Context) -> Any:
    idp = _idp(ctx)
    years = arguments.integer(
        ctx.params,
        "validityYears",
        0,
        lambda v: validation_failed("validityYears", "The value must be a number between 2 and 10."),
    )
    if not 2 <= years <= 10:
        raise validation_failed("validityYears", "The value must be a number between 2 and 10.")
    record = _idp_keys.generated(ctx, years)
    ctx.state.collection(SIGNING).put(f"{idp['id']}/{record['kid']}", record)
    return Response(201, record)


@behaviour("getIdentityProviderSigningKey")
def get_signing_key(ctx: Context) -> Any:
    idp = _idp(ctx)
    return _signing(ctx, idp["id"], str(ctx.params.get("kid") or ""))


@behaviour("listIdentityProviderSigningKeys")
def list_signing_keys(ctx: Context) -> Response:
    return _listed(ctx, SIGNING, _idp(ctx)["id"] + "/")


@behaviour("listActiveIdentityProviderSigningKey")
def active_signing_key(ctx: Context) -> Any:
    """The key the IdP signs with: the newest one not yet expired (Okta answers it alone, in a list)."""
    idp = _idp(ctx)
    now = ctx.now()
    keys = [
        r
        for k, r in ctx.state.collection(SIGNING).scan()
        if k.startswith(idp["id"] + "/") and r["expiresAt"] > iso8601(now)
    ]
    return [_public(keys[-1])] if keys else []


@behaviour("cloneIdentityProviderKey")
def clone_signing_key(ctx: Context) -> Any:
    idp = _idp(ctx)
    record = _signing(ctx, idp["id"], str(ctx.params.get("kid") or ""))
    target = _idp(ctx, str(ctx.params.get("targetIdpId") or ""))
    ctx.state.collection(SIGNING).put(f"{target['id']}/{record['kid']}", dict(record))
    return Response(201, record)


# --- CSRs ----------------------------------------------------------------------------------------------------------


def _csr_view(ctx: Context, record: Record) -> Record:
    path = f"/api/v1/idps/{record['_idp']}/credentials/csrs/{record['id']}"
    return {
        **_public(record),
        "_links": {
            "publish": link(ctx, path + "/lifecycle/publish", "POST"),
            "self": link(ctx, path, "GET", "DELETE"),
        },
    }


def _csr(ctx: Context, idp_id: str) -> Record:
    csr_id = str(ctx.params.get("idpCsrId") or "")
    found = ctx.state.collection(CSRS).get(f"{idp_id}/{csr_id}")
    if found is None:
        raise not_found(csr_id, "CertificateSigningRequest")
    return found


@behaviour("generateCsrForIdentityProvider")
def generate_csr(ctx: Context) -> Any:
    idp = _idp(ctx)
    body = _store.body_object(ctx)
    if not isinstance(body.get("subject"), dict) or not body["subject"]:
        raise validation_failed("subject", "The field cannot be left blank.")
    der, key = _idp_keys.signing_request(ctx, body)
    csr_id = _idp_keys.b64url(base64.b64decode(der)[-32:])
    record = {"id": csr_id, "created": iso8601(ctx.now()), "csr": der, "kty": "RSA", "_idp": idp["id"], "_key": key}
    ctx.state.collection(CSRS).put(f"{idp['id']}/{csr_id}", record)
    return Response(201, _csr_view(ctx, record))


@behaviour("getCsrForIdentityProvider")
def get_csr(ctx: Context) -> Any:
    return _csr_view(ctx, _csr(ctx, _idp(ctx)["id"]))


@behaviour("listCsrsForIdentityProvider")
def list_csrs(ctx: Context) -> Response:
    return _listed(ctx, CSRS, _idp(ctx)["id"] + "/", lambda r: _csr_view(ctx, r))


@behaviour("revokeCsrForIdentityProvider")
def revoke_csr(ctx: Context) -> Response:
    idp = _idp(ctx)
    record = _csr(ctx, idp["id"])
    ctx.state.collection(CSRS).delete(f"{idp['id']}/{record['id']}")
    return Response(204, None)


@behaviour("publishCsrForIdentityProvider")
def publish_csr(ctx: Context) -> Any:
    """The CA-signed certificate for a CSR becomes the IdP's signing key; the CSR is used up."""
    idp = _idp(ctx)
    record = _csr(ctx, idp["id"])
    raw = ctx.raw_body.strip()
    try:
        if raw.startswith(b"-----BEGIN"):
            cert = _idp_keys.certificate(raw.decode())
        else:
            der = base64.b64decode(raw + b"=" * (-len(raw) % 4), altchars=b"-_") if _is_text(raw) else raw
            cert = x509.load_der_x509_certificate(der)
    except (ValueError, binascii.Error):
        raise okta_error(
            "E0000001",
            "Api validation failed: certificate",
            causes=["certificate: The certificate is not a valid X.509 certificate."],
        ) from None
    key = _idp_keys.published(ctx, record["_key"], cert)
    ctx.state.collection(SIGNING).put(f"{idp['id']}/{key['kid']}", key)
    ctx.state.collection(CSRS).delete(f"{idp['id']}/{record['id']}")
    return Response(201, key)


def _is_text(raw: bytes) -> bool:
    return all(c in b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_\r\n" for c in raw)
