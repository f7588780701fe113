"""Arguments the check gives ``jira`` methods, by parameter name: ids from what the setup made (``$kind``),
or fixed values a user would pass. ``KIND_OF_ID`` says what a bare ``id`` names in each method."""

from __future__ import annotations

import io
from typing import Any

PROJECT = "CHK"
DESK_PROJECT = "CHKSD"
BY_NAME: dict[str, Any] = {
    "issue": "$issue", "issue_id": "$issue", "issue_key": "$issue", "issueIdOrKey": "$issue", "epic_id": "$epic",
    "inwardIssue": "$issue", "outwardIssue": "$issue#1", "issue_keys": ["$issue#1"],
    "project": PROJECT, "project_key": PROJECT, "projectIdOrKey": PROJECT, "projectKeys": PROJECT, "pid": PROJECT,
    "comment": "$comment", "worklog": "$worklog", "dashboard_id": "$dashboard", "item_id": "$gadget",
    "board_id": "$board", "sprint_id": "$sprint", "filter_id": "$filter", "property_key": "twincheck",
    "username": "$user", "user": "$user", "assignee": "$user", "watcher": "$user#1", "old_user": "$user#1",
    "new_user": "twincheck-renamed", "group": "jira-software-users", "groupname": "twincheck-group",
    "name": "twincheck", "summary": "twingen check", "body": "twingen check", "value": "twincheck",
    "jql_str": f"project = {PROJECT}", "minutes": 5, "transition": "In Progress", "transition_name": "In Progress",
    "version_name": "$version_name", "key": "CHKX", "email": "twincheck@twin.atlassian.example",
    "displayName": "Twin Check", "type": "Relates", "data": {"checked": True}, "issue_type": "10001",
    "issueTypeId": "10001", "service_desk": "$service_desk", "filename": "$avatar_file", "size": 8,
    "avatar_img": b"\x89PNG\r\n\x1a\n", "pin": True, "destination": {"url": "https://example.com/c",
                                                                    "title": "twingen check"},
    "object": {"url": "https://example.com/o", "title": "twingen check"}, "avatar": "10100",
    "cropping_properties": "$cropping",
    "field_list": [{"project": {"key": PROJECT}, "summary": "twingen check", "issuetype": {"name": "Task"}}],
    "customfield": "customfield_10016", "issueid": "$issue_id", "schemeid": "10000",
}  # fmt: skip

EXTRA: dict[str, dict[str, Any]] = {
    # arguments a method needs that its signature leaves optional (one of several, or **fieldargs)
    "add_attachment": {"filename": "twincheck.txt"},  # a file-like object without a name needs one
    "create_issue": {"fields": {"project": {"key": PROJECT}, "summary": "check", "issuetype": {"name": "Task"}}},
    "search_users": {"query": "twin"},
    "search_assignable_users_for_issues": {"query": "twin", "project": PROJECT},
    "rank": {"next_issue": "$issue#1"},
    "delete_remote_link": {"internal_id": "$remote_link"},
    "issue_type_by_name": {"name": "Task"},
    # the avatar a confirm made (deleting a system avatar is refused, as on Jira)
    "delete_user_avatar": {"avatar": "$user_avatar"}, "delete_project_avatar": {"avatar": "$project_avatar"},
    # request_type_by_name raises KeyError for a name the desk lacks: a user names one of the desk's types
    "request_type_by_name": {"name": "Get IT help"},
    # create_customer_request reads fields["serviceDeskId"] and ["requestTypeId"]: without fields it cannot build
    # a request (TypeError before sending), so the check passes what the method's docstring asks for
    "create_customer_request": {"fields": {"serviceDeskId": "$service_desk", "requestTypeId": 1,
                                           "requestFieldValues": {"summary": "twingen check request"}}},
}  # fmt: skip

KIND_OF_ID = {
    "attachment": "attachment", "delete_attachment": "attachment", "component": "component",
    "component_count_related_issues": "component", "delete_component": "component", "custom_field_option": "10000",
    "dashboard": "dashboard", "filter": "filter", "group": "jira-software-users", "issue": "issue",
    "remote_link": "remote_link", "version": "version", "version_count_related_issues": "version",
    "version_count_unresolved_issues": "version", "priority": "3", "resolution": "10000", "status": "3",
    "service_desk": "service_desk", "statuscategory": "2",
    "issue_type": "10001", "issue_link": "issue_link", "issue_link_type": "10000",
    "project": PROJECT, "sprint": "sprint", "delete_board": "board", "update_sprint": "sprint",
    "delete_sprint": "sprint", "security_level": "10000", "delete_project": PROJECT,
    "copy_dashboard": "dashboard", "update_dashboard": "dashboard", "delete_dashboard": "dashboard",
    "update_filter": "filter", "delete_filter": "filter", "user": "$user", "rename_version": "version",
    "get_issue_type_scheme_associations": "10000", "sprints_by_name": "board", "move_version": "version",
    "sprints": "board", "delete_screen": "1", "delete_permissionscheme": "permission_scheme",
    "update_dashboard_automatic_refresh_minutes": "dashboard",
}  # fmt: skip
"""Method name -> what its ``id`` argument names: a setup kind, or a fixed id the site always has."""

PATHS = {
    # the SDK scan cannot follow a path kept in a local variable (path = "project/" + project + "/role")
    "project_roles": ("GET", "/rest/api/2/project/{project}/role"),
}
"""Method name -> the (verb, path) it requests, where the scanned path is not the route Jira serves."""

RESOURCE_IDS = {
    "Attachment": ("attachment",), "Component": ("component",), "CustomFieldOption": ("10000",),
    "Dashboard": ("dashboard",), "DashboardItemPropertyKey": ("dashboard", "gadget"),
    "DashboardItemProperty": ("dashboard", "gadget", "twincheck"), "DashboardGadget": ("dashboard", "gadget"),
    "Field": ("summary",), "Filter": ("filter",), "Issue": ("issue",), "Comment": ("issue", "comment"),
    "PinnedComment": ("issue",), "RemoteLink": ("issue", "remote_link"), "Votes": ("issue",),
    "IssueTypeScheme": (), "IssueSecurityLevelScheme": (PROJECT,), "NotificationScheme": (PROJECT,),
    "PermissionScheme": (PROJECT,), "PriorityScheme": (PROJECT,), "WorkflowScheme": (PROJECT,),
    "Watchers": ("issue",), "TimeTracking": ("issue", "worklog"), "Worklog": ("issue", "worklog"),
    "IssueProperty": ("issue", "twincheck"), "IssueLink": ("issue_link",), "IssueLinkType": ("10000",),
    "IssueType": ("10001",), "Priority": ("3",), "Project": (PROJECT,), "Role": (PROJECT, "10002"),
    "Resolution": ("10000",), "SecurityLevel": ("10000",), "Status": ("3",), "StatusCategory": ("2",),
    "Version": ("version",), "Sprint": ("sprint",), "Board": ("board",), "ServiceDesk": ("service_desk",),
    "RequestType": ("service_desk",), "User": (), "Group": (), "Customer": (), "UnknownResource": ("x",),
}  # fmt: skip
"""Resource class -> the ids its ``find`` takes, each a setup kind or a fixed value."""

RESOURCE_UPDATES: dict[str, dict[str, Any]] = {
    "Issue": {"summary": "twingen check, edited"}, "Comment": {"body": "edited by twingen check"},
    "RemoteLink": {"object": {"url": "https://example.com/e", "title": "edited"}},
    "Role": {"users": None, "groups": "jira-software-users"}, "Version": {"description": "edited"},
}  # fmt: skip

RESOURCE_DELETES: dict[str, dict[str, Any]] = {
    "Watchers": {"username": "$user#1"},  # Watchers.delete(username) removes one watcher: it needs the user
}


def attachment() -> io.BytesIO:
    upload = io.BytesIO(b"twingen check")
    upload.name = "twincheck.txt"
    return upload


PNG = b"\x89PNG\r\n\x1a\n"
"""The PNG signature: enough of an image for an upload the twin stores as sent."""


def avatar_file() -> str:
    """A small PNG on disk: the avatar uploads take a file name and read its size from the file."""
    import os
    import tempfile

    fd, path = tempfile.mkstemp(prefix="twincheck-", suffix=".png")
    with os.fdopen(fd, "wb") as out:
        out.write(PNG)
    return path
