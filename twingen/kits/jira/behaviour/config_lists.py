"""Site configuration listed page by page: notification schemes, screens, security levels, custom field
options (a new site's fields have none), and the counts and order of a project's versions.
Sources: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-notification-schemes/,
.../api-group-screens/, .../api-group-issue-security-level/, .../api-group-project-versions/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from ._api import api, body, rest
from ._errors import jira_error
from ._paging import page
from .project_parts import _version
from .projects import version_view, versions_of

SCREENS = ("Default Screen", "Resolve Issue Screen", "Workflow Screen")


@api("getNotificationSchemes", "GET", "notificationscheme")
def notification_schemes(ctx: Context) -> dict[str, Any]:
    listed = [{"self": rest(ctx, f"notificationscheme/{s['id']}"), "expand": "notificationSchemeEvents,user,group",
               **s} for s in ctx.state.collection("notificationschemes").values()]  # fmt: skip
    return page(ctx, listed, rest(ctx, "notificationscheme"))


@api("getScreens", "GET", "screens")
def screens(ctx: Context) -> dict[str, Any]:
    # a new site's screens for its default workflow and field configuration
    listed = [{"id": 1 + n, "name": name, "description": ""} for n, name in enumerate(SCREENS)]
    return page(ctx, listed, rest(ctx, "screens"), default=100)


@api("getIssueSecurityLevel", "GET", "securitylevel/{id}")
def security_level(ctx: Context) -> dict[str, Any]:
    wanted = str(ctx.params["id"])
    for scheme in ctx.state.collection("securityschemes").values():
        for level in scheme.get("levels", []):
            if level["id"] == wanted:
                return {"self": rest(ctx, f"securitylevel/{wanted}"), **level}
    raise jira_error("not_found", f"The issue security level with ID {wanted} does not exist.")


@api("getCustomFieldOption", "GET", "customFieldOption/{id}")
def custom_field_option(ctx: Context) -> dict[str, Any]:
    wanted = str(ctx.params["id"])
    for field in ctx.state.collection("fields").values():
        for option in field.get("options", []):
            if str(option["id"]) == wanted:
                return {"self": rest(ctx, f"customFieldOption/{wanted}"), "value": option["value"]}
    raise jira_error("not_found", f"A custom field option with ID '{wanted}' does not exist.")


def _fixed_by(ctx: Context, version_id: str, field: str) -> list[dict[str, Any]]:
    return [i for i in ctx.state.collection("issues").values() if version_id in (i["fields"].get(field) or [])]


@api("getVersionRelatedIssues", "GET", "version/{id}/relatedIssueCounts")
def version_issue_counts(ctx: Context) -> dict[str, Any]:
    version = _version(ctx)
    return {
        "self": rest(ctx, f"version/{version['id']}"),
        "issuesFixedCount": len(_fixed_by(ctx, version["id"], "fixVersions")),
        "issuesAffectedCount": len(_fixed_by(ctx, version["id"], "versions")),
        "issueCountWithCustomFieldsShowingVersion": 0,
    }


@api("getVersionUnresolvedIssues", "GET", "version/{id}/unresolvedIssueCount")
def version_unresolved(ctx: Context) -> dict[str, Any]:
    version = _version(ctx)
    fixed = _fixed_by(ctx, version["id"], "fixVersions")
    return {
        "self": rest(ctx, f"version/{version['id']}"),
        "issuesCount": len(fixed),
        "issuesUnresolvedCount": sum(1 for i in fixed if not i["fields"].get("resolution")),
    }


@api("moveVersion", "POST", "version/{id}/move")
def move_version(ctx: Context) -> dict[str, Any]:
    version = _version(ctx)
    sent = body(ctx)
    siblings = [v for v in versions_of(ctx, version["projectId"]) if v["id"] != version["id"]]
    position, after = sent.get("position"), sent.get("after")
    if position in ("First", "Earlier", "Later", "Last"):
        at = [v["id"] for v in versions_of(ctx, version["projectId"])].index(version["id"])
        index = {"First": 0, "Last": len(siblings), "Earlier": max(0, at - 1), "Later": min(len(siblings), at + 1)}[
            position
        ]
    elif after:
        ids = [v["id"] for v in siblings]
        ref = str(after).rstrip("/").rsplit("/", 1)[-1]
        if ref not in ids:
            raise jira_error("bad_request", f"Could not find version for id '{ref}'")
        index = ids.index(ref) + 1
    else:
        raise jira_error("bad_request", "A position or the version to move after is required.")
    ordered = [*siblings[:index], version, *siblings[index:]]
    records = ctx.state.collection("versions")
    for record in ordered:  # the collection keeps insertion order: put back in the new order
        records.delete(record["id"])
    for record in ordered:
        records.put(record["id"], record)
    return version_view(ctx, version)
