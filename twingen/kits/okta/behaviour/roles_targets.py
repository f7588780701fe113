"""The targets that narrow an admin role assignment: groups (USER_ADMIN, HELP_DESK_ADMIN, GROUP_MEMBERSHIP_ADMIN)
and apps (APP_ADMIN: an app type from the catalog, or one app instance). Without a target the role covers every
group or app; assigning all apps (``PUT .../targets/catalog/apps``) clears the app targets.
Kept on the assignment record: ``_targets`` (group ids), ``_apps`` (``name`` or ``name/appId``). Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RoleBTargetAdmin/ and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RoleBTargetBGroup/
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _users, _users_related
from ._errors import not_found, okta_error
from ._links import href
from .org import orn
from .roles_assignments import ASSIGNMENTS, find_assignment
from .users_relations import render_group

Record = dict[str, Any]

GROUP_TARGETED = ("USER_ADMIN", "HELP_DESK_ADMIN", "GROUP_MEMBERSHIP_ADMIN")
APP_TARGETED = ("APP_ADMIN",)


def _targets(ctx: Context, kind: str) -> Any:
    _, assignment = find_assignment(ctx, kind)
    groups = ctx.state.collection("groups")
    found = [groups.get(g) for g in assignment["_targets"]]
    return [render_group(ctx, g) for g in found if g is not None]


def _target(ctx: Context, kind: str, add: bool) -> Any:
    key, assignment = find_assignment(ctx, kind)
    _targeted(assignment, GROUP_TARGETED, "Group")
    param = "targetGroupId" if kind == "GROUP" else "groupId"
    group_id = str(ctx.params.get(param) or "")
    if ctx.state.collection("groups").get(group_id) is None:
        raise not_found(group_id, "UserGroup")
    targets = [t for t in assignment["_targets"] if t != group_id]
    assignment["_targets"] = [*targets, group_id] if add else targets
    assignment["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(ASSIGNMENTS).put(key, assignment)
    return Response(204, None)


@behaviour("listGroupTargetsForRole")
def list_group_targets_for_role(ctx: Context) -> Any:
    return _targets(ctx, "USER")


@behaviour("listGroupTargetsForGroupRole")
def list_group_targets_for_group_role(ctx: Context) -> Any:
    return _targets(ctx, "GROUP")


@behaviour("assignGroupTargetToUserRole")
def assign_group_target_to_user_role(ctx: Context) -> Any:
    return _target(ctx, "USER", True)


@behaviour("unassignGroupTargetFromUserAdminRole")
def unassign_group_target_from_user_admin_role(ctx: Context) -> Any:
    return _target(ctx, "USER", False)


@behaviour("assignGroupTargetToGroupAdminRole")
def assign_group_target_to_group_admin_role(ctx: Context) -> Any:
    return _target(ctx, "GROUP", True)


@behaviour("unassignGroupTargetFromGroupAdminRole")
def unassign_group_target_from_group_admin_role(ctx: Context) -> Any:
    return _target(ctx, "GROUP", False)


def _targeted(assignment: Record, roles: tuple[str, ...], what: str) -> None:
    if assignment["type"] not in roles:
        raise okta_error(
            "E0000001",
            "Api validation failed: target",
            causes=[f"target: {what} targets are not supported for the {assignment['type']} role."],
        )


def _catalog_app(ctx: Context, target: str) -> Record:
    """A target as Okta lists it: the catalog entry of an app type, with the instance's id when one app."""
    name, _, app_id = target.partition("/")
    app = ctx.state.collection("apps").get(app_id) if app_id else None
    shown: Record = {
        "name": name,
        "displayName": (app or {}).get("label") or name,
        "description": None,
        "status": "ACTIVE",
        "lastUpdated": (app or {}).get("lastUpdated"),
        "category": None,
        "verificationStatus": "OKTA_VERIFIED",
        "website": None,
        "signOnModes": [(app or {}).get("signOnMode")] if app else [],
        "features": [],
    }
    if app_id:
        shown["id"] = app_id
    shown["_links"] = {
        "logo": [{"name": "medium", "href": href(ctx, f"/assets/img/logos/apps/{name}.png"), "type": "image/png"}]
    }
    return shown


# the key of an app in Okta's catalog (OIN): lower-case letters, digits and underscores (``salesforce``,
# ``template_swa``, ``okta_org2org``); the twin does not hold the catalog itself, so a key of that form is taken
# (a known gap: Okta would also 404 a well-formed key it does not list)
_CATALOG_KEY = re.compile(r"[a-z][a-z0-9_]*")


def _catalogued(ctx: Context, name: str) -> bool:
    """An app type of the catalog, or the type of an app instance of the org."""
    if _CATALOG_KEY.fullmatch(name):
        return True
    return any(a.get("name") == name for _, a in ctx.state.collection("apps").scan())


def _app_targets(ctx: Context, kind: str) -> Any:
    _, assignment = find_assignment(ctx, kind)
    _targeted(assignment, APP_TARGETED, "App")
    return [_catalog_app(ctx, t) for t in assignment.get("_apps") or []]


def _app_target(ctx: Context, kind: str, add: bool, *, everything: bool = False) -> Any:
    key, assignment = find_assignment(ctx, kind)
    _targeted(assignment, APP_TARGETED, "App")
    name = str(ctx.params.get("appName") or "")
    app_id = str(ctx.params.get("appId") or "")
    if app_id:
        app = ctx.state.collection("apps").get(app_id)
        if app is None or str(app.get("name")) != name:
            raise not_found(app_id, "AppInstance")
    elif not everything and not _catalogued(ctx, name):
        raise not_found(name, "App")
    target = f"{name}/{app_id}" if app_id else name
    kept = [] if everything else [t for t in assignment.get("_apps") or [] if t != target]
    assignment["_apps"] = [*kept, target] if add and not everything else kept
    assignment["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(ASSIGNMENTS).put(key, assignment)
    return Response(204, None)


@behaviour("listApplicationTargetsForApplicationAdministratorRoleForUser")
def list_app_targets_for_user_role(ctx: Context) -> Any:
    return _app_targets(ctx, "USER")


@behaviour("listApplicationTargetsForApplicationAdministratorRoleForGroup")
def list_app_targets_for_group_role(ctx: Context) -> Any:
    return _app_targets(ctx, "GROUP")


@behaviour("assignAllAppsAsTargetToRoleForUser")
def assign_all_apps_as_target_to_role_for_user(ctx: Context) -> Any:
    return _app_target(ctx, "USER", True, everything=True)


@behaviour("assignAppTargetToAdminRoleForUser")
@behaviour("assignAppInstanceTargetToAppAdminRoleForUser")
def assign_app_target_to_user_role(ctx: Context) -> Any:
    return _app_target(ctx, "USER", True)


@behaviour("unassignAppTargetFromAppAdminRoleForUser")
@behaviour("unassignAppInstanceTargetFromAdminRoleForUser")
def unassign_app_target_from_user_role(ctx: Context) -> Any:
    return _app_target(ctx, "USER", False)


@behaviour("assignAppTargetToAdminRoleForGroup")
@behaviour("assignAppInstanceTargetToAppAdminRoleForGroup")
def assign_app_target_to_group_role(ctx: Context) -> Any:
    return _app_target(ctx, "GROUP", True)


@behaviour("unassignAppTargetToAdminRoleForGroup")
@behaviour("unassignAppInstanceTargetToAppAdminRoleForGroup")
def unassign_app_target_from_group_role(ctx: Context) -> Any:
    return _app_target(ctx, "GROUP", False)


@behaviour("getRoleTargetsByUserIdAndRoleId")
def get_role_targets_by_user_id_and_role_id(ctx: Context) -> Any:
    """Every target of the role the user holds, directly (``assignmentType=USER``) or through its groups
    (``GROUP``; both when not given), as ORNs: ``orn:okta:directory:ORG:groups:ID`` and
    ``orn:okta:idp:ORG:apps:NAME[:ID]``."""
    user = _users.find(ctx)
    role_id = str(ctx.params.get("roleIdOrEncodedRoleId") or "")
    wanted = str(ctx.params.get("assignmentType") or "")
    holders = [("USER", user["id"])] + [("GROUP", g) for g in _users_related.group_ids(ctx, user["id"])]
    assignments = ctx.state.collection(ASSIGNMENTS)
    held = [(kind, assignments.get(f"{kind}/{holder}/{role_id}")) for kind, holder in holders]
    if all(assignment is None for _, assignment in held):
        raise not_found(role_id, "Role")
    found: list[Record] = []
    for kind, assignment in held:
        if assignment is None or (wanted and wanted != kind):
            continue
        for group_id in assignment.get("_targets") or []:
            found.append(
                {
                    "orn": orn(ctx, "directory", "groups", group_id),
                    "assignmentType": kind,
                    "_links": {"self": {"href": href(ctx, f"/api/v1/groups/{group_id}")}},
                }
            )
        for app in assignment.get("_apps") or []:
            name, _, app_id = app.partition("/")
            links = {"self": {"href": href(ctx, f"/api/v1/apps/{app_id}")}} if app_id else {}
            found.append({"orn": orn(ctx, "idp", "apps", name, app_id), "assignmentType": kind, "_links": links})
    return found


@behaviour("listGroupTargetRoleForClient")
def list_group_targets_for_client_role(ctx: Context) -> Any:
    return _targets(ctx, "CLIENT")


@behaviour("assignGroupTargetRoleForClient")
def assign_group_target_to_client_role(ctx: Context) -> Any:
    return _target(ctx, "CLIENT", True)


@behaviour("removeGroupTargetRoleFromClient")
def remove_group_target_from_client_role(ctx: Context) -> Any:
    return _target(ctx, "CLIENT", False)


@behaviour("listAppTargetRoleToClient")
def list_app_targets_for_client_role(ctx: Context) -> Any:
    return _app_targets(ctx, "CLIENT")


@behaviour("assignAppTargetRoleToClient")
@behaviour("assignAppTargetInstanceRoleForClient")
def assign_app_target_to_client_role(ctx: Context) -> Any:
    return _app_target(ctx, "CLIENT", True)


@behaviour("removeAppTargetRoleFromClient")
@behaviour("removeAppTargetInstanceRoleForClient")
def remove_app_target_from_client_role(ctx: Context) -> Any:
    return _app_target(ctx, "CLIENT", False)
