"""Okta groups as an org keeps them: Everyone is built in and read-only, names are unique, membership is seen from
both sides and logged, list filters work, and a group rule puts matching users in its groups."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient


def _user(okta: TestClient, last: str, **profile: Any) -> dict[str, Any]:
    body = {
        "profile": {
            "firstName": "Ada",
            "lastName": last,
            "login": f"{last}@example.com",
            "email": f"{last}@example.com",
            **profile,
        }
    }
    answer = okta.post("/api/v1/users?activate=false", json=body)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _group(okta: TestClient, name: str) -> dict[str, Any]:
    answer = okta.post("/api/v1/groups", json={"profile": {"name": name}})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _events(okta_app: Any, event: str) -> list[dict[str, Any]]:
    """The System Log events of a type, read from the twin's state (the log's read side is another area's)."""
    return [e for e in okta_app.twin.state.collection("logs").values() if e["eventType"] == event]


def test_everyone_is_built_in_and_cannot_be_changed_or_deleted(okta: TestClient) -> None:
    everyone = okta.get("/api/v1/groups?q=Every").json()
    assert [g["type"] for g in everyone] == ["BUILT_IN"] and everyone[0]["profile"]["name"] == "Everyone"
    refused = okta.delete(f"/api/v1/groups/{everyone[0]['id']}")
    assert refused.status_code == 403 and refused.json()["errorCode"] == "E0000006"
    renamed = okta.put(f"/api/v1/groups/{everyone[0]['id']}", json={"profile": {"name": "All"}})
    assert renamed.status_code == 403
    assert okta.get(f"/api/v1/groups/{everyone[0]['id']}").json()["profile"]["name"] == "Everyone"


def test_a_group_is_created_with_okta_fields_and_a_taken_name_is_refused(okta: TestClient, okta_app: Any) -> None:
    group = _group(okta, "Engineering")
    assert group["type"] == "OKTA_GROUP" and group["objectClass"] == ["okta:user_group"]
    assert group["profile"] == {"name": "Engineering", "description": None}
    assert set(group["_links"]) == {"logo", "users", "apps"}
    again = okta.post("/api/v1/groups", json={"profile": {"name": "engineering"}})
    assert again.status_code == 400 and again.json()["errorCode"] == "E0000001"
    assert okta.post("/api/v1/groups", json={"profile": {}}).status_code == 400
    assert len(okta.get("/api/v1/groups").json()) == 2  # Everyone and Engineering: the refusals changed nothing
    assert len(_events(okta_app, "group.lifecycle.create")) == 1


def test_membership_is_seen_from_both_sides_and_logged(okta: TestClient, okta_app: Any) -> None:
    group = _group(okta, "Sales")
    user = _user(okta, "Lovelace")
    assert okta.put(f"/api/v1/groups/{group['id']}/users/{user['id']}").status_code == 204
    members = okta.get(f"/api/v1/groups/{group['id']}/users").json()
    assert [m["id"] for m in members] == [user["id"]] and set(members[0]["_links"]) == {"self"}
    assert group["id"] in [g["id"] for g in okta.get(f"/api/v1/users/{user['id']}/groups").json()]
    assert okta.delete(f"/api/v1/groups/{group['id']}/users/{user['id']}").status_code == 204
    assert okta.get(f"/api/v1/groups/{group['id']}/users").json() == []
    assert len(_events(okta_app, "group.user_membership.add")) == 1
    assert len(_events(okta_app, "group.user_membership.remove")) == 1
    missing = okta.put(f"/api/v1/groups/{group['id']}/users/00unobody0000000000")
    assert missing.status_code == 404 and "(User)" in missing.json()["errorSummary"]


def test_list_filters_by_type_and_search_and_rejects_a_bad_expression(okta: TestClient) -> None:
    made = _group(okta, "Support")
    okta_groups = okta.get("/api/v1/groups", params={"filter": 'type eq "OKTA_GROUP"'}).json()
    assert [g["id"] for g in okta_groups] == [made["id"]]
    found = okta.get("/api/v1/groups", params={"search": 'profile.name sw "sup"', "expand": "stats"}).json()
    assert [g["id"] for g in found] == [made["id"]] and found[0]["_embedded"]["stats"]["usersCount"] == 0
    bad = okta.get("/api/v1/groups", params={"search": "profile.name sw"})
    assert bad.status_code == 400 and bad.json()["errorCode"] == "E0000031"


def test_an_active_rule_assigns_matching_users_and_is_changed_only_when_inactive(okta: TestClient) -> None:
    group = _group(okta, "Engineers")
    match = _user(okta, "Hopper", department="Engineering")
    _user(okta, "Other", department="Sales")
    rule = {
        "type": "group_rule",
        "name": "Engineers",
        "conditions": {"expression": {"value": 'user.department=="Engineering"', "type": "urn:okta:expression:1.0"}},
        "actions": {"assignUserToGroups": {"groupIds": [group["id"]]}},
    }
    created = okta.post("/api/v1/groups/rules", json=rule).json()
    assert created["status"] == "INACTIVE"
    assert okta.post(f"/api/v1/groups/rules/{created['id']}/lifecycle/activate").status_code == 204
    assert [u["id"] for u in okta.get(f"/api/v1/groups/{group['id']}/users").json()] == [match["id"]]
    changed = okta.put(f"/api/v1/groups/rules/{created['id']}", json={**rule, "name": "Renamed"})
    assert changed.status_code == 400
    okta.post(f"/api/v1/groups/rules/{created['id']}/lifecycle/deactivate")
    assert okta.get(f"/api/v1/groups/{group['id']}/users").json() == []  # the rule's own members leave with it
    assert okta.put(f"/api/v1/groups/rules/{created['id']}", json={**rule, "name": "Renamed"}).json()["name"] == (
        "Renamed"
    )
    assert okta.delete(f"/api/v1/groups/rules/{created['id']}").status_code == 202


def test_a_group_profile_holds_only_what_the_group_schema_defines(okta: TestClient) -> None:
    group = _group(okta, "Finance")
    refused = okta.put(f"/api/v1/groups/{group['id']}", json={"profile": {"name": "Finance", "costCenter": "42"}})
    assert refused.status_code == 400 and "costCenter" in refused.json()["errorSummary"]
    schema = {
        "definitions": {
            "custom": {
                "id": "#custom",
                "type": "object",
                "properties": {"costCenter": {"title": "Cost center", "type": "string"}},
            }
        }
    }
    assert okta.post("/api/v1/meta/schemas/group/default", json=schema).status_code == 200
    kept = okta.put(f"/api/v1/groups/{group['id']}", json={"profile": {"name": "Finance", "costCenter": "42"}})
    assert kept.status_code == 200 and kept.json()["profile"]["costCenter"] == "42"


def test_a_user_created_after_a_rule_is_active_joins_its_groups(okta: TestClient) -> None:
    group = _group(okta, "Designers")
    rule = {
        "type": "group_rule",
        "name": "Designers",
        "conditions": {"expression": {"value": 'String.startsWith(user.lastName, "Des")'}},
        "actions": {"assignUserToGroups": {"groupIds": [group["id"]]}},
    }
    created = okta.post("/api/v1/groups/rules", json=rule).json()
    okta.post(f"/api/v1/groups/rules/{created['id']}/lifecycle/activate")
    designer, other = _user(okta, "Designer"), _user(okta, "Writer")
    members = [u["id"] for u in okta.get(f"/api/v1/groups/{group['id']}/users").json()]
    assert designer["id"] in members and other["id"] not in members


def test_owners_must_exist_and_are_listed_by_type(okta: TestClient) -> None:
    group, other = _group(okta, "Owned"), _group(okta, "Owners")
    user = _user(okta, "Owner")
    added = okta.post(f"/api/v1/groups/{group['id']}/owners", json={"id": user["id"], "type": "USER"})
    assert added.status_code == 201 and added.json()["displayName"] == "Ada Owner"
    okta.post(f"/api/v1/groups/{group['id']}/owners", json={"id": other["id"], "type": "GROUP"})
    missing = okta.post(f"/api/v1/groups/{group['id']}/owners", json={"id": "00unobody0000000000", "type": "USER"})
    assert missing.status_code == 404
    users = okta.get(f"/api/v1/groups/{group['id']}/owners", params={"search": 'type eq "USER"'}).json()
    assert [o["id"] for o in users] == [user["id"]]
    assert okta.delete(f"/api/v1/groups/{group['id']}/owners/{user['id']}").status_code == 204
    assert [o["id"] for o in okta.get(f"/api/v1/groups/{group['id']}/owners").json()] == [other["id"]]


def test_a_rule_skips_excluded_users_and_names_its_groups_on_expand(okta: TestClient) -> None:
    group = _group(okta, "Analysts")
    kept, excluded = _user(okta, "Analyst", title="Analyst"), _user(okta, "Skipped", title="Analyst")
    rule = {
        "type": "group_rule",
        "name": "Analysts",
        "conditions": {
            "people": {"users": {"exclude": [excluded["id"]]}},
            "expression": {"value": 'user.title == "Analyst"'},
        },
        "actions": {"assignUserToGroups": {"groupIds": [group["id"]]}},
    }
    created = okta.post("/api/v1/groups/rules", json=rule).json()
    okta.post(f"/api/v1/groups/rules/{created['id']}/lifecycle/activate")
    assert [u["id"] for u in okta.get(f"/api/v1/groups/{group['id']}/users").json()] == [kept["id"]]
    shown = okta.get(f"/api/v1/groups/rules/{created['id']}?expand=groupIdToGroupNameMap").json()
    assert shown["_embedded"]["groupIdToGroupNameMap"] == {group["id"]: "Analysts"}
