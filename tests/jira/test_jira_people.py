"""Users, watchers, votes and comments as the two seeded users see them."""

from __future__ import annotations

from jira_helpers import login, new_issue
from starlette.testclient import TestClient


def test_the_reporter_watches_and_cannot_vote_but_another_user_can(jira: TestClient, project: str) -> None:
    key = new_issue(jira, project)
    watchers = jira.get(f"/rest/api/2/issue/{key}/watchers").json()
    assert watchers["watchCount"] == 1 and watchers["isWatching"] is True
    own = jira.post(f"/rest/api/2/issue/{key}/votes")
    assert own.status_code == 404 and own.json()["errorMessages"] == ["You cannot vote for an issue you have reported."]
    other = login(jira, "user")
    assert jira.post(f"/rest/api/2/issue/{key}/votes", auth=other).status_code == 204
    assert jira.get(f"/rest/api/2/issue/{key}/votes").json()["votes"] == 1
    assert jira.delete(f"/rest/api/2/issue/{key}/votes", auth=other).status_code == 204
    assert jira.delete(f"/rest/api/2/issue/{key}/votes", auth=other).status_code == 204  # none left: still 204


def test_user_search_matches_the_start_of_names_and_emails(jira: TestClient) -> None:
    found = jira.get("/rest/api/3/user/search", params={"query": "twin"}).json()
    assert sorted(u["displayName"] for u in found) == ["Twin Admin", "Twin User"]
    by_email = jira.get("/rest/api/3/user/search", params={"query": "user@"}).json()
    assert [u["displayName"] for u in by_email] == ["Twin User"]
    assert jira.get("/rest/api/3/user/search").status_code == 400


def test_comments_page_in_order_and_carry_visibility(jira: TestClient, project: str) -> None:
    key = new_issue(jira, project)
    for n in range(3):
        jira.post(f"/rest/api/2/issue/{key}/comment", json={"body": f"c{n}"})
    shown = jira.post(
        f"/rest/api/2/issue/{key}/comment",
        json={"body": "hidden", "visibility": {"type": "role", "value": "Developers"}},
    ).json()
    assert shown["visibility"]["value"] == "Developers"
    page = jira.get(f"/rest/api/2/issue/{key}/comment", params={"startAt": 1, "maxResults": 2, "orderBy": "-created"})
    assert [c["body"] for c in page.json()["comments"]] == ["c2", "c1"] and page.json()["total"] == 4
    empty = jira.post(f"/rest/api/2/issue/{key}/comment", json={"body": " "})
    assert empty.status_code == 400 and empty.json()["errors"] == {"comment": "Comment body can not be empty!"}
