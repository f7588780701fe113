"""Site and project administration the clients read: application properties, issue properties, project roles
and the schemes a project uses, adding and removing users, pinned comments.
Sources: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-jira-settings/,
.../api-group-issue-properties/, .../api-group-project-roles/, .../api-group-users/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response
from ._api import any_credential, api, body, rest
from ._errors import jira_error
from ._store import find_user, is_cloud
from ._views import user
from .issues_store import find_issue, find_project, save_issue

PROPERTIES = {
    # key -> (type, default): a few of the site's settings (Administration > System > General configuration)
    "jira.title": ("string", "Jira"),
    "jira.option.allowunassigned": ("boolean", "true"),
    "jira.option.watching": ("boolean", "true"),
    "jira.option.voting": ("boolean", "true"),
    "jira.issue.key.pattern": ("string", "([A-Z][A-Z]+)"),
    "jira.lf.favicon.hires.url": ("string", "/jira-favicon-hires.png"),
    "jira.lf.favicon.url": ("string", "/favicon.ico"),
    "jira.clone.prefix": ("string", "CLONE -"),
    "jira.date.time.picker.java.format": ("string", "dd/MMM/yy h:mm a"),
}


def _property(ctx: Context, key: str) -> dict[str, Any]:
    kind, default = PROPERTIES[key]
    saved = ctx.state.collection("appproperties").get(key) or {}
    value = saved.get("value", default)
    return {"id": key, "key": key, "value": value, "name": key, "desc": "", "type": kind, "defaultValue": default}


@api("getApplicationProperty", "GET", "application-properties")
def application_properties(ctx: Context) -> Any:
    key = ctx.params.get("key")
    if key:
        if key not in PROPERTIES:
            raise jira_error("not_found", f"Property with key: {key} does not exist.")
        return _property(ctx, str(key))
    return [_property(ctx, k) for k in PROPERTIES]


@api("setApplicationProperty", "PUT", "application-properties/{id}")
def set_application_property(ctx: Context) -> dict[str, Any]:
    key = str(ctx.params["id"])
    if key not in PROPERTIES:
        raise jira_error("not_found", f"Property with key: {key} does not exist.")
    value = body(ctx).get("value")
    if PROPERTIES[key][0] == "boolean" and str(value).lower() not in ("true", "false"):
        raise jira_error("bad_request", f"Value '{value}' is not a valid boolean.")
    ctx.state.collection("appproperties").put(key, {"value": str(value)})
    return _property(ctx, key)


@api("getIssuePropertyKeys", "GET", "issue/{issueIdOrKey}/properties")
def issue_property_keys(ctx: Context) -> dict[str, Any]:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    return {"keys": [{"self": rest(ctx, f"issue/{issue['key']}/properties/{k}"), "key": k}
                     for k in issue.get("properties", {})]}


@api("setIssueProperty", "PUT", "issue/{issueIdOrKey}/properties/{propertyKey}")
def set_issue_property(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    key = str(ctx.params["propertyKey"])
    if len(key) > 255:
        raise jira_error("bad_request", "The property key cannot be longer than 255 characters.")
    if ctx.body is None:
        raise jira_error("bad_request", "The property value must be valid JSON.")
    created = key not in issue.get("properties", {})
    issue.setdefault("properties", {})[key] = ctx.body
    save_issue(ctx.state, issue)
    return Response(201 if created else 200, None)


@api("getIssueProperty", "GET", "issue/{issueIdOrKey}/properties/{propertyKey}")
def get_issue_property(ctx: Context) -> dict[str, Any]:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    key = str(ctx.params["propertyKey"])
    if key not in issue.get("properties", {}):
        raise jira_error("not_found", f"The property with key '{key}' does not exist.")
    return {"key": key, "value": issue["properties"][key]}


@api("deleteIssueProperty", "DELETE", "issue/{issueIdOrKey}/properties/{propertyKey}")
def delete_issue_property(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    if issue.get("properties", {}).pop(str(ctx.params["propertyKey"]), None) is None:
        raise jira_error("not_found", f"The property with key '{ctx.params['propertyKey']}' does not exist.")
    save_issue(ctx.state, issue)
    return Response(204, None)


@api("getProjectRoles", "GET", "project/{projectIdOrKey}/role")
def project_roles(ctx: Context) -> dict[str, str]:
    project = find_project(ctx, ctx.params["projectIdOrKey"])
    return {r["name"]: rest(ctx, f"project/{project['id']}/role/{r['id']}")
            for r in ctx.state.collection("roles").values()}


@api("getProjectRole", "GET", "project/{projectIdOrKey}/role/{id}")
def project_role(ctx: Context) -> dict[str, Any]:
    project = find_project(ctx, ctx.params["projectIdOrKey"])
    role = ctx.state.collection("roles").get(str(ctx.params["id"]))
    if role is None:
        raise jira_error("not_found", f"Can not retrieve a role actor for a null project role.")
    actors = []
    if role["name"] == "Administrators":  # a new project's administrators: the site admins' group
        actors.append({"id": 10100, "displayName": "jira-administrators", "type": "atlassian-group-role-actor",
                       "name": "jira-administrators", "actorGroup": {"name": "jira-administrators",
                                                                    "displayName": "jira-administrators"}})
    lead = ctx.state.collection("users").get(project.get("lead") or "")
    if lead and role["name"] == "Administrators":
        shown = user(ctx, lead) or {}
        actors.append({"id": 10101, "displayName": lead["displayName"], "type": "atlassian-user-role-actor",
                       "name": shown.get("name", lead["accountId"]), "actorUser": {"accountId": lead["accountId"]}})
    return {"self": rest(ctx, f"project/{project['id']}/role/{role['id']}"), "name": role["name"],
            "id": role["id"], "description": role["description"], "actors": actors}


def _scheme(ctx: Context, collection: str, ref: Any, kind: str) -> dict[str, Any]:
    record = ctx.state.collection(collection).get(str(ref))
    if record is None:
        raise jira_error("not_found", f"The project has no {kind}.")
    return {"self": rest(ctx, f"{kind}/{record['id']}"), "expand": "permissions,user,group,projectRole,field,all",
            **{k: v for k, v in record.items() if k != "levels"}}


@api("getAssignedPermissionScheme", "GET", "project/{projectKeyOrId}/permissionscheme")
def project_permission_scheme(ctx: Context) -> dict[str, Any]:
    project = find_project(ctx, ctx.params["projectKeyOrId"])
    return _scheme(ctx, "permissionschemes", project.get("permissionScheme", 0), "permissionscheme")


@api("getNotificationSchemeForProject", "GET", "project/{projectKeyOrId}/notificationscheme")
def project_notification_scheme(ctx: Context) -> dict[str, Any]:
    project = find_project(ctx, ctx.params["projectKeyOrId"])
    return _scheme(ctx, "notificationschemes", project.get("notificationScheme", 10000), "notificationscheme")


@api("getProjectIssueSecurityScheme", "GET", "project/{projectKeyOrId}/issuesecuritylevelscheme")
def project_security_scheme(ctx: Context) -> dict[str, Any]:
    project = find_project(ctx, ctx.params["projectKeyOrId"])
    if not project.get("issueSecurityScheme"):
        raise jira_error("not_found", "No issue security level scheme is associated with this project.")
    return _scheme(ctx, "securityschemes", project["issueSecurityScheme"], "issuesecurityschemes")


@any_credential("project_priority_scheme")
def project_priority_scheme(ctx: Context) -> dict[str, Any]:
    # Data Center's priority schemes (https://docs.atlassian.com/software/jira/docs/api/REST/8.20.0/#api/2/project-getPriorityScheme)
    find_project(ctx, ctx.params["project"])
    ids = [p["id"] for p in ctx.state.collection("priorities").values()]
    return {"expand": "projectKeys", "self": rest(ctx, "priorityschemes/1"), "id": 1,
            "name": "Default priority scheme", "description": "This is default priority scheme used by all projects "
            "without any other scheme assigned.", "defaultOptionId": "3", "optionIds": ids, "defaultScheme": True}


@any_credential("project_workflow_scheme")
def project_workflow_scheme(ctx: Context) -> dict[str, Any]:
    find_project(ctx, ctx.params["project"])
    return {"id": 10000, "name": "Default Workflow Scheme", "description": "Default Workflow Scheme",
            "defaultWorkflow": "jira", "issueTypeMappings": {}, "self": rest(ctx, "workflowscheme/10000")}


@api("createUser", "POST", "user")
def create_user(ctx: Context) -> Response:
    sent = body(ctx)
    email = str(sent.get("emailAddress") or "")
    if not email or "@" not in email:
        raise jira_error("field_invalid", errors={"emailAddress": "You must specify a valid email address."})
    users = ctx.state.collection("users")
    name = str(sent.get("name") or email)
    if find_user(ctx.state, name) or find_user(ctx.state, email):
        raise jira_error("field_invalid", errors={"username": "A user with that username already exists."})
    account = "712020:" + ctx.new_id("", 32, "0123456789abcdef")
    record = {"accountId": account, "accountType": "atlassian", "name": name,
              "key": f"JIRAUSER{10000 + len(users)}", "emailAddress": email,
              "displayName": str(sent.get("displayName") or email.split("@")[0]), "active": True,
              "timeZone": "Etc/UTC", "locale": "en_US", "groups": ["jira-software-users"], "properties": {}}
    users.put(account, record)
    return Response(201, user(ctx, record, full=True))


@api("removeUser", "DELETE", "user")
def remove_user(ctx: Context) -> Response:
    ref = ctx.params.get("accountId") or ctx.params.get("username") or ctx.params.get("key")
    found = find_user(ctx.state, str(ref or ""))
    if found is None:
        raise jira_error("not_found", f"The user with account ID '{ref}' does not exist." if is_cloud(ctx.state)
                         else f"The user named '{ref}' does not exist")
    if found["accountId"] == ctx.identity.get("accountId"):
        raise jira_error("bad_request", "You cannot delete the currently logged in user.")
    ctx.state.collection("users").delete(found["accountId"])
    return Response(204, None)


@any_credential("pinned_comments")
def pinned_comments(ctx: Context) -> list[dict[str, Any]]:
    from .comments import comment_view, comments_of

    issue = find_issue(ctx, ctx.params["issue"])
    return [{"comment": comment_view(ctx, issue, c), "pinnedBy": user(ctx, ctx.state.collection("users").get(
        c.get("pinnedBy") or "")), "pinnedDate": c.get("pinnedDate")} for c in comments_of(ctx, issue)
        if c.get("pinned")]


@any_credential("pin_comment")
def pin_comment(ctx: Context) -> Response:
    from .issue_view import stamp

    issue = find_issue(ctx, ctx.params["issue"])
    comments = ctx.state.collection("comments")
    comment = comments.get(str(ctx.params["comment"]))
    if comment is None or comment["issueId"] != issue["id"]:
        raise jira_error("not_found", f"Can not find a comment for the id: {ctx.params['comment']}.")
    pin = ctx.raw_body.strip().lower()
    if pin not in (b"true", b"false"):
        raise jira_error("bad_request", "The request body must be true or false.")
    comment["pinned"] = pin == b"true"
    comment["pinnedBy"], comment["pinnedDate"] = ctx.identity.get("accountId"), stamp(ctx)
    comments.put(comment["id"], comment)
    return Response(204, None)
