"""The Jira twin's Atlassian user provisioning SCIM API on its own (in-process): a directory's key, users made
there being Jira accounts, filters, conflicts, PATCH/PUT/DELETE deactivation, and a tenant's directory."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

GENERATED = Path(__file__).resolve().parents[2] / "generated" / "jira"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


@pytest.fixture
def jira() -> Iterator[TestClient]:
    if str(GENERATED) not in sys.path:
        sys.path.insert(0, str(GENERATED))
    from twin_jira.runtime import load_app

    with TestClient(load_app("twin_jira", seed=1), base_url="http://127.0.0.1:8000") as client:
        yield client


def _directory(jira: TestClient, tenant: str = "default") -> tuple[str, dict[str, str]]:
    made = jira.post("/_twin/jira/scim/directories", json={"tenant": tenant}).json()
    return made["scimBaseUrl"], {"Authorization": f"Bearer {made['token']}"}


def _person(name: str, **more: Any) -> dict[str, Any]:
    return {"userName": f"{name}@acme.example", "emails": [{"value": f"{name}@acme.example", "primary": True}],
            "name": {"givenName": name.title(), "familyName": "Test"}, **more}  # fmt: skip


def _admin(jira: TestClient, tenant: str = "default") -> tuple[str, str]:
    found = jira.get("/_twin/credentials", params={"tenant": tenant}).json()["credentials"]
    basic = next(c for c in found if c["name"] == "basic")
    return basic["username"], basic["password"]


def test_a_scim_user_is_a_jira_account_and_deactivation_shows(jira: TestClient) -> None:
    base, key = _directory(jira)
    made = jira.post(f"{base}/Users", json=_person("ana", externalId="00u1"), headers=key)
    assert made.status_code == 201 and made.headers["content-type"].startswith("application/scim+json")
    resource = made.json()
    account = resource["urn:ietf:params:scim:schemas:extension:atlassian-external:1.0:User"]["atlassianAccountId"]
    assert resource["id"] != account and resource["active"] is True
    found = jira.get("/rest/api/3/user/search", params={"query": "ana"}, auth=_admin(jira)).json()
    assert [(u["accountId"], u["displayName"]) for u in found] == [(account, "Ana Test")]
    by_external = jira.get(f"{base}/Users", params={"filter": 'externalId eq "00u1"'}, headers=key).json()
    assert by_external["totalResults"] == 1 and by_external["Resources"][0]["id"] == resource["id"]
    body = {"schemas": [PATCH], "Operations": [{"op": "replace", "value": {"active": False}}]}
    assert jira.patch(f"{base}/Users/{resource['id']}", json=body, headers=key).json()["active"] is False
    assert jira.get("/rest/api/3/user", params={"accountId": account}, auth=_admin(jira)).json()["active"] is False
    put = jira.put(f"{base}/Users/{resource['id']}", json=_person("ana", active=True), headers=key)
    assert put.json()["active"] is True
    assert jira.delete(f"{base}/Users/{resource['id']}", headers=key).status_code == 204
    assert jira.get(f"{base}/Users/{resource['id']}", headers=key).json()["active"] is False


def test_refusals_are_scim_errors_and_change_nothing(jira: TestClient) -> None:
    base, key = _directory(jira)
    assert jira.get(f"{base}/Users", headers={"Authorization": "Bearer nope"}).status_code == 401
    other, _ = _directory(jira)
    assert jira.get(f"{other}/Users", headers=key).status_code == 401  # one directory's key is not another's
    assert jira.post(f"{base}/Users", json=_person("bo"), headers=key).status_code == 201
    clash = jira.post(f"{base}/Users", json=_person("bo"), headers=key)
    assert clash.status_code == 409 and clash.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert jira.post(f"{base}/Users", json={"userName": ""}, headers=key).json()["status"] == "400"
    assert jira.get(f"{base}/Users", params={"filter": "title co x"}, headers=key).status_code == 400
    assert jira.get(f"{base}/Users/none", headers=key).status_code == 404
    assert jira.get(f"{base}/Users", headers=key).json()["totalResults"] == 1


def test_a_tenants_directory_is_its_own(jira: TestClient) -> None:
    tenant = jira.post("/_twin/tenants", json={"name": "globex"}).json()["id"]
    base, key = _directory(jira, tenant)
    assert "twin_tenant=" in base
    path, _, query = base.partition("?")
    assert jira.post(f"{path}/Users?{query}", json=_person("cy"), headers=key).status_code == 201
    assert jira.get("/rest/api/3/user/search", params={"query": "cy"}, auth=_admin(jira)).json() == []
    theirs = jira.get("/rest/api/3/user/search", params={"query": "cy"}, auth=_admin(jira, tenant)).json()
    assert len(theirs) == 1


def test_scim_groups_are_jira_groups(jira: TestClient) -> None:
    base, key = _directory(jira)
    ana = jira.post(f"{base}/Users", json=_person("ana"), headers=key).json()
    bo = jira.post(f"{base}/Users", json=_person("bo"), headers=key).json()
    made = jira.post(f"{base}/Groups", json={"displayName": "crew", "members": [{"value": ana["id"]}]}, headers=key)
    assert made.status_code == 201 and [m["value"] for m in made.json()["members"]] == [ana["id"]]
    group = made.json()["id"]
    add = {"schemas": [PATCH], "Operations": [{"op": "add", "path": "members", "value": [{"value": bo["id"]}]}]}
    assert len(jira.patch(f"{base}/Groups/{group}", json=add, headers=key).json()["members"]) == 2
    drop = {"schemas": [PATCH], "Operations": [{"op": "remove", "path": f'members[value eq "{ana["id"]}"]'}]}
    assert [m["value"] for m in jira.patch(f"{base}/Groups/{group}", json=drop, headers=key).json()["members"]] == [
        bo["id"]
    ]
    listed = jira.get("/rest/api/3/group/member", params={"groupname": "crew"}, auth=_admin(jira)).json()
    assert [u["displayName"] for u in listed["values"]] == ["Bo Test"]
    assert jira.post(f"{base}/Groups", json={"displayName": "jira-admins"}, headers=key).status_code == 409
    found = jira.get(f"{base}/Groups", params={"filter": 'displayName eq "CREW"'}, headers=key).json()
    assert found["totalResults"] == 1
    assert jira.post(f"{base}/Groups", json={"displayName": "x", "members": [{"value": "nope"}]},
                     headers=key).status_code == 400  # fmt: skip
    assert jira.get(f"{base}/Groups", headers=key).json()["totalResults"] == 1  # the refused one made nothing
    assert jira.delete(f"{base}/Groups/{group}", headers=key).status_code == 204
    assert jira.get("/rest/api/3/group/member", params={"groupname": "crew"}, auth=_admin(jira)).status_code == 404
