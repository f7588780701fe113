"""Paths jira 3.10.5 asks for that Jira does not serve: the twin answers as Jira does, after authenticating."""

from __future__ import annotations

from starlette.testclient import TestClient


def test_a_route_jira_lacks_is_its_404_and_a_wrong_token_its_401(jira: TestClient) -> None:
    answer = jira.get("/rest/api/2/workflowschemes")
    assert answer.status_code == 404
    [message] = answer.json()["errorMessages"]
    assert message.startswith("null for uri: http") and message.endswith("/rest/api/2/workflowschemes")
    assert jira.get("/rest/agile/1.0/rapid/charts/sprintreport?rapidViewId=1&sprintId=1").status_code == 404
    refused = jira.get("/rest/api/2/workflowschemes", auth=("twin@example.com", "wrong"))
    assert refused.status_code == 401


def test_a_path_served_for_other_methods_is_405_to_get(jira: TestClient) -> None:
    assert jira.get("/rest/servicedeskapi/customer").status_code == 405
