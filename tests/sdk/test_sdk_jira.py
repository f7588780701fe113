"""The jira (pycontribs) adapter on the installed jira: best effort, with the unresolved listed."""

from __future__ import annotations

from twingen.sdk import SdkSurface


def test_counts_are_plausible_and_the_rest_is_listed(jira_surface: SdkSurface) -> None:
    counts = jira_surface.counts()
    assert 180 <= counts["methods"] <= 300
    assert 150 <= counts["operations"] <= 280
    assert 0 < counts["unresolved"] <= 40
    assert all(u.reason and u.file for u in jira_surface.unresolved)


def test_issue_reads_the_issue_resource(jira_surface: SdkSurface) -> None:
    method = jira_surface.method("issue")
    assert (method.http_verb, method.path) == ("GET", "/rest/api/2/issue/{id}")
    params = {p.name: (p.required, p.location) for p in method.params}
    assert params == {
        "id": (True, "path"),
        "fields": (False, "query"),
        "expand": (False, "query"),
        "properties": (False, "query"),
    }


def test_resource_classes(jira_surface: SdkSurface) -> None:
    assert jira_surface.method("Issue.find").operation == "GET /rest/api/2/issue/{0}"
    assert jira_surface.method("Issue.update").operation == "PUT /rest/api/2/issue/{0}"
    assert jira_surface.method("Issue.delete").operation == "DELETE /rest/api/2/issue/{0}"
    assert jira_surface.method("Sprint.find").path == "/rest/agile/1.0/sprint/{0}"


def test_string_concatenation_and_fstrings(jira_surface: SdkSurface) -> None:
    # ``self._get_url("issue/" + str(issue) + "/votes")`` and ``self._get_url(f"issue/{issue}/comment")``.
    assert jira_surface.method("add_vote").operation == "POST /rest/api/2/issue/{issue}/votes"
    assert jira_surface.method("add_comment").operation == "POST /rest/api/2/issue/{issue}/comment"
    # ``url = self._get_url("dashboard"); url = f"{url}/{id}/copy"``
    assert jira_surface.method("copy_dashboard").operation == "POST /rest/api/2/dashboard/{id}/copy"


def test_agile_pages_with_start_at(jira_surface: SdkSurface) -> None:
    method = jira_surface.method("sprints")
    assert method.path == "/rest/agile/1.0/board/{board_id}/sprint"
    assert method.paginates
    assert {"startAt", "maxResults", "state"} <= {p.name for p in method.params if p.location == "query"}


def test_create_issue_posts_then_reads_back(jira_surface: SdkSurface) -> None:
    method = jira_surface.method("create_issue")
    assert method.operation == "POST /rest/api/2/issue"
    assert "GET /rest/api/2/issue/{id}" in method.calls


def test_what_is_not_resolved_says_why(jira_surface: SdkSurface) -> None:
    reasons = {u.name: u.reason for u in jira_surface.unresolved}
    assert reasons["session"].startswith("URL built at run time")  # "{server}{auth_url}".format(**self._options)
    assert reasons["client_info"] == "no HTTP request in the method"
    assert "override builds its URL at run time" in reasons["DashboardGadget.update"]
