"""Issues: create (one and bulk), read, edit (``fields`` and ``update`` verbs), assign, delete (``deleteSubtasks``),
changelog. Keys are ``KEY-N`` per project and never reused. A refused edit changes nothing.
Source: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issues/
"""

from __future__ import annotations

import copy
from typing import Any

from ..runtime import Context, Response
from ._api import api, body, rest, version
from ._errors import jira_error
from ._store import is_cloud, me, next_id
from .issue_fields import Changes, apply, apply_updates
from .issue_view import issue_view, stamp
from .issues_store import find_issue, forget_issue, named_record, next_key, project_by_ref, save_issue, subtasks_of

TODO, MEDIUM = "10000", "3"


def _project_of(ctx: Context, fields: dict[str, Any]) -> dict[str, Any] | None:
    ref = fields.get("project")
    if isinstance(ref, dict):
        ref = ref.get("id") or ref.get("key")
    return project_by_ref(ctx.state, str(ref)) if ref else None


def build_issue(ctx: Context, sent: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], list[Any]]:
    """A new issue from a create body, or 400 with every field error (nothing is stored)."""
    fields = sent.get("fields")
    if not isinstance(fields, dict):
        raise (
            jira_error("bad_request", "Issue must contain a 'fields' object.")
            if fields is not None
            else jira_error(
                "field_invalid",
                errors={
                    "project": "Specify a valid project ID or key",
                    "issuetype": "Specify an issue type",
                    "summary": "You must specify a summary of the issue.",
                },
            )
        )
    errors: dict[str, str] = {}
    project = _project_of(ctx, fields)
    if project is None:
        errors["project"] = "Specify a valid project ID or key"
    try:
        issuetype = named_record(ctx.state, "issuetypes", fields.get("issuetype"), "issuetype")
    except Exception:
        issuetype = None
        # Cloud and Server word a missing or unknown issue type differently
        errors["issuetype"] = "Specify an issue type" if is_cloud(ctx.state) else "issue type is required"
    if not fields.get("summary"):
        errors["summary"] = "You must specify a summary of the issue."
    if issuetype and issuetype.get("subtask") and not fields.get("parent"):
        errors["issuetype"] = "Issue type is a sub-task but parent issue key or id not specified."
    if errors or project is None:
        raise jira_error("field_invalid", errors=errors)
    caller = me(ctx)["accountId"]
    now = stamp(ctx)
    lead = project.get("lead") if project.get("assigneeType") == "PROJECT_LEAD" else None
    issue: dict[str, Any] = {
        "id": "",
        "key": "",
        "projectId": project["id"],
        "created": now,
        "updated": now,
        "fields": {
            "status": TODO,
            "priority": MEDIUM,
            "reporter": caller,
            "creator": caller,
            "assignee": lead,
            "labels": [],
            "components": [],
            "fixVersions": [],
            "versions": [],
            "resolution": None,
            "resolutiondate": None,
            "description": None,
            "environment": None,
        },
        "watchers": [caller],
        "votes": [],
        "changelog": [],
        "properties": {},
    }
    changes = Changes()
    apply(ctx, issue, fields, version(ctx), changes)
    comments = apply_updates(ctx, issue, sent.get("update") or {}, version(ctx), changes)
    if changes.errors:
        raise jira_error("field_invalid", errors=changes.errors)
    return issue, project, comments


def store_new(ctx: Context, issue: dict[str, Any], project: dict[str, Any], comments: list[Any]) -> dict[str, Any]:
    from .agile_rank import RANK_FIELD, new_rank

    issue["fields"].setdefault(RANK_FIELD, new_rank(ctx.state))
    issue["id"] = next_id(ctx.state, "issue")
    issue["key"] = next_key(ctx.state, project)
    save_issue(ctx.state, issue)
    ctx.state.collection("issuekeys").put(issue["key"], {"id": issue["id"]})
    from .comments import add_comment_record

    for comment in comments:
        add_comment_record(ctx, issue, comment if isinstance(comment, dict) else {"body": comment})
    return {"id": issue["id"], "key": issue["key"], "self": rest(ctx, f"issue/{issue['id']}")}


@api("createIssue", "POST", "issue")
def create_issue(ctx: Context) -> Response:
    issue, project, comments = build_issue(ctx, body(ctx))
    return Response(201, store_new(ctx, issue, project, comments))


@api("createIssues", "POST", "issue/bulk")
def create_issues(ctx: Context) -> Response:
    updates = body(ctx).get("issueUpdates")
    if not isinstance(updates, list):
        raise jira_error("bad_request", "Issue updates must be an array.")
    created, failed = [], []
    for index, sent in enumerate(updates):
        try:
            issue, project, comments = build_issue(ctx, sent if isinstance(sent, dict) else {})
        except Exception as refused:
            details = getattr(refused, "details", {})
            failed.append(
                {
                    "status": 400,
                    "elementErrors": {
                        "errorMessages": details.get("messages", []),
                        "errors": details.get("errors", {}),
                    },
                    "failedElementNumber": index,
                }
            )
            continue
        created.append(store_new(ctx, issue, project, comments))
    status = 201 if not failed else 400 if not created else 201
    return Response(status, {"issues": created, "errors": failed})


@api("getIssue", "GET", "issue/{issueIdOrKey}", lists=("fields", "properties"))
def get_issue(ctx: Context) -> dict[str, Any]:
    return issue_view(ctx, find_issue(ctx, ctx.params["issueIdOrKey"]))


def edit(ctx: Context, issue: dict[str, Any], sent: dict[str, Any]) -> None:
    """Apply an edit body to a copy; store it with one changelog entry, or 400 and nothing changes."""
    draft = copy.deepcopy(issue)
    changes = Changes()
    fields = sent.get("fields") or {}
    if not isinstance(fields, dict):
        raise jira_error("bad_request", "The 'fields' value must be an object.")
    apply(ctx, draft, fields, version(ctx), changes)
    comments = apply_updates(ctx, draft, sent.get("update") or {}, version(ctx), changes)
    if changes.errors:
        raise jira_error("field_invalid", errors=changes.errors)
    record_change(ctx, draft, changes.items)
    save_issue(ctx.state, draft)
    from .comments import add_comment_record

    for comment in comments:
        add_comment_record(ctx, draft, comment if isinstance(comment, dict) else {"body": comment})


def record_change(ctx: Context, issue: dict[str, Any], items: list[dict[str, Any]]) -> None:
    if not items:
        return
    issue["updated"] = stamp(ctx)
    history_id = next_id(ctx.state, "changegroup")
    caller = ctx.identity.get("accountId")
    issue.setdefault("changelog", []).append(
        {"id": history_id, "author": caller, "created": issue["updated"], "items": items}
    )


@api("editIssue", "PUT", "issue/{issueIdOrKey}")
def edit_issue(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    edit(ctx, issue, body(ctx))
    if str(ctx.params.get("returnIssue", "")).lower() == "true":
        return Response(200, issue_view(ctx, find_issue(ctx, issue["id"])))
    return Response(204, None)


@api("assignIssue", "PUT", "issue/{issueIdOrKey}/assignee")
def assign_issue(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    sent = body(ctx)
    edit(ctx, issue, {"fields": {"assignee": sent or None}})
    return Response(204, None)


def drop_issue(ctx: Context, issue: dict[str, Any]) -> None:
    """Remove an issue and what hangs off it; its key stays used (the project's counter never goes back)."""
    for collection in ("comments", "worklogs", "attachments", "remotelinks"):
        records = ctx.state.collection(collection)
        for record in [r for r in records.values() if r.get("issueId") == issue["id"]]:
            records.delete(record["id"])
    links = ctx.state.collection("issuelinks")
    for link in [li for li in links.values() if issue["id"] in (li["inward"], li["outward"])]:
        links.delete(link["id"])
    forget_issue(ctx.state, issue)
    keys = ctx.state.collection("issuekeys")
    for key in [issue["key"], *issue.get("oldKeys", [])]:
        keys.delete(key)


@api("deleteIssue", "DELETE", "issue/{issueIdOrKey}")
def delete_issue(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    subtasks = subtasks_of(ctx.state, issue)
    if subtasks and str(ctx.params.get("deleteSubtasks", "false")).lower() != "true":
        raise jira_error(
            "bad_request",
            f"The issue '{issue['key']}' has subtasks.  You must specify the "
            "'deleteSubtasks' parameter to delete this issue and all its subtasks.",
        )
    for sub in subtasks:
        drop_issue(ctx, sub)
    drop_issue(ctx, issue)
    return Response(204, None)


@api("getChangeLogs", "GET", "issue/{issueIdOrKey}/changelog")
def changelog(ctx: Context) -> dict[str, Any]:
    from ._paging import page
    from .issue_view import _history

    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    histories = [_history(ctx, h) for h in issue.get("changelog", [])]
    return page(ctx, histories, rest(ctx, f"issue/{issue['key']}/changelog"), default=100)
