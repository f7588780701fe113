"""Policies as an org keeps them: one system default per type that stays last and cannot be deleted, rules typed
after their policy with Okta's defaults filled in, and priorities renumbered on every insert."""

from __future__ import annotations

from starlette.testclient import TestClient


def test_a_new_org_has_a_default_policy_of_each_type(okta: TestClient) -> None:
    for kind in ("OKTA_SIGN_ON", "PASSWORD", "MFA_ENROLL", "ACCESS_POLICY", "PROFILE_ENROLLMENT", "IDP_DISCOVERY"):
        listed = okta.get("/api/v1/policies", params={"type": kind, "expand": "rules"}).json()
        assert [p["system"] for p in listed] == [True] and listed[0]["type"] == kind
        assert len(listed[0]["_embedded"]["rules"]) == 1
    assert okta.get("/api/v1/policies", params={"type": "NOPE"}).status_code == 400


def test_new_policies_go_first_and_the_default_stays_last(okta: TestClient) -> None:
    first = okta.post("/api/v1/policies", json={"name": "a", "type": "PASSWORD"}).json()
    second = okta.post("/api/v1/policies", json={"name": "b", "type": "PASSWORD", "priority": 1}).json()
    listed = okta.get("/api/v1/policies", params={"type": "PASSWORD"}).json()
    assert [(p["id"], p["priority"]) for p in listed][:2] == [(second["id"], 1), (first["id"], 2)]
    assert listed[-1]["system"] and listed[-1]["priority"] == 3
    assert first["settings"]["password"]["complexity"]["minLength"] == 8
    assert okta.delete(f"/api/v1/policies/{listed[-1]['id']}").status_code == 403


def test_rules_take_their_policys_type_and_lifecycles_answer_204(okta: TestClient) -> None:
    policy = okta.post("/api/v1/policies", json={"name": "s", "type": "OKTA_SIGN_ON"}).json()
    rule = okta.post(f"/api/v1/policies/{policy['id']}/rules", json={"name": "r"}).json()
    assert rule["type"] == "SIGN_ON" and rule["actions"]["signon"]["session"]["maxSessionIdleMinutes"] == 720
    path = f"/api/v1/policies/{policy['id']}/rules/{rule['id']}"
    assert okta.post(f"{path}/lifecycle/deactivate").status_code == 204
    assert okta.get(path).json()["status"] == "INACTIVE"
    wrong = okta.post(f"/api/v1/policies/{policy['id']}/rules", json={"name": "x", "type": "PASSWORD"})
    assert wrong.status_code == 400
    assert okta.delete(path).status_code == 204 and okta.get(path).json()["errorCode"] == "E0000007"


def test_a_clone_copies_the_rules_under_a_new_name(okta: TestClient) -> None:
    policy = okta.post("/api/v1/policies", json={"name": "app access", "type": "ACCESS_POLICY"}).json()
    assert policy["id"].startswith("rst")
    okta.post(f"/api/v1/policies/{policy['id']}/rules", json={"name": "allow"})
    clone = okta.post(f"/api/v1/policies/{policy['id']}/clone").json()
    assert clone["name"] == "[cloned] app access" and clone["id"] != policy["id"]
    assert [r["name"] for r in okta.get(f"/api/v1/policies/{clone['id']}/rules").json()] == ["allow"]
