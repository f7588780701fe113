"""Views of a Slack workspace's people and files: the member directory, one member's profile with their
conversations and files, and the workspace's files with where each was shared."""

from __future__ import annotations

from typing import Any

from ..runtime import view
from ..runtime.control.ui.html import Child, Safe, h
from ..runtime.control.ui.views import ViewContext
from .views_channels import channel_name, user_link

Record = dict[str, Any]


def _role(user: Record) -> str:
    for flag, label in (
        ("is_primary_owner", "primary owner"),
        ("is_owner", "owner"),
        ("is_admin", "admin"),
        ("is_bot", "bot"),
        ("is_restricted", "guest"),
    ):
        if user.get(flag):
            return label
    return "member"


@view("users", title="People")
def users_view(ctx: ViewContext) -> Safe:
    rows = []
    for user in ctx.state.collection("users").values():
        profile = user.get("profile") or {}
        rows.append(
            (
                ctx.link("user", str(user.get("real_name") or user.get("name") or user["id"]), id=user["id"]),
                ctx.id(user["id"]),
                "@" + str(user.get("name", "")),
                str(profile.get("email", "")),
                _role(user),
                "deactivated" if user.get("deleted") else "active",
            )
        )
    return ctx.table(("name", "id", "handle", "email", "role", "status"), rows, id="users")


@view("user", title="Member", listed=False)
def user_view(ctx: ViewContext) -> Safe:
    user_id = ctx.params.get("id", "")
    user = ctx.state.collection("users").get(user_id)
    if user is None:
        ctx.missing(f"no user {user_id!r} in this tenant")
    ctx.title = str(user.get("real_name") or user.get("name") or user_id)
    profile = user.get("profile") or {}
    conversations = [
        h("li", None, ctx.link("channel", channel_name(ctx, c), id=c["id"]), " ", ctx.id(c["id"]))
        for c in ctx.state.collection("channels").values()
        if user_id in c.get("_members", ())
    ]
    files = [f for f in ctx.state.collection("files").values() if f.get("user") == user_id and not f.get("_deleted")]
    return h(
        "div",
        None,
        h("p", None, ctx.id(user_id), " @", str(user.get("name", "")), " · ", _role(user)),
        h("p", None, "email: ", str(profile.get("email", ""))) if profile.get("email") else None,
        h("p", None, "title: ", str(profile.get("title", ""))) if profile.get("title") else None,
        h("p", {"class_": "bad"}, "deactivated") if user.get("deleted") else None,
        h("h3", None, f"Conversations ({len(conversations)})"),
        h("ul", None, conversations),
        h("h3", None, f"Files ({len(files)})"),
        _files_table(ctx, files),
        ctx.json(user),
    )


@view("files", title="Files")
def files_view(ctx: ViewContext) -> Safe:
    files = [f for f in ctx.state.collection("files").values() if not f.get("_deleted")]
    return _files_table(ctx, files)


def _files_table(ctx: ViewContext, files: list[Record]) -> Safe:
    channels = ctx.state.collection("channels")
    rows = []
    for record in files:
        shared: list[Child] = []
        for channel_id in (*record.get("channels", ()), *record.get("groups", ()), *record.get("ims", ())):
            found = channels.get(str(channel_id))
            label = channel_name(ctx, found) if found else str(channel_id)
            shared.append(h("span", None, ctx.link("channel", label, id=channel_id), " "))
        rows.append(
            (
                str(record.get("title") or record.get("name") or ""),
                ctx.id(record["id"]),
                user_link(ctx, record.get("user")),
                str(record.get("pretty_type") or record.get("filetype") or ""),
                str(record.get("size", "")),
                ctx.when(record.get("created", "")),
                shared or h("span", {"class_": "muted"}, str(record.get("_state", "not shared"))),
            )
        )
    return ctx.table(("file", "id", "owner", "type", "bytes", "created", "shared in"), rows, id="files")
