"""Views of Google Drive as its users see it: each user's My Drive and the shared drives as folder trees with
owners and sharing (``/_twin/views/drive``), the Drive users, and one file with its permissions and revisions.

They read ``files``, ``users``, ``drives`` and ``revisions`` (``_files_model``, ``_content``); nothing changes.
"""

from __future__ import annotations

from typing import Any

from ..runtime import view
from ..runtime.control.ui.html import Child, Safe, h
from ..runtime.control.ui.views import ViewContext
from ._docs_model import DOCUMENT
from ._files_model import FOLDER
from ._sheets_model import SPREADSHEET

Record = dict[str, Any]
APPS = {SPREADSHEET: "sheet", DOCUMENT: "doc"}
"""Google types with a view of their content: the mime type -> that view's name."""
_KINDS = {FOLDER: "folder", **APPS}


def person(ctx: ViewContext, email: object) -> Child:
    """A Drive user's name linking to their view (their address when the twin has no such user)."""
    if not email:
        return None
    found = ctx.state.collection("users").get(str(email))
    label = f"{found.get('displayName')} <{email}>" if found and found.get("displayName") else str(email)
    return ctx.link("drive_user", label, email=email)


def file_link(ctx: ViewContext, record: Record) -> Safe:
    kind = _KINDS.get(str(record.get("mimeType", "")), "file")
    return h(
        "span",
        None,
        h("span", {"class_": f"tag kind-{kind}"}, kind),
        " ",
        ctx.link("file", str(record.get("name") or record["id"]), id=record["id"]),
    )


def _children(ctx: ViewContext) -> dict[str, list[Record]]:
    found: dict[str, list[Record]] = {}
    for _key, record in ctx.state.collection("files").scan():  # read-only
        for parent in record.get("parents") or ("",):
            found.setdefault(str(parent), []).append(record)
    for listing in found.values():
        listing.sort(key=lambda r: (r.get("mimeType") != FOLDER, str(r.get("name", "")).casefold()))
    return found


def _sharing(ctx: ViewContext, record: Record) -> list[Child]:
    shared: list[Child] = []
    for permission in record.get("permissions") or ():
        if permission.get("role") == "owner":
            continue
        who = permission.get("emailAddress") or permission.get("domain") or permission.get("type")
        shared.append(h("span", {"class_": "tag"}, f"{permission.get('role')}: {who}"))
    return shared


def _tree(ctx: ViewContext, children: dict[str, list[Record]], folder_id: str, seen: set[str]) -> Child:
    items = []
    for record in children.get(folder_id, ()):
        file_id = str(record["id"])
        if file_id in seen:
            continue  # a file in two folders shows in both; a cycle never loops
        seen.add(file_id)
        below = _tree(ctx, children, file_id, seen) if record.get("mimeType") == FOLDER else None
        seen.discard(file_id)
        trashed = h("span", {"class_": "tag"}, "trashed") if record.get("trashed") else None
        owner = h("span", {"class_": "muted"}, " owner ", person(ctx, record.get("owner")))
        items.append(
            h(
                "li",
                {"data_id": file_id},
                file_link(ctx, record),
                " ",
                ctx.id(file_id),
                trashed,
                owner,
                _sharing(ctx, record),
                below,
            )
        )
    return h("ul", {"class_": "tree"}, items) if items else None


@view("drive", title="Drive")
def drive_view(ctx: ViewContext) -> Safe:
    children = _children(ctx)
    parts: list[Child] = []
    for user in ctx.state.collection("users").values():
        root = str(user.get("rootId", ""))
        parts.append(h("h3", None, "My Drive of ", person(ctx, user.get("email")), " ", ctx.id(root)))
        parts.append(_tree(ctx, children, root, set()) or h("p", {"class_": "muted"}, "Empty."))
    for drive in ctx.state.collection("drives").values():
        parts.append(h("h3", None, "Shared drive ", str(drive.get("name", "")), " ", ctx.id(drive["id"])))
        parts.append(_tree(ctx, children, str(drive["id"]), set()) or h("p", {"class_": "muted"}, "Empty."))
    known = {str(r["id"]) for r in ctx.state.collection("files").values()} | {
        str(d["id"]) for d in ctx.state.collection("drives").values()
    }
    loose = [r for parent, found in children.items() if parent not in known for r in found if not r.get("isRoot")]
    if loose:  # parents outside the twin (or none): still shown, so no file is out of sight
        parts.append(h("h3", None, "Outside any folder the twin knows"))
        parts.append(
            h("ul", {"class_": "tree"}, [h("li", None, file_link(ctx, r), " ", ctx.id(r["id"])) for r in loose])
        )
    return h("div", {"id": "drive-tree"}, parts)


@view("drive_users", title="Drive users")
def users_view(ctx: ViewContext) -> Safe:
    rows = [
        (person(ctx, u.get("email")), ctx.id(u.get("permissionId", "")), ctx.id(u.get("rootId", "")), u.get("domain"))
        for u in ctx.state.collection("users").values()
    ]
    return ctx.table(("user", "permission id", "My Drive id", "domain"), rows, id="drive-users")


@view("drive_user", title="Drive user", listed=False)
def user_view(ctx: ViewContext) -> Safe:
    email = ctx.params.get("email", "")
    user = ctx.state.collection("users").get(email)
    if user is None:
        ctx.missing(f"no Drive user {email!r} in this tenant")
    ctx.title = str(user.get("displayName") or email)
    owned, shared = [], []
    for record in ctx.state.collection("files").values():
        if record.get("isRoot"):
            continue
        if record.get("owner") == email:
            owned.append(record)
        elif any(p.get("emailAddress") == email for p in record.get("permissions") or ()):
            shared.append(record)
    return h(
        "div",
        None,
        h("p", None, email, " · permission id ", ctx.id(user.get("permissionId", ""))),
        h("h3", None, f"Owns ({len(owned)})"),
        ctx.table(("file", "id"), [(file_link(ctx, r), ctx.id(r["id"])) for r in owned]),
        h("h3", None, f"Shared with them ({len(shared)})"),
        ctx.table(
            ("file", "id", "owner"), [(file_link(ctx, r), ctx.id(r["id"]), person(ctx, r.get("owner"))) for r in shared]
        ),
    )


@view("file", title="File", listed=False)
def file_view(ctx: ViewContext) -> Safe:
    file_id = ctx.params.get("id", "")
    files = ctx.state.collection("files")
    record = files.get(file_id)
    if record is None:
        ctx.missing(f"no file {file_id!r} in this tenant")
    ctx.title = str(record.get("name") or file_id)
    mime = str(record.get("mimeType", ""))
    parents = [
        h("span", None, file_link(ctx, found) if (found := files.get(str(p))) else ctx.id(p), " ")
        for p in record.get("parents") or ()
    ]
    permissions = [
        (ctx.id(p.get("id", "")), p.get("type"), p.get("role"), person(ctx, p.get("emailAddress")) or p.get("domain"))
        for p in record.get("permissions") or ()
    ]
    revisions = [
        (ctx.id(r.get("id", "")), ctx.when(r.get("modifiedTime", "")), person(ctx, r.get("lastModifyingUser")),
         r.get("mimeType"), r.get("size"), r.get("md5Checksum"), "keep forever" if r.get("keepForever") else "")
        for r in (ctx.state.collection("revisions").get(file_id) or {}).get("items", ())
    ]  # fmt: skip
    content = APPS.get(mime)
    return h(
        "div",
        None,
        h("p", None, ctx.id(file_id), " ", mime, " · owner ", person(ctx, record.get("owner"))),
        h("p", None, "in ", parents) if parents else None,
        h(
            "p",
            None,
            "created ",
            ctx.when(record.get("createdTime", "")),
            " · modified ",
            ctx.when(record.get("modifiedTime", "")),
            f" · {record.get('size')} bytes" if "size" in record else "",
        ),
        h("p", None, ctx.link(content, "Open the content view", id=file_id)) if content else None,
        h("p", {"class_": "bad"}, "in the trash") if record.get("trashed") else None,
        h("h3", None, "Sharing"),
        ctx.table(("permission id", "type", "role", "who"), permissions, id="permissions"),
        h("h3", None, "Revisions"),
        ctx.table(("id", "modified", "by", "type", "bytes", "md5", ""), revisions, id="revisions"),
        ctx.json(record),
    )
