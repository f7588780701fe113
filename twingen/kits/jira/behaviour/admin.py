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
from ._properties import drop_property, read_property, write_property
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
    "jira.lf.text.headingcolour": ("colour", "#172b4d"),
    "jira.lf.top.bgcolour": ("colour", "#205081"),
    "jira.lf.top.textcolour": ("colour", "#ffffff"),
    "jira.lf.logo.url": ("string", "/images/jira-software.png"),
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
    return {
        "keys": [
            {"self": rest(ctx, f"issue/{issue['key']}/properties/{k}"), "key": k} for k in issue.get("properties", {})
        ]
    }


@api("setIssueProperty", "PUT", "issue/{issueIdOrKey}/properties/{propertyKey}")
def set_issue_property(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    key = str(ctx.params["propertyKey"])
    if len(key) > 255:
        raise jira_error("bad_request", "The property key cannot be longer than 255 characters.")
    created = write_property(ctx, issue)
    save_issue(ctx.state, issue)
    return Response(201 if created else 200, None)


@api("getIssueProperty", "GET", "issue/{issueIdOrKey}/properties/{propertyKey}")
def get_issue_property(ctx: Context) -> dict[str, Any]:
    return read_property(ctx, find_issue(ctx, ctx.params["issueIdOrKey"]))


@api("deleteIssueProperty", "DELETE", "issue/{issueIdOrKey}/properties/{propertyKey}")
def delete_issue_property(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    drop_property(ctx, issue)
    save_issue(ctx.state, issue)
    return Response(204, None)


@api("getProjectRoles", "GET", "project/{projectIdOrKey}/role")
def project_roles(ctx: Context) -> dict[str, str]:
    project = find_project(ctx, ctx.params["projectIdOrKey"])
    return {
        r["name"]: rest(ctx, f"project/{project['id']}/role/{r['id']}") for r in ctx.state.collection("roles").values()
    }


def _actors(project: dict[str, Any], role: dict[str, Any]) -> dict[str, list[str]]:
    # a new project's Administrators are the site admins' group, as Jira's default permission scheme sets it up
    default = {"users": [], "groups": ["jira-administrators"] if role["name"] == "Administrators" else []}
    return dict((project.get("roleActors") or {}).get(str(role["id"]), default))


def _role(ctx: Context) -> tuple[dict[str, Any], dict[str, Any]]:
    project = find_project(ctx, ctx.params["projectIdOrKey"])
    role = ctx.state.collection("roles").get(str(ctx.params["id"]))
    if role is None:
        raise jira_error("not_found", "Can not retrieve a role actor for a null project role.")
    return project, role


def _role_view(ctx: Context, project: dict[str, Any], role: dict[str, Any]) -> dict[str, Any]:
    held = _actors(project, role)
    actors: list[dict[str, Any]] = []
    for index, name in enumerate(held["groups"]):
        actors.append(
            {
                "id": 10100 + index,
                "displayName": name,
                "type": "atlassian-group-role-actor",
                "name": name,
                "actorGroup": {"name": name, "displayName": name},
            }
        )
    people = ctx.state.collection("users")
    for index, account in enumerate(held["users"]):
        record = people.get(account)
        if record:
            shown = user(ctx, record) or {}
            actors.append(
                {
                    "id": 10200 + index,
                    "displayName": record["displayName"],
                    "type": "atlassian-user-role-actor",
                    "name": shown.get("name", account),
                    "actorUser": {"accountId": account},
                }
            )
    return {
        "self": rest(ctx, f"project/{project['id']}/role/{role['id']}"),
        "name": role["name"],
        "id": role["id"],
        "description": role["description"],
        "actors": actors,
    }


def _named_actors(ctx: Context, users: Any, groups: Any) -> dict[str, list[str]]:
    accounts, names = [], []
    for ref in users or []:
        found = find_user(ctx.state, str(ref))
        if found is None:
            raise jira_error("bad_request", f"We can't find '{ref}' in any accessible user directory.")
        accounts.append(found["accountId"])
    for name in groups or []:
        if ctx.state.collection("groups").get(str(name)) is None:
            raise jira_error("bad_request", f"We can't find group '{name}'.")
        names.append(str(name))
    return {"users": accounts, "groups": names}


def _save_actors(ctx: Context, project: dict[str, Any], role: dict[str, Any], held: dict[str, list[str]]) -> None:
    project.setdefault("roleActors", {})[str(role["id"])] = {
        "users": list(dict.fromkeys(held["users"])),
        "groups": list(dict.fromkeys(held["groups"])),
    }
    ctx.state.collection("projects").put(project["id"], project)


@api("getProjectRole", "GET", "project/{projectIdOrKey}/role/{id}")
def project_role(ctx: Context) -> dict[str, Any]:
    return _role_view(ctx, *_role(ctx))


@api("setActors", "PUT", "project/{projectIdOrKey}/role/{id}")
def set_actors(ctx: Context) -> dict[str, Any]:
    project, role = _role(ctx)
    sent = body(ctx).get("categorisedActors") or {}
    held = _named_actors(
        ctx,
        sent.get("atlassian-user-role-actor") or sent.get("atlassian-user-role-actor-id"),
        sent.get("atlassian-group-role-actor") or [],
    )
    _save_actors(ctx, project, role, held)
    return _role_view(ctx, project, role)


@api("addActorUsers", "POST", "project/{projectIdOrKey}/role/{id}")
def add_actors(ctx: Context) -> dict[str, Any]:
    project, role = _role(ctx)
    sent = body(ctx)
    added = _named_actors(ctx, sent.get("user"), sent.get("group") or sent.get("groupId"))
    held = _actors(project, role)
    _save_actors(
        ctx, project, role, {"users": held["users"] + added["users"], "groups": held["groups"] + added["groups"]}
    )
    return _role_view(ctx, project, role)


@api("deleteActor", "DELETE", "project/{projectIdOrKey}/role/{id}")
def delete_actor(ctx: Context) -> Response:
    project, role = _role(ctx)
    held = _actors(project, role)
    gone = _named_actors(
        ctx,
        [ctx.params["user"]] if ctx.params.get("user") else [],
        [ctx.params["group"]] if ctx.params.get("group") else [],
    )
    _save_actors(
        ctx,
        project,
        role,
        {
            "users": [u for u in held["users"] if u not in gone["users"]],
            "groups": [g for g in held["groups"] if g not in gone["groups"]],
        },
    )
    return Response(204, None)


def _scheme(ctx: Context, collection: str, ref: Any, kind: str) -> dict[str, Any]:
    record = ctx.state.collection(collection).get(str(ref))
    if record is None:
        raise jira_error("not_found", f"The project has no {kind}.")
    return {
        "self": rest(ctx, f"{kind}/{record['id']}"),
        "expand": "permissions,user,group,projectRole,field,all",
        **{k: v for k, v in record.items() if k != "levels"},
    }


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
    return {
        "expand": "projectKeys",
        "self": rest(ctx, "priorityschemes/1"),
        "id": 1,
        "name": "Default priority scheme",
        "description": "This is default priority scheme used by all projects without any other scheme assigned.",
        "defaultOptionId": "3",
        "optionIds": ids,
        "defaultScheme": True,
    }


@any_credential("project_workflow_scheme")
def project_workflow_scheme(ctx: Context) -> dict[str, Any]:
    # a project made from a software template gets its own scheme, named after the project's key
    project = find_project(ctx, ctx.params["project"])
    scheme = 10100 + int(project["id"]) - 10000
    return {
        "id": scheme,
        "name": f"{project['key']}: Software Simplified Workflow Scheme",
        "description": "Generated by Jira Software version 8.20.10. This workflow scheme is managed internally "
        "by Jira Software. Do not manually modify this workflow scheme.",
        "defaultWorkflow": "jira",
        "issueTypeMappings": {},
        "self": rest(ctx, f"workflowscheme/{scheme}"),
    }


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
    record = {
        "accountId": account,
        "accountType": "atlassian",
        "name": name,
        "key": f"JIRAUSER{10000 + len(users)}",
        "emailAddress": email,
        "displayName": str(sent.get("displayName") or email.split("@")[0]),
        "active": True,
        "timeZone": "Etc/UTC",
        "locale": "en_US",
        "groups": ["jira-software-users"],
        "properties": {},
    }
    users.put(account, record)
    return Response(201, user(ctx, record, full=True))


@api("removeUser", "DELETE", "user")
def remove_user(ctx: Context) -> Response:
    ref = ctx.params.get("accountId") or ctx.params.get("username") or ctx.params.get("key")
    found = find_user(ctx.state, str(ref or ""))
    if found is None:
        raise jira_error(
            "not_found",
            f"The user with account ID '{ref}' does not exist."
            if is_cloud(ctx.state)
            else f"The user named '{ref}' does not exist",
        )
    if found["accountId"] == ctx.identity.get("accountId"):
        raise jira_error("bad_request", "You cannot delete the currently logged in user.")
    ctx.state.collection("users").delete(found["accountId"])
    return Response(204, None)


@any_credential("pinned_comments")
def pinned_comments(ctx: Context) -> list[dict[str, Any]]:
    from .comments import comment_view, comments_of

    issue = find_issue(ctx, ctx.params["issue"])
    return [
        {
            "comment": comment_view(ctx, issue, c),
            "pinnedBy": user(ctx, ctx.state.collection("users").get(c.get("pinnedBy") or "")),
            "pinnedDate": c.get("pinnedDate"),
        }
        for c in comments_of(ctx, issue)
        if c.get("pinned")
    ]


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
