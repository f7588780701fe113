"""Okta users as an SDK meets them: the lifecycle state machine and its refusals, lookups, updates, delete twice,
credentials, the search languages and paging, sessions, and the System Log trail of each change."""

from __future__ import annotations

import re
from typing import Any

import pytest
from starlette.testclient import TestClient

PASSWORD = "Tw1nPassword9"


def make(
    okta: TestClient, name: str, *, activate: str = "true", password: str | None = PASSWORD, **profile: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "profile": {
            "firstName": name.title(),
            "lastName": "Tester",
            "email": f"{name}@example.com",
            "login": f"{name}@example.com",
            **profile,
        }
    }
    if password:
        body["credentials"] = {"password": {"value": password}}
    answer = okta.post(f"/api/v1/users?activate={activate}", json=body)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def error(answer: Any) -> tuple[int, str]:
    return answer.status_code, answer.json()["errorCode"]


def test_create_status_follows_activate_and_credentials(okta: TestClient) -> None:
    assert make(okta, "staged", activate="false")["status"] == "STAGED"
    assert make(okta, "active")["status"] == "ACTIVE"
    assert make(okta, "provisioned", password=None)["status"] == "PROVISIONED"
    expired = okta.post(
        "/api/v1/users?activate=true&nextLogin=changePassword",
        json={
            "profile": {"firstName": "N", "lastName": "L", "email": "n.l@example.com", "login": "n.l@example.com"},
            "credentials": {"password": {"value": PASSWORD}},
        },
    )
    assert expired.json()["status"] == "PASSWORD_EXPIRED"


def test_the_answer_never_carries_a_secret_and_links_follow_status(okta: TestClient) -> None:
    user = make(okta, "shape", activate="false")
    assert user["credentials"]["password"] == {} and PASSWORD not in str(user)
    assert user["id"].startswith("00u") and len(user["id"]) == 20
    assert set(user["_links"]) == {"schema", "activate", "resetFactors", "self", "type"}
    okta.post(f"/api/v1/users/{user['id']}/lifecycle/activate?sendEmail=false")
    active = okta.get(f"/api/v1/users/{user['id']}").json()
    assert "activate" not in active["_links"] and {"suspend", "deactivate", "changePassword"} <= set(active["_links"])
    assert active["activated"] and active["_links"]["suspend"]["method"] == "POST"


def test_login_is_unique(okta: TestClient) -> None:
    make(okta, "unique")
    again = okta.post(
        "/api/v1/users",
        json={"profile": {"firstName": "U", "lastName": "T", "email": "u@example.com", "login": "UNIQUE@example.com"}},
    )
    assert error(again) == (400, "E0000001")
    assert again.json()["errorCauses"][0]["errorSummary"].startswith("login: An object with this field already exists")


def test_weak_password_and_missing_fields_are_refused_and_change_nothing(okta: TestClient) -> None:
    before = len(okta.get("/api/v1/users").json())
    weak = okta.post(
        "/api/v1/users",
        json={
            "profile": {"firstName": "W", "lastName": "P", "email": "w@example.com", "login": "w@example.com"},
            "credentials": {"password": {"value": "abc"}},
        },
    )
    assert error(weak) == (400, "E0000001")
    blank = okta.post("/api/v1/users", json={"profile": {"login": "b@example.com"}})
    assert error(blank) == (400, "E0000001")
    assert len(okta.get("/api/v1/users").json()) == before


def test_lookup_by_id_login_and_short_name(okta: TestClient) -> None:
    user = make(okta, "finder")
    for key in (user["id"], "finder@example.com", "FINDER@example.com", "finder"):
        assert okta.get(f"/api/v1/users/{key}").json()["id"] == user["id"]
    assert okta.get("/api/v1/users/me").json()["id"] == "00uadmin"
    assert [g["profile"]["name"] for g in okta.get("/api/v1/users/me/groups").json()] == ["Everyone"]
    missing = okta.get("/api/v1/users/00unknownunknown0000")
    assert error(missing) == (404, "E0000007")
    assert missing.json()["errorSummary"] == "Not found: Resource not found: 00unknownunknown0000 (User)"


@pytest.mark.parametrize(
    ("from_status", "action", "refusal"),
    [
        ("ACTIVE", "activate", (403, "E0000016")),
        ("ACTIVE", "reactivate", (403, "E0000038")),
        ("STAGED", "suspend", (400, "E0000001")),
        ("ACTIVE", "unsuspend", (400, "E0000001")),
        ("ACTIVE", "unlock", (403, "E0000032")),
        ("STAGED", "expire_password", (403, "E0000038")),
    ],
)
def test_lifecycle_refuses_from_states_okta_refuses(
    okta: TestClient, from_status: str, action: str, refusal: tuple[int, str]
) -> None:
    user = make(okta, "refuse" + action.replace("_", ""), activate="false" if from_status == "STAGED" else "true")
    answer = okta.post(f"/api/v1/users/{user['id']}/lifecycle/{action}")
    assert error(answer) == refusal
    assert okta.get(f"/api/v1/users/{user['id']}").json()["status"] == from_status


def test_lifecycle_walk(okta: TestClient) -> None:
    user = make(okta, "walker", activate="false")
    uid = user["id"]
    token = okta.post(f"/api/v1/users/{uid}/lifecycle/activate?sendEmail=false").json()
    assert token["activationUrl"].endswith(f"/tokens/{token['activationToken']}/verify")
    steps = [
        ("suspend", "SUSPENDED"),
        ("unsuspend", "ACTIVE"),
        ("expire_password", "PASSWORD_EXPIRED"),
        ("reset_password?sendEmail=false", "RECOVERY"),
        ("deactivate", "DEPROVISIONED"),
        ("activate?sendEmail=false", "ACTIVE"),
    ]
    for action, status in steps:
        assert okta.post(f"/api/v1/users/{uid}/lifecycle/{action}").status_code == 200
        assert okta.get(f"/api/v1/users/{uid}").json()["status"] == status
    temp = okta.post(f"/api/v1/users/{uid}/lifecycle/expire_password_with_temp_password").json()["tempPassword"]
    expired = okta.post("/api/v1/authn", json={"username": "walker@example.com", "password": temp}).json()
    assert expired["status"] == "PASSWORD_EXPIRED" and "sessionToken" not in expired


def test_post_merges_put_replaces(okta: TestClient) -> None:
    user = make(okta, "editor", nickName="Ed")
    merged = okta.post(f"/api/v1/users/{user['id']}", json={"profile": {"title": "Boss"}}).json()
    assert merged["profile"]["nickName"] == "Ed" and merged["profile"]["title"] == "Boss"
    replaced = okta.put(
        f"/api/v1/users/{user['id']}",
        json={
            "profile": {"firstName": "E", "lastName": "D", "email": "editor@example.com", "login": "editor@example.com"}
        },
    ).json()
    assert "nickName" not in replaced["profile"] and "title" not in replaced["profile"]
    undefined = okta.post(f"/api/v1/users/{user['id']}", json={"profile": {"shoeSize": 9}})
    assert error(undefined) == (400, "E0000001")


def test_delete_twice_deactivates_then_deletes(okta: TestClient) -> None:
    user = make(okta, "goner")
    assert okta.delete(f"/api/v1/users/{user['id']}").status_code == 204
    assert okta.get(f"/api/v1/users/{user['id']}").json()["status"] == "DEPROVISIONED"
    assert okta.delete(f"/api/v1/users/{user['id']}?sendEmail=false").status_code == 204
    assert okta.get(f"/api/v1/users/{user['id']}").status_code == 404
    make(okta, "goner")  # the login is free again


def test_credentials_change_and_recovery(okta: TestClient) -> None:
    user = make(okta, "keys")
    uid = user["id"]
    wrong = okta.post(
        f"/api/v1/users/{uid}/credentials/change_password",
        json={"oldPassword": {"value": "nope"}, "newPassword": {"value": "An0therPassword"}},
    )
    assert error(wrong) == (403, "E0000014")
    weak = okta.post(
        f"/api/v1/users/{uid}/credentials/change_password",
        json={"oldPassword": {"value": PASSWORD}, "newPassword": {"value": "short"}},
    )
    assert error(weak) == (400, "E0000080")
    changed = okta.post(
        f"/api/v1/users/{uid}/credentials/change_password",
        json={"oldPassword": {"value": PASSWORD}, "newPassword": {"value": "An0therPassword"}},
    )
    assert changed.json() == {"password": {}, "provider": {"type": "OKTA", "name": "OKTA"}}
    question = okta.post(
        f"/api/v1/users/{uid}/credentials/change_recovery_question",
        json={
            "password": {"value": "An0therPassword"},
            "recovery_question": {"question": "Best tea?", "answer": "Earl Grey"},
        },
    )
    assert question.json()["recovery_question"] == {"question": "Best tea?"}
    bad_answer = okta.post(
        f"/api/v1/users/{uid}/credentials/forgot_password_recovery_question",
        json={"password": {"value": "Third0neHere"}, "recovery_question": {"answer": "green"}},
    )
    assert error(bad_answer) == (403, "E0000014")
    reset = okta.post(
        f"/api/v1/users/{uid}/credentials/forgot_password_recovery_question",
        json={"password": {"value": "Third0neHere"}, "recovery_question": {"answer": "earl grey"}},
    )
    assert reset.status_code == 200
    assert okta.post("/api/v1/authn", json={"username": "keys", "password": "Third0neHere"}).status_code == 200


def test_list_search_filter_and_q(okta: TestClient) -> None:
    ann = make(okta, "ann", lastName="Smith")
    make(okta, "andy", lastName="Smythe", activate="false")
    gone = make(okta, "anders", lastName="Smith")
    okta.post(f"/api/v1/users/{gone['id']}/lifecycle/deactivate")

    def ids(query: str) -> set[str]:
        answer = okta.get(f"/api/v1/users?{query}")
        assert answer.status_code == 200, answer.text
        return {u["profile"]["login"].split("@")[0] for u in answer.json()}

    assert "anders" not in ids("")  # a plain list leaves DEPROVISIONED users out
    assert ids('search=profile.lastName eq "smith"') == {"ann", "anders"}
    assert ids('search=profile.lastName sw "sm" and status eq "STAGED"') == {"andy"}
    assert ids('filter=status eq "DEPROVISIONED"') == {"anders"}
    assert ids('filter=profile.lastName eq "smith"') == set()  # filter is case-sensitive
    assert ids("q=an") == {"ann", "andy"}
    assert len(okta.get("/api/v1/users?q=an&limit=1").json()) == 1
    sorted_ = okta.get('/api/v1/users?search=profile.lastName sw "sm"&sortBy=profile.firstName&sortOrder=desc').json()
    assert [u["profile"]["firstName"] for u in sorted_] == ["Ann", "Andy", "Anders"]
    for bad in (
        'search=profile.lastName ne "x"',
        'search=status co "A"',
        'filter=profile.city eq "x"',
        'filter=status gt "A"',
        "search=status",
    ):
        assert error(okta.get(f"/api/v1/users?{bad}")) == (400, "E0000031")
    assert ann["id"] in {u["id"] for u in okta.get('/api/v1/users?filter=id eq "' + ann["id"] + '"').json()}
    assert error(okta.get('/api/v1/users?filter=lastUpdated gt "yesterday"')) == (400, "E0000030")


def test_paging_walks_every_user_once_even_with_inserts(okta: TestClient) -> None:
    made = [make(okta, f"pager{n}")["id"] for n in range(5)]
    seen: list[str] = []
    url: str | None = "/api/v1/users?limit=2"
    while url:
        answer = okta.get(url)
        seen += [u["id"] for u in answer.json()]
        if len(seen) == 2:
            made.append(make(okta, "latecomer")["id"])
        found = re.search(r'<([^>]+)>; rel="next"', answer.headers["link"])
        url = found.group(1) if found else None
    assert [s for s in seen if s in made] == made and len(seen) == len(set(seen))


def test_new_users_join_everyone_and_list_their_groups(okta: TestClient) -> None:
    user = make(okta, "member")
    groups = okta.get(f"/api/v1/users/{user['id']}/groups").json()
    assert [g["profile"]["name"] for g in groups] == ["Everyone"]


def test_sessions_start_end_with_lifecycle(okta: TestClient) -> None:
    user = make(okta, "sessioned")
    token = okta.post("/api/v1/authn", json={"username": "sessioned@example.com", "password": PASSWORD}).json()
    session = okta.post("/api/v1/sessions", json={"sessionToken": token["sessionToken"]}).json()
    assert okta.get(f"/api/v1/sessions/{session['id']}").json()["userId"] == user["id"]
    assert error(okta.post("/api/v1/sessions", json={"sessionToken": token["sessionToken"]})) == (401, "E0000004")
    okta.post(f"/api/v1/users/{user['id']}/lifecycle/suspend")
    assert error(okta.get(f"/api/v1/sessions/{session['id']}")) == (404, "E0000007")
    refused = okta.post("/api/v1/authn", json={"username": "sessioned@example.com", "password": PASSWORD})
    assert error(refused) == (401, "E0000004")


def test_each_change_is_in_the_system_log(okta: TestClient, okta_app: Any) -> None:
    user = make(okta, "audited", activate="false")
    okta.post(f"/api/v1/users/{user['id']}/lifecycle/activate?sendEmail=false")
    okta.post(f"/api/v1/users/{user['id']}/lifecycle/suspend")
    okta.delete(f"/api/v1/users/{user['id']}")
    okta.delete(f"/api/v1/users/{user['id']}")
    events = okta_app.twin.state.collection("logs").values()  # what /api/v1/logs serves, in the order written
    mine = [e["eventType"] for e in events if any(t["id"] == user["id"] for t in e["target"])]
    assert mine == [
        "user.lifecycle.create",
        "user.lifecycle.activate",
        "user.lifecycle.suspend",
        "user.lifecycle.deactivate",
        "user.lifecycle.delete",
    ]


def test_sorted_search_pages_in_order_without_repeats(okta: TestClient) -> None:
    for name in ("delta", "alpha", "echo", "charlie", "bravo"):
        make(okta, f"sorted{name}", firstName=name)
    seen: list[str] = []
    url: str | None = '/api/v1/users?search=profile.login sw "sorted"&sortBy=profile.firstName&sortOrder=desc&limit=2'
    while url:
        answer = okta.get(url)
        seen += [u["profile"]["firstName"] for u in answer.json()]
        found = re.search(r'<([^>]+)>; rel="next"', answer.headers["link"])
        url = found.group(1) if found else None
    assert seen == ["echo", "delta", "charlie", "bravo", "alpha"]


def test_an_active_group_rule_takes_in_a_new_user(okta: TestClient) -> None:
    group = okta.post("/api/v1/groups", json={"profile": {"name": "Engineers"}}).json()
    rule = okta.post(
        "/api/v1/groups/rules",
        json={
            "type": "group_rule",
            "name": "engineers",
            "conditions": {"expression": {"value": 'user.department == "eng"', "type": "urn:okta:expression:1.0"}},
            "actions": {"assignUserToGroups": {"groupIds": [group["id"]]}},
        },
    ).json()
    okta.post(f"/api/v1/groups/rules/{rule['id']}/lifecycle/activate")
    engineer = make(okta, "engineer", department="eng")
    other = make(okta, "accountant", department="fin")
    assert group["id"] in {g["id"] for g in okta.get(f"/api/v1/users/{engineer['id']}/groups").json()}
    assert group["id"] not in {g["id"] for g in okta.get(f"/api/v1/users/{other['id']}/groups").json()}
    okta.post(f"/api/v1/users/{other['id']}", json={"profile": {"department": "eng"}})
    assert group["id"] in {g["id"] for g in okta.get(f"/api/v1/users/{other['id']}/groups").json()}


def test_okta_response_options_leave_out_credentials(okta: TestClient) -> None:
    user = make(okta, "lean")
    lean = okta.get(
        f"/api/v1/users/{user['id']}",
        headers={"Content-Type": "application/json; okta-response=omitCredentials,omitCredentialsLinks"},
    )
    assert "credentials" not in lean.json() and "changePassword" not in lean.json()["_links"]
    assert "suspend" in lean.json()["_links"]


def test_an_immediately_expired_password_needs_a_password_and_activation(okta: TestClient) -> None:
    profile = {"firstName": "X", "lastName": "P", "email": "x.p@example.com", "login": "x.p@example.com"}
    staged = okta.post(
        "/api/v1/users?activate=false&nextLogin=changePassword",
        json={"profile": profile, "credentials": {"password": {"value": PASSWORD}}},
    )
    assert error(staged) == (400, "E0000125")
    assert error(okta.post("/api/v1/users?nextLogin=changePassword", json={"profile": profile})) == (400, "E0000124")


def test_fields_projects_the_listed_users(okta: TestClient) -> None:
    make(okta, "projected", city="Oslo")
    listed = okta.get('/api/v1/users?search=profile.city eq "Oslo"&fields=status,profile:(firstName, city)').json()
    assert listed == [
        {
            "id": listed[0]["id"],
            "status": "ACTIVE",
            "profile": {"firstName": "Projected", "city": "Oslo"},
            "_links": listed[0]["_links"],
        }
    ]


def test_a_deleted_user_leaves_nothing_behind(okta: TestClient, okta_app: Any) -> None:
    user = make(okta, "forgotten")
    okta.post(f"/api/v1/users/{user['id']}/roles", json={"type": "READ_ONLY_ADMIN"})
    okta.post(
        f"/api/v1/users/{user['id']}/factors",
        json={"factorType": "question", "profile": {"question": "favorite_toy", "answer": "a kite"}},
    )
    okta.delete(f"/api/v1/users/{user['id']}")
    okta.delete(f"/api/v1/users/{user['id']}")
    state = okta_app.twin.state
    for name in ("users", "group_members", "role_assignments", "user_factors", "user_logins"):
        assert not any(user["id"] in key or user["id"] in str(r) for key, r in state.collection(name).scan()), name


def test_ten_failed_sign_ins_lock_the_user_out_until_unlocked(okta: TestClient) -> None:
    user = make(okta, "clumsy")
    for _ in range(10):
        assert error(okta.post("/api/v1/authn", json={"username": "clumsy", "password": "wrong"})) == (401, "E0000004")
    assert okta.get(f"/api/v1/users/{user['id']}").json()["status"] == "LOCKED_OUT"
    assert error(okta.post("/api/v1/authn", json={"username": "clumsy", "password": PASSWORD})) == (401, "E0000004")
    assert "unlock" in okta.get(f"/api/v1/users/{user['id']}").json()["_links"]
    assert okta.post(f"/api/v1/users/{user['id']}/lifecycle/unlock").json() == {}
    signed_in = okta.post("/api/v1/authn", json={"username": "clumsy", "password": PASSWORD})
    assert signed_in.status_code == 200
    assert okta.get(f"/api/v1/users/{user['id']}").json()["lastLogin"]


def test_group_ids_at_create_must_name_okta_groups(okta: TestClient) -> None:
    team = okta.post("/api/v1/groups", json={"profile": {"name": "Team"}}).json()
    everyone = next(g for g in okta.get("/api/v1/groups?q=Everyone").json() if g["type"] == "BUILT_IN")
    profile = {"firstName": "G", "lastName": "I", "email": "g.i@example.com", "login": "g.i@example.com"}
    for bad in (["00gnotagroup00000000"], [everyone["id"]], team["id"]):
        refused = okta.post("/api/v1/users", json={"profile": profile, "groupIds": bad})
        assert refused.status_code == 400
    assert okta.get("/api/v1/users/g.i@example.com").status_code == 404
    made = okta.post("/api/v1/users", json={"profile": profile, "groupIds": [team["id"]]}).json()
    assert {g["id"] for g in okta.get(f"/api/v1/users/{made['id']}/groups").json()} == {team["id"], everyone["id"]}


def test_a_user_in_recovery_cannot_sign_in_and_may_be_reactivated(okta: TestClient) -> None:
    user = make(okta, "recovering")
    token = okta.post("/api/v1/authn", json={"username": "recovering", "password": PASSWORD}).json()["sessionToken"]
    session = okta.post("/api/v1/sessions", json={"sessionToken": token}).json()
    okta.post(f"/api/v1/users/{user['id']}/lifecycle/reset_password?sendEmail=false")
    assert okta.get(f"/api/v1/sessions/{session['id']}").status_code == 200  # revokeSessions was not asked
    assert error(okta.post("/api/v1/authn", json={"username": "recovering", "password": PASSWORD})) == (401, "E0000004")
    again = okta.post(f"/api/v1/users/{user['id']}/lifecycle/reactivate")  # sendEmail defaults to false here
    assert again.status_code == 200 and again.json()["activationToken"]
    okta.post(f"/api/v1/users/{user['id']}/lifecycle/reset_password?sendEmail=true&revokeSessions=true")
    assert error(okta.get(f"/api/v1/sessions/{session['id']}")) == (404, "E0000007")


def test_strict_update_keeps_the_password_history(okta: TestClient) -> None:
    user = make(okta, "historian")
    same = {"credentials": {"password": {"value": PASSWORD}}}
    assert error(okta.post(f"/api/v1/users/{user['id']}?strict=true", json=same)) == (400, "E0000001")
    assert okta.post(f"/api/v1/users/{user['id']}", json=same).status_code == 200


def test_an_asynchronous_deactivation_shows_its_transition_until_done(okta: TestClient) -> None:
    user = make(okta, "async")
    url = f"/api/v1/users/{user['id']}"
    assert okta.post(f"{url}/lifecycle/deactivate", headers={"Prefer": "respond-async"}).json() == {}
    pending = okta.get(url).json()
    assert (pending["status"], pending["transitioningToStatus"]) == ("ACTIVE", "DEPROVISIONED")
    assert error(okta.post(f"{url}/lifecycle/deactivate")) == (403, "E0000038")
    okta.post("/_twin/clock", json={"advance": 10})
    done = okta.get(url).json()
    assert done["status"] == "DEPROVISIONED" and "transitioningToStatus" not in done
