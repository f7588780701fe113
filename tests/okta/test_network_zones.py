"""Network zones: a new org's system zones, Okta's rules for IP zones, deletion and the filter."""

from __future__ import annotations

from starlette.testclient import TestClient

IP = {
    "type": "IP",
    "name": "office",
    "gateways": [{"type": "CIDR", "value": "10.0.0.0/24"}],
    "proxies": [{"type": "RANGE", "value": "10.1.0.1-10.1.0.9"}],
}


def test_a_new_org_has_its_system_zones(okta: TestClient) -> None:
    zones = {z["name"]: z for z in okta.get("/api/v1/zones").json()}
    assert {"LegacyIpZone", "BlockedIpZone", "DefaultEnhancedDynamicZone"} <= set(zones)
    assert zones["BlockedIpZone"]["usage"] == "BLOCKLIST" and zones["LegacyIpZone"]["system"] is True
    assert zones["DefaultEnhancedDynamicZone"]["type"] == "DYNAMIC_V2"


def test_an_ip_zone_needs_valid_addresses(okta: TestClient) -> None:
    assert okta.post("/api/v1/zones", json={"type": "IP", "name": "empty"}).status_code == 400
    bad = okta.post("/api/v1/zones", json={**IP, "gateways": [{"type": "CIDR", "value": "300.1.1.1/8"}]})
    assert bad.status_code == 400 and bad.json()["errorCode"] == "E0000001"
    made = okta.post("/api/v1/zones", json=IP).json()
    assert made["usage"] == "POLICY" and made["system"] is False and made["id"].startswith("nzo")


def test_only_an_inactive_zone_of_ours_can_be_deleted_and_the_type_stays(okta: TestClient) -> None:
    zone_id = okta.post("/api/v1/zones", json=IP).json()["id"]
    assert okta.put(f"/api/v1/zones/{zone_id}", json={**IP, "type": "DYNAMIC"}).status_code == 400
    assert okta.delete(f"/api/v1/zones/{zone_id}").status_code == 403
    okta.post(f"/api/v1/zones/{zone_id}/lifecycle/deactivate")
    assert okta.delete(f"/api/v1/zones/{zone_id}").status_code == 204
    system = next(z for z in okta.get("/api/v1/zones").json() if z["system"])
    okta.post(f"/api/v1/zones/{system['id']}/lifecycle/deactivate")
    assert okta.delete(f"/api/v1/zones/{system['id']}").status_code == 403


def test_the_filter_takes_usage_and_refuses_other_attributes(okta: TestClient) -> None:
    blocked = okta.get('/api/v1/zones?filter=usage eq "BLOCKLIST"').json()
    assert blocked and all(z["usage"] == "BLOCKLIST" for z in blocked)
    assert okta.get('/api/v1/zones?filter=name eq "x"').json()["errorCode"] == "E0000031"
