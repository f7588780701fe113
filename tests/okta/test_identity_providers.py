"""Identity providers: Okta's defaults and sign-in links, the lifecycle, real signing keys and CSRs."""

from __future__ import annotations

import base64
import hashlib
import json

from starlette.testclient import TestClient

OIDC = {
    "type": "OIDC",
    "name": "Partner IdP",
    "protocol": {
        "type": "OIDC",
        "scopes": ["openid"],
        "issuer": {"url": "https://idp.example.org"},
        "endpoints": {
            "authorization": {"url": "https://idp.example.org/authorize", "binding": "HTTP-REDIRECT"},
            "token": {"url": "https://idp.example.org/token", "binding": "HTTP-POST"},
        },
        "credentials": {"client": {"client_id": "cid", "client_secret": "sec"}},
    },
}


def _b64url_int(text: str) -> int:
    return int.from_bytes(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), "big")


def test_an_idp_is_created_active_with_okta_policy_defaults_and_sign_in_links(okta: TestClient) -> None:
    made = okta.post("/api/v1/idps", json=OIDC)
    assert made.status_code == 200
    idp = made.json()
    assert idp["status"] == "ACTIVE" and idp["issuerMode"] == "ORG_URL" and idp["id"].startswith("0oa")
    assert idp["policy"]["maxClockSkew"] == 0 and idp["policy"]["subject"]["matchAttribute"] is None
    assert set(idp["_links"]) == {"authorize", "clientRedirectUri"}
    assert f"idp={idp['id']}" in idp["_links"]["authorize"]["href"]


def test_a_social_idp_gets_its_provider_endpoints_and_a_bad_type_is_refused(okta: TestClient) -> None:
    facebook = {"type": "FACEBOOK", "name": "fb", "protocol": {"type": "OAUTH2", "scopes": ["email"]}}
    endpoints = okta.post("/api/v1/idps", json=facebook).json()["protocol"]["endpoints"]
    assert endpoints["authorization"]["url"] == "https://www.facebook.com/dialog/oauth"
    refused = okta.post("/api/v1/idps", json={**OIDC, "type": "MYSPACE"})
    assert refused.status_code == 400 and refused.json()["errorCode"] == "E0000001"


def test_lifecycle_and_delete_then_404_idptrust(okta: TestClient) -> None:
    idp_id = okta.post("/api/v1/idps", json=OIDC).json()["id"]
    assert okta.post(f"/api/v1/idps/{idp_id}/lifecycle/deactivate").json()["status"] == "INACTIVE"
    assert okta.post(f"/api/v1/idps/{idp_id}/lifecycle/activate").json()["status"] == "ACTIVE"
    assert okta.delete(f"/api/v1/idps/{idp_id}").status_code == 204
    gone = okta.get(f"/api/v1/idps/{idp_id}")
    assert gone.status_code == 404 and gone.json()["errorSummary"].endswith(f"{idp_id} (IdpTrust)")


def test_a_generated_signing_key_is_a_real_rsa_key_named_by_its_thumbprint_and_clones(okta: TestClient) -> None:
    first = okta.post("/api/v1/idps", json=OIDC).json()["id"]
    second = okta.post("/api/v1/idps", json={**OIDC, "name": "other"}).json()["id"]
    made = okta.post(f"/api/v1/idps/{first}/credentials/keys/generate?validityYears=2")
    assert made.status_code == 201
    key = made.json()
    canonical = json.dumps({"e": key["e"], "kty": "RSA", "n": key["n"]}, separators=(",", ":"), sort_keys=True)
    assert key["kid"] == base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()
    assert _b64url_int(key["e"]) == 65537 and _b64url_int(key["n"]).bit_length() == 2048
    cloned = okta.post(f"/api/v1/idps/{first}/credentials/keys/{key['kid']}/clone?targetIdpId={second}")
    assert cloned.status_code == 201
    assert okta.get(f"/api/v1/idps/{second}/credentials/keys/{key['kid']}").json()["x5c"] == key["x5c"]
    assert okta.post(f"/api/v1/idps/{first}/credentials/keys/generate?validityYears=1").status_code == 400


def test_a_csr_is_made_read_and_revoked(okta: TestClient) -> None:
    idp_id = okta.post("/api/v1/idps", json=OIDC).json()["id"]
    body = {"subject": {"countryName": "CAN", "commonName": "SP Issuer"}, "subjectAltNames": {"dnsNames": ["a.b"]}}
    made = okta.post(f"/api/v1/idps/{idp_id}/credentials/csrs", json=body)
    assert made.status_code == 201 and made.json()["kty"] == "RSA"
    path = f"/api/v1/idps/{idp_id}/credentials/csrs/{made.json()['id']}"
    assert okta.get(path).json()["csr"] == made.json()["csr"]
    assert okta.delete(path).status_code == 204
    assert okta.get(path).json()["errorSummary"].endswith("(CertificateSigningRequest)")
