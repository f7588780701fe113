"""The site's configuration as clients read it: fields, issue types, priorities, resolutions, statuses and
categories, link types, schemes, project categories, project roles, and the caller's permissions."""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from ._api import api, rest
from ._errors import jira_error
from ._store import is_cloud
from ._views import category, named, status
from .issues_store import find_project

PERMISSIONS = [
    # (key, type): Jira's built-in permissions (https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-permissions/);
    # a new site's creator is a site admin and lead of what they create, so holds each of them
    ("ADMINISTER", "GLOBAL"),
    ("SYSTEM_ADMIN", "GLOBAL"),
    ("USER_PICKER", "GLOBAL"),
    ("CREATE_SHARED_OBJECTS", "GLOBAL"),
    ("MANAGE_GROUP_FILTER_SUBSCRIPTIONS", "GLOBAL"),
    ("BULK_CHANGE", "GLOBAL"),
    ("ADMINISTER_PROJECTS", "PROJECT"),
    ("BROWSE_PROJECTS", "PROJECT"),
    ("VIEW_DEV_TOOLS", "PROJECT"),
    ("VIEW_READONLY_WORKFLOW", "PROJECT"),
    ("CREATE_ISSUES", "PROJECT"),
    ("EDIT_ISSUES", "PROJECT"),
    ("TRANSITION_ISSUES", "PROJECT"),
    ("SCHEDULE_ISSUES", "PROJECT"),
    ("MOVE_ISSUES", "PROJECT"),
    ("ASSIGN_ISSUES", "PROJECT"),
    ("ASSIGNABLE_USER", "PROJECT"),
    ("RESOLVE_ISSUES", "PROJECT"),
    ("CLOSE_ISSUES", "PROJECT"),
    ("MODIFY_REPORTER", "PROJECT"),
    ("DELETE_ISSUES", "PROJECT"),
    ("LINK_ISSUES", "PROJECT"),
    ("SET_ISSUE_SECURITY", "PROJECT"),
    ("VIEW_VOTERS_AND_WATCHERS", "PROJECT"),
    ("MANAGE_WATCHERS", "PROJECT"),
    ("ADD_COMMENTS", "PROJECT"),
    ("EDIT_ALL_COMMENTS", "PROJECT"),
    ("EDIT_OWN_COMMENTS", "PROJECT"),
    ("DELETE_ALL_COMMENTS", "PROJECT"),
    ("DELETE_OWN_COMMENTS", "PROJECT"),
    ("CREATE_ATTACHMENTS", "PROJECT"),
    ("DELETE_ALL_ATTACHMENTS", "PROJECT"),
    ("DELETE_OWN_ATTACHMENTS", "PROJECT"),
    ("WORK_ON_ISSUES", "PROJECT"),
    ("EDIT_OWN_WORKLOGS", "PROJECT"),
    ("EDIT_ALL_WORKLOGS", "PROJECT"),
    ("DELETE_OWN_WORKLOGS", "PROJECT"),
    ("DELETE_ALL_WORKLOGS", "PROJECT"),
    ("MANAGE_SPRINTS_PERMISSION", "PROJECT"),
    ("VIEW_AGGREGATED_DATA", "PROJECT"),
    ("ARCHIVE_ISSUES", "PROJECT"),
    ("UNARCHIVE_ISSUES", "PROJECT"),
]


def _listing(ctx: Context, collection: str, kind: str) -> list[dict[str, Any]]:
    return [named(ctx, kind, r) for r in ctx.state.collection(collection).values()]


def _one(ctx: Context, collection: str, kind: str, ref: str, missing: str) -> dict[str, Any]:
    record = ctx.state.collection(collection).get(ref)
    if record is None:
        raise jira_error("not_found", missing.format(ref))
    return named(ctx, kind, record)


@api("getFields", "GET", "field")
def fields(ctx: Context) -> list[dict[str, Any]]:
    return list(ctx.state.collection("fields").values())


@api("getIssueAllTypes", "GET", "issuetype")
def issue_types(ctx: Context) -> list[dict[str, Any]]:
    return _listing(ctx, "issuetypes", "issuetype")


@api("getIssueType", "GET", "issuetype/{id}")
def issue_type(ctx: Context) -> dict[str, Any]:
    return _one(ctx, "issuetypes", "issuetype", str(ctx.params["id"]), "The issue type with id '{}' does not exist.")


@api("getPriorities", "GET", "priority")
def priorities(ctx: Context) -> list[dict[str, Any]]:
    return _listing(ctx, "priorities", "priority")


@api("getPriority", "GET", "priority/{id}")
def priority(ctx: Context) -> dict[str, Any]:
    return _one(ctx, "priorities", "priority", str(ctx.params["id"]), "The priority with ID '{}' does not exist.")


@api("getResolutions", "GET", "resolution")
def resolutions(ctx: Context) -> list[dict[str, Any]]:
    return _listing(ctx, "resolutions", "resolution")


@api("getResolution", "GET", "resolution/{id}")
def resolution(ctx: Context) -> dict[str, Any]:
    return _one(ctx, "resolutions", "resolution", str(ctx.params["id"]), "The resolution with ID '{}' does not exist.")


@api("getStatuses", "GET", "status")
def statuses(ctx: Context) -> list[dict[str, Any]]:
    return [status(ctx, s) for s in ctx.state.collection("statuses").values()]


@api("getStatus", "GET", "status/{idOrName}")
def one_status(ctx: Context) -> dict[str, Any]:
    ref = str(ctx.params["idOrName"])
    for record in ctx.state.collection("statuses").values():
        if record["id"] == ref or record["name"].lower() == ref.lower():
            return status(ctx, record)
    raise jira_error("not_found", f"The status with ID or name '{ref}' does not exist.")


@api("getStatusCategories", "GET", "statuscategory")
def status_categories(ctx: Context) -> list[dict[str, Any]]:
    return [category(ctx, c) for c in ctx.state.collection("statuscategories").values()]


@api("getStatusCategory", "GET", "statuscategory/{idOrKey}")
def status_category(ctx: Context) -> dict[str, Any]:
    ref = str(ctx.params["idOrKey"])
    for record in ctx.state.collection("statuscategories").values():
        if str(record["id"]) == ref or record["key"] == ref:
            return category(ctx, record)
    raise jira_error("not_found", f"The status category with ID or key '{ref}' does not exist.")


@api("getAllStatuses", "GET", "project/{projectIdOrKey}/statuses")
def project_statuses(ctx: Context) -> list[dict[str, Any]]:
    find_project(ctx, ctx.params["projectIdOrKey"])
    shown = [status(ctx, s) for s in ctx.state.collection("statuses").values()]
    return [
        {
            "self": rest(ctx, f"issuetype/{t['id']}"),
            "id": t["id"],
            "name": t["name"],
            "subtask": t["subtask"],
            "statuses": shown,
        }
        for t in ctx.state.collection("issuetypes").values()
    ]


@api("getIssueLinkTypes", "GET", "issueLinkType")
def link_types(ctx: Context) -> dict[str, Any]:
    return {"issueLinkTypes": [named(ctx, "issueLinkType", t) for t in ctx.state.collection("linktypes").values()]}


@api("getIssueLinkType", "GET", "issueLinkType/{issueLinkTypeId}")
def link_type(ctx: Context) -> dict[str, Any]:
    return _one(
        ctx, "linktypes", "issueLinkType", str(ctx.params["issueLinkTypeId"]), "No issue link type with id '{}' found."
    )


@api("getAllPermissionSchemes", "GET", "permissionscheme")
def permission_schemes(ctx: Context) -> dict[str, Any]:
    return {
        "permissionSchemes": [
            {"self": rest(ctx, f"permissionscheme/{s['id']}"), **s}
            for s in ctx.state.collection("permissionschemes").values()
        ]
    }


@api("getIssueSecuritySchemes", "GET", "issuesecurityschemes")
def security_schemes(ctx: Context) -> dict[str, Any]:
    return {
        "issueSecuritySchemes": [
            {"self": rest(ctx, f"issuesecurityschemes/{s['id']}"), **{k: v for k, v in s.items() if k != "levels"}}
            for s in ctx.state.collection("securityschemes").values()
        ]
    }


@api("getAllProjectCategories", "GET", "projectCategory")
def project_categories(ctx: Context) -> list[dict[str, Any]]:
    return [
        {"self": rest(ctx, f"projectCategory/{c['id']}"), **c}
        for c in ctx.state.collection("projectcategories").values()
    ]


@api("getAllProjectRoles", "GET", "role")
def roles(ctx: Context) -> list[dict[str, Any]]:
    return [{"self": rest(ctx, f"role/{r['id']}"), **r, "actors": []} for r in ctx.state.collection("roles").values()]


@api("getMyPermissions", "GET", "mypermissions")
def my_permissions(ctx: Context) -> dict[str, Any]:
    # a new site's creator is a site admin and lead of what they create: every permission is held
    for name in ("projectKey", "projectId"):
        if ctx.params.get(name):
            find_project(ctx, str(ctx.params[name]))
    if ctx.params.get("issueKey") or ctx.params.get("issueId"):
        from .issues_store import find_issue

        find_issue(ctx, str(ctx.params.get("issueKey") or ctx.params.get("issueId")))
    asked = {p.strip() for p in str(ctx.params.get("permissions") or "").split(",") if p.strip()}
    if not asked and is_cloud(ctx.state):
        # Cloud requires the keys asked about; Server answers every permission without them
        raise jira_error("bad_request", "The permissions parameter is required.")
    unknown = sorted(asked - {key for key, _ in PERMISSIONS})
    if unknown:
        raise jira_error("bad_request", f"Permission key(s) {', '.join(unknown)} do not exist.")
    return {
        "permissions": {
            key: {
                "id": str(index),
                "key": key,
                "name": key.replace("_", " ").title(),
                "type": kind,
                "description": "",
                "havePermission": True,
            }
            for index, (key, kind) in enumerate(PERMISSIONS)
            if not asked or key in asked
        }
    }
