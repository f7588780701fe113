"""Finding projects and issues the way Jira does: by id or key (any case), moved keys included, with Jira's 404s."""

from __future__ import annotations

from typing import Any

from ..runtime import Context, State
from ._errors import issue_not_found, jira_error


def project_by_ref(state: State, ref: str) -> dict[str, Any] | None:
    projects = state.collection("projects")
    found = projects.get(ref)
    if found is not None:
        return found
    project_id = state.collection("projectkeys").get(ref.upper())
    return projects.get(project_id["id"]) if project_id else None


def find_project(ctx: Context, ref: str) -> dict[str, Any]:
    found = project_by_ref(ctx.state, str(ref))
    if found is None:
        # https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-get
        raise jira_error("not_found", f"No project could be found with key '{ref}'.")
    return found


def issue_by_ref(state: State, ref: str) -> dict[str, Any] | None:
    issues = state.collection("issues")
    found = issues.get(ref)
    if found is not None:
        return found
    entry = state.collection("issuekeys").get(ref.upper())
    return issues.get(entry["id"]) if entry else None


def find_issue(ctx: Context, ref: str) -> dict[str, Any]:
    found = issue_by_ref(ctx.state, str(ref))
    if found is None:
        raise issue_not_found()
    return found


def save_issue(state: State, issue: dict[str, Any]) -> None:
    from .search_walk import track

    issues = state.collection("issues")
    track(state, issues.get(issue["id"]), issue)
    issues.put(issue["id"], issue)


def forget_issue(state: State, issue: dict[str, Any]) -> None:
    from .search_walk import track

    track(state, issue, None)
    state.collection("issues").delete(issue["id"])


def subtasks_of(state: State, issue: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's children whose type is a sub-task type, oldest first (by the parent index, not a scan)."""
    from .search_walk import children

    kinds, issues = state.collection("issuetypes"), state.collection("issues")
    found = (issues.get(child) for child in children(state, issue["id"]))
    return [
        sub
        for sub in found
        if sub is not None and (kinds.get(str(sub["fields"].get("issuetype"))) or {}).get("subtask")
    ]


def next_key(state: State, project: dict[str, Any]) -> str:
    """``KEY-N``: N counts per project and is never reused, even after a delete."""
    number = int(project.get("issueCounter", 0)) + 1
    project["issueCounter"] = number
    state.collection("projects").put(project["id"], project)
    return f"{project['key']}-{number}"


def named_record(state: State, collection: str, ref: Any, field: str) -> dict[str, Any]:
    """An issue type, priority, resolution or status named by ``{"id": ..}`` or ``{"name": ..}`` (or a bare id)."""
    records = state.collection(collection)
    if isinstance(ref, dict):
        if ref.get("id") is not None:
            found = records.get(str(ref["id"]))
            if found is not None:
                return found
        elif ref.get("name") is not None:
            for record in records.values():
                if record["name"].lower() == str(ref["name"]).lower():
                    return record
    elif isinstance(ref, (str, int)):
        found = records.get(str(ref))
        if found is not None:
            return found
    raise jira_error("field_invalid", errors={field: _invalid.get(field, f"Specify a valid value for {field}")})


_invalid = {
    "issuetype": "Specify an issue type",
    "priority": "Specify a valid 'id' or 'name' for Priority",
    "resolution": "Specify a valid 'id' or 'name' for Resolution",
}
