"""WebAuthn preregistration: YubiKeys enrolled for a user before the key reaches them, through a fulfillment
provider (Yubico), then activated when the provider answers.

What Okta documents (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/WebAuthnPreregistration/):
- ``enroll`` takes an existing user, ``fulfillmentProvider`` ``yubico``, the relying-party ids and Yubico's
  transport key (an EC P-384 JWK; a key that is not a point of the curve is 400 E0000001); it makes one pending
  WebAuthn factor (``fwf``) per relying party and answers a credential request per factor and a PIN request, each
  a JWE encrypted to the transport key (ECDH-ES, A256GCM, compact);
- ``activate`` takes the provider's responses (JWEs) for the user's pending factors: each becomes ACTIVE;
  an unknown factor is 404;
- ``initiate-fulfillment-request`` and ``send-pin`` answer 204 for a known user (and factor); ``mark-error`` sets the
  factor's status to ``FULFILLMENT_ERRORED`` (as documented; okta 3.4.6's status enum lacks it); listing shows
  the user's preregistered factors; delete removes one (204).
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.concatkdf import ConcatKDFHash

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _store, _users
from ._errors import not_found, validation_failed
from ._links import link

FACTORS = "webauthn_preregistrations"


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _transport_key(jwk: Any) -> ec.EllipticCurvePublicKey:
    try:
        if not isinstance(jwk, dict) or jwk.get("kty") != "EC" or jwk.get("crv") != "P-384":
            raise ValueError("not an EC P-384 key")
        x, y = (int.from_bytes(_unb64(str(jwk[c])), "big") for c in ("x", "y"))
        return ec.EllipticCurvePublicNumbers(x, y, ec.SECP384R1()).public_key()
    except (ValueError, KeyError, TypeError):
        raise validation_failed("yubicoTransportKeyJWK", "The transport key is not an EC P-384 public key") from None


def _jwe(key: ec.EllipticCurvePublicKey, kid: str, payload: dict[str, Any]) -> str:
    """Compact JWE, ECDH-ES direct key agreement with A256GCM (RFC 7518 §4.6)."""
    ephemeral = ec.generate_private_key(ec.SECP384R1())
    numbers = ephemeral.public_key().public_numbers()
    header = {
        "alg": "ECDH-ES",
        "enc": "A256GCM",
        "kid": kid,
        "epk": {
            "kty": "EC",
            "crv": "P-384",
            "x": _b64(numbers.x.to_bytes(48, "big")),
            "y": _b64(numbers.y.to_bytes(48, "big")),
        },
    }
    shared = ephemeral.exchange(ec.ECDH(), key)
    other = len(b"A256GCM").to_bytes(4, "big") + b"A256GCM" + (0).to_bytes(4, "big") * 2 + (256).to_bytes(4, "big")
    cek = ConcatKDFHash(hashes.SHA256(), 32, other).derive(shared)
    protected = _b64(json.dumps(header, separators=(",", ":")).encode())
    iv = os.urandom(12)
    sealed = AESGCM(cek).encrypt(iv, json.dumps(payload).encode(), protected.encode())
    return ".".join((protected, "", _b64(iv), _b64(sealed[:-16]), _b64(sealed[-16:])))


def _user(ctx: Context, user_id: Any) -> dict[str, Any]:
    return _users.find(ctx, str(user_id or ""))


def _provider(body: dict[str, Any]) -> None:
    if body.get("fulfillmentProvider") != "yubico":
        raise validation_failed("fulfillmentProvider", "The fulfillment provider must be yubico")


def _factor(ctx: Context, user_id: str, factor_id: str) -> dict[str, Any]:
    found = ctx.state.collection(FACTORS).get(f"{user_id}/{factor_id}")
    if found is None:
        raise not_found(factor_id, "WebAuthnPreregistrationFactor")
    return found


def _view(ctx: Context, user_id: str, record: dict[str, Any]) -> dict[str, Any]:
    path = f"/webauthn-registration/api/v1/users/{user_id}/enrollments/{record['id']}"
    return {**record, "_links": {"self": link(ctx, path, "DELETE")}}


@behaviour("enrollPreregistrationEnrollment")
def enroll(ctx: Context) -> Any:
    body = _store.body_object(ctx)
    user = _user(ctx, body.get("userId"))
    _provider(body)
    jwk = body.get("yubicoTransportKeyJWK")
    key = _transport_key(jwk)
    rp_ids = body.get("enrollmentRpIds") or [ctx.base_url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]]
    if not isinstance(rp_ids, list) or not all(isinstance(r, str) and r for r in rp_ids):
        raise validation_failed("enrollmentRpIds", "The field must be a list of relying party host names")
    now = iso8601(ctx.now())
    kid = str(jwk.get("kid") or "") if isinstance(jwk, dict) else ""
    requests = []
    for rp_id in rp_ids:
        record = {
            "id": _store.new_id(ctx, "fwf"),
            "factorType": "webauthn",
            "provider": "FIDO",
            "fulfillmentProvider": "yubico",
            "status": "PENDING_ACTIVATION",
            "created": now,
            "lastUpdated": now,
            "profile": {"rpId": rp_id},
        }
        ctx.state.collection(FACTORS).put(f"{user['id']}/{record['id']}", record)
        key_id = ctx.new_id("", 20, "abcdefghijklmnopqrstuvwxyz0123456789")
        requests.append(
            {
                "authenticatorEnrollmentId": record["id"],
                "keyId": key_id,
                "credRequestJwe": _jwe(key, kid, {"rpId": rp_id, "userId": user["id"], "keyId": key_id}),
            }
        )
    return {
        "userId": user["id"],
        "fulfillmentProvider": "yubico",
        "credRequests": requests,
        "pinRequestJwe": _jwe(key, kid, {"userId": user["id"], "pinLength": 8}),
    }


@behaviour("activatePreregistrationEnrollment")
def activate(ctx: Context) -> Any:
    body = _store.body_object(ctx)
    user = _user(ctx, body.get("userId"))
    _provider(body)
    responses = body.get("credResponses")
    if not isinstance(responses, list) or not responses:
        raise validation_failed("credResponses", "The field cannot be left blank")
    activated = []
    for entry in responses:
        factor = _factor(ctx, user["id"], str((entry or {}).get("authenticatorEnrollmentId") or ""))
        if str((entry or {}).get("credResponseJwe") or "").count(".") != 4:
            raise validation_failed("credResponses", "A credential response is not a JWE")
        activated.append(factor)
    for factor in activated:
        factor.update({"status": "ACTIVE", "lastUpdated": iso8601(ctx.now())})
        ctx.state.collection(FACTORS).put(f"{user['id']}/{factor['id']}", factor)
    return {
        "userId": user["id"],
        "fulfillmentProvider": "yubico",
        "authenticatorEnrollmentIds": [f["id"] for f in activated],
    }


@behaviour("generateFulfillmentRequest")
def fulfillment_request(ctx: Context) -> Response:
    body = _store.body_object(ctx)
    _user(ctx, body.get("userId"))
    _provider(body)
    if not isinstance(body.get("fulfillmentData"), list) or not body["fulfillmentData"]:
        raise validation_failed("fulfillmentData", "The field cannot be left blank")
    return Response(204, None)


@behaviour("sendPin")
def send_pin(ctx: Context) -> Response:
    body = _store.body_object(ctx)
    user = _user(ctx, body.get("userId"))
    _provider(body)
    _factor(ctx, user["id"], str(body.get("authenticatorEnrollmentId") or ""))
    return Response(204, None)


@behaviour("listWebAuthnPreregistrationFactors")
def list_(ctx: Context) -> Any:
    user = _user(ctx, ctx.params.get("userId"))
    prefix = user["id"] + "/"
    return [_view(ctx, user["id"], r) for k, r in ctx.state.collection(FACTORS).scan() if k.startswith(prefix)]


@behaviour("deleteWebAuthnPreregistrationFactor")
def delete(ctx: Context) -> Response:
    user = _user(ctx, ctx.params.get("userId"))
    factor = _factor(ctx, user["id"], str(ctx.params.get("authenticatorEnrollmentId") or ""))
    ctx.state.collection(FACTORS).delete(f"{user['id']}/{factor['id']}")
    return Response(204, None)


@behaviour("assignFulfillmentErrorWebAuthnPreregistrationFactor")
def mark_error(ctx: Context) -> Response:
    user = _user(ctx, ctx.params.get("userId"))
    factor = _factor(ctx, user["id"], str(ctx.params.get("authenticatorEnrollmentId") or ""))
    factor.update({"status": "FULFILLMENT_ERRORED", "lastUpdated": iso8601(ctx.now())})
    ctx.state.collection(FACTORS).put(f"{user['id']}/{factor['id']}", factor)
    return Response(204, None)
