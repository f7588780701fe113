"""A group's members: add, remove, list (``/api/v1/groups/{groupId}/users``).

Adding twice or removing a non-member changes nothing and still answers 204 (Okta's calls are idempotent); the
user and the group must exist (E0000007 naming ``User`` or ``UserGroup``); Everyone and APP_GROUPs are not
changed through the API (E0000006). Each change is logged (group.user_membership.add/remove).
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Group/#tag/Group/operation/assignUserToGroup
"""

from __future__ import annotations

from ..runtime import Context, Response, behaviour
from . import _paging
from ._groups_model import MEMBERS, add_member, find_group, find_user, modifiable, remove_member, render_member

# GET /groups/{id}/users answers up to 1000 users without a limit (the listGroupUsers reference)
_DEFAULT_LIMIT = 1000


@behaviour("assignUserToGroup")
def assign_user_to_group(ctx: Context) -> Response:
    group = find_group(ctx, str(ctx.params.get("groupId")))
    user = find_user(ctx, str(ctx.params.get("userId")))
    modifiable(group)
    add_member(ctx, group, user)
    return Response(204, None)


@behaviour("unassignUserFromGroup")
def unassign_user_from_group(ctx: Context) -> Response:
    group = find_group(ctx, str(ctx.params.get("groupId")))
    user_id = str(ctx.params.get("userId"))
    find_user(ctx, user_id)
    modifiable(group)
    remove_member(ctx, group, user_id)
    return Response(204, None)


@behaviour("listGroupUsers")
def list_group_users(ctx: Context) -> Response:
    group = find_group(ctx, str(ctx.params.get("groupId")))
    prefix = group["id"] + "/"
    after = _paging.cursor_of(ctx)
    users = ctx.state.collection("users")
    rows = (
        (key, user)
        for key, member in _paging.walk(ctx.state.collection(MEMBERS), after and prefix + after)
        if key.startswith(prefix) and (user := users.get(member["userId"])) is not None
    )
    limit = _paging.limit_of(ctx, _DEFAULT_LIMIT)
    page, more = _paging.take(((key[len(prefix) :], user) for key, user in rows), limit)
    return _paging.answer(ctx, page, more, limit, lambda user: render_member(ctx, user))
