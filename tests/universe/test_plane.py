"""``/_universe/``: health, credentials and the roster, snapshots of every twin restored together, the clock across
all, tenants spanning all, and loopback callers only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from twingen.universe import Universe
from twingen.universe.plane import create_plane


@pytest.fixture
def plane(universe: Universe) -> Iterator[TestClient]:
    with TestClient(create_plane(universe), base_url="http://127.0.0.1:8100") as client:
        yield client


def test_health_and_credentials_name_every_twin_and_the_roster(plane: TestClient, universe: Universe) -> None:
    health = plane.get("/_universe/health")
    assert health.status_code == 200 and set(health.json()["twins"]) == set(universe.members)
    shown = plane.get("/_universe/credentials").json()
    assert {"okta", "slack", "jira"} <= set(shown["twins"]) and set(shown["apps"]) == set(universe.members) - {"okta"}
    assert all(item["credentials"] for item in shown["twins"].values())
    people = shown["people"]
    assert len(people) == 4 and all(all(p["ids"].get(n) for n in universe.members) for p in people)
    assert plane.get("/_universe/credentials", params={"tenant": "nope"}).status_code == 404


def test_a_snapshot_restores_every_twin_together(plane: TestClient, universe: Universe) -> None:
    taken = plane.post("/_universe/snapshot").json()
    assert set(taken["twins"]) == set(universe.members)
    slack = universe.members["slack"]
    bot = {"Authorization": f"Bearer {slack.credentials()['bot']['token']}"}
    assert slack.http.post("/api/conversations.create", data={"name": "after"}, headers=bot).json()["ok"]
    okta = universe.members["okta"]
    ssws = {"Authorization": f"SSWS {okta.credentials()['apikey']['token']}"}
    profile = {"firstName": "Ola", "lastName": "Nord", "email": "ola@acme.example", "login": "ola@acme.example"}
    assert okta.http.post("/api/v1/users", json={"profile": profile}, headers=ssws).status_code == 200
    assert plane.post("/_universe/restore", json={"id": taken["id"]}).status_code == 200
    names = [c["name"] for c in slack.http.get("/api/conversations.list", headers=bot).json()["channels"]]
    assert "after" not in names
    assert okta.http.get("/api/v1/users", params={"search": 'profile.login eq "ola@acme.example"'},
                         headers=ssws).json() == []  # fmt: skip
    assert plane.post("/_universe/restore", json={"id": "u999"}).status_code == 404


def test_the_clock_moves_on_every_twin(plane: TestClient, universe: Universe) -> None:
    before = plane.get("/_universe/clock").json()
    after = plane.post("/_universe/clock", json={"advance": 3600}).json()
    assert set(after) == set(universe.members)
    assert all(after[n]["now"] - before[n]["now"] >= 3600 for n in after)
    plane.post("/_universe/clock", json={"advance": -3600})


def test_a_tenant_is_one_company_in_every_twin(plane: TestClient, universe: Universe) -> None:
    made = plane.post("/_universe/tenants", json={"name": "globex"})
    assert made.status_code == 201
    tenant = made.json()
    assert set(tenant["members"]) == set(universe.members)
    shown = plane.get("/_universe/credentials", params={"tenant": tenant["id"]}).json()
    assert [p["email"].split("@")[1] for p in shown["people"]] == ["globex.example"] * 4
    assert all(p["ids"]["slack"] and p["ids"]["jira"] for p in shown["people"])
    default_token = universe.members["slack"].credentials()["bot"]["token"]
    assert shown["twins"]["slack"]["credentials"][0]["token"] != default_token


def test_browser_pages_and_foreign_hosts_are_refused(plane: TestClient) -> None:
    assert plane.get("/_universe/health", headers={"Origin": "https://example.com"}).status_code == 403
    assert plane.get("/_universe/health", headers={"Host": "evil.example:8100"}).status_code == 403


def test_reset_is_the_seed_wired_again(plane: TestClient, universe: Universe) -> None:
    plane.post("/_universe/tenants", json={"name": "initech"})
    apps_before = dict(universe.apps["default"])
    assert plane.post("/_universe/reset").json() == {"reset": True}
    shown = plane.get("/_universe/").json()
    assert [t["id"] for t in shown["tenants"]] == ["default"]
    assert set(universe.apps["default"]) == set(apps_before)
    people = plane.get("/_universe/credentials").json()["people"]
    assert len(people) == 4 and all(p["ids"]["slack"] and p["ids"]["jira"] for p in people)
