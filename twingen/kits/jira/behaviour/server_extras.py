"""What Jira Server/Data Center serves beside the platform API and the pycontribs/jira client calls: project
templates, websudo, the custom-field listing, issue type schemes and their projects, epics' issues.
Sources: https://docs.atlassian.com/software/jira/docs/api/REST/8.20.0/ (api/2/customFields,
api/2/issuetypescheme, auth/1/websudo) and the project templates a Server 8 site offers.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from ._api import any_credential, api, body, rest
from ._errors import jira_error
from ._paging import page
from ._store import me
from .agile import agile
from .issues_store import find_issue, issue_by_ref, save_issue

TEMPLATES = {
    "software": [
        ("Basic software development", "com.pyxis.greenhopper.jira:basic-software-development-template"),
        ("Kanban software development", "com.pyxis.greenhopper.jira:gh-kanban-template"),
        ("Scrum software development", "com.pyxis.greenhopper.jira:gh-scrum-template"),
    ],
    "business": [
        ("Process management", "com.atlassian.jira-core-project-templates:jira-core-process-management"),
        ("Project management", "com.atlassian.jira-core-project-templates:jira-core-project-management"),
        ("Task management", "com.atlassian.jira-core-project-templates:jira-core-task-management"),
    ],
}
EPIC_LINK = "customfield_10014"


@any_credential("templates")
def project_templates(ctx: Context) -> dict[str, Any]:
    return {
        "projectTemplatesGroupedByType": [
            {
                "projectTypeKey": kind,
                "projectTemplates": [
                    {
                        "name": name,
                        "projectTemplateModuleCompleteKey": key,
                        "projectTypeKey": kind,
                        "createProject": True,
                    }
                    for name, key in listed
                ],
            }
            for kind, listed in TEMPLATES.items()
        ]
    }


@any_credential("kill_websudo")
def kill_websudo(ctx: Context) -> Response:
    # ends the caller's administrator re-authentication; a basic-auth caller holds none, which is no error
    return Response(204, None)


@behaviour("customFields.v2", method="GET", path="/rest/api/2/customFields")
def custom_fields(ctx: Context) -> dict[str, Any]:
    me(ctx)
    listed = []
    for field in ctx.state.collection("fields").values():
        if field.get("custom"):
            number = int(field["id"].rsplit("_", 1)[1])
            listed.append(
                {
                    "id": field["id"],
                    "name": field["name"],
                    "numericId": number,
                    "type": field["schema"].get("custom", ""),
                    "isLocked": False,
                    "isManaged": False,
                    "isAllProjects": True,
                    "isTrusted": True,
                    "projectsCount": 0,
                    "screensCount": 1,
                }
            )
    query = str(ctx.params.get("search") or "").lower()
    listed = [f for f in listed if query in f["name"].lower()]
    return page(ctx, listed, rest(ctx, "customFields"))


def _schemes(ctx: Context) -> list[dict[str, Any]]:
    # the site's default scheme, and the one each project made from a template gets
    out = [
        {
            "id": "10000",
            "name": "Default Issue Type Scheme",
            "description": "Default issue type scheme is the "
            "list of global issue types. All newly created issue types will automatically be added to this scheme.",
            "isDefault": True,
            "projects": [],
        }
    ]
    for project in ctx.state.collection("projects").values():
        out.append(
            {
                "id": str(20000 + int(project["id"]) - 10000),
                "name": f"{project['key']}: Software Development Issue Type Scheme",
                "description": "",
                "isDefault": False,
                "projects": [project["id"]],
            }
        )
    return out


@api("getAllIssueTypeSchemes", "GET", "issuetypescheme")
def issue_type_schemes(ctx: Context) -> dict[str, Any]:
    listed = [
        {
            "self": rest(ctx, f"issuetypescheme/{s['id']}"),
            "id": s["id"],
            "name": s["name"],
            "description": s["description"],
            "isDefault": s["isDefault"],
        }
        for s in _schemes(ctx)
    ]
    shown = page(ctx, listed, rest(ctx, "issuetypescheme"))
    shown["schemes"] = listed  # Data Center answers the list as "schemes"; Cloud pages it as "values"
    return shown


@any_credential("get_issue_type_scheme_associations")
def scheme_projects(ctx: Context) -> list[dict[str, Any]]:
    wanted = str(ctx.params.get("id"))
    scheme = next((s for s in _schemes(ctx) if s["id"] == wanted), None)
    if scheme is None:
        raise jira_error("not_found", f"The issue type scheme with id '{wanted}' does not exist.")
    from .projects import project_view

    projects = ctx.state.collection("projects")
    return [project_view(ctx, p) for p in (projects.get(pid) for pid in scheme["projects"]) if p]


@agile("moveIssuesToEpic")
def move_to_epic(ctx: Context) -> Response:
    epic = find_issue(ctx, ctx.params["epicIdOrKey"])
    kind = ctx.state.collection("issuetypes").get(str(epic["fields"].get("issuetype"))) or {}
    if kind.get("name") != "Epic":
        raise jira_error("bad_request", f"Issue {epic['key']} is not an epic.")
    refs = body(ctx).get("issues")
    if not isinstance(refs, list) or not refs:
        raise jira_error("bad_request", "The request must name at least one issue.")
    found = [issue_by_ref(ctx.state, str(ref)) for ref in refs]
    if any(issue is None for issue in found):
        raise jira_error("bad_request", "Issue does not exist or you do not have permission to see it.")
    for issue in found:
        assert issue is not None
        issue["fields"][EPIC_LINK] = epic["key"]
        save_issue(ctx.state, issue)
    return Response(204, None)


@agile("getIssuesForEpic")
def epic_issues(ctx: Context) -> dict[str, Any]:
    from .issue_view import issue_view

    epic = find_issue(ctx, ctx.params["epicIdOrKey"])
    found = [
        issue_view(ctx, i) for i in ctx.state.collection("issues").values() if i["fields"].get(EPIC_LINK) == epic["key"]
    ]
    out = page(ctx, found, f"{ctx.base_url.rstrip('/')}/rest/agile/1.0/epic/{epic['id']}/issue")
    out["issues"] = out.pop("values")
    return out
