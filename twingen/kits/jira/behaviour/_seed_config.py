"""What a new Jira Cloud site is configured with before anyone changes it: issue types, priorities, resolutions,
statuses and their categories, the default (simplified) workflow, schemes, link types and fields.

Ids and names are Jira Cloud's defaults: priorities 1-5 Highest..Lowest, resolutions 10000 Done, 10001 Won't Do,
10002 Duplicate, 10003 Cannot Reproduce; status categories 1 No Category, 2 To Do, 4 In Progress, 3 Done
(https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-status-categories/).
"""

from __future__ import annotations

from typing import Any

from ..runtime import SeedContext
from ._store import put_all

CATEGORIES = [
    {"id": 1, "key": "undefined", "colorName": "medium-gray", "name": "No Category"},
    {"id": 2, "key": "new", "colorName": "blue-gray", "name": "To Do"},
    {"id": 4, "key": "indeterminate", "colorName": "yellow", "name": "In Progress"},
    {"id": 3, "key": "done", "colorName": "green", "name": "Done"},
]
STATUSES = [
    {"id": "10000", "name": "To Do", "category": 2, "description": ""},
    {"id": "3", "name": "In Progress", "category": 4, "description": "This issue is being actively worked on."},
    {"id": "10001", "name": "Done", "category": 3, "description": ""},
]
TRANSITIONS = [
    # the simplified workflow: global transitions to each status, as a new team-managed/company template has
    {"id": "11", "name": "To Do", "to": "10000"},
    {"id": "21", "name": "In Progress", "to": "3"},
    {"id": "31", "name": "Done", "to": "10001"},
]
ISSUE_TYPES = [
    {
        "id": "10001",
        "name": "Task",
        "subtask": False,
        "hierarchyLevel": 0,
        "description": "A small, distinct piece of work.",
    },
    {"id": "10002", "name": "Bug", "subtask": False, "hierarchyLevel": 0, "description": "A problem or error."},
    {"id": "10003", "name": "Story", "subtask": False, "hierarchyLevel": 0, "description": "A user story."},
    {
        "id": "10000",
        "name": "Epic",
        "subtask": False,
        "hierarchyLevel": 1,
        "description": "A big user story that needs to be broken down.",
    },
    {
        "id": "10004",
        "name": "Sub-task",
        "subtask": True,
        "hierarchyLevel": -1,
        "description": "A small piece of work that's part of a larger task.",
    },
]
PRIORITIES = [
    {"id": "1", "name": "Highest", "statusColor": "#d04437", "description": "This problem will block progress."},
    {"id": "2", "name": "High", "statusColor": "#f15C75", "description": "Serious problem that could block progress."},
    {"id": "3", "name": "Medium", "statusColor": "#f79232", "description": "Has the potential to affect progress."},
    {"id": "4", "name": "Low", "statusColor": "#707070", "description": "Minor problem or easily worked around."},
    {
        "id": "5",
        "name": "Lowest",
        "statusColor": "#999999",
        "description": "Trivial problem with little or no impact on progress.",
    },
]
RESOLUTIONS = [
    {"id": "10000", "name": "Done", "description": "Work has been completed on this issue."},
    {"id": "10001", "name": "Won't Do", "description": "This issue won't be actioned."},
    {"id": "10002", "name": "Duplicate", "description": "The problem is a duplicate of an existing issue."},
    {"id": "10003", "name": "Cannot Reproduce", "description": "All attempts at reproducing this issue failed."},
]
LINK_TYPES = [
    {"id": "10000", "name": "Blocks", "inward": "is blocked by", "outward": "blocks"},
    {"id": "10001", "name": "Cloners", "inward": "is cloned by", "outward": "clones"},
    {"id": "10002", "name": "Duplicate", "inward": "is duplicated by", "outward": "duplicates"},
    {"id": "10003", "name": "Relates", "inward": "relates to", "outward": "relates to"},
]
ROLES = [
    {
        "id": 10002,
        "name": "Administrators",
        "description": "A project role that represents administrators in a project",
    },
    {"id": 10003, "name": "Developers", "description": "A project role that represents developers in a project"},
    {"id": 10004, "name": "Users", "description": "A project role that represents users in a project"},
]


def seed(ctx: SeedContext) -> None:
    put_all(ctx, "statuscategories", [dict(c) for c in CATEGORIES])
    put_all(ctx, "statuses", [dict(s) for s in STATUSES])
    put_all(ctx, "issuetypes", [dict(t) for t in ISSUE_TYPES])
    put_all(ctx, "priorities", [dict(p) for p in PRIORITIES])
    put_all(ctx, "resolutions", [dict(r) for r in RESOLUTIONS])
    put_all(ctx, "linktypes", [dict(t) for t in LINK_TYPES])
    put_all(ctx, "roles", [dict(r) for r in ROLES])
    put_all(ctx, "workflows", [{"id": "classic", "name": "jira", "transitions": [dict(t) for t in TRANSITIONS]}])
    put_all(
        ctx,
        "permissionschemes",
        [{"id": 0, "name": "Default Permission Scheme", "description": "This is the default Permission Scheme."}],
    )
    put_all(ctx, "notificationschemes", [{"id": 10000, "name": "Default Notification Scheme", "description": ""}])
    put_all(
        ctx,
        "securityschemes",
        [
            {
                "id": 10000,
                "name": "Default",
                "description": "",
                "defaultSecurityLevelId": 10000,
                "levels": [{"id": "10000", "name": "Internal", "description": ""}],
            }
        ],
    )
    put_all(ctx, "projectcategories", [{"id": "10000", "name": "Default", "description": "Default category"}])
    put_all(ctx, "fields", [_field(*row) for row in SYSTEM_FIELDS] + [_custom(*row) for row in CUSTOM_FIELDS])


SYSTEM_FIELDS: list[tuple[str, str, str, str | None, bool]] = [
    # (id, name, schema type, items, orderable)
    ("summary", "Summary", "string", None, True),
    ("description", "Description", "string", None, True),
    ("issuetype", "Issue Type", "issuetype", None, True),
    ("project", "Project", "project", None, False),
    ("status", "Status", "status", None, False),
    ("priority", "Priority", "priority", None, True),
    ("resolution", "Resolution", "resolution", None, True),
    ("resolutiondate", "Resolved", "datetime", None, False),
    ("assignee", "Assignee", "user", None, True),
    ("reporter", "Reporter", "user", None, True),
    ("creator", "Creator", "user", None, False),
    ("labels", "Labels", "array", "string", True),
    ("components", "Components", "array", "component", True),
    ("fixVersions", "Fix versions", "array", "version", True),
    ("versions", "Affects versions", "array", "version", True),
    ("duedate", "Due date", "date", None, True),
    ("created", "Created", "datetime", None, False),
    ("updated", "Updated", "datetime", None, False),
    ("environment", "Environment", "string", None, True),
    ("comment", "Comment", "comments-page", None, True),
    ("worklog", "Log Work", "array", "worklog", True),
    ("timetracking", "Time tracking", "timetracking", None, True),
    ("timespent", "Time Spent", "number", None, False),
    ("timeestimate", "Remaining Estimate", "number", None, False),
    ("timeoriginalestimate", "Original estimate", "number", None, False),
    ("attachment", "Attachment", "array", "attachment", True),
    ("issuelinks", "Linked Issues", "array", "issuelinks", True),
    ("subtasks", "Sub-tasks", "array", "issuelinks", False),
    ("parent", "Parent", "issuelink", None, True),
    ("watches", "Watchers", "watches", None, False),
    ("votes", "Votes", "votes", None, False),
    ("security", "Security Level", "securitylevel", None, True),
    ("statuscategorychangedate", "Status Category Changed", "datetime", None, False),
    ("lastViewed", "Last Viewed", "datetime", None, False),
]
CUSTOM_FIELDS: list[tuple[str, str, str, str | None, str]] = [
    # (id, name, schema type, items, custom type)
    ("customfield_10011", "Epic Name", "string", None, "com.pyxis.greenhopper.jira:gh-epic-label"),
    ("customfield_10014", "Epic Link", "any", None, "com.pyxis.greenhopper.jira:gh-epic-link"),
    (
        "customfield_10016",
        "Story point estimate",
        "number",
        None,
        "com.atlassian.jira.plugin.system.customfieldtypes:float",
    ),
    ("customfield_10019", "Rank", "any", None, "com.pyxis.greenhopper.jira:gh-lexo-rank"),
    ("customfield_10020", "Sprint", "array", "json", "com.pyxis.greenhopper.jira:gh-sprint"),
    ("customfield_10015", "Start date", "date", None, "com.atlassian.jira.plugin.system.customfieldtypes:datepicker"),
]
CLAUSES = {
    "issuetype": ["issuetype", "type"],
    "fixVersions": ["fixVersion"],
    "versions": ["affectedVersion"],
    "components": ["component"],
    "labels": ["labels"],
    "timespent": ["timespent"],
}


def _schema(kind: str, items: str | None, system: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": kind, "system": system}
    if items:
        schema["items"] = items
    return schema


def _field(id_: str, name: str, kind: str, items: str | None, orderable: bool) -> dict[str, Any]:
    return {
        "id": id_,
        "key": id_,
        "name": name,
        "custom": False,
        "orderable": orderable,
        "navigable": True,
        "searchable": True,
        "clauseNames": CLAUSES.get(id_, [id_]),
        "schema": _schema(kind, items, id_),
    }


def _custom(id_: str, name: str, kind: str, items: str | None, custom: str) -> dict[str, Any]:
    number = int(id_.rsplit("_", 1)[1])
    schema = {"type": kind, "custom": custom, "customId": number, **({"items": items} if items else {})}
    return {
        "id": id_,
        "key": id_,
        "name": name,
        "untranslatedName": name,
        "custom": True,
        "orderable": True,
        "navigable": True,
        "searchable": True,
        "clauseNames": [f"cf[{number}]", name],
        "schema": schema,
    }
