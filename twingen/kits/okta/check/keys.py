"""Key material the check sends where Okta takes a key: an RSA public JWK (app client keys) and a self-signed
X.509 certificate (an identity provider's signing key, ``x5c``). Made once per run with ``cryptography``
(imported only here); Okta checks that these parse, so placeholder strings would be the check's error, not the twin's.
"""

from __future__ import annotations

import base64
import datetime
import functools
from typing import Any


def _b64url(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@functools.cache
def _key() -> Any:
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def rsa_jwk(kid: str) -> dict[str, Any]:
    """A public RSA signing key as a JWK (RFC 7517)."""
    numbers = _key().public_key().public_numbers()
    return {"kid": kid, "kty": "RSA", "alg": "RS256", "use": "sig", "e": _b64url(numbers.e), "n": _b64url(numbers.n)}


@functools.cache
def x5c() -> str:
    """A self-signed certificate for the key, base64 DER (the form of a JWK's ``x5c`` entries)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID

    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "twincheck.example.com")])
    now = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(_key().public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=3650))
        .sign(_key(), hashes.SHA256())
    )
    return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()
