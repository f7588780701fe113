"""Views of an Okta org's directory as its Admin Console shows it: people with their status, groups and apps;
groups with their members and apps (``/_twin/views/users``, ``user?id=00u...``, ``groups``, ``group?id=00g...``).

They read the records the behaviour keeps (``users``, ``groups``, ``group_members`` keyed ``groupId/userId``,
``app_users`` keyed ``appId/userId``, ``app_groups`` keyed ``appId/groupId``); nothing here changes state.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..runtime import view
from ..runtime.control.ui.html import Child, Safe, h
from ..runtime.control.ui.views import ViewContext

Record = dict[str, Any]


def pairs(ctx: ViewContext, collection: str) -> list[tuple[str, str, Record]]:
    """``(left, right, record)`` of a collection keyed ``left/right`` (memberships and assignments)."""
    found = []
    for key, record in ctx.state.collection(collection).scan():
        left, _, right = str(key).partition("/")
        found.append((left, right, record))
    return found


def by_priority(assignments: Iterable[tuple[str, Record]]) -> list[tuple[str, Record]]:
    """App-group assignments in priority order (0 first), as Okta lists them."""
    return sorted(assignments, key=lambda item: int(item[1].get("priority") or 0))


def user_name(user: Record) -> str:
    profile = user.get("profile") or {}
    full = " ".join(str(profile.get(k) or "") for k in ("firstName", "lastName")).strip()
    return full or str(profile.get("login") or user.get("id", ""))


def group_name(group: Record) -> str:
    return str((group.get("profile") or {}).get("name") or group.get("id", ""))


def app_name(app: Record) -> str:
    return str(app.get("label") or app.get("name") or app.get("id", ""))


def user_link(ctx: ViewContext, user_id: object) -> Child:
    found = ctx.state.collection("users").get(str(user_id))
    return ctx.link("user", user_name(found) if found else str(user_id), id=user_id)


def group_link(ctx: ViewContext, group_id: object) -> Child:
    found = ctx.state.collection("groups").get(str(group_id))
    return ctx.link("group", group_name(found) if found else str(group_id), id=group_id)


def app_link(ctx: ViewContext, app_id: object) -> Child:
    found = ctx.state.collection("apps").get(str(app_id))
    return ctx.link("app", app_name(found) if found else str(app_id), id=app_id)


def status_of(record: Record) -> Child:
    status = str(record.get("status") or "")
    moving = record.get("transitioningToStatus")
    css = "ok" if status == "ACTIVE" else "bad" if status in ("SUSPENDED", "LOCKED_OUT", "DEPROVISIONED") else "muted"
    return [h("span", {"class_": css}, status), h("span", {"class_": "tag"}, f"→ {moving}") if moving else None]


def groups_of_user(ctx: ViewContext) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for group_id, user_id, _ in pairs(ctx, "group_members"):
        found.setdefault(user_id, []).append(group_id)
    return found


def apps_of_user(ctx: ViewContext, groups: dict[str, list[str]]) -> dict[str, dict[str, str]]:
    """Each user's apps and how they have them (``USER`` directly, else ``GROUP``), as the app's users list."""
    by_group: dict[str, list[str]] = {}
    for app_id, group_id, _ in pairs(ctx, "app_groups"):
        by_group.setdefault(group_id, []).append(app_id)
    found: dict[str, dict[str, str]] = {}
    for user_id, group_ids in groups.items():
        for group_id in group_ids:
            for app_id in by_group.get(group_id, ()):
                found.setdefault(user_id, {})[app_id] = "GROUP"
    for app_id, user_id, _ in pairs(ctx, "app_users"):
        found.setdefault(user_id, {})[app_id] = "USER"
    return found


def _spaced(items: list[Child]) -> list[Child]:
    return [h("span", None, item, " ") for item in items]


@view("users", title="People")
def users_view(ctx: ViewContext) -> Safe:
    groups = groups_of_user(ctx)
    apps = apps_of_user(ctx, groups)
    rows = []
    for user in ctx.state.collection("users").values():
        user_id = str(user["id"])
        rows.append(
            (
                ctx.link("user", user_name(user), id=user_id),
                ctx.id(user_id),
                str((user.get("profile") or {}).get("login") or ""),
                status_of(user),
                _spaced([group_link(ctx, g) for g in groups.get(user_id, ())]),
                _spaced([app_link(ctx, a) for a in apps.get(user_id, {})]),
            )
        )
    return ctx.table(("person", "id", "username", "status", "groups", "apps"), rows, id="users")


@view("user", title="Person", listed=False)
def user_view(ctx: ViewContext) -> Safe:
    user_id = ctx.params.get("id", "")
    user = ctx.state.collection("users").get(user_id)
    if user is None:
        ctx.missing(f"no user {user_id!r} in this org")
    ctx.title = user_name(user)
    profile = user.get("profile") or {}
    group_ids = groups_of_user(ctx).get(user_id, [])
    apps = apps_of_user(ctx, {user_id: group_ids}).get(user_id, {})
    groups = ctx.state.collection("groups")
    group_rows = [(group_link(ctx, g), ctx.id(g), str((groups.get(g) or {}).get("type", ""))) for g in group_ids]
    app_rows = [(app_link(ctx, a), ctx.id(a), scope) for a, scope in apps.items()]
    return h(
        "div",
        None,
        h("p", None, ctx.id(user_id), " ", str(profile.get("login") or ""), " · ", status_of(user)),
        h("p", None, "email: ", str(profile.get("email") or "")),
        h(
            "p",
            {"class_": "muted"},
            "created ",
            str(user.get("created") or ""),
            " · last updated ",
            str(user.get("lastUpdated") or ""),
        ),
        h("p", None, ctx.link("log", "System Log events for this person", target=user_id)),
        h("h3", None, f"Groups ({len(group_rows)})"),
        ctx.table(("group", "id", "type"), group_rows, id="user-groups"),
        h("h3", None, f"Applications ({len(app_rows)})"),
        ctx.table(("application", "id", "assigned"), app_rows, id="user-apps"),
        ctx.json(user),
    )


@view("groups", title="Groups")
def groups_view(ctx: ViewContext) -> Safe:
    members: dict[str, int] = {}
    for group_id, _, _ in pairs(ctx, "group_members"):
        members[group_id] = members.get(group_id, 0) + 1
    apps: dict[str, int] = {}
    for _, group_id, _ in pairs(ctx, "app_groups"):
        apps[group_id] = apps.get(group_id, 0) + 1
    rows = [
        (
            ctx.link("group", group_name(g), id=g["id"]),
            ctx.id(g["id"]),
            str(g.get("type") or ""),
            str((g.get("profile") or {}).get("description") or ""),
            str(members.get(g["id"], 0)),
            str(apps.get(g["id"], 0)),
        )
        for g in ctx.state.collection("groups").values()
    ]
    return ctx.table(("group", "id", "type", "description", "people", "apps"), rows, id="groups")


@view("group", title="Group", listed=False)
def group_view(ctx: ViewContext) -> Safe:
    group_id = ctx.params.get("id", "")
    group = ctx.state.collection("groups").get(group_id)
    if group is None:
        ctx.missing(f"no group {group_id!r} in this org")
    ctx.title = group_name(group)
    users = ctx.state.collection("users")
    member_rows = [
        (
            user_link(ctx, u),
            ctx.id(u),
            str(((users.get(u) or {}).get("profile") or {}).get("login") or ""),
            status_of(users.get(u) or {}),
        )
        for g, u, _ in pairs(ctx, "group_members")
        if g == group_id
    ]
    assigned = by_priority((a, r) for a, g, r in pairs(ctx, "app_groups") if g == group_id)
    app_rows = [(app_link(ctx, a), ctx.id(a), str(r.get("priority", ""))) for a, r in assigned]
    return h(
        "div",
        None,
        h("p", None, ctx.id(group_id), " · ", str(group.get("type") or "")),
        h("p", {"class_": "muted"}, str((group.get("profile") or {}).get("description") or "")),
        h("p", None, ctx.link("log", "System Log events for this group", target=group_id)),
        h("h3", None, f"People ({len(member_rows)})"),
        ctx.table(("person", "id", "username", "status"), member_rows, id="group-members"),
        h("h3", None, f"Applications ({len(app_rows)})"),
        ctx.table(("application", "id", "priority"), app_rows, id="group-apps"),
        ctx.json(group),
    )
