"""Okta groups as the org keeps them: the Group record, its rendering, and the membership index both ways.

Memberships live in state collection ``group_members`` keyed ``groupId/userId`` (the users area reads it for
``GET /users/{id}/groups`` and writes the Everyone membership when it creates a user); the Everyone group's id is
in collection ``org`` record ``everyone``. A change of membership stamps the group's ``lastMembershipUpdated``.
Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Group/ and the recorded answers
(a group answer carries ``_links`` logo/users/apps, no ``self``).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from ..runtime.clock import iso8601
from . import _log
from ._errors import not_found, okta_error
from ._links import href
from ._store import Kind

Record = dict[str, Any]

GROUPS = Kind(
    "groups",
    "UserGroup",
    "/api/v1/groups/{id}",
    prefix="00g",
    status=None,
    id_param="groupId",
    event="group",
    lifecycle=(),
)
MEMBERS = "group_members"
USERS = "users"
ORG = "org"

# Okta's group logos are served by the org's CDN; the twin serves no images, so the hrefs name the org's own host
_LOGOS = (("medium", "/assets/img/logos/groups/okta-medium.png"), ("large", "/assets/img/logos/groups/okta-large.png"))


def everyone_id(ctx: Context) -> str:
    found = ctx.state.collection(ORG).get("everyone")
    return str(found.get("id")) if found else ""


def find_group(ctx: Context, group_id: str) -> Record:
    found = ctx.state.collection(GROUPS.collection).get(group_id)
    if found is None:
        raise not_found(group_id, GROUPS.title)
    return found


def find_user(ctx: Context, user_id: str) -> Record:
    found = ctx.state.collection(USERS).get(user_id)
    if found is None:
        raise not_found(user_id, "User")
    return found


def save_group(ctx: Context, group: Record, *, touched: bool = True) -> Record:
    if touched:
        group["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(GROUPS.collection).put(group["id"], group)
    return group


def render_group(ctx: Context, group: Record) -> Record:
    shown = {k: v for k, v in group.items() if not k.startswith("_")}
    profile = dict(shown.get("profile") or {})
    profile.setdefault("description", None)
    shown["profile"] = profile
    path = f"/api/v1/groups/{group['id']}"
    shown["_links"] = {
        "logo": [{"name": name, "href": href(ctx, logo), "type": "image/png"} for name, logo in _LOGOS],
        "users": {"href": href(ctx, path + "/users")},
        "apps": {"href": href(ctx, path + "/apps")},
    }
    return shown


def modifiable(group: Record) -> None:
    """Only OKTA_GROUPs are changed through the API: BUILT_IN (Everyone) and APP_GROUP answer Okta's 403
    (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Group/ "group type")."""
    if group.get("type") != "OKTA_GROUP":
        raise okta_error("E0000006")


def member_key(group_id: str, user_id: str) -> str:
    return f"{group_id}/{user_id}"


def is_member(ctx: Context, group_id: str, user_id: str) -> bool:
    return member_key(group_id, user_id) in ctx.state.collection(MEMBERS)


def add_member(ctx: Context, group: Record, user: Record) -> bool:
    """Put the user in the group (once); True when that changed anything. Logs group.user_membership.add."""
    members = ctx.state.collection(MEMBERS)
    key = member_key(group["id"], user["id"])
    if key in members:
        return False
    members.put(key, {"groupId": group["id"], "userId": user["id"]})
    _membership_changed(ctx, group, user, "add")
    return True


def remove_member(ctx: Context, group: Record, user_id: str) -> bool:
    if not ctx.state.collection(MEMBERS).delete(member_key(group["id"], user_id)):
        return False
    user = ctx.state.collection(USERS).get(user_id) or {"id": user_id}
    _membership_changed(ctx, group, user, "remove")
    return True


def member_ids(ctx: Context, group_id: str) -> list[str]:
    prefix = group_id + "/"
    return [key[len(prefix) :] for key, _ in ctx.state.collection(MEMBERS).scan() if key.startswith(prefix)]


def drop_group_members(ctx: Context, group_id: str) -> None:
    members = ctx.state.collection(MEMBERS)
    for user_id in member_ids(ctx, group_id):
        members.delete(member_key(group_id, user_id))


def _membership_changed(ctx: Context, group: Record, user: Record, verb: str) -> None:
    group["lastMembershipUpdated"] = iso8601(ctx.now())
    save_group(ctx, group, touched=False)
    login = str((user.get("profile") or {}).get("login") or user["id"])
    name = str(group.get("profile", {}).get("name") or group["id"])
    _log.record(
        ctx,
        f"group.user_membership.{verb}",
        [_log.target("User", user["id"], login, login), _log.target("UserGroup", group["id"], name, name)],
    )


def render_member(ctx: Context, user: Record) -> Record:
    """A member as ``GET /groups/{id}/users`` lists it: the user without secrets and with only a ``self`` link
    (the recorded answers)."""
    shown = {k: v for k, v in user.items() if not k.startswith("_")}
    credentials = dict(shown.get("credentials") or {})
    if "password" in credentials:
        credentials["password"] = {}
    if isinstance(credentials.get("recovery_question"), dict):
        credentials["recovery_question"] = {"question": credentials["recovery_question"].get("question")}
    if credentials:
        shown["credentials"] = credentials
    shown["_links"] = {"self": {"href": href(ctx, f"/api/v1/users/{user['id']}")}}
    return shown
