"""Admin role assignments to users and groups, and the group targets that narrow a group-scoped role.

A standard role is assigned by ``{"type": "USER_ADMIN"}``; its assignment id is the role type in base32 (what Okta
answers: ``KVJUKUS7IFCE2SKO`` is USER_ADMIN). A custom role is ``{"type": "CUSTOM", "role": id, "resource-set":
id}``. Assigning a role twice is Okta's 409 E0000090. Records: ``role_assignments`` (``KIND/assigneeId/
assignmentId`` -> assignment, its targets under ``_targets`` / ``_apps``: roles_targets). Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RoleAssignmentAUser/ ,
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RoleAssignmentBGroup/ ,
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RoleBTargetAdmin/ and the recorded
answers (the assignment's shape and ``_links.assignee``).
"""

from __future__ import annotations

import base64
from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _log, _paging, _users
from ._errors import not_found, okta_error, validation_failed
from ._links import href
from ._store import body_object
from .org import orn
from .roles import find_role
from .users_oauth import is_client

Record = dict[str, Any]

ASSIGNMENTS = "role_assignments"
STANDARD = {
    "SUPER_ADMIN": "Super Administrator",
    "ORG_ADMIN": "Organizational Administrator",
    "APP_ADMIN": "Application Administrator",
    "USER_ADMIN": "User Administrator",
    "HELP_DESK_ADMIN": "Help Desk Administrator",
    "READ_ONLY_ADMIN": "Read-only Administrator",
    "MOBILE_ADMIN": "Mobile Administrator",
    "API_ACCESS_MANAGEMENT_ADMIN": "API Access Management Administrator",
    "REPORT_ADMIN": "Report Administrator",
    "GROUP_MEMBERSHIP_ADMIN": "Group Membership Administrator",
}


# System Log events of a grant and a revoke (https://developer.okta.com/docs/reference/api/event-types/)
_EVENTS = {
    "USER": ("user.account.privilege.grant", "user.account.privilege.revoke"),
    "GROUP": ("group.privilege.grant", "group.privilege.revoke"),
    "CLIENT": ("app.oauth2.client.privilege.grant", "app.oauth2.client.privilege.revoke"),
}
_TARGETS = {"USER": "User", "GROUP": "UserGroup", "CLIENT": "PublicClientApp"}


def assignment_id(role_type: str) -> str:
    return base64.b32encode(role_type.encode()).decode().rstrip("=")


def _client(ctx: Context) -> Record:
    """The path's ``clientId``: an OAuth app of the org by its client_id (or id), else Okta's 404."""
    client_id = str(ctx.params.get("clientId") or "")
    if is_client(ctx, client_id):
        return {"id": client_id}
    raise not_found(client_id, "Client")


def _assignee(ctx: Context, kind: str) -> Record:
    if kind == "CLIENT":
        return _client(ctx)
    if kind == "USER":
        return _users.find(ctx, str(ctx.params.get("userId") or ""))
    group_id = str(ctx.params.get("groupId") or "")
    found = ctx.state.collection("groups").get(group_id)
    if found is None:
        raise not_found(group_id, "UserGroup")
    return found


def _render(ctx: Context, assignment: Record) -> Record:
    shown = {k: v for k, v in assignment.items() if not k.startswith("_")}
    base = {"USER": "/api/v1/users/", "CLIENT": "/oauth2/v1/clients/"}.get(
        assignment["assignmentType"], "/api/v1/groups/"
    )
    shown["_links"] = {"assignee": {"href": href(ctx, base + assignment["_assignee"])}}
    if assignment["type"] == "CUSTOM":
        shown["_links"]["role"] = {"href": href(ctx, f"/api/v1/iam/roles/{assignment['role']}")}
    return shown


def _assign(ctx: Context, kind: str) -> Any:
    assignee = _assignee(ctx, kind)
    body = body_object(ctx)
    role_type = str(body.get("type") or "")
    now = iso8601(ctx.now())
    assignment: Record = {
        "type": role_type,
        "status": "ACTIVE",
        "created": now,
        "lastUpdated": now,
        "assignmentType": kind,
        "_assignee": assignee["id"],
        "_targets": [],
    }
    if role_type in STANDARD:
        assignment = {"id": assignment_id(role_type), "label": STANDARD[role_type], **assignment}
    elif role_type == "CUSTOM":
        role = find_role(ctx, str(body.get("role") or ""))
        resource_set = str(body.get("resource-set") or "")
        if not resource_set:
            raise validation_failed("resource-set", "The field cannot be left blank")
        assignment = {
            "id": "irb" + ctx.new_id("", 17),
            "label": role["label"],
            **assignment,
            "role": role["id"],
            "resource-set": resource_set,
        }
    else:
        raise validation_failed("type", "The field has an invalid value")
    key = f"{kind}/{assignee['id']}/{assignment['id']}"
    assignments = ctx.state.collection(ASSIGNMENTS)
    if key in assignments or any(
        a.get("role") == assignment.get("role") and role_type == "CUSTOM" for a in _of(ctx, kind, assignee["id"])
    ):
        raise okta_error("E0000090")
    assignments.put(key, assignment)
    _log.record(
        ctx,
        _EVENTS[kind][0],
        [
            _log.target(_TARGETS[kind], assignee["id"]),
            _log.target("Role", assignment["id"], assignment["label"], assignment["label"]),
        ],
    )
    # a client's role is answered 200 (RoleAssignmentClient/assignRoleToClient), a user's or group's 201
    return Response(200 if kind == "CLIENT" else 201, _render(ctx, assignment))


def _of(ctx: Context, kind: str, assignee_id: str) -> list[Record]:
    prefix = f"{kind}/{assignee_id}/"
    return [a for k, a in ctx.state.collection(ASSIGNMENTS).scan() if k.startswith(prefix)]


def find_assignment(ctx: Context, kind: str) -> tuple[str, Record]:
    assignee = _assignee(ctx, kind)
    wanted = str(ctx.params.get("roleAssignmentId") or ctx.params.get("roleIdOrEncodedRoleId") or "")
    key = f"{kind}/{assignee['id']}/{wanted}"
    found = ctx.state.collection(ASSIGNMENTS).get(key)
    if found is None:
        raise not_found(wanted, "Role")
    return key, found


@behaviour("assignRoleToUser")
def assign_role_to_user(ctx: Context) -> Any:
    return _assign(ctx, "USER")


@behaviour("assignRoleToGroup")
def assign_role_to_group(ctx: Context) -> Any:
    return _assign(ctx, "GROUP")


@behaviour("listAssignedRolesForUser")
def list_assigned_roles_for_user(ctx: Context) -> Any:
    user = _assignee(ctx, "USER")
    return [_render(ctx, a) for a in _of(ctx, "USER", user["id"])]


@behaviour("listGroupAssignedRoles")
def list_group_assigned_roles(ctx: Context) -> Any:
    group = _assignee(ctx, "GROUP")
    return [_render(ctx, a) for a in _of(ctx, "GROUP", group["id"])]


@behaviour("getUserAssignedRole")
def get_user_assigned_role(ctx: Context) -> Any:
    return _render(ctx, find_assignment(ctx, "USER")[1])


@behaviour("getGroupAssignedRole")
def get_group_assigned_role(ctx: Context) -> Any:
    return _render(ctx, find_assignment(ctx, "GROUP")[1])


def _unassign(ctx: Context, kind: str) -> Any:
    key, assignment = find_assignment(ctx, kind)
    ctx.state.collection(ASSIGNMENTS).delete(key)
    _log.record(
        ctx,
        _EVENTS[kind][1],
        [
            _log.target(_TARGETS[kind], assignment["_assignee"]),
            _log.target("Role", assignment["id"], assignment["label"], assignment["label"]),
        ],
    )
    return Response(204, None)


@behaviour("unassignRoleFromUser")
def unassign_role_from_user(ctx: Context) -> Any:
    return _unassign(ctx, "USER")


@behaviour("unassignRoleFromGroup")
def unassign_role_from_group(ctx: Context) -> Any:
    return _unassign(ctx, "GROUP")


@behaviour("listUsersWithRoleAssignments")
def list_users_with_role_assignments(ctx: Context) -> Any:
    """Users holding at least one admin role, each once, in the order their first role was assigned:
    ``{"value": [{"id", "orn", "_links"}], "_links": {"next"?}}`` (RoleAssignmentAUser reference)."""
    seen: dict[str, None] = {}
    for key, _ in ctx.state.collection(ASSIGNMENTS).scan():
        kind, _, rest = key.partition("/")
        if kind == "USER":
            seen.setdefault(rest.split("/", 1)[0], None)
    ids = list(seen)
    after = _paging.cursor_of(ctx)
    if after is not None:
        ids = ids[ids.index(after) + 1 :] if after in ids else []
    limit = _paging.limit_of(ctx, 100, 100)
    page, more = ids[:limit], len(ids) > limit
    links: Record = {}
    if more:
        links["next"] = {"href": href(ctx, f"/api/v1/iam/assignees/users?after={_paging.cursor(page[-1])}")}
    value = [
        {
            "id": user_id,
            "orn": orn(ctx, "directory", "users", user_id),
            "_links": {
                "self": {"href": href(ctx, f"/api/v1/users/{user_id}")},
                "roles": {"href": href(ctx, f"/api/v1/users/{user_id}/roles")},
            },
        }
        for user_id in page
    ]
    return {"value": value, "_links": links}


@behaviour("assignRoleToClient")
def assign_role_to_client(ctx: Context) -> Any:
    return _assign(ctx, "CLIENT")


@behaviour("listRolesForClient")
def list_roles_for_client(ctx: Context) -> Any:
    client = _assignee(ctx, "CLIENT")
    return [_render(ctx, a) for a in _of(ctx, "CLIENT", client["id"])]


@behaviour("retrieveClientRole")
def retrieve_client_role(ctx: Context) -> Any:
    return _render(ctx, find_assignment(ctx, "CLIENT")[1])


@behaviour("deleteRoleFromClient")
def delete_role_from_client(ctx: Context) -> Any:
    return _unassign(ctx, "CLIENT")
