"""Agile: boards over filters, sprints moving future -> active -> closed, issues in sprints and the backlog, rank."""

from __future__ import annotations

from jira_helpers import new_issue
from starlette.testclient import TestClient

AGILE = "/rest/agile/1.0"


def _board(jira: TestClient, project: str) -> int:
    saved = jira.post("/rest/api/2/filter", json={"name": "board filter", "jql": f"project = {project}"}).json()
    board = jira.post(f"{AGILE}/board", json={"name": "b", "type": "scrum", "filterId": saved["id"]})
    assert board.status_code == 201
    return int(board.json()["id"])


def test_agile_takes_the_basic_credential_and_refuses_a_wrong_one(jira: TestClient) -> None:
    assert jira.get(f"{AGILE}/board").status_code == 200
    assert jira.get(f"{AGILE}/board", auth=("admin@twin.atlassian.example", "wrong")).status_code == 401


def test_a_sprint_must_have_dates_to_start_and_never_goes_back(jira: TestClient, project: str) -> None:
    sprint = jira.post(f"{AGILE}/sprint", json={"name": "s1", "originBoardId": _board(jira, project)}).json()
    assert sprint["state"] == "future"
    url = f"{AGILE}/sprint/{sprint['id']}"
    assert jira.post(url, json={"state": "active"}).status_code == 400
    dates = {"state": "active", "startDate": "2026-01-01T00:00:00.000Z", "endDate": "2026-01-15T00:00:00.000Z"}
    assert jira.post(url, json=dates).json()["state"] == "active"
    assert jira.post(url, json={"state": "closed"}).json()["completeDate"]
    assert jira.post(url, json={"state": "future"}).status_code == 400


def test_issues_move_into_a_sprint_and_back_to_the_backlog(jira: TestClient, project: str) -> None:
    key = new_issue(jira, project)
    sprint = jira.post(f"{AGILE}/sprint", json={"name": "s1", "originBoardId": _board(jira, project)}).json()
    assert jira.post(f"{AGILE}/sprint/{sprint['id']}/issue", json={"issues": [key]}).status_code == 204
    field = jira.get(f"/rest/api/2/issue/{key}?fields=customfield_10020").json()["fields"]["customfield_10020"]
    assert field[0]["id"] == sprint["id"] and field[0]["state"] == "future"  # Cloud's form
    found = jira.get("/rest/api/2/search", params={"jql": "sprint in openSprints()", "fields": "summary"}).json()
    assert [i["key"] for i in found["issues"]] == [key]
    assert jira.post(f"{AGILE}/backlog/issue", json={"issues": [key]}).status_code == 204
    assert jira.get(f"/rest/api/2/issue/{key}?fields=customfield_10020").json()["fields"]["customfield_10020"] is None


def test_rank_moves_an_issue_before_another(jira: TestClient, project: str) -> None:
    first, second, third = (new_issue(jira, project, f"n{n}") for n in range(3))
    moved = jira.put(f"{AGILE}/issue/rank", json={"issues": [third], "rankBeforeIssue": first})
    assert moved.status_code == 204
    ranked = jira.get("/rest/api/2/search", params={"jql": f"project = {project} ORDER BY Rank ASC"}).json()
    assert [i["key"] for i in ranked["issues"]] == [third, first, second]
