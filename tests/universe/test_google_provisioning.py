"""Okta provisions Google Workspace through the Admin SDK Directory API, as Okta's Google Workspace app does: a user
assigned in Okta (okta SDK) is a Google account (googleapiclient ``admin directory_v1``), a leaver is suspended, not
deleted, and a pushed group is a Google group holding its members; each push is in Okta's System Log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from googleapiclient.errors import HttpError
from okta.models import AppUserAssignRequest, CreateGroupPushMappingRequest, CreateUserRequest

from twingen.universe import MemberError, Universe

if TYPE_CHECKING:
    from conftest import Okta  # the okta_sdk fixture's

EMAIL = "ines.ortiz@acme.example"
HIRE = {"firstName": "Ines", "lastName": "Ortiz", "email": EMAIL, "login": EMAIL}


def _ssws(universe: Universe) -> tuple[Any, dict[str, str]]:
    okta_twin = universe.members["okta"]
    return okta_twin, {"Authorization": f"SSWS {okta_twin.credentials()['apikey']['token']}"}


def _events(okta_sdk: Okta, user_id: str, prefix: str = "application.provision.user") -> list[Any]:
    logged = okta_sdk("list_log_events", filter=f'eventType sw "{prefix}"')
    return [e for e in logged if any(t.id == user_id for t in e.target or [])]


def test_the_roster_reaches_google(universe: Universe, directory: Any) -> None:
    people = universe.people["default"]
    assert people and all(p["ids"]["google"] for p in people)
    for person in people:
        account = directory.users().get(userKey=person["email"]).execute()
        assert (account["id"], account["suspended"]) == (person["ids"]["google"], False)


def test_a_hire_is_a_google_account_and_a_leaver_is_suspended(
    universe: Universe, okta_sdk: Okta, directory: Any
) -> None:
    app = universe.apps["default"]["google"]
    user = okta_sdk("create_user", CreateUserRequest.from_dict({"profile": HIRE}), activate=True)
    okta_sdk("assign_user_to_application", app, AppUserAssignRequest.from_dict({"id": user.id}))

    account = directory.users().get(userKey=EMAIL).execute()
    assert (account["primaryEmail"], account["suspended"]) == (EMAIL, False)
    assert (account["name"]["givenName"], account["name"]["familyName"]) == ("Ines", "Ortiz")
    assert user.id in [x.get("value") for x in account.get("externalIds") or []]
    app_user = okta_sdk("get_application_user", app, user.id)
    assert (app_user.sync_state, app_user.external_id) == ("SYNCHRONIZED", account["id"])
    assert universe.adapters["google"].find_person(universe.members["google"], "default", EMAIL) == account["id"]  # type: ignore[union-attr]

    okta_sdk("deactivate_user", user.id)
    assert directory.users().get(userKey=EMAIL).execute()["suspended"] is True  # suspended, not deleted
    assert sorted(e.event_type for e in _events(okta_sdk, user.id)) == [
        "application.provision.user.deactivate",
        "application.provision.user.push",
    ]
    assert all(e.outcome.result == "SUCCESS" for e in _events(okta_sdk, user.id))
    google_calls = universe.members["google"].control("GET", "/requests")["requests"]
    assert any("/admin/directory/v1/users" in str(r.get("path", "")) for r in google_calls)


def test_unassign_suspends_and_reassign_restores_the_same_account(universe: Universe, directory: Any) -> None:
    okta_twin, ssws = _ssws(universe)
    app = universe.apps["default"]["google"]
    person = universe.people["default"][1]
    user_id = person["ids"]["okta"]
    assert okta_twin.http.delete(f"/api/v1/apps/{app}/users/{user_id}", headers=ssws).status_code == 204
    assert directory.users().get(userKey=person["email"]).execute()["suspended"] is True
    okta_twin.http.post(f"/api/v1/apps/{app}/users", json={"id": user_id}, headers=ssws)
    again = directory.users().get(userKey=person["email"]).execute()
    assert (again["id"], again["suspended"]) == (person["ids"]["google"], False)
    changed = {**{k: person[k] for k in ("firstName", "email", "login")}, "lastName": "Ortega-Ruiz"}
    okta_twin.http.post(f"/api/v1/users/{user_id}", json={"profile": changed}, headers=ssws)
    assert directory.users().get(userKey=person["email"]).execute()["name"]["familyName"] == "Ortega-Ruiz"


def test_group_push_makes_a_google_group_with_its_members(universe: Universe, okta_sdk: Okta, directory: Any) -> None:
    okta_twin, ssws = _ssws(universe)
    app = universe.apps["default"]["google"]
    people = universe.people["default"]
    group = okta_twin.http.post("/api/v1/groups", json={"profile": {"name": "Launch crew"}}, headers=ssws).json()["id"]
    for person in people[:2]:
        okta_twin.http.put(f"/api/v1/groups/{group}/users/{person['ids']['okta']}", headers=ssws)
    body = CreateGroupPushMappingRequest.from_dict({"sourceGroupId": group, "targetGroupName": "Launch crew"})
    mapping = okta_sdk("create_group_push_mapping", app, body)
    assert mapping.status == "ACTIVE" and mapping.target_group_id

    pushed = directory.groups().get(groupKey=mapping.target_group_id).execute()
    assert pushed["name"] == "Launch crew" and pushed["email"] == "launch-crew@acme.example"
    listed = directory.members().list(groupKey=pushed["id"]).execute().get("members") or []
    assert sorted(m["email"] for m in listed) == sorted(p["email"] for p in people[:2])

    okta_twin.http.put(f"/api/v1/groups/{group}/users/{people[2]['ids']['okta']}", headers=ssws)
    okta_twin.http.delete(f"/api/v1/groups/{group}/users/{people[0]['ids']['okta']}", headers=ssws)
    listed = directory.members().list(groupKey=pushed["id"]).execute().get("members") or []
    assert sorted(m["email"] for m in listed) == sorted(p["email"] for p in people[1:3])

    one = f"/api/v1/apps/{app}/group-push/mappings/{mapping.id}"
    okta_twin.http.patch(one, json={"status": "INACTIVE"}, headers=ssws)
    assert okta_twin.http.delete(one, params={"deleteTargetGroup": "true"}, headers=ssws).status_code == 204
    with pytest.raises(HttpError) as gone:
        directory.groups().get(groupKey=pushed["id"]).execute()
    assert gone.value.resp.status == 404


def test_a_user_outside_the_google_domain_is_refused_by_okta(
    universe: Universe, okta_sdk: Okta, directory: Any
) -> None:
    app = universe.apps["default"]["google"]
    outsider = "kai@contractor.example"
    profile = {"firstName": "Kai", "lastName": "Lee", "email": outsider, "login": outsider}
    user = okta_sdk("create_user", CreateUserRequest.from_dict({"profile": profile}), activate=True)
    okta_sdk("assign_user_to_application", app, AppUserAssignRequest.from_dict({"id": user.id}))
    assert okta_sdk("get_application_user", app, user.id).sync_state == "ERROR"
    [failed] = _events(okta_sdk, user.id)
    assert failed.outcome.result == "FAILURE" and "domain" in failed.outcome.reason
    with pytest.raises(HttpError):
        directory.users().get(userKey=outsider).execute()


@pytest.mark.parametrize("url", ["https://admin.googleapis.com/admin/directory/v1", "http://10.0.0.1/admin"])
def test_google_targets_beyond_loopback_are_refused(universe: Universe, url: str) -> None:
    okta_twin = universe.members["okta"]
    app = universe.apps["default"]["google"]
    target = {"appId": app, "protocol": "google-directory", "directoryBaseUrl": url, "token": "t", "domain": "x.ex"}
    with pytest.raises(MemberError, match="400"):
        okta_twin.control("POST", "/universe/targets", target)
    with pytest.raises(MemberError, match="400"):
        okta_twin.control("POST", "/universe/targets", {**target, "protocol": "ldap"})


def test_a_second_companys_people_are_accounts_of_its_own_google_customer(universe: Universe, directory: Any) -> None:
    tenant = universe.create_tenant("umbrella")
    people = universe.credentials(tenant["id"])["people"]
    assert [p["email"].split("@")[1] for p in people] == ["umbrella.example"] * 4
    assert all(p["ids"]["google"] for p in people)
    google = universe.members["google"]
    token = google.credentials(tenant["members"]["google"])["owner"]["token"]
    theirs = google.http.get(
        f"/admin/directory/v1/users/{people[0]['email']}", headers={"Authorization": f"Bearer {token}"}
    )
    assert theirs.json()["id"] == people[0]["ids"]["google"]
    with pytest.raises(HttpError):  # not in the default company's directory
        directory.users().get(userKey=people[0]["email"]).execute()


def test_linking_an_existing_google_group_makes_its_members_the_okta_groups(
    universe: Universe, okta_sdk: Okta, directory: Any
) -> None:
    okta_twin, ssws = _ssws(universe)
    app = universe.apps["default"]["google"]
    people = universe.people["default"]
    existing = directory.groups().insert(body={"email": "design@acme.example", "name": "Design"}).execute()
    for person in people[2:4]:
        directory.members().insert(groupKey=existing["id"], body={"email": person["email"]}).execute()
    group = okta_twin.http.post("/api/v1/groups", json={"profile": {"name": "Design"}}, headers=ssws).json()["id"]
    for person in people[1:3]:
        okta_twin.http.put(f"/api/v1/groups/{group}/users/{person['ids']['okta']}", headers=ssws)
    body = CreateGroupPushMappingRequest.from_dict({"sourceGroupId": group, "targetGroupId": existing["id"]})
    mapping = okta_sdk("create_group_push_mapping", app, body)
    assert (mapping.status, mapping.target_group_id) == ("ACTIVE", existing["id"])
    listed = directory.members().list(groupKey=existing["id"]).execute().get("members") or []
    assert sorted(m["email"] for m in listed) == sorted(p["email"] for p in people[1:3])


def test_a_push_google_refuses_is_an_error_sync_state(universe: Universe, okta_sdk: Okta) -> None:
    okta_twin = universe.members["okta"]
    app = universe.apps["default"]["google"]
    target = next(t for t in okta_twin.control("GET", "/universe/targets")["targets"] if t["appId"] == app)
    okta_twin.control("POST", "/universe/targets", {**target, "token": "ya29.not-a-token"})
    user = okta_sdk("create_user", CreateUserRequest.from_dict({"profile": HIRE}), activate=True)
    okta_sdk("assign_user_to_application", app, AppUserAssignRequest.from_dict({"id": user.id}))
    app_user = okta_sdk("get_application_user", app, user.id)
    assert (app_user.sync_state, app_user.external_id) == ("ERROR", None)
    [failed] = _events(okta_sdk, user.id)
    assert failed.outcome.result == "FAILURE" and "401" in failed.outcome.reason
