"""Components and versions of a project: names unique per project, lead by account id or username, release dates.
Sources: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-project-components/,
https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-project-versions/
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, Response
from ._api import api, body, rest
from ._errors import jira_error
from ._paging import page
from ._store import find_user, next_id
from .issues_store import find_project, project_by_ref
from .projects import component_view, components_of, version_view, versions_of

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _owner(ctx: Context, sent: dict[str, Any], field: str) -> dict[str, Any]:
    ref = sent.get("projectId") or sent.get("project")
    project = project_by_ref(ctx.state, str(ref)) if ref else None
    if project is None:
        raise jira_error(
            "field_invalid",
            errors={
                field: "The project is not found."
                if ref
                else "Project must be specified to create a " + ("component." if field == "project" else "version.")
            },
        )
    return project


def _lead(ctx: Context, sent: dict[str, Any]) -> str | None:
    ref = sent.get("leadAccountId") or sent.get("leadUserName")
    if not ref:
        return None
    found = find_user(ctx.state, str(ref))
    if found is None:
        raise jira_error("field_invalid", errors={"leadAccountId": f"The user {ref} does not exist."})
    return str(found["accountId"])


@api("createComponent", "POST", "component")
def create_component(ctx: Context) -> Response:
    sent = body(ctx)
    project = _owner(ctx, sent, "project")
    name = str(sent.get("name") or "").strip()
    if not name:
        raise jira_error("field_invalid", errors={"name": "The component name specified is invalid."})
    if any(c["name"].lower() == name.lower() for c in components_of(ctx, project["id"])):
        raise jira_error(
            "field_invalid", errors={"name": f"A component with the name {name} already exists in this project."}
        )
    record = {
        "id": next_id(ctx.state, "component"),
        "projectId": project["id"],
        "name": name,
        "description": sent.get("description") or "",
        "lead": _lead(ctx, sent),
        "assigneeType": sent.get("assigneeType") or "PROJECT_DEFAULT",
    }
    ctx.state.collection("components").put(record["id"], record)
    return Response(201, component_view(ctx, record))


def _component(ctx: Context) -> dict[str, Any]:
    found = ctx.state.collection("components").get(str(ctx.params["id"]))
    if found is None:
        raise jira_error("not_found", f"The component with id {ctx.params['id']} does not exist.")
    return found


@api("getComponent", "GET", "component/{id}")
def get_component(ctx: Context) -> dict[str, Any]:
    return component_view(ctx, _component(ctx))


@api("updateComponent", "PUT", "component/{id}")
def update_component(ctx: Context) -> dict[str, Any]:
    record = _component(ctx)
    sent = body(ctx)
    for name in ("name", "description", "assigneeType"):
        if name in sent:
            record[name] = sent[name]
    if "leadAccountId" in sent or "leadUserName" in sent:
        record["lead"] = _lead(ctx, sent)
    ctx.state.collection("components").put(record["id"], record)
    return component_view(ctx, record)


@api("deleteComponent", "DELETE", "component/{id}")
def delete_component(ctx: Context) -> Response:
    record = _component(ctx)
    issues = ctx.state.collection("issues")
    from .issues_store import save_issue

    for issue in [i for i in issues.values() if record["id"] in (i["fields"].get("components") or [])]:
        issue["fields"]["components"] = [c for c in issue["fields"]["components"] if c != record["id"]]
        save_issue(ctx.state, issue)
    ctx.state.collection("components").delete(record["id"])
    return Response(204, None)


@api("getComponentRelatedIssues", "GET", "component/{id}/relatedIssueCounts")
def component_issue_count(ctx: Context) -> dict[str, Any]:
    record = _component(ctx)
    count = sum(
        1 for i in ctx.state.collection("issues").values() if record["id"] in (i["fields"].get("components") or [])
    )
    return {"self": rest(ctx, f"component/{record['id']}/relatedIssueCounts"), "issueCount": count}


@api("getProjectComponents", "GET", "project/{projectIdOrKey}/components")
def project_components(ctx: Context) -> list[dict[str, Any]]:
    project = find_project(ctx, ctx.params["projectIdOrKey"])
    return [component_view(ctx, c) for c in components_of(ctx, project["id"])]


@api("getProjectComponentsPaginated", "GET", "project/{projectIdOrKey}/component")
def project_components_page(ctx: Context) -> dict[str, Any]:
    project = find_project(ctx, ctx.params["projectIdOrKey"])
    listed = [component_view(ctx, c) for c in components_of(ctx, project["id"])]
    return page(ctx, listed, rest(ctx, f"project/{project['key']}/component"))


def _check_dates(sent: dict[str, Any]) -> None:
    for key in ("startDate", "releaseDate"):
        value = sent.get(key)
        if value is not None and (not isinstance(value, str) or not DATE.match(value)):
            raise jira_error(
                "field_invalid", errors={key: 'Invalid date format. Please enter the date in the format "yyyy-MM-dd".'}
            )


@api("createVersion", "POST", "version")
def create_version(ctx: Context) -> Response:
    sent = body(ctx)
    project = _owner(ctx, sent, "project")
    name = str(sent.get("name") or "").strip()
    if not name:
        raise jira_error("field_invalid", errors={"name": "You must specify a valid version name"})
    if any(v["name"] == name for v in versions_of(ctx, project["id"])):
        raise jira_error("field_invalid", errors={"name": "A version with this name already exists in this project."})
    _check_dates(sent)
    record = {"id": next_id(ctx.state, "version"), "projectId": project["id"], "name": name}
    for key in ("description", "startDate", "releaseDate", "archived", "released"):
        if sent.get(key) is not None:
            record[key] = sent[key]
    ctx.state.collection("versions").put(record["id"], record)
    return Response(201, version_view(ctx, record))


def _version(ctx: Context) -> dict[str, Any]:
    found = ctx.state.collection("versions").get(str(ctx.params["id"]))
    if found is None:
        raise jira_error("not_found", f"Could not find version for id '{ctx.params['id']}'")
    return found


@api("getVersion", "GET", "version/{id}")
def get_version(ctx: Context) -> dict[str, Any]:
    return version_view(ctx, _version(ctx))


@api("updateVersion", "PUT", "version/{id}")
def update_version(ctx: Context) -> dict[str, Any]:
    record = _version(ctx)
    sent = body(ctx)
    if "name" in sent and any(
        v["name"] == sent["name"] and v["id"] != record["id"] for v in versions_of(ctx, record["projectId"])
    ):
        raise jira_error("field_invalid", errors={"name": "A version with this name already exists in this project."})
    _check_dates(sent)
    for key in ("name", "description", "startDate", "releaseDate", "archived", "released"):
        if key in sent:
            record[key] = sent[key]
    ctx.state.collection("versions").put(record["id"], record)
    return version_view(ctx, record)


@api("deleteVersion", "DELETE", "version/{id}")
def delete_version(ctx: Context) -> Response:
    record = _version(ctx)
    from .issues_store import save_issue

    for issue in ctx.state.collection("issues").values():
        changed = False
        for field in ("fixVersions", "versions"):
            if record["id"] in (issue["fields"].get(field) or []):
                issue["fields"][field] = [v for v in issue["fields"][field] if v != record["id"]]
                changed = True
        if changed:
            save_issue(ctx.state, issue)
    ctx.state.collection("versions").delete(record["id"])
    return Response(204, None)


@api("getProjectVersions", "GET", "project/{projectIdOrKey}/versions")
def project_versions(ctx: Context) -> list[dict[str, Any]]:
    project = find_project(ctx, ctx.params["projectIdOrKey"])
    return [version_view(ctx, v) for v in versions_of(ctx, project["id"])]


@api("getProjectVersionsPaginated", "GET", "project/{projectIdOrKey}/version")
def project_versions_page(ctx: Context) -> dict[str, Any]:
    project = find_project(ctx, ctx.params["projectIdOrKey"])
    listed = [version_view(ctx, v) for v in versions_of(ctx, project["id"])]
    return page(ctx, listed, rest(ctx, f"project/{project['key']}/version"))
