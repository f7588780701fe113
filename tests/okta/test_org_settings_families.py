"""User types, custom domains, attack protection and ThreatInsight as a new org has them."""

from __future__ import annotations

from starlette.testclient import TestClient


def test_the_default_user_type_is_listed_last_and_stays(okta: TestClient) -> None:
    okta.post("/api/v1/meta/types/user", json={"name": "partner", "displayName": "Partner"})
    listed = okta.get("/api/v1/meta/types/user").json()
    assert [t["name"] for t in listed] == ["partner", "user"]
    default = listed[-1]
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
        "preventBruteForceLockoutFromUnknownDevices": False
    }
    okta.put(
        "/attack-protection/api/v1/user-lockout-settings", json={"preventBruteForceLockoutFromUnknownDevices": True}
    )
    assert (
        okta.get("/attack-protection/api/v1/user-lockout-settings").json()["preventBruteForceLockoutFromUnknownDevices"]
        is True
    )
    assert okta.get("/api/v1/threats/configuration").json()["action"] == "audit"
    assert okta.post("/api/v1/threats/configuration", json={"action": "panic"}).status_code == 400
    blocked = okta.post("/api/v1/threats/configuration", json={"action": "block"}).json()
    assert blocked["action"] == "block" and blocked["_links"]["self"]["hints"]["allow"] == ["GET", "POST"]


def test_a_realm_assignment_is_made_inactive_and_names_an_existing_realm(okta: TestClient) -> None:
    realm_id = okta.get("/api/v1/realms").json()[0]["id"]
    body = {
        "name": "partners",
        "priority": 1,
        "conditions": {"profileSourceId": "0oa1", "expression": {"value": "true", "type": "urn:okta:expression:1.0"}},
        "actions": {"assignUserToRealm": {"realmId": realm_id}},
    }
    made = okta.post("/api/v1/realm-assignments", json=body)
    assert made.status_code == 201 and made.json()["status"] == "INACTIVE"
    missing = {**body, "actions": {"assignUserToRealm": {"realmId": "guonothere"}}}
    assert okta.post("/api/v1/realm-assignments", json=missing).json()["errorSummary"].endswith("(Realm)")
    path = f"/api/v1/realm-assignments/{made.json()['id']}"
    assert okta.post(f"{path}/lifecycle/activate").status_code == 204
    assert okta.delete(path).status_code == 403
