"""Key material the check sends where Okta takes a key: an RSA public key as a JWK (an app's client keys) and a
self-signed X.509 certificate for it (an identity provider's signing key, ``x5c``). Okta checks that these parse,
so placeholder strings would be the check's error, not the twin's. Fixed values, so that a report is the same on
every run: made once with ``cryptography`` (RSA 2048, e=65537; certificate CN=twincheck.example.com, valid
2024-01-01 for ten years, self-signed with SHA-256); the private key was not kept.
"""

from __future__ import annotations

from typing import Any

E = "AQAB"
N = (
    "ypw3oj6p49ZoGwjzPCIIympauuj5xiOuyZi5u7nDEcRZtrLr1pCa3LNlxsiPMeby_IUgqnF_355vPTlswP06EAqPdOMLpEqns0g_"
    "v2TjNogVrsT-2qtMi6BlnTXIHZ6NUqNHTsltz38i6ztBh1Dkx-2AuDIP1f_tHbNgJlrUmva9HIEWSqjGaSffGMAS_6RgON_uD7nd"
    "d1zWf83uqPx9HbFldbDIJjrPN5dKr16UwkglbXQTlTy3sTAJINjCRVH4-uzW6Qm40MYRbAGaWr1Sp7X9rYUnk-j08fYLNYShSHD5"
    "SOX6mVsz4dVC8mMRDVq2gw5IyJ6eDOiXmfYlfz8CTw"
)
X5C = (
    "MIICuTCCAaGgAwIBAgIBATANBgkqhkiG9w0BAQsFADAgMR4wHAYDVQQDDBV0d2luY2hlY2suZXhhbXBsZS5jb20wHhcNMjQwMTAx"
    "MDAwMDAwWhcNMzMxMjI5MDAwMDAwWjAgMR4wHAYDVQQDDBV0d2luY2hlY2suZXhhbXBsZS5jb20wggEiMA0GCSqGSIb3DQEBAQUA"
    "A4IBDwAwggEKAoIBAQDKnDeiPqnj1mgbCPM8IgjKalq66PnGI67JmLm7ucMRxFm2suvWkJrcs2XGyI8x5vL8hSCqcX/fnm89OWzA"
    "/ToQCo904wukSqezSD+/ZOM2iBWuxP7aq0yLoGWdNcgdno1So0dOyW3PfyLrO0GHUOTH7YC4Mg/V/+0ds2AmWtSa9r0cgRZKqMZp"
    "J98YwBL/pGA43+4Pud13XNZ/ze6o/H0dsWV1sMgmOs83l0qvXpTCSCVtdBOVPLexMAkg2MJFUfj67NbpCbjQxhFsAZpavVKntf2t"
    "hSeT6PTx9gs1hKFIcPlI5fqZWzPh1ULyYxENWraDDkjInp4M6JeZ9iV/PwJPAgMBAAEwDQYJKoZIhvcNAQELBQADggEBAF+H7Glr"
    "W70ed8O/n0xZuJ5n+MQhPnCekqT6IGmanvF3cvKNSKmevqiwIlzHQbYnGjnKrFv4Dn0sMpxo1r1KGnVlB5QkYh8jXDNJfGaGlRbB"
    "Rw+QQGGuxMraUcm/W7CQXWOfMtqHcERFHosRb9LnZqyvHJyCgOGd6QXamXUVGK5wW5bnEPA5xGapcVkcuYrAd72lM1vE+Sgw0VXV"
    "p19oC8P6iAdn+9C+0Y9wqvFFaEaczuc6yRUiqquD4PRA1MBwvrqV1/rozoSCz3lZAc68CMbo4G7TTWZOT/lJs6M+Kx+gIZoLNYvL"
    "o2g6AlX2wPz1sErxdcNLpgQjChI/PyKEkl8="
)


# an EC P-384 public key (made once with ``cryptography``; the private key was not kept): Yubico's transport key
# for WebAuthn preregistration, which Okta checks is a point of the curve (the documented one is not)
EC_X = "7-Z5CAQ0B-XGoRJ8XznYbtB2XutVURy4Eawe-gXA4ZM-UM9oa76N12zxLhai2hFO"
EC_Y = "3D2ok-MKPvIZ0ZGvfqGsfW73R-Adh_KNDDHriM6ujtBqfPF9EYAdDms_m7sZrhvA"


def ec_transport_jwk(kid: str) -> dict[str, Any]:
    return {"kty": "EC", "crv": "P-384", "use": "enc", "kid": kid, "x": EC_X, "y": EC_Y}


def rsa_jwk(kid: str) -> dict[str, Any]:
    """The public RSA signing key as a JWK (RFC 7517)."""
    return {"kid": kid, "kty": "RSA", "alg": "RS256", "use": "sig", "e": E, "n": N}


def x5c() -> str:
    """The certificate, base64 DER (the form of a JWK's ``x5c`` entries)."""
    return X5C
