"""Views of an Okta org's applications as its Admin Console shows them: each app with its assignments (people,
directly or through a group, and groups in priority order) (``/_twin/views/apps``, ``app?id=0oa...``).
Nothing here changes state.
"""

from __future__ import annotations

from typing import Any

from ..runtime import view
from ..runtime.control.ui.html import Safe, h
from ..runtime.control.ui.views import ViewContext
from .app_assignments import _user_name as user_name_for_app
from .views_directory import app_name, by_priority, group_link, pairs, status_of, user_link

Record = dict[str, Any]


def _assigned(ctx: ViewContext, app_id: str) -> tuple[list[tuple[str, Record]], dict[str, str]]:
    """The app's group assignments by priority, and its people with how they have it (``USER``/``GROUP``)."""
    groups = by_priority((g, r) for a, g, r in pairs(ctx, "app_groups") if a == app_id)
    chosen = {g for g, _ in groups}
    people = {u: "GROUP" for g, u, _ in pairs(ctx, "group_members") if g in chosen}
    people.update({u: "USER" for a, u, _ in pairs(ctx, "app_users") if a == app_id})
    return groups, people


def _app_user_name(app: Record, direct: Record | None, user: Record) -> str:
    """The username the app knows the person by: as assigned, else from the app's template (group members)."""
    given = ((direct or {}).get("credentials") or {}).get("userName")
    return str(given or user_name_for_app(app, user))


@view("apps", title="Applications")
def apps_view(ctx: ViewContext) -> Safe:
    rows = []
    for app in ctx.state.collection("apps").values():
        groups, people = _assigned(ctx, str(app["id"]))
        rows.append(
            (
                ctx.link("app", app_name(app), id=app["id"]),
                ctx.id(app["id"]),
                str(app.get("name") or ""),
                str(app.get("signOnMode") or ""),
                status_of(app),
                str(len(people)),
                str(len(groups)),
            )
        )
    return ctx.table(("application", "id", "name", "sign-on mode", "status", "people", "groups"), rows, id="apps")


@view("app", title="Application", listed=False)
def app_view(ctx: ViewContext) -> Safe:
    app_id = ctx.params.get("id", "")
    app = ctx.state.collection("apps").get(app_id)
    if app is None:
        ctx.missing(f"no app {app_id!r} in this org")
    ctx.title = app_name(app)
    groups, people = _assigned(ctx, app_id)
    direct = {u: r for a, u, r in pairs(ctx, "app_users") if a == app_id}
    users = ctx.state.collection("users")
    person_rows = [
        (
            user_link(ctx, u),
            ctx.id(u),
            scope,
            _app_user_name(app, direct.get(u), users.get(u) or {}),
            status_of(users.get(u) or {}),
        )
        for u, scope in people.items()
        if u in users  # a deleted person's assignments go with them
    ]
    group_rows = [(str(r.get("priority", "")), group_link(ctx, g), ctx.id(g)) for g, r in groups]
    return h(
        "div",
        None,
        h(
            "p",
            None,
            ctx.id(app_id),
            " ",
            str(app.get("name") or ""),
            " · ",
            str(app.get("signOnMode") or ""),
            " · ",
            status_of(app),
        ),
        h("p", None, ctx.link("log", "System Log events for this application", target=app_id)),
        h("h3", None, f"Assigned people ({len(person_rows)})"),
        ctx.table(("person", "id", "assigned", "app username", "status"), person_rows, id="app-users"),
        h("h3", None, f"Assigned groups ({len(group_rows)})"),
        ctx.table(("priority", "group", "id"), group_rows, id="app-groups"),
        ctx.json(app),
    )
