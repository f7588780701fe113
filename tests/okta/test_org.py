"""A new org's settings as an admin reads and changes them: partial POST keeps what it leaves out, contacts name
users, the footer and Okta-communication switches flip, support access gets an expiry."""

from __future__ import annotations

from starlette.testclient import TestClient


def test_a_partial_update_changes_only_what_it_sends(okta: TestClient) -> None:
    before = okta.get("/api/v1/org").json()
    after = okta.post("/api/v1/org", json={"supportPhoneNumber": "+1 555 0123"}).json()
    assert after["supportPhoneNumber"] == "+1 555 0123"
    assert after["companyName"] == before["companyName"] and after["website"] == before["website"]
    assert okta.get("/api/v1/org").json()["supportPhoneNumber"] == "+1 555 0123"


def test_a_replace_clears_what_it_leaves_out(okta: TestClient) -> None:
    after = okta.put("/api/v1/org", json={"companyName": "Acme"}).json()
    assert after["companyName"] == "Acme" and after["supportPhoneNumber"] == "" and after["city"] is None


def test_contacts_are_users_and_unknown_types_are_not_found(okta: TestClient) -> None:
    billing = okta.get("/api/v1/org/contacts/BILLING").json()
    assert billing["_links"]["user"]["href"].endswith(f"/api/v1/users/{billing['userId']}")
    assert okta.put("/api/v1/org/contacts/TECHNICAL", json={"userId": "00unobody"}).status_code == 404
    assert okta.get("/api/v1/org/contacts/SALES").json()["errorCode"] == "E0000007"


def test_switches_flip_and_offer_the_opposite_action(okta: TestClient) -> None:
    hidden = okta.post("/api/v1/org/preferences/hideEndUserFooter").json()
    assert hidden["showEndUserFooter"] is False and "showEndUserFooter" in hidden["_links"]
    opted_out = okta.post("/api/v1/org/privacy/oktaCommunication/optOut").json()
    assert opted_out["optOutEmailUsers"] is True and "optIn" in opted_out["_links"]
    assert okta.post("/api/v1/org/privacy/oktaSupport/extend").status_code == 403  # nothing granted yet
    granted = okta.post("/api/v1/org/privacy/oktaSupport/grant").json()
    assert granted["support"] == "ENABLED" and granted["expiration"] and set(granted["_links"]) == {"extend", "revoke"}


def test_features_refuse_to_strand_a_dependent(okta: TestClient) -> None:
    features = {f["name"]: f for f in okta.get("/api/v1/features").json()}
    tab = features["Quick access tab"]
    needs = okta.get(f"/api/v1/features/{tab['id']}/dependencies").json()
    assert [f["name"] for f in needs] == ["Quick access to recent apps"]
    assert okta.post(f"/api/v1/features/{tab['id']}/enable").json()["status"] == "ENABLED"
    base = needs[0]["id"]
    assert okta.post(f"/api/v1/features/{base}/disable").status_code == 400
    assert okta.post(f"/api/v1/features/{base}/disable?mode=force").json()["status"] == "DISABLED"
    assert okta.get(f"/api/v1/features/{tab['id']}").json()["status"] == "DISABLED"


def test_admin_switches_take_booleans_only_and_the_metadata_is_public(okta: TestClient) -> None:
    path = "/api/v1/org/settings/autoAssignAdminAppSetting"
    assert okta.get(path).json() == {"autoAssignAdminAppSetting": True}
    assert okta.post(path, json={"autoAssignAdminAppSetting": "no"}).json()["errorCode"] == "E0000001"
    assert okta.post(path, json={"autoAssignAdminAppSetting": False}).json() == {"autoAssignAdminAppSetting": False}
    assert okta.get(path).json() == {"autoAssignAdminAppSetting": False}
    metadata = okta.get("/.well-known/okta-organization", headers={"Authorization": ""}).json()
    assert metadata["id"] == okta.get("/api/v1/org").json()["id"] and metadata["pipeline"] == "idx"


def test_aerial_consent_and_bounce_removal(okta: TestClient) -> None:
    assert okta.get("/api/v1/org/privacy/aerial").status_code == 404
    granted = okta.post("/api/v1/org/privacy/aerial/grant", json={"accountId": "0200acct"}).json()
    assert granted["grantedBy"] == "00uadmin"
    assert okta.get("/api/v1/org/privacy/aerial").json()["accountId"] == "0200acct"
    assert okta.post("/api/v1/org/privacy/aerial/revoke", json={"accountId": "0200other"}).status_code == 404
    assert "grant" in okta.post("/api/v1/org/privacy/aerial/revoke", json={"accountId": "0200acct"}).json()["_links"]
    admin = okta.get("/api/v1/users/00uadmin").json()["profile"]["email"]
    errors = okta.post(
        "/api/v1/org/email/bounces/remove-list", json={"emailAddresses": [admin, "no-at-sign", "stranger@example.com"]}
    ).json()["errors"]
    assert [e["emailAddress"] for e in errors] == ["no-at-sign", "stranger@example.com"]
