"""Signing keys of authorization servers: real RSA keys (``cryptography``), shown as JWKs whose ``kid`` is the
RFC 7638 thumbprint (what Okta's kids are), rotated as Okta rotates them (the new key ACTIVE, the former EXPIRED),
and used to sign the access tokens the token endpoint mints (RS256, PyJWT).

Making an RSA key takes tens of milliseconds; a reset org re-creates the same servers with the same ids, so a key
made for (tenant, server, generation) is kept for the life of the process and handed out again.
Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/AuthorizationServerKeys/ and
https://developer.okta.com/docs/api/openapi/okta-oauth/oauth/tag/OrgAS/#tag/OrgAS/operation/oauthKeys
"""

from __future__ import annotations

from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from ..runtime import Context
from ._idp_keys import _int, _thumbprint

Record = dict[str, Any]
_MADE: dict[tuple[str, str, int], tuple[str, str, str, str]] = {}


def _key(tenant: str, owner: str, generation: int) -> tuple[str, str, str, str]:
    """(kid, e, n, private PEM) of the owner's key of that generation."""
    slot = (tenant, owner, generation)
    if slot not in _MADE:
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        numbers = private.public_key().public_numbers()
        e, n = _int(numbers.e), _int(numbers.n)
        pem = private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
        _MADE[slot] = (_thumbprint(e, n), e, n, pem)
    return _MADE[slot]


def new_key(tenant: str, owner: str, generation: int, status: str = "ACTIVE") -> Record:
    """A stored key: its public JWK fields, status, and (under ``_pem``, never shown) its private key."""
    kid, e, n, pem = _key(tenant, owner, generation)
    return {
        "kty": "RSA",
        "status": status,
        "alg": "RS256",
        "kid": kid,
        "use": "sig",
        "e": e,
        "n": n,
        "_pem": pem,
        "_generation": generation,
    }


def public(key: Record) -> Record:
    return {k: v for k, v in key.items() if not k.startswith("_")}


def rotate(tenant: str, owner: str, keys: list[Record]) -> list[Record]:
    """The keys after a rotation: a new ACTIVE key first, the former ones EXPIRED."""
    generation = 1 + max((k.get("_generation", 0) for k in keys), default=-1)
    return [new_key(tenant, owner, generation)] + [{**k, "status": "EXPIRED"} for k in keys]


def active(keys: list[Record]) -> Record:
    return next(k for k in keys if k["status"] == "ACTIVE")


def sign(key: Record, claims: Record) -> str:
    return jwt.encode(claims, key["_pem"], algorithm="RS256", headers={"kid": key["kid"]})


def org_keys(ctx: Context) -> list[Record]:
    """The org authorization server's keys (``/oauth2/v1/keys``), made on first use and kept in state."""
    stored = ctx.state.collection("oauth_org").get("keys")
    if stored is None:
        stored = {"_keys": [new_key(ctx.tenant, "_org", 0)]}
        ctx.state.collection("oauth_org").put("keys", stored)
    return list(stored["_keys"])
