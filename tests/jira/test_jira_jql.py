"""JQL: Jira's errors for bad queries, the operators' empty-field rules, ORDER BY, and both search endpoints."""

from __future__ import annotations

from typing import Any

from jira_helpers import new_issue
from starlette.testclient import TestClient


def _search(jira: TestClient, jql: str, **extra: Any) -> Any:
    return jira.get("/rest/api/2/search", params={"jql": jql, "fields": "summary", **extra})


def test_bad_queries_get_jiras_messages(jira: TestClient, project: str) -> None:
    cases = {
        "nosuchfield = 1": "Field 'nosuchfield' does not exist or you do not have permission to view it.",
        "project = NOPE": "The value 'NOPE' does not exist for the field 'project'.",
        f"project = {project} AND": "Error in the JQL Query: Expecting a field name but reached the end of the query.",
    }
    for jql, message in cases.items():
        answer = _search(jira, jql)
        assert answer.status_code == 400 and answer.json()["errorMessages"] == [message], jql
    assert "Expecting operator" in _search(jira, "summary bogus").json()["errorMessages"][0]


def test_not_equals_never_matches_an_empty_field_and_is_empty_does(jira: TestClient, project: str) -> None:
    new_issue(jira, project, "assigned", assignee={"accountId": jira.get("/rest/api/2/myself").json()["accountId"]})
    new_issue(jira, project, "unassigned")
    other = _search(jira, f"project = {project} AND assignee != currentUser()").json()
    assert other["total"] == 0
    empty = _search(jira, f"project = {project} AND assignee IS EMPTY").json()
    assert [i["fields"]["summary"] for i in empty["issues"]] == ["unassigned"]


def test_order_by_text_search_and_boolean_grouping(jira: TestClient, project: str) -> None:
    for summary in ("banana bread", "apple pie", "cherry tart"):
        new_issue(jira, project, summary)
    ordered = _search(jira, f"project = {project} ORDER BY summary ASC").json()["issues"]
    assert [i["fields"]["summary"] for i in ordered] == ["apple pie", "banana bread", "cherry tart"]
    found = _search(jira, f'project = {project} AND (summary ~ apple OR summary ~ "tart") ORDER BY key DESC')
    assert [i["key"] for i in found.json()["issues"]] == [f"{project}-3", f"{project}-2"]


def test_search_pages_with_start_at_and_search_jql_with_next_page_token(jira: TestClient, project: str) -> None:
    keys = [new_issue(jira, project, f"n{n}") for n in range(5)]
    page = _search(jira, f"project = {project} ORDER BY key ASC", startAt=3, maxResults=2).json()
    assert page["total"] == 5 and [i["key"] for i in page["issues"]] == keys[3:]
    seen, token = [], None
    while True:
        params: dict[str, Any] = {
            "jql": f"project = {project} ORDER BY created ASC",
            "maxResults": 2,
            "fields": "summary",
        }
        answer = jira.get("/rest/api/3/search/jql", params={**params, **({"nextPageToken": token} if token else {})})
        body = answer.json()
        seen += [i["key"] for i in body["issues"]]
        token = body.get("nextPageToken")
        if body["isLast"]:
            break
    assert seen == keys and "total" not in body
    refused = jira.get("/rest/api/3/search/jql", params={"jql": "project = X", "nextPageToken": "bogus"})
    assert refused.status_code == 400
