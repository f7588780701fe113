"""Key material for identity providers: RSA signing keys with their self-signed X.509 certificate, keys read from
a certificate an admin uploads, and certificate signing requests, each as the JSON Web Key (or CSR) Okta answers.

Real keys (the ``cryptography`` package every twin already depends on), so a client that verifies a signature, reads
a certificate or submits a CSR to a CA gets what it would from Okta. The private key of a CSR stays in the record
(under ``_key``, never shown) so publishing the signed certificate can check it belongs to that CSR.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/IdentityProviderSigningKeys/
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import warnings
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from ..runtime import Context
from ..runtime.clock import iso8601
from ._errors import validation_failed

Record = dict[str, Any]

# the issuer Okta writes into the certificates it makes for an org (recorded: C=US, ST=California, L=San Francisco,
# O=Okta, OU=SSOProvider, CN=<org subdomain>, emailAddress=info@okta.com)
_ISSUER = (
    (NameOID.COUNTRY_NAME, "US"),
    (NameOID.STATE_OR_PROVINCE_NAME, "California"),
    (NameOID.LOCALITY_NAME, "San Francisco"),
    (NameOID.ORGANIZATION_NAME, "Okta"),
    (NameOID.ORGANIZATIONAL_UNIT_NAME, "SSOProvider"),
)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_int(value: int) -> str:
    """A JWK integer (``e``, ``n``): its big-endian bytes, base64url without padding."""
    return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


_int = b64url_int  # the name _authz_keys.py imports


def _thumbprint(e: str, n: str) -> str:
    """RFC 7638's JWK thumbprint: Okta's ``kid`` of the keys it generates."""
    canonical = json.dumps({"e": e, "kty": "RSA", "n": n}, separators=(",", ":"), sort_keys=True)
    return b64url(hashlib.sha256(canonical.encode()).digest())


def _jwk(ctx: Context, cert: x509.Certificate) -> Record:
    key = cert.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise validation_failed("x5c", "The certificate's key is not an RSA key")
    numbers = key.public_numbers()
    der = cert.public_bytes(serialization.Encoding.DER)
    now = iso8601(ctx.now())
    expires = iso8601(cert.not_valid_after_utc.timestamp())
    return {
        "kty": "RSA",
        "created": now,
        "lastUpdated": now,
        "expiresAt": expires,
        "use": "sig",
        "x5c": [base64.b64encode(der).decode()],
        "x5t#S256": b64url(hashlib.sha256(der).digest()),
        "e": b64url_int(numbers.e),
        "n": b64url_int(numbers.n),
    }


def _org(ctx: Context) -> str:
    host = ctx.base_url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host.split(".", 1)[0] or "twin"


def generated(ctx: Context, validity_years: int) -> Record:
    """A new signing key Okta generates for an IdP: valid ``validity_years`` from now, its kid the JWK thumbprint."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [x509.NameAttribute(oid, value) for oid, value in _ISSUER]
        + [
            x509.NameAttribute(NameOID.COMMON_NAME, _org(ctx)),
            x509.NameAttribute(NameOID.EMAIL_ADDRESS, "info@okta.com"),
        ]
    )
    start = datetime.datetime.fromtimestamp(ctx.now(), datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start - datetime.timedelta(minutes=1))
        .not_valid_after(start.replace(year=start.year + validity_years))
        .sign(key, hashes.SHA256())
    )
    jwk = _jwk(ctx, cert)
    return {**jwk, "kid": _thumbprint(jwk["e"], jwk["n"])}


def certificate(text: str) -> x509.Certificate:
    """A certificate as an admin sends it: base64 DER (whitespace ignored, as Okta does) or PEM."""
    raw = text.strip()
    if raw.startswith("-----BEGIN"):
        return x509.load_pem_x509_certificate(raw.encode())
    return x509.load_der_x509_certificate(base64.b64decode("".join(raw.split()), validate=True))


def uploaded(ctx: Context, body: Record, kid: str) -> Record:
    """The IdP key an admin adds from an X.509 certificate (``x5c``): its public key and expiry read from it."""
    chain = body.get("x5c")
    if not isinstance(chain, list) or not chain or not isinstance(chain[0], str):
        raise validation_failed("x5c", "The field cannot be left blank")
    try:
        cert = certificate(chain[0])
        if not isinstance(cert.public_key(), rsa.RSAPublicKey):
            raise ValueError("not RSA")
    except ValueError:
        raise validation_failed("x5c", "The X.509 certificate is invalid or is not an RSA certificate") from None
    jwk = _jwk(ctx, cert)
    # the certificate is kept as sent (recorded: Okta echoes the admin's x5c text, whitespace and all)
    return {**jwk, "alg": "RSA", "kid": kid, "x5c": list(chain)}


def signing_request(ctx: Context, body: Record) -> tuple[str, str]:
    """A PKCS#10 CSR (base64 DER) for the subject and DNS names asked, and its private key (PEM)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    sent = body.get("subject")
    subject: dict[str, Any] = sent if isinstance(sent, dict) else {}
    fields = (
        ("countryName", NameOID.COUNTRY_NAME),
        ("stateOrProvinceName", NameOID.STATE_OR_PROVINCE_NAME),
        ("localityName", NameOID.LOCALITY_NAME),
        ("organizationName", NameOID.ORGANIZATION_NAME),
        ("organizationalUnitName", NameOID.ORGANIZATIONAL_UNIT_NAME),
        ("commonName", NameOID.COMMON_NAME),
    )
    # Okta takes the country as sent (recorded: "CAN"), where X.509 says two letters (cryptography warns)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        name = x509.Name(
            [x509.NameAttribute(oid, str(subject[f]), _validate=False) for f, oid in fields if subject.get(f)]
        )
    builder = x509.CertificateSigningRequestBuilder().subject_name(name)
    alt = body.get("subjectAltNames")
    sans = alt.get("dnsNames") if isinstance(alt, dict) else None
    if sans:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(str(d)) for d in sans]), False)
    csr = builder.sign(key, hashes.SHA256())
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return base64.b64encode(csr.public_bytes(serialization.Encoding.DER)).decode(), pem


def published(ctx: Context, private_pem: str, cert: x509.Certificate) -> Record:
    """The key a signed CSR becomes, once its certificate is checked to carry the CSR's own public key."""
    key = serialization.load_pem_private_key(private_pem.encode(), None)
    if cert.public_key().public_numbers() != key.public_key().public_numbers():  # type: ignore[union-attr]
        raise validation_failed("certificate", "The certificate does not match the CSR's public key")
    jwk = _jwk(ctx, cert)
    return {**jwk, "kid": _thumbprint(jwk["e"], jwk["n"])}
