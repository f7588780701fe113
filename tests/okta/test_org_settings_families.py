"""User types, custom domains, attack protection and ThreatInsight as a new org has them."""

from __future__ import annotations

from starlette.testclient import TestClient


def test_the_default_user_type_is_listed_first_and_stays(okta: TestClient) -> None:
    default = okta.get("/api/v1/meta/types/user").json()[0]
    assert default["default"] is True and default["name"] == "user"
    assert okta.delete(f"/api/v1/meta/types/user/{default['id']}").status_code == 403


def test_a_user_type_has_a_fixed_unique_name_and_its_own_schema(okta: TestClient) -> None:
    made = okta.post("/api/v1/meta/types/user", json={"name": "contractor", "displayName": "Contractor"}).json()
    assert made["id"].startswith("oty") and made["_links"]["schema"]["href"].endswith("osc" + made["id"][3:])
    again = okta.post("/api/v1/meta/types/user", json={"name": "contractor", "displayName": "Again"})
    assert again.status_code == 400
    renamed = okta.post(f"/api/v1/meta/types/user/{made['id']}", json={"name": "vendor"})
    assert renamed.status_code == 400
    updated = okta.post(f"/api/v1/meta/types/user/{made['id']}", json={"displayName": "Contractors"}).json()
    assert updated["displayName"] == "Contractors" and updated["name"] == "contractor"
    assert okta.delete(f"/api/v1/meta/types/user/{made['id']}").status_code == 204
    assert okta.get(f"/api/v1/meta/types/user/{made['id']}").json()["errorSummary"].endswith("(CVDType)")


def test_the_org_domain_comes_first_and_reserved_names_are_prohibited(okta: TestClient) -> None:
    domains = okta.get("/api/v1/domains").json()["domains"]
    assert domains[0]["id"] == "default" and domains[0]["validationStatus"] == "COMPLETED"
    refused = okta.post("/api/v1/domains", json={"domain": "login.example.com", "certificateSourceType": "MANUAL"})
    assert refused.json()["errorCauses"] == [{"errorSummary": "domain: Prohibited custom domain name."}]
    made = okta.post("/api/v1/domains", json={"domain": "login.acme.test", "certificateSourceType": "MANUAL"}).json()
    assert made["validationStatus"] == "NOT_STARTED" and made["dnsRecords"][0]["recordType"] == "TXT"
    assert okta.post(f"/api/v1/domains/{made['id']}/verify").json()["validationStatus"] == "FAILED_TO_VERIFY"
    assert okta.post("/api/v1/domains/default/verify").status_code == 400


def test_attack_protection_and_threat_insight_keep_what_is_set(okta: TestClient) -> None:
    assert okta.get("/attack-protection/api/v1/user-lockout-settings").json() == {
        "preventBruteForceLockoutFromUnknownDevices": False}
    okta.put("/attack-protection/api/v1/user-lockout-settings",
             json={"preventBruteForceLockoutFromUnknownDevices": True})
    assert okta.get("/attack-protection/api/v1/user-lockout-settings").json()[
        "preventBruteForceLockoutFromUnknownDevices"] is True
    assert okta.get("/api/v1/threats/configuration").json()["action"] == "audit"
    assert okta.post("/api/v1/threats/configuration", json={"action": "panic"}).status_code == 400
    blocked = okta.post("/api/v1/threats/configuration", json={"action": "block"}).json()
    assert blocked["action"] == "block" and blocked["_links"]["self"]["hints"]["allow"] == ["GET", "POST"]
