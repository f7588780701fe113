"""Where a user's admin role comes from (its governance sources): in this twin every role is assigned by an
admin, so each assignment has one source of type CUSTOM (entitlement bundles belong to Okta Identity Governance,
which the twin does not serve); the source's resources are the role's targets as ORNs.

The grant id is derived from the assignment (``gra`` + a digest of its key), so it is stable without being stored.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RoleAssignmentAUser/
(getUserAssignedRoleGovernance, getRoleAssignmentGovernanceGrant, getRoleAssignmentGovernanceGrantResources).
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..runtime import Context, behaviour
from ._errors import not_found
from ._links import href
from .org import orn
from .roles_assignments import find_assignment

Record = dict[str, Any]

_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _grant_id(key: str) -> str:
    digest = hashlib.sha256(key.encode()).digest()
    return "gra" + "".join(_ALPHABET[b % len(_ALPHABET)] for b in digest[:17])


def _base(ctx: Context, assignment: Record) -> str:
    return f"/api/v1/users/{assignment['_assignee']}/roles/{assignment['id']}/governance"


def _source(ctx: Context) -> tuple[Record, str]:
    key, assignment = find_assignment(ctx, "USER")
    return assignment, _grant_id(key)


def _grant(ctx: Context, assignment: Record, grant_id: str, *, with_self: bool) -> Record:
    path = f"{_base(ctx, assignment)}/{grant_id}"
    links: Record = {"resources": {"href": href(ctx, path + "/resources")}}
    if with_self:
        links["self"] = {"href": href(ctx, path)}
    return {"grantId": grant_id, "type": "CUSTOM", "_links": links}


@behaviour("getUserAssignedRoleGovernance")
def get_user_assigned_role_governance(ctx: Context) -> Any:
    assignment, grant_id = _source(ctx)
    return {
        "grants": [_grant(ctx, assignment, grant_id, with_self=False)],
        "_links": {
            "assignee": {"href": href(ctx, f"/api/v1/users/{assignment['_assignee']}")},
            "self": {"href": href(ctx, _base(ctx, assignment))},
        },
    }


def _named_grant(ctx: Context) -> tuple[Record, str]:
    assignment, grant_id = _source(ctx)
    wanted = str(ctx.params.get("grantId") or "")
    if wanted != grant_id:
        raise not_found(wanted, "RoleGovernanceSource")
    return assignment, grant_id


@behaviour("getRoleAssignmentGovernanceGrant")
def get_role_assignment_governance_grant(ctx: Context) -> Any:
    assignment, grant_id = _named_grant(ctx)
    return _grant(ctx, assignment, grant_id, with_self=True)


@behaviour("getRoleAssignmentGovernanceGrantResources")
def get_role_assignment_governance_grant_resources(ctx: Context) -> Any:
    """The targets the role is narrowed to (groups, apps), labelled; none when it covers everything."""
    assignment, grant_id = _named_grant(ctx)
    groups, apps = ctx.state.collection("groups"), ctx.state.collection("apps")
    resources = []
    for group_id in assignment.get("_targets") or []:
        name = ((groups.get(group_id) or {}).get("profile") or {}).get("name") or group_id
        resources.append({"label": name, "resource": orn(ctx, "directory", "groups", group_id)})
    for target in assignment.get("_apps") or []:
        app_name, _, app_id = target.partition("/")
        label = (apps.get(app_id) or {}).get("label") if app_id else app_name
        resources.append({"label": label or app_name, "resource": orn(ctx, "idp", "apps", app_name, app_id)})
    path = f"{_base(ctx, assignment)}/{grant_id}/resources"
    return {"resources": resources, "_links": {"self": {"href": href(ctx, path)}}}
