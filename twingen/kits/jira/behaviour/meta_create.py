"""Create and edit metadata: which fields each issue type takes, required or not, with allowed values; also the
``editmeta`` and ``transitions`` expansions of an issue.
Source: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issues/#api-rest-api-2-issue-createmeta-get
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from ._api import api, rest
from ._errors import jira_error
from ._paging import page
from ._views import named
from .issue_view import EXPANSIONS, project_ref
from .issues_store import find_issue, find_project, project_by_ref
from .projects import component_view, components_of, version_view, versions_of

CREATE_FIELDS = (
    "summary",
    "issuetype",
    "project",
    "description",
    "reporter",
    "assignee",
    "priority",
    "labels",
    "components",
    "fixVersions",
    "versions",
    "duedate",
    "environment",
    "timetracking",
    "parent",
    "attachment",
    "issuelinks",
)
REQUIRED = {"summary", "issuetype", "project", "reporter"}
OPERATIONS = {
    "array": ["add", "set", "remove"],
    "string": ["set"],
    "user": ["set"],
    "date": ["set"],
    "comments-page": ["add", "edit", "remove"],
}


def _allowed(ctx: Context, field_id: str, project: dict[str, Any] | None) -> list[Any] | None:
    if field_id == "priority":
        return [named(ctx, "priority", p) for p in ctx.state.collection("priorities").values()]
    if field_id == "issuetype":
        return [named(ctx, "issuetype", t) for t in ctx.state.collection("issuetypes").values()]
    if field_id == "project" and project:
        return [project_ref(ctx, project["id"])]
    if field_id == "components" and project:
        return [component_view(ctx, c) for c in components_of(ctx, project["id"])]
    if field_id in ("fixVersions", "versions") and project:
        return [version_view(ctx, v) for v in versions_of(ctx, project["id"])]
    return None


def field_meta(ctx: Context, field: dict[str, Any], project: dict[str, Any] | None, *, create: bool) -> dict[str, Any]:
    kind = field["schema"].get("type", "string")
    out = {
        "required": create and field["id"] in REQUIRED,
        "schema": field["schema"],
        "name": field["name"],
        "key": field["id"],
        "fieldId": field["id"],
        "hasDefaultValue": field["id"] == "priority",
        "operations": OPERATIONS.get(kind, ["set"]),
    }
    allowed = _allowed(ctx, field["id"], project)
    if allowed is not None:
        out["allowedValues"] = allowed
    return out


def _fields_for(ctx: Context, project: dict[str, Any] | None, *, create: bool) -> list[dict[str, Any]]:
    listed = []
    for field in ctx.state.collection("fields").values():
        if field.get("custom") or field["id"] in CREATE_FIELDS or (not create and field["id"] == "comment"):
            if not create and field["id"] == "project":
                continue
            listed.append(field_meta(ctx, field, project, create=create))
    return listed


def _names(raw: Any) -> set[str]:
    if raw in (None, ""):
        return set()
    items = raw if isinstance(raw, list) else str(raw).split(",")
    return {str(i).strip() for i in items if str(i).strip()}


@api(
    "getCreateIssueMeta",
    "GET",
    "issue/createmeta",
    lists=("projectIds", "projectKeys", "issuetypeIds", "issuetypeNames"),
)
def create_meta(ctx: Context) -> dict[str, Any]:
    keys, ids = _names(ctx.params.get("projectKeys")), _names(ctx.params.get("projectIds"))
    type_ids, type_names = _names(ctx.params.get("issuetypeIds")), _names(ctx.params.get("issuetypeNames"))
    expand_fields = "projects.issuetypes.fields" in str(ctx.params.get("expand") or "")
    projects = [
        p
        for p in ctx.state.collection("projects").values()
        if (not keys and not ids) or p["key"] in {k.upper() for k in keys} or p["id"] in ids
    ]
    out = []
    for project in projects:
        types = []
        for kind in ctx.state.collection("issuetypes").values():
            if (type_ids or type_names) and kind["id"] not in type_ids and kind["name"] not in type_names:
                continue
            entry = named(ctx, "issuetype", kind)
            if expand_fields:
                entry["fields"] = {f["key"]: f for f in _fields_for(ctx, project, create=True)}
            types.append(entry)
        out.append({**project_ref(ctx, project["id"]), "issuetypes": types})
    return {"expand": "projects", "projects": out}


@api("getCreateIssueMetaIssueTypes", "GET", "issue/createmeta/{projectIdOrKey}/issuetypes")
def create_meta_types(ctx: Context) -> dict[str, Any]:
    find_project(ctx, ctx.params["projectIdOrKey"])
    types = [named(ctx, "issuetype", t) for t in ctx.state.collection("issuetypes").values()]
    body = page(ctx, types, rest(ctx, f"issue/createmeta/{ctx.params['projectIdOrKey']}/issuetypes"))
    body["issueTypes"] = body["values"]  # Cloud names the list issueTypes; Data Center values
    return body


@api("getCreateIssueMetaIssueTypeId", "GET", "issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}")
def create_meta_fields(ctx: Context) -> dict[str, Any]:
    project = find_project(ctx, ctx.params["projectIdOrKey"])
    if ctx.state.collection("issuetypes").get(str(ctx.params["issueTypeId"])) is None:
        raise jira_error("not_found", "Issue type with id '{}' does not exist.".format(ctx.params["issueTypeId"]))
    listed = _fields_for(ctx, project, create=True)
    body = page(ctx, listed, rest(ctx, f"issue/createmeta/{project['key']}/issuetypes/{ctx.params['issueTypeId']}"))
    body["fields"] = body["values"]
    return body


def edit_meta(ctx: Context, issue: dict[str, Any]) -> dict[str, Any]:
    project = project_by_ref(ctx.state, issue["projectId"])
    return {"fields": {f["key"]: f for f in _fields_for(ctx, project, create=False)}}


EXPANSIONS["editmeta"] = edit_meta


def _transitions(ctx: Context, issue: dict[str, Any]) -> list[dict[str, Any]]:
    from .transitions import available, transition_view

    return [transition_view(ctx, t, False) for t in available(ctx, issue)]


EXPANSIONS["transitions"] = _transitions
EXPANSIONS["operations"] = lambda ctx, issue: {"linkGroups": []}


@api("getEditIssueMeta", "GET", "issue/{issueIdOrKey}/editmeta")
def get_edit_meta(ctx: Context) -> dict[str, Any]:
    return edit_meta(ctx, find_issue(ctx, ctx.params["issueIdOrKey"]))
