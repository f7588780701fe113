"""Okta's provisioning beyond the story: unassigning deactivates, reassigning reactivates the same downstream user,
a refused push is an ERROR sync state and a FAILURE in the System Log, and targets must be on loopback."""

from __future__ import annotations

from typing import Any

import pytest

from twingen.universe import MemberError, Universe


def _okta(universe: Universe) -> tuple[Any, dict[str, str]]:
    okta = universe.members["okta"]
    return okta, {"Authorization": f"SSWS {okta.credentials()['apikey']['token']}"}


def _hire(universe: Universe, handle: str) -> str:
    okta, ssws = _okta(universe)
    email = f"{handle}@acme.example"
    profile = {"firstName": handle.title(), "lastName": "Test", "email": email, "login": email}
    made = okta.http.post("/api/v1/users", params={"activate": "true"}, json={"profile": profile}, headers=ssws)
    return str(made.json()["id"])


def _slack_user(universe: Universe, email: str) -> dict[str, Any]:
    slack = universe.members["slack"]
    bot = {"Authorization": f"Bearer {slack.credentials()['bot']['token']}"}
    return slack.http.get("/api/users.lookupByEmail", params={"email": email}, headers=bot).json()  # type: ignore[no-any-return]


def test_unassign_deactivates_and_reassign_reactivates_the_same_user(universe: Universe) -> None:
    okta, ssws = _okta(universe)
    app = universe.apps["default"]["slack"]
    user_id = _hire(universe, "ravi")
    assigned = okta.http.post(f"/api/v1/apps/{app}/users", json={"id": user_id}, headers=ssws).json()
    first = _slack_user(universe, "ravi@acme.example")["user"]
    shown = okta.http.get(f"/api/v1/apps/{app}/users/{user_id}", headers=ssws).json()
    assert assigned["id"] == user_id and (shown["externalId"], shown["syncState"]) == (first["id"], "SYNCHRONIZED")
    assert okta.http.delete(f"/api/v1/apps/{app}/users/{user_id}", headers=ssws).status_code == 204
    assert _slack_user(universe, "ravi@acme.example")["user"]["deleted"] is True
    okta.http.post(f"/api/v1/apps/{app}/users", json={"id": user_id}, headers=ssws)
    again = _slack_user(universe, "ravi@acme.example")["user"]
    assert (again["id"], again["deleted"]) == (first["id"], False)
    events = okta.http.get("/api/v1/logs", params={"filter": 'eventType sw "application.provision"'},
                           headers=ssws).json()  # fmt: skip
    mine = [e["eventType"] for e in events if any(t["id"] == user_id for t in e["target"])]
    assert sorted(mine) == sorted(["application.provision.user.push", "application.provision.user.deactivate",
                                   "application.provision.user.reactivate"])  # fmt: skip


def test_a_refused_push_is_an_error_not_a_failed_assignment(universe: Universe) -> None:
    okta, ssws = _okta(universe)
    app = universe.apps["default"]["jira"]
    target = next(t for t in okta.control("GET", "/universe/targets")["targets"] if t["appId"] == app)
    okta.control("POST", "/universe/targets", {**target, "token": "wrong"})
    user_id = _hire(universe, "kim")
    assert okta.http.post(f"/api/v1/apps/{app}/users", json={"id": user_id}, headers=ssws).status_code == 200
    shown = okta.http.get(f"/api/v1/apps/{app}/users/{user_id}", headers=ssws).json()
    assert (shown["syncState"], shown["externalId"]) == ("ERROR", None)
    events = okta.http.get("/api/v1/logs", params={"filter": 'eventType eq "application.provision.user.push"'},
                           headers=ssws).json()  # fmt: skip
    failed = [e for e in events if any(t["id"] == user_id for t in e["target"])]
    assert failed and failed[0]["outcome"]["result"] == "FAILURE" and "401" in failed[0]["outcome"]["reason"]


@pytest.mark.parametrize("url", ["https://api.slack.example/scim/v2", "ftp://127.0.0.1/scim", "http://10.0.0.1/x"])
def test_targets_beyond_loopback_are_refused(universe: Universe, url: str) -> None:
    okta, _ = _okta(universe)
    app = universe.apps["default"]["slack"]
    with pytest.raises(MemberError, match="400"):
        okta.control("POST", "/universe/targets", {"appId": app, "scimBaseUrl": url, "token": "t"})
    with pytest.raises(MemberError, match="404"):
        okta.control(
            "POST", "/universe/targets", {"appId": "0oaNOPE", "scimBaseUrl": "http://127.0.0.1:1", "token": "t"}
        )


def test_a_profile_change_reaches_every_app(universe: Universe) -> None:
    okta, ssws = _okta(universe)
    person = universe.people["default"][0]
    okta_id = person["ids"]["okta"]
    changed = {**{k: person[k] for k in ("firstName", "email", "login")}, "lastName": "Patel-Moreau"}
    assert okta.http.post(f"/api/v1/users/{okta_id}", json={"profile": changed}, headers=ssws).status_code == 200
    assert _slack_user(universe, person["email"])["user"]["real_name"] == f"{person['firstName']} Patel-Moreau"
    jira = universe.members["jira"]
    basic = jira.credentials()["basic"]
    shown = jira.http.get("/rest/api/3/user", params={"accountId": person["ids"]["jira"]},
                          auth=(basic["username"], basic["password"])).json()  # fmt: skip
    assert shown["displayName"] == f"{person['firstName']} Patel-Moreau"
    events = okta.http.get("/api/v1/logs", params={"filter": 'eventType eq "application.provision.user.push_profile"'},
                           headers=ssws).json()  # fmt: skip
    assert len([e for e in events if any(t["id"] == okta_id for t in e["target"])]) == len(universe.apps["default"])
