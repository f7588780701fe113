"""What hangs off a user: the groups it belongs to, its sign-in blocks, and
its sessions (revoked all at once).

Group memberships are the groups area's records in ``group_members`` (``groupId/userId``); a user's sessions are
kept by the sessions module in ``user_sessions`` (user id -> session ids). Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/ (listUserGroups, listUserBlocks)
and https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserSessions/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _users, _users_related
from ._links import href
from .users import truth

Record = dict[str, Any]


@behaviour("listUserGroups")
def list_user_groups(ctx: Context) -> Any:
    """The user's groups in the order they were made (Everyone first), each as ``GET /groups/{id}`` shows it."""
    user = _users.find(ctx)
    groups = ctx.state.collection("groups")
    found = [groups.get(gid) for gid in _users_related.group_ids(ctx, user["id"])]
    return [render_group(ctx, group) for group in found if group is not None]


def render_group(ctx: Context, group: Record) -> Record:
    """A group as ``GET /groups/{id}`` shows it (the groups area's rendering when present)."""
    try:
        from ._groups_model import render_group as groups_render
    except ImportError:  # the groups area absent: the stored group and its self link
        shown = {k: v for k, v in group.items() if not k.startswith("_")}
        shown["_links"] = {"self": {"href": href(ctx, f"/api/v1/groups/{group['id']}")}}
        return shown
    return groups_render(ctx, group)


@behaviour("listUserBlocks")
def list_user_blocks(ctx: Context) -> Any:
    """Sign-in blocks: the twin never locks a user out by failed sign-ins, so a known user has none."""
    _users.find(ctx)
    return []


@behaviour("revokeUserSessions")
def revoke_user_sessions(ctx: Context) -> Any:
    """Every session of the user ends; with ``oauthTokens=true`` its refresh tokens are revoked too (the shared
    ``oauth2_refresh_tokens`` records)."""
    user = _users.find(ctx)
    _users_related.end_sessions(ctx, user["id"])
    if truth(ctx, "oauthTokens", False):
        tokens = ctx.state.collection("oauth2_refresh_tokens")
        for key, token in [(k, t) for k, t in tokens.scan() if t.get("userId") == user["id"]]:
            tokens.put(key, {**token, "status": "REVOKED"})
    _users.log(ctx, "user.session.clear", user)
    return Response(204, None)


@behaviour("listAppLinks")
def list_app_links(ctx: Context) -> Any:
    """The user's dashboard links: every active app it is assigned to, itself (``app_users`` ``appId/userId``) or
    through one of its groups (``app_groups`` ``appId/groupId``), as the apps area keeps them. AppLink fields per
    https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/#tag/User/operation/listAppLinks
    """
    user = _users.find(ctx)
    groups = set(_users_related.group_ids(ctx, user["id"]))
    assigned: dict[str, str] = {}
    for key, _ in ctx.state.collection("app_users").scan():
        app_id, _, user_id = key.partition("/")
        if user_id == user["id"]:
            assigned[app_id] = user["id"]
    for key, _ in ctx.state.collection("app_groups").scan():
        app_id, _, group_id = key.partition("/")
        if group_id in groups:
            assigned.setdefault(app_id, user["id"])
    apps = ctx.state.collection("apps")
    links = []
    for order, app_id in enumerate(assigned):
        app = apps.get(app_id)
        if app is None or app.get("status") != "ACTIVE":
            continue
        name = str(app.get("name") or "")
        links.append(
            {
                "id": app_id,
                "label": app.get("label"),
                "linkUrl": href(ctx, f"/home/{name}/{app_id}/0"),
                "logoUrl": href(ctx, f"/assets/img/logos/apps/{name}.png"),
                "appName": name,
                "appInstanceId": app_id,
                "appAssignmentId": assigned[app_id],
                "credentialsSetup": False,
                "hidden": False,
                "sortOrder": order,
            }
        )
    return links
