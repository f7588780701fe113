"""Custom AAGUIDs of the Passkey (FIDO2 WebAuthn) authenticator: security key models an org admits beyond the FIDO
Metadata Service, each with its attestation root certificates.

What Okta documents (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Authenticator/,
"Custom AAGUIDs", lifecycle GA):
- only the WebAuthn authenticator has custom AAGUIDs (another authenticator is refused 400);
- an AAGUID is a 128-bit identifier written as a UUID; one the authenticator already has is refused;
- the answer holds ``aaguid``, ``name``, ``authenticatorCharacteristics`` (``fipsCompliant``,
  ``hardwareProtected``, ``platformAttached``), ``attestationRootCertificates`` read from each sent ``x5c``
  (``x5c``, ``iss``, ``exp``, ``x5t#S256``) and ``_links.self``; a certificate that does not parse is refused;
- PUT replaces name, characteristics and certificates, PATCH changes those sent; an unknown AAGUID is 404.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from cryptography.hazmat.primitives.serialization import Encoding

from ..runtime import Context, Response, behaviour
from . import _log, _store
from ._errors import not_found, validation_failed
from ._idp_keys import certificate
from ._links import href
from .authenticators import _find

AAGUIDS = "custom_aaguids"
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_TRAITS = ("fipsCompliant", "hardwareProtected", "platformAttached")


def _webauthn(ctx: Context) -> dict[str, Any]:
    found = _find(ctx)
    if found.get("key") != "webauthn":
        raise validation_failed("authenticatorId", "Custom AAGUIDs are supported only for the WebAuthn authenticator")
    return found


def _certificates(given: Any) -> list[dict[str, Any]]:
    if given is None:
        return []
    if not isinstance(given, list) or not all(isinstance(c, dict) and isinstance(c.get("x5c"), str) for c in given):
        raise validation_failed("attestationRootCertificates", "Each certificate needs its x5c")
    read = []
    for entry in given:
        try:
            cert = certificate(entry["x5c"])
        except ValueError:
            raise validation_failed("attestationRootCertificates", "The X.509 certificate is invalid") from None
        der = cert.public_bytes(Encoding.DER)
        read.append(
            {
                "x5c": entry["x5c"],
                "iss": cert.issuer.rfc4514_string(),
                "exp": cert.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "x5t#S256": base64.urlsafe_b64encode(hashlib.sha256(der).digest()).decode().rstrip("="),
            }
        )
    return read


def _traits(given: Any) -> dict[str, Any]:
    if given is None:
        return {name: False for name in _TRAITS}
    if not isinstance(given, dict) or any(not isinstance(given.get(n, False), bool) for n in _TRAITS):
        raise validation_failed("authenticatorCharacteristics", "The characteristics are true or false")
    return {name: bool(given.get(name, False)) for name in _TRAITS}


def _view(ctx: Context, auth_id: str, record: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/authenticators/{auth_id}/aaguids/{record['aaguid']}"
    return {
        **record,
        "_links": {"self": {"href": href(ctx, path), "hints": {"allow": ["GET", "PUT", "PATCH", "DELETE"]}}},
    }


def _one(ctx: Context) -> tuple[str, str, dict[str, Any]]:
    auth = _webauthn(ctx)
    aaguid = str(ctx.params.get("aaguid") or "").lower()
    key = f"{auth['id']}/{aaguid}"
    found = ctx.state.collection(AAGUIDS).get(key)
    if found is None:
        raise not_found(aaguid, "CustomAAGUID")
    return auth["id"], key, found


@behaviour("listAllCustomAAGUIDs")
def list_(ctx: Context) -> Any:
    auth = _webauthn(ctx)
    prefix = auth["id"] + "/"
    return [_view(ctx, auth["id"], r) for k, r in ctx.state.collection(AAGUIDS).scan() if k.startswith(prefix)]


@behaviour("createCustomAAGUID")
def create(ctx: Context) -> Any:
    auth = _webauthn(ctx)
    body = _store.body_object(ctx)
    aaguid = body.get("aaguid")
    if not isinstance(aaguid, str) or not _UUID.fullmatch(aaguid):
        raise validation_failed("aaguid", "The AAGUID is a 128-bit identifier written as a UUID")
    key = f"{auth['id']}/{aaguid.lower()}"
    if ctx.state.collection(AAGUIDS).get(key) is not None:
        raise validation_failed("aaguid", "The AAGUID already exists")
    record = {
        "aaguid": aaguid.lower(),
        "name": body.get("name") if isinstance(body.get("name"), str) else None,
        "authenticatorCharacteristics": _traits(body.get("authenticatorCharacteristics")),
        "attestationRootCertificates": _certificates(body.get("attestationRootCertificates")),
    }
    ctx.state.collection(AAGUIDS).put(key, record)
    _log.record(ctx, "security.authenticator.update", [_log.target("Authenticator", auth["id"])])
    return _view(ctx, auth["id"], record)


@behaviour("getCustomAAGUID")
def get(ctx: Context) -> Any:
    auth_id, _, record = _one(ctx)
    return _view(ctx, auth_id, record)


def _change(ctx: Context, whole: bool) -> Any:
    auth_id, key, record = _one(ctx)
    body = _store.body_object(ctx)
    if whole or "name" in body:
        record["name"] = body.get("name") if isinstance(body.get("name"), str) else None
    if whole or "authenticatorCharacteristics" in body:
        record["authenticatorCharacteristics"] = _traits(body.get("authenticatorCharacteristics"))
    if whole or "attestationRootCertificates" in body:
        record["attestationRootCertificates"] = _certificates(body.get("attestationRootCertificates"))
    ctx.state.collection(AAGUIDS).put(key, record)
    _log.record(ctx, "security.authenticator.update", [_log.target("Authenticator", auth_id)])
    return _view(ctx, auth_id, record)


@behaviour("replaceCustomAAGUID")
def replace(ctx: Context) -> Any:
    return _change(ctx, True)


@behaviour("updateCustomAAGUID")
def update(ctx: Context) -> Any:
    return _change(ctx, False)


@behaviour("deleteCustomAAGUID")
def delete(ctx: Context) -> Response:
    auth_id, key, _ = _one(ctx)
    ctx.state.collection(AAGUIDS).delete(key)
    _log.record(ctx, "security.authenticator.update", [_log.target("Authenticator", auth_id)])
    return Response(204, None)
