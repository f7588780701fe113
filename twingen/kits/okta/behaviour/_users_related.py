"""What a user's changes reach beyond its record: its group memberships (the groups area's ``group_members``
records ``groupId/userId``; every user is in Everyone, named by ``org`` record ``everyone``), the active group
rules it meets, its sessions (the sessions module's ``user_sessions``: user id -> session ids), and what a delete
takes with it.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/ ("all users are members
of the Everyone group") and https://developer.okta.com/docs/api/openapi/okta-management/management/tag/GroupRule/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from ..runtime.clock import iso8601
from . import _log
from ._users import MEMBERS, ORG, USERS, log, set_status, target

Record = dict[str, Any]


def group_ids(ctx: Context, user_id: str) -> list[str]:
    """The groups the user belongs to, in the groups' creation order, from the groups area's membership records
    (``groupId/userId``): one lookup per group, O(groups) rather than O(all memberships)."""
    members = ctx.state.collection(MEMBERS)
    return [str(group_id) for group_id in ctx.state.collection("groups") if f"{group_id}/{user_id}" in members]


def join_everyone(ctx: Context, user: Record) -> None:
    everyone = ctx.state.collection(ORG).get("everyone")
    if everyone and everyone.get("id"):
        join(ctx, str(everyone["id"]), user["id"])


def join(ctx: Context, group_id: str, user_id: str, *, logged: bool = False) -> None:
    """Put the user in the group (once), stamping the group's ``lastMembershipUpdated``; ``logged`` records
    group.user_membership.add (a chosen group; joining Everyone is implied by being a user)."""
    members = ctx.state.collection(MEMBERS)
    key = f"{group_id}/{user_id}"
    if key in members:
        return
    members.put(key, {"groupId": group_id, "userId": user_id})
    group = ctx.state.collection("groups").get(group_id)
    if group is None:
        return
    group["lastMembershipUpdated"] = iso8601(ctx.now())
    ctx.state.collection("groups").put(group_id, group)
    user = ctx.state.collection(USERS).get(user_id)
    if logged and user is not None:
        name = str((group.get("profile") or {}).get("name") or group_id)
        _log.record(ctx, "group.user_membership.add", [target(user), _log.target("UserGroup", group_id, name, name)])


def leave_all(ctx: Context, user_id: str) -> None:
    members = ctx.state.collection(MEMBERS)
    for group_id in group_ids(ctx, user_id):
        members.delete(f"{group_id}/{user_id}")


def end_sessions(ctx: Context, user_id: str) -> None:
    """End every session of the user (the sessions module keeps ``user_sessions``: user id -> session ids)."""
    index = ctx.state.collection("user_sessions")
    sessions = ctx.state.collection("sessions")
    for session_id in (index.get(user_id) or {}).get("ids", []):
        sessions.delete(session_id)
    index.delete(user_id)


def apply_group_rules(ctx: Context, user: Record) -> None:
    """Okta evaluates the active group rules when a user is made or its profile changes (the groups area's
    ``group_rules.apply_rules``)."""
    try:
        from .group_rules import apply_rules
    except ImportError:  # the groups area absent: no rules to apply
        return
    apply_rules(ctx, user)


def forget(ctx: Context, user_id: str) -> None:
    """A deleted user leaves nothing behind: its memberships, sessions, factors, admin roles, direct app
    assignments (``app_users`` ``appId/userId``), device links (``device_users`` ``deviceId/userId``) and linked-object
    links (either side)."""
    leave_all(ctx, user_id)
    end_sessions(ctx, user_id)
    for name, owned in (
        ("user_factors", lambda key, _: key.startswith(user_id + "/")),
        ("role_assignments", lambda key, _: key.startswith(f"USER/{user_id}/")),
        ("app_users", lambda key, _: key.endswith("/" + user_id)),
        ("device_users", lambda key, _: key.endswith("/" + user_id)),
        ("user_links", lambda _, r: user_id in (r.get("associatedUserId"), r.get("primaryUserId"))),
    ):
        collection = ctx.state.collection(name)
        for key in [k for k, r in collection.scan() if owned(k, r)]:
            collection.delete(key)


# how long an asynchronous deactivation (Prefer: respond-async) takes on the twin's clock
ASYNC_SECONDS = 5.0


def deprovision(ctx: Context, user: Record) -> Record:
    """The deactivation itself: DEPROVISIONED, sessions ended, logged."""
    user.pop("_settleAt", None)
    set_status(ctx, user, "DEPROVISIONED")
    end_sessions(ctx, user["id"])
    log(ctx, "user.lifecycle.deactivate", user)
    return user


def settle(ctx: Context, user: Record) -> Record:
    """Finish a background deactivation whose time has come (read paths call this before answering)."""
    if user.get("_settleAt") is not None and ctx.now() >= float(user["_settleAt"]):
        return deprovision(ctx, user)
    return user
