"""Projects and issues: key rules, KEY-N never reused, update verbs, refused edits change nothing, transitions."""

from __future__ import annotations

from jira_helpers import new_issue
from starlette.testclient import TestClient


def test_project_keys_are_checked_and_unknown_projects_get_jiras_404(jira: TestClient, project: str) -> None:
    bad = jira.post("/rest/api/2/project", json={"key": "lower", "name": "X", "projectTypeKey": "software"})
    assert bad.status_code == 400 and "projectKey" in bad.json()["errors"]
    taken = jira.post("/rest/api/2/project", json={"key": project, "name": "Other", "projectTypeKey": "software"})
    assert taken.json()["errors"]["projectKey"] == f"Project '{project}' uses this project key."
    missing = jira.get("/rest/api/2/project/NOPE")
    assert missing.status_code == 404 and missing.json()["errorMessages"] == [
        "No project could be found with key 'NOPE'."
    ]


def test_issue_keys_count_per_project_and_are_never_reused(jira: TestClient, project: str) -> None:
    first, second = new_issue(jira, project), new_issue(jira, project)
    assert (first, second) == (f"{project}-1", f"{project}-2")
    assert jira.delete(f"/rest/api/2/issue/{second}").status_code == 204
    assert new_issue(jira, project) == f"{project}-3"
    gone = jira.get(f"/rest/api/2/issue/{second}")
    assert gone.status_code == 404
    assert gone.json()["errorMessages"] == ["Issue does not exist or you do not have permission to see it."]


def test_labels_add_and_remove_verbs_and_a_refused_edit_changes_nothing(jira: TestClient, project: str) -> None:
    key = new_issue(jira, project, labels=["one"])
    update = {"update": {"labels": [{"add": "two"}, {"remove": "one"}]}}
    assert jira.put(f"/rest/api/2/issue/{key}", json=update).status_code == 204
    assert jira.get(f"/rest/api/2/issue/{key}?fields=labels").json()["fields"]["labels"] == ["two"]
    refused = jira.put(f"/rest/api/2/issue/{key}", json={"fields": {"summary": "new", "labels": ["has space"]}})
    assert refused.status_code == 400 and "labels" in refused.json()["errors"]
    fields = jira.get(f"/rest/api/2/issue/{key}?fields=summary,labels").json()["fields"]
    assert fields == {"summary": "an issue", "labels": ["two"]}


def test_a_parent_with_subtasks_needs_delete_subtasks(jira: TestClient, project: str) -> None:
    parent = new_issue(jira, project)
    sub = new_issue(jira, project, issuetype={"name": "Sub-task"}, parent={"key": parent})
    refused = jira.delete(f"/rest/api/2/issue/{parent}")
    assert refused.status_code == 400 and "deleteSubtasks" in refused.json()["errorMessages"][0]
    assert jira.delete(f"/rest/api/2/issue/{parent}?deleteSubtasks=true").status_code == 204
    assert jira.get(f"/rest/api/2/issue/{sub}").status_code == 404


def test_done_sets_the_resolution_and_reopening_clears_it(jira: TestClient, project: str) -> None:
    key = new_issue(jira, project)
    names = {t["name"]: t["id"] for t in jira.get(f"/rest/api/2/issue/{key}/transitions").json()["transitions"]}
    assert (
        jira.post(f"/rest/api/2/issue/{key}/transitions", json={"transition": {"id": names["Done"]}}).status_code == 204
    )
    fields = jira.get(f"/rest/api/2/issue/{key}?fields=status,resolution,resolutiondate").json()["fields"]
    assert fields["status"]["name"] == "Done" and fields["resolution"]["name"] == "Done" and fields["resolutiondate"]
    back = {t["name"]: t["id"] for t in jira.get(f"/rest/api/2/issue/{key}/transitions").json()["transitions"]}
    assert "Done" not in back  # no transition to the status the issue is in
    jira.post(f"/rest/api/2/issue/{key}/transitions", json={"transition": {"id": back["To Do"]}})
    fields = jira.get(f"/rest/api/2/issue/{key}?fields=resolution,resolutiondate").json()["fields"]
    assert fields == {"resolution": None, "resolutiondate": None}
    unknown = jira.post(f"/rest/api/2/issue/{key}/transitions", json={"transition": {"id": "999"}})
    assert unknown.status_code == 400


def test_worklogs_sum_into_timespent_and_reduce_the_estimate(jira: TestClient, project: str) -> None:
    key = new_issue(jira, project, timetracking={"originalEstimate": "1d"})
    logged = jira.post(f"/rest/api/2/issue/{key}/worklog", json={"timeSpent": "1h 30m"})
    assert logged.status_code == 201 and logged.json()["timeSpentSeconds"] == 5400
    fields = jira.get(f"/rest/api/2/issue/{key}?fields=timespent,timeestimate,timetracking").json()["fields"]
    assert fields["timespent"] == 5400 and fields["timeestimate"] == 8 * 3600 - 5400
    assert fields["timetracking"]["remainingEstimate"] == "6h 30m"
