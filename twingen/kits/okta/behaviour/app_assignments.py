"""Who an app is assigned to: users directly (scope USER, with their app credentials and app profile) and groups
(with a ``priority``; their members get the app with scope GROUP), and the apps a group is assigned.

App users are kept in ``app_users`` keyed ``appId/userId``; app-group assignments in ``app_groups`` keyed
``appId/groupId``. A user who has the app only through a group is listed with scope GROUP (computed from the
group's members, so a membership change shows at once). Passwords given for app credentials are never returned.
Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationUsers/ and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationGroups/ (recorded answers
for the shapes).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _log, _paging
from ._apps_model import find_app, logged, render_app
from ._apps_shape import APP_GROUP, APP_USER, well_formed
from ._errors import not_found, validation_failed
from ._groups_model import MEMBERS, USERS, find_group, find_user
from ._links import href
from ._store import body_object

Record = dict[str, Any]
APP_USERS = "app_users"
APP_GROUPS = "app_groups"


def _app_user(ctx: Context, app: Record, user_id: str) -> Record | None:
    # a deleted user's assignments go with it (read past here rather than swept: users are another area's)
    if user_id not in ctx.state.collection(USERS):
        return None
    found = ctx.state.collection(APP_USERS).get(f"{app['id']}/{user_id}")
    if found is not None:
        return found
    groups = [k.split("/", 1)[1] for k, _ in ctx.state.collection(APP_GROUPS).scan() if k.startswith(app["id"] + "/")]
    members = ctx.state.collection(MEMBERS)
    if any(f"{g}/{user_id}" in members for g in groups) and user_id in ctx.state.collection(USERS):
        return _through_group(ctx, app, ctx.state.collection(USERS).get(user_id) or {"id": user_id})
    return None


def _through_group(ctx: Context, app: Record, user: Record) -> Record:
    now = iso8601(ctx.now())
    return {
        "id": user["id"],
        "externalId": None,
        "created": user.get("created", now),
        "lastUpdated": user.get("lastUpdated", now),
        "scope": "GROUP",
        "status": "ACTIVE",
        "statusChanged": user.get("created", now),
        "passwordChanged": None,
        "syncState": "DISABLED",
        "credentials": {"userName": _user_name(app, user)},
        "profile": {},
    }


def _user_name(app: Record, user: Record) -> str:
    # the app's userNameTemplate; the built-in ${source.login} is the only one the twin evaluates
    profile = user.get("profile") or {}
    template = ((app.get("credentials") or {}).get("userNameTemplate") or {}).get("template") or "${source.login}"
    if template == "${source.email}":
        return str(profile.get("email") or profile.get("login") or "")
    return str(profile.get("login") or "")


def _render_user(ctx: Context, app: Record, record: Record) -> Record:
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    credentials = {k: v for k, v in (shown.get("credentials") or {}).items() if k != "password"}
    shown["credentials"] = credentials
    shown["_links"] = {
        "app": {"href": href(ctx, f"/api/v1/apps/{app['id']}")},
        "user": {"href": href(ctx, f"/api/v1/users/{record['id']}")},
    }
    return shown


@behaviour("assignUserToApplication")
def assign_user_to_application(ctx: Context) -> Record:
    app = find_app(ctx)
    body = body_object(ctx)
    well_formed(body, APP_USER)
    user_id = body.get("id")
    if not isinstance(user_id, str) or not user_id:
        raise validation_failed("id", "The field cannot be left blank.")
    user = find_user(ctx, user_id)
    now = iso8601(ctx.now())
    credentials = dict(body.get("credentials") or {})
    credentials.setdefault("userName", _user_name(app, user))
    record = {
        "id": user_id,
        "externalId": None,
        "created": now,
        "lastUpdated": now,
        "scope": "USER",
        "status": "ACTIVE",
        "statusChanged": now,
        "passwordChanged": None,
        "syncState": "DISABLED",
        "credentials": credentials,
        "profile": dict(body.get("profile") or {}),
    }
    ctx.state.collection(APP_USERS).put(f"{app['id']}/{user_id}", record)
    login = str((user.get("profile") or {}).get("login") or user_id)
    logged(ctx, "application.user_membership.add", app, _log.target("User", user_id, login, login))
    return _render_user(ctx, app, record)


def app_user(ctx: Context, app: Record, user_id: str) -> Record | None:
    """The user's assignment to the app as Okta answers it, None when the user does not have the app."""
    record = _app_user(ctx, app, user_id)
    return None if record is None else _render_user(ctx, app, record)


@behaviour("getApplicationUser")
def get_application_user(ctx: Context) -> Record:
    app = find_app(ctx)
    user_id = str(ctx.params.get("userId"))
    record = _app_user(ctx, app, user_id)
    if record is None:
        raise not_found(user_id, "AppUser")
    return _render_user(ctx, app, record)


@behaviour("updateApplicationUser")
def update_application_user(ctx: Context) -> Record:
    app = find_app(ctx)
    user_id = str(ctx.params.get("userId"))
    record = _app_user(ctx, app, user_id)
    if record is None:
        raise not_found(user_id, "AppUser")
    body = body_object(ctx)
    well_formed(body, APP_USER)
    if isinstance(body.get("credentials"), dict):
        record["credentials"] = {**(record.get("credentials") or {}), **body["credentials"]}
    if isinstance(body.get("profile"), dict):
        record["profile"] = {**(record.get("profile") or {}), **body["profile"]}
    record["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(APP_USERS).put(f"{app['id']}/{user_id}", record)
    return _render_user(ctx, app, record)


@behaviour("unassignUserFromApplication")
def unassign_user_from_application(ctx: Context) -> Response:
    app = find_app(ctx)
    user_id = str(ctx.params.get("userId"))
    if not ctx.state.collection(APP_USERS).delete(f"{app['id']}/{user_id}"):
        raise not_found(user_id, "AppUser")
    logged(ctx, "application.user_membership.remove", app, _log.target("User", user_id))
    return Response(204, None)


@behaviour("listApplicationUsers")
def list_application_users(ctx: Context) -> Response:
    app = find_app(ctx)
    prefix = app["id"] + "/"
    users = ctx.state.collection(USERS)
    rows: dict[str, Record] = {
        k[len(prefix) :]: r
        for k, r in ctx.state.collection(APP_USERS).scan()
        if k.startswith(prefix) and k[len(prefix) :] in users
    }
    for key, _ in ctx.state.collection(APP_GROUPS).scan():
        if key.startswith(prefix):
            group_id = key[len(prefix) :]
            for member_key, member in ctx.state.collection(MEMBERS).scan():
                user = users.get(member["userId"]) if member_key.startswith(group_id + "/") else None
                if user is not None and user["id"] not in rows:
                    rows[user["id"]] = _through_group(ctx, app, user)
    q = str(ctx.params.get("q") or "").lower()
    items = [
        (uid, r) for uid, r in rows.items() if not q or str(r["credentials"].get("userName", "")).lower().startswith(q)
    ]
    after = _paging.after_in(items, _paging.cursor_of(ctx))
    return _paging.served(ctx, after, lambda r: _render_user(ctx, app, r), 50, 500)


def _render_assignment(ctx: Context, app_id: str, record: Record) -> Record:
    shown = {k: v for k, v in record.items() if not k.startswith("_") and k != "groupId"}
    shown["_links"] = {
        "app": {"href": href(ctx, f"/api/v1/apps/{app_id}")},
        "self": {"href": href(ctx, f"/api/v1/apps/{app_id}/groups/{record['id']}")},
        "group": {"href": href(ctx, f"/api/v1/groups/{record['id']}")},
    }
    return shown


def _assignments(ctx: Context, app_id: str) -> list[tuple[str, Record]]:
    prefix = app_id + "/"
    found = [(k[len(prefix) :], r) for k, r in ctx.state.collection(APP_GROUPS).scan() if k.startswith(prefix)]
    return sorted(found, key=lambda item: int(item[1].get("priority") or 0))


@behaviour("assignGroupToApplication")
def assign_group_to_application(ctx: Context) -> Record:
    app = find_app(ctx)
    group = find_group(ctx, str(ctx.params.get("groupId")))
    body = body_object(ctx)
    well_formed(body, APP_GROUP)
    key = f"{app['id']}/{group['id']}"
    existing = ctx.state.collection(APP_GROUPS).get(key)
    others = [r for gid, r in _assignments(ctx, app["id"]) if gid != group["id"]]
    priority = body.get("priority")
    if not isinstance(priority, int) or priority < 0:
        priority = existing["priority"] if existing else len(others)
    record = {
        "id": group["id"],
        "lastUpdated": iso8601(ctx.now()),
        "priority": priority,
        "profile": dict(body.get("profile") or (existing or {}).get("profile") or {}),
    }
    _shift(ctx, app["id"], others, priority)
    ctx.state.collection(APP_GROUPS).put(key, {**record, "groupId": group["id"]})
    if existing is None:
        name = str(group.get("profile", {}).get("name") or group["id"])
        logged(ctx, "group.application_assignment.add", app, _log.target("UserGroup", group["id"], name, name))
    return _render_assignment(ctx, app["id"], record)


def _shift(ctx: Context, app_id: str, others: list[Record], taken: int) -> None:
    """Priorities stay a sequence 0..n-1: the other assignments close up around the one placed at ``taken``."""
    slot = 0
    for record in others:
        slot += slot == taken
        if record.get("priority") != slot:
            record["priority"] = slot
            ctx.state.collection(APP_GROUPS).put(f"{app_id}/{record['id']}", record)
        slot += 1


@behaviour("getApplicationGroupAssignment")
def get_application_group_assignment(ctx: Context) -> Record:
    app = find_app(ctx)
    group_id = str(ctx.params.get("groupId"))
    record = ctx.state.collection(APP_GROUPS).get(f"{app['id']}/{group_id}")
    if record is None:
        raise not_found(group_id, "ApplicationGroupAssignment")
    return _render_assignment(ctx, app["id"], record)


@behaviour("unassignApplicationFromGroup")
def unassign_application_from_group(ctx: Context) -> Response:
    app = find_app(ctx)
    group_id = str(ctx.params.get("groupId"))
    if not ctx.state.collection(APP_GROUPS).delete(f"{app['id']}/{group_id}"):
        raise not_found(group_id, "ApplicationGroupAssignment")
    _shift(ctx, app["id"], [r for _, r in _assignments(ctx, app["id"])], -1)
    logged(ctx, "group.application_assignment.remove", app, _log.target("UserGroup", group_id))
    return Response(204, None)


@behaviour("listApplicationGroupAssignments")
def list_application_group_assignments(ctx: Context) -> Response:
    app = find_app(ctx)
    rows = _paging.after_in(_assignments(ctx, app["id"]), _paging.cursor_of(ctx))
    return _paging.served(ctx, rows, lambda r: _render_assignment(ctx, app["id"], r), 20, 200)


@behaviour("listAssignedApplicationsForGroup")
def list_assigned_applications_for_group(ctx: Context) -> Response:
    group = find_group(ctx, str(ctx.params.get("groupId")))
    apps = ctx.state.collection("apps")
    items = [
        (k.split("/", 1)[0], app)
        for k, r in ctx.state.collection(APP_GROUPS).scan()
        if r.get("groupId") == group["id"] and (app := apps.get(k.split("/", 1)[0])) is not None
    ]
    return _paging.served(ctx, _paging.after_in(items, _paging.cursor_of(ctx)), lambda a: render_app(ctx, a), 20)
