"""Views of the Admin SDK Directory as the Admin console shows it: the customer's users (admins, suspended and
deleted ones marked), its groups with their members, and one group (``/_twin/views/directory``, ``directory_group``).

They read ``directory_*`` collections (``_directory_model``); nothing changes.
"""

from __future__ import annotations

from typing import Any

from ..runtime import view
from ..runtime.control.ui.html import Child, Safe, h
from ..runtime.control.ui.views import ViewContext
from ._directory_model import customer

Record = dict[str, Any]


def _tags(user: Record) -> list[Child]:
    marks = [
        ("admin", user.get("isAdmin")),
        ("suspended", user.get("suspended")),
        ("deleted", user.get("deletionTime")),
    ]
    return [h("span", {"class_": "tag"}, word) for word, on in marks if on]


def _user_row(ctx: ViewContext, user: Record) -> list[Child]:
    name = user.get("name") or {}
    full = f"{name.get('givenName', '')} {name.get('familyName', '')}".strip()
    email = user["primaryEmail"]
    person = ctx.link("drive_user", email, email=user.get("driveEmail") or email)
    return [full, person, ctx.id(user["id"]), user.get("orgUnitPath", "/"), h("span", None, _tags(user))]


@view("directory", title="Directory")
def directory_view(ctx: ViewContext) -> Safe:
    own = customer(ctx.state)
    users = sorted((u for _, u in ctx.state.collection("directory_users").scan()), key=lambda u: u["primaryEmail"])
    groups = sorted((g for _, g in ctx.state.collection("directory_groups").scan()), key=lambda g: g["email"])
    group_rows = [
        (ctx.link("directory_group", g["email"], id=g["id"]), g.get("name", ""), str(g.get("directMembersCount", 0)))
        for g in groups
    ]
    return h(
        "div",
        None,
        h("p", None, "Customer ", ctx.id(own["id"]), " on ", ", ".join(own["domains"])),
        h("h2", None, "Users"),
        ctx.table(("name", "address", "id", "org unit", ""), [_user_row(ctx, u) for u in users], id="directory-users"),
        h("h2", None, "Groups"),
        ctx.table(("address", "name", "members"), group_rows, id="directory-groups"),
    )


@view("directory_group", title="Group", listed=False)
def group_view(ctx: ViewContext) -> Safe:
    group = ctx.state.collection("directory_groups").get(ctx.params.get("id", ""))
    if group is None:
        ctx.missing("no such group")
    ctx.title = str(group["email"])
    prefix = group["id"] + ":"
    members = sorted(
        (m for key, m in ctx.state.collection("directory_members").scan() if key.startswith(prefix)),
        key=lambda m: str(m.get("email", "")),
    )
    rows = [(str(m.get("email", "")), m["role"], m["type"], ctx.id(m["id"])) for m in members]
    return h(
        "div",
        None,
        h("p", None, group.get("description") or "", " ", ctx.id(group["id"])),
        ctx.table(("member", "role", "type", "id"), rows, id="group-members"),
    )
