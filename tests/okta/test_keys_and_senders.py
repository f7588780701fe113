"""Hook keys, email domains and security events providers."""

from __future__ import annotations

from starlette.testclient import TestClient


def test_a_hook_key_publishes_only_its_public_half(okta: TestClient) -> None:
    made = okta.post("/api/v1/hook-keys", json={"name": "signer"}).json()
    assert made["id"].startswith("HKY") and made["isUsed"] == "false"
    jwk = okta.get(f"/api/v1/hook-keys/public/{made['keyId']}").json()["_embedded"]
    assert jwk["kid"] == made["keyId"] and jwk["e"] == "AQAB" and "d" not in jwk
    assert okta.post("/api/v1/hook-keys", json={"name": "signer"}).status_code == 400
    assert okta.get("/api/v1/hook-keys/HKYnothere").json()["errorSummary"].endswith("(HookKey)")


def test_an_email_domain_starts_unverified_with_its_dns_records(okta: TestClient) -> None:
    body = {"domain": "acme.test", "displayName": "Acme", "userName": "noreply"}
    made = okta.post("/api/v1/email-domains", json=body).json()
    assert made["validationStatus"] == "NOT_STARTED" and made["validationSubdomain"] == "mail"
    assert made["dnsValidationRecords"][0]["fqdn"] == "_oktaverification.acme.test"
    verified = okta.post(f"/api/v1/email-domains/{made['id']}/verify").json()
    assert verified["validationStatus"] == "POLLING"
    assert okta.post("/api/v1/email-domains", json={**body, "domain": "mail.example.com"}).status_code == 400


def test_a_security_events_provider_needs_a_well_known_url_or_issuer_and_keys(okta: TestClient) -> None:
    made = okta.post(
        "/api/v1/security-events-providers",
        json={"name": "ssf", "type": "okta", "settings": {"well_known_url": "https://t.example.org/.well-known/ssf"}},
    ).json()
    assert made["status"] == "ACTIVE" and "deactivate" in made["_links"]
    refused = okta.post("/api/v1/security-events-providers", json={"name": "x", "type": "okta", "settings": {}})
    assert refused.status_code == 400
    path = f"/api/v1/security-events-providers/{made['id']}"
    assert okta.post(f"{path}/lifecycle/deactivate").json()["status"] == "INACTIVE"
