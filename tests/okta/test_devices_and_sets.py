"""Devices, device assurance, posture checks, resource sets and API service integrations."""

from __future__ import annotations

from starlette.testclient import TestClient


def test_a_new_org_has_no_devices_and_names_an_unknown_one(okta: TestClient) -> None:
    assert okta.get('/api/v1/devices?search=status eq "ACTIVE"').json() == []
    assert okta.get("/api/v1/devices/guonone").json()["errorSummary"].endswith("(Device)")
    assert okta.get("/api/v1/devices/guonone/users").json()["errorSummary"].endswith("(GenericUDObject)")
    assert okta.get("/api/v1/device-posture-checks").json() == []  # GA: no custom checks yet


def test_a_device_assurance_policy_needs_a_condition(okta: TestClient) -> None:
    refused = okta.post("/api/v1/device-assurances", json={"name": "none", "platform": "CHROMEOS"})
    assert refused.json()["errorSummary"] == "Api validation failed: deviceAssuranceMediated"
    made = okta.post(
        "/api/v1/device-assurances", json={"name": "win", "platform": "WINDOWS", "osVersion": {"minimum": "10.0"}}
    ).json()
    assert made["resourceType"] == "DeviceAssurancePolicyEntity" and made["createdBy"]
    replaced = okta.put(
        f"/api/v1/device-assurances/{made['id']}",
        json={"name": "win2", "platform": "WINDOWS", "osVersion": {"minimum": "11.0"}},
    ).json()
    assert "createdDate" not in replaced and replaced["name"] == "win2"


def test_a_resource_set_takes_resources_and_lists_them_wrapped(okta: TestClient) -> None:
    group_id = okta.get("/api/v1/groups").json()[0]["id"]
    refused = okta.post("/api/v1/iam/resource-sets", json={"resources": ["x"]})
    assert refused.json()["errorCauses"] == [{"errorSummary": "label: Label must be specified"}]
    made = okta.post(
        "/api/v1/iam/resource-sets",
        json={
            "label": "helpdesk",
            "description": "d",
            "resources": [f"http://127.0.0.1:8000/api/v1/groups/{group_id}"],
        },
    )
    assert made.status_code == 200 and made.json()["id"].startswith("iam")
    resources = okta.get("/api/v1/iam/resource-sets/helpdesk/resources").json()["resources"]
    assert resources[0]["_links"]["self"]["href"].endswith(f"/api/v1/groups/{group_id}")
    listed = okta.get("/api/v1/iam/resource-sets").json()
    assert list(listed) == ["_links", "resource-sets"] and len(listed["resource-sets"]) == 1
    assert okta.get("/api/v1/iam/resource-sets/nothere").json()["errorSummary"].endswith("(IAMPolicy)")


def test_an_api_service_integration_shows_its_first_secret_once(okta: TestClient) -> None:
    made = okta.post("/integrations/api/v1/api-services", json={"type": "acme", "grantedScopes": ["okta.users.read"]})
    assert made.status_code == 201 and made.json()["clientSecret"]
    base = f"/integrations/api/v1/api-services/{made.json()['id']}/credentials/secrets"
    [secret] = okta.get(base).json()
    assert secret["client_secret"].startswith("********")
    assert okta.post(f"{base}/{secret['id']}/lifecycle/deactivate").status_code == 400
    assert okta.delete(f"{base}/{secret['id']}").status_code == 400
