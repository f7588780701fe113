"""Projects: create (key and name rules, schemes), read, update, delete (with their issues), list and search.

Key rules: https://support.atlassian.com/jira-cloud-administration/docs/edit-a-projects-details/ and the
messages Jira answers for POST /rest/api/3/project (400 ``errors.projectKey`` / ``errors.projectName``).
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, Response
from ._api import api, body, rest, site
from ._errors import jira_error
from ._paging import page
from ._store import find_user, me, next_id
from ._views import named, user
from .issues_store import find_project

KEY = re.compile(r"^[A-Z][A-Z0-9]+$")
MAX_KEY = 10


def project_view(ctx: Context, project: dict[str, Any], *, full: bool = True) -> dict[str, Any]:
    pid = project["id"]
    avatar = f"{site(ctx)}/rest/api/2/universal_avatar/view/type/project/avatar/10400"
    out: dict[str, Any] = {
        "expand": "description,lead,issueTypes,url,projectKeys,permissions,insight",
        "self": rest(ctx, f"project/{pid}"),
        "id": pid,
        "key": project["key"],
        "name": project["name"],
        "avatarUrls": {
            s: f"{avatar}?size={n}"
            for s, n in (("48x48", "large"), ("24x24", "small"), ("16x16", "xsmall"), ("32x32", "medium"))
        },
        "projectTypeKey": project.get("projectTypeKey", "software"),
        "simplified": False,
        "style": "classic",
        "isPrivate": False,
        "properties": {},
    }
    if project.get("categoryId"):
        category = ctx.state.collection("projectcategories").get(str(project["categoryId"]))
        if category:
            out["projectCategory"] = {"self": rest(ctx, f"projectCategory/{category['id']}"), **category}
    if full:
        lead = ctx.state.collection("users").get(project.get("lead") or "")
        out.update(
            description=project.get("description", ""),
            lead=user(ctx, lead),
            components=[component_view(ctx, c) for c in components_of(ctx, pid)],
            issueTypes=[named(ctx, "issuetype", t) for t in ctx.state.collection("issuetypes").values()],
            assigneeType=project.get("assigneeType", "UNASSIGNED"),
            versions=[version_view(ctx, v) for v in versions_of(ctx, pid)],
            roles={
                r["name"]: rest(ctx, f"project/{pid}/role/{r['id']}") for r in ctx.state.collection("roles").values()
            },
        )
        if project.get("url"):
            out["url"] = project["url"]
    if "projectKeys" in str(ctx.params.get("expand") or ""):
        out["projectKeys"] = [project["key"], *project.get("oldKeys", [])]
    return out


def components_of(ctx: Context, project_id: str) -> list[dict[str, Any]]:
    return [c for c in ctx.state.collection("components").values() if c["projectId"] == project_id]


def versions_of(ctx: Context, project_id: str) -> list[dict[str, Any]]:
    return [v for v in ctx.state.collection("versions").values() if v["projectId"] == project_id]


def component_view(ctx: Context, component: dict[str, Any]) -> dict[str, Any]:
    project = ctx.state.collection("projects").get(component["projectId"]) or {}
    lead = ctx.state.collection("users").get(component.get("lead") or "")
    out = {
        "self": rest(ctx, f"component/{component['id']}"),
        "id": component["id"],
        "name": component["name"],
        "description": component.get("description", ""),
        "assigneeType": component.get("assigneeType", "PROJECT_DEFAULT"),
        "isAssigneeTypeValid": False,
        "project": project.get("key"),
        "projectId": int(component["projectId"]),
    }
    if lead:
        out["lead"] = user(ctx, lead)
    return out


def version_view(ctx: Context, version: dict[str, Any]) -> dict[str, Any]:
    out = {
        "self": rest(ctx, f"version/{version['id']}"),
        "id": version["id"],
        "name": version["name"],
        "archived": version.get("archived", False),
        "released": version.get("released", False),
        "projectId": int(version["projectId"]),
    }
    for name in ("description", "startDate", "releaseDate"):
        if version.get(name):
            out[name] = version[name]
    return out


def _validate_new(ctx: Context, sent: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    key, name = str(sent.get("key") or ""), str(sent.get("name") or "")
    if not key:
        errors["projectKey"] = "You must specify a valid project key."
    elif len(key) > MAX_KEY:
        errors["projectKey"] = f"The project key must not exceed {MAX_KEY} characters in length."
    elif not KEY.match(key):
        errors["projectKey"] = (
            "Project keys must start with an uppercase letter, followed by one or more uppercase "
            "alphanumeric characters."
        )
    elif ctx.state.collection("projectkeys").get(key) is not None:
        errors["projectKey"] = f"Project '{key}' uses this project key."
    if not name:
        errors["projectName"] = "You must specify a valid project name."
    elif any(p["name"].lower() == name.lower() for p in ctx.state.collection("projects").values()):
        errors["projectName"] = "A project with that name already exists."
    if not sent.get("projectTypeKey"):
        errors["projectType"] = "A project type must be specified."
    return errors


@api("createProject", "POST", "project")
def create_project(ctx: Context) -> Response:
    sent = body(ctx)
    errors = _validate_new(ctx, sent)
    lead_ref = sent.get("leadAccountId") or sent.get("lead")
    lead = find_user(ctx.state, str(lead_ref)) if lead_ref else None
    if lead_ref and lead is None:
        errors["projectLead"] = "The project lead you specified does not exist."
    for field, collection in (
        ("permissionScheme", "permissionschemes"),
        ("notificationScheme", "notificationschemes"),
        ("issueSecurityScheme", "securityschemes"),
        ("categoryId", "projectcategories"),
    ):
        ref = sent.get(field)
        if ref not in (None, "") and ctx.state.collection(collection).get(str(ref)) is None:
            errors[field] = f"The {field} with id {ref} does not exist."
    if errors:
        raise jira_error("field_invalid", errors=errors)
    pid = next_id(ctx.state, "project")
    key = str(sent["key"])
    record = {
        "id": pid,
        "key": key,
        "name": str(sent["name"]),
        "description": str(sent.get("description") or ""),
        "lead": (lead or me(ctx))["accountId"],
        "projectTypeKey": sent["projectTypeKey"],
        "projectTemplateKey": sent.get("projectTemplateKey"),
        "assigneeType": sent.get("assigneeType") or "UNASSIGNED",
        "url": sent.get("url") or "",
        "permissionScheme": sent.get("permissionScheme", 0),
        "notificationScheme": sent.get("notificationScheme", 10000),
        "issueSecurityScheme": sent.get("issueSecurityScheme"),
        "categoryId": sent.get("categoryId"),
        "issueCounter": 0,
    }
    ctx.state.collection("projects").put(pid, record)
    ctx.state.collection("projectkeys").put(key, {"id": pid})
    return Response(201, {"self": rest(ctx, f"project/{pid}"), "id": int(pid), "key": key})


@api("getProject", "GET", "project/{projectIdOrKey}")
def get_project(ctx: Context) -> dict[str, Any]:
    return project_view(ctx, find_project(ctx, ctx.params["projectIdOrKey"]))


@api("getAllProjects", "GET", "project")
def all_projects(ctx: Context) -> list[dict[str, Any]]:
    return [project_view(ctx, p, full=False) for p in ctx.state.collection("projects").values()]


@api("searchProjects", "GET", "project/search")
def search_projects(ctx: Context) -> dict[str, Any]:
    query = str(ctx.params.get("query") or "").lower()
    keys = {k.strip().upper() for k in str(ctx.params.get("keys") or "").split(",") if k.strip()}
    found = [
        project_view(ctx, p, full=False)
        for p in ctx.state.collection("projects").values()
        if (not query or query in p["name"].lower() or query in p["key"].lower()) and (not keys or p["key"] in keys)
    ]
    return page(ctx, found, rest(ctx, "project/search"))


@api("updateProject", "PUT", "project/{projectIdOrKey}")
def update_project(ctx: Context) -> dict[str, Any]:
    project = find_project(ctx, ctx.params["projectIdOrKey"])
    sent = body(ctx)
    if "key" in sent and sent["key"] != project["key"]:
        key = str(sent["key"])
        if not KEY.match(key) or len(key) > MAX_KEY:
            raise jira_error(
                "field_invalid",
                errors={
                    "projectKey": "Project keys must start with an uppercase letter, "
                    "followed by one or more uppercase alphanumeric characters."
                },
            )
        if ctx.state.collection("projectkeys").get(key) is not None:
            raise jira_error("field_invalid", errors={"projectKey": f"Project '{key}' uses this project key."})
        project["oldKeys"] = [*project.get("oldKeys", []), project["key"]]
        project["key"] = key
        ctx.state.collection("projectkeys").put(key, {"id": project["id"]})
    for name in ("name", "description", "url", "assigneeType", "categoryId"):
        if name in sent:
            project[name] = sent[name]
    if sent.get("leadAccountId") or sent.get("lead"):
        lead = find_user(ctx.state, str(sent.get("leadAccountId") or sent.get("lead")))
        if lead is None:
            raise jira_error("field_invalid", errors={"projectLead": "The project lead you specified does not exist."})
        project["lead"] = lead["accountId"]
    ctx.state.collection("projects").put(project["id"], project)
    return project_view(ctx, project)


@api("deleteProject", "DELETE", "project/{projectIdOrKey}")
def delete_project(ctx: Context) -> Response:
    project = find_project(ctx, ctx.params["projectIdOrKey"])
    from .issues import drop_issue

    for issue in [i for i in ctx.state.collection("issues").values() if i["projectId"] == project["id"]]:
        drop_issue(ctx, issue)
    for collection in ("components", "versions"):
        records = ctx.state.collection(collection)
        for record in [r for r in records.values() if r["projectId"] == project["id"]]:
            records.delete(record["id"])
    ctx.state.collection("projects").delete(project["id"])
    for key in [project["key"], *project.get("oldKeys", [])]:
        ctx.state.collection("projectkeys").delete(key)
    return Response(204, None)
