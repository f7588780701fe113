"""Group push: an Okta group mapped to the Slack app becomes a Slack IdP group (SCIM ``/Groups``) holding the members
Slack already has, and follows membership changes; a failed push makes the mapping ERROR; only INACTIVE ones go."""

from __future__ import annotations

from typing import Any

import pytest

from twingen.universe import Universe


def _okta(universe: Universe) -> tuple[Any, dict[str, str]]:
    okta = universe.members["okta"]
    return okta, {"Authorization": f"SSWS {okta.credentials()['apikey']['token']}"}


def _slack_group(universe: Universe, group_id: str) -> dict[str, Any]:
    slack = universe.members["slack"]
    admin = {"Authorization": f"Bearer {slack.credentials()['org_admin']['token']}"}
    return slack.http.get(f"/scim/v2/Groups/{group_id}", headers=admin).json()  # type: ignore[no-any-return]


@pytest.fixture
def group(universe: Universe) -> str:
    okta, ssws = _okta(universe)
    made = okta.http.post("/api/v1/groups", json={"profile": {"name": "Launch crew"}}, headers=ssws).json()
    for person in universe.people["default"][:2]:
        okta.http.put(f"/api/v1/groups/{made['id']}/users/{person['ids']['okta']}", headers=ssws)
    return str(made["id"])


def test_a_pushed_group_follows_its_members(universe: Universe, group: str) -> None:
    okta, ssws = _okta(universe)
    app = universe.apps["default"]["slack"]
    people = universe.people["default"]
    body = {"sourceGroupId": group, "targetGroupName": "launch-crew", "status": "ACTIVE"}
    mapping = okta.http.post(f"/api/v1/apps/{app}/group-push/mappings", json=body, headers=ssws).json()
    assert mapping["status"] == "ACTIVE" and mapping["targetGroupId"] and mapping["lastPush"]
    pushed = _slack_group(universe, mapping["targetGroupId"])
    assert pushed["displayName"] == "launch-crew"
    assert sorted(m["value"] for m in pushed["members"]) == sorted(p["ids"]["slack"] for p in people[:2])
    okta.http.put(f"/api/v1/groups/{group}/users/{people[2]['ids']['okta']}", headers=ssws)
    okta.http.delete(f"/api/v1/groups/{group}/users/{people[0]['ids']['okta']}", headers=ssws)
    members = {m["value"] for m in _slack_group(universe, mapping["targetGroupId"])["members"]}
    assert members == {people[1]["ids"]["slack"], people[2]["ids"]["slack"]}
    one = f"/api/v1/apps/{app}/group-push/mappings/{mapping['id']}"
    assert okta.http.get(f"/api/v1/apps/{app}/group-push/mappings", headers=ssws).json()[0]["id"] == mapping["id"]
    assert okta.http.delete(one, headers=ssws).status_code == 400  # ACTIVE: deactivate first
    assert okta.http.patch(one, json={"status": "INACTIVE"}, headers=ssws).json()["status"] == "INACTIVE"
    assert okta.http.delete(one, params={"deleteTargetGroup": "true"}, headers=ssws).status_code == 204
    assert "detail" in _slack_group(universe, mapping["targetGroupId"])
    assert okta.http.get(one, headers=ssws).status_code == 404


def test_a_push_the_app_refuses_is_an_error(universe: Universe, group: str) -> None:
    okta, ssws = _okta(universe)
    app = universe.apps["default"]["slack"]
    target = next(t for t in okta.control("GET", "/universe/targets")["targets"] if t["appId"] == app)
    okta.control("POST", "/universe/targets", {**target, "token": "xoxp-wrong"})
    body = {"sourceGroupId": group, "targetGroupName": "launch-crew"}
    mapping = okta.http.post(f"/api/v1/apps/{app}/group-push/mappings", json=body, headers=ssws).json()
    assert mapping["status"] == "ERROR" and "401" in mapping["errorSummary"]


def test_a_group_pushed_to_jira_is_a_jira_group(universe: Universe, group: str) -> None:
    okta, ssws = _okta(universe)
    app = universe.apps["default"]["jira"]
    body = {"sourceGroupId": group, "targetGroupName": "launch-crew"}
    mapping = okta.http.post(f"/api/v1/apps/{app}/group-push/mappings", json=body, headers=ssws).json()
    assert mapping["status"] == "ACTIVE"
    jira = universe.members["jira"]
    basic = jira.credentials()["basic"]
    listed = jira.http.get("/rest/api/3/group/member", params={"groupname": "launch-crew"},
                           auth=(basic["username"], basic["password"])).json()  # fmt: skip
    people = universe.people["default"][:2]
    assert sorted(u["accountId"] for u in listed["values"]) == sorted(p["ids"]["jira"] for p in people)


def test_bad_mappings_are_refused(universe: Universe, group: str) -> None:
    okta, ssws = _okta(universe)
    app = universe.apps["default"]["slack"]
    url = f"/api/v1/apps/{app}/group-push/mappings"
    both = {"sourceGroupId": group, "targetGroupName": "x", "targetGroupId": "y"}
    assert okta.http.post(url, json=both, headers=ssws).json()["errorCode"] == "E0000001"
    assert okta.http.post(url, json={"targetGroupName": "x"}, headers=ssws).status_code == 400
    missing = okta.http.post(url, json={"sourceGroupId": "00gNOPE", "targetGroupName": "x"}, headers=ssws)
    assert missing.status_code == 404
    assert okta.http.get(url, headers=ssws).json() == []


def test_an_app_that_does_not_provision_gets_an_error_mapping(universe: Universe, group: str) -> None:
    okta, ssws = _okta(universe)
    body = {"name": "bookmark", "label": "Wiki", "signOnMode": "BOOKMARK",
            "settings": {"app": {"requestIntegration": False, "url": "http://127.0.0.1:9/"}}}  # fmt: skip
    app = okta.http.post("/api/v1/apps", json=body, headers=ssws).json()["id"]
    made = okta.http.post(f"/api/v1/apps/{app}/group-push/mappings",
                          json={"sourceGroupId": group, "targetGroupName": "wiki"}, headers=ssws).json()  # fmt: skip
    assert (made["status"], made["errorSummary"]) == ("ERROR", "Provisioning is not enabled for this app")
