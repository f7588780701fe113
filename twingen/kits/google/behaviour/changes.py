"""``changes.getStartPageToken`` and ``changes.list``: the change log of files each user can see.

A page token is a position in the log. As in Drive, a file changed several times after the token shows
up once, at its latest change; a file deleted, or no longer shared with the user, shows as ``removed``.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from . import _errors as err
from ._files_model import last_change, role_of
from ._render import render_file, rfc3339
from ._request import caller, mask_of, p_bool, p_int, p_str, shape

__all__ = ["changes_list", "start_page_token"]

DEFAULT_LIST = (
    "kind,nextPageToken,newStartPageToken,"
    "changes(kind,changeType,time,removed,fileId,file(kind,id,name,mimeType,resourceKey))"
)


@behaviour("drive.changes.getStartPageToken")
def start_page_token(ctx: Context) -> Any:
    mask = mask_of(ctx, "kind,startPageToken", "StartPageToken")
    return shape({"kind": "drive#startPageToken", "startPageToken": str(last_change(ctx.state) + 1)}, mask)


@behaviour("drive.changes.list")
def changes_list(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, DEFAULT_LIST, "ChangeList")
    token = p_str(ctx, "pageToken") or ""
    if not token.isdigit():
        raise err.invalid("pageToken")
    size = p_int(ctx, "pageSize", 100, 1, 1000)
    include_removed = p_bool(ctx, "includeRemoved", True)
    files = ctx.state.collection("files")
    latest: dict[str, dict[str, Any]] = {}
    for change in ctx.state.collection("changes").values():
        if change["seq"] >= int(token) and me in change.get("audience", ()):
            latest.pop(change["fileId"], None)  # re-insert so the dict stays in order of latest change
            latest[change["fileId"]] = change
    out: list[dict[str, Any]] = []
    remaining = list(latest.values())
    for change in remaining[:size]:
        record = files.get(change["fileId"])
        visible = record is not None and role_of(ctx.state, record, me) > 0
        if not visible and not include_removed:
            continue
        item: dict[str, Any] = {
            "kind": "drive#change",
            "changeType": "file",
            "time": rfc3339(float(change["time"])),
            "removed": not visible,
            "fileId": change["fileId"],
        }
        if visible and record is not None:
            item["file"] = render_file(ctx.state, record, me, ctx.base_url)
        out.append(item)
    body: dict[str, Any] = {"kind": "drive#changeList"}
    if len(remaining) > size:
        body["nextPageToken"] = str(remaining[size - 1]["seq"] + 1)
    else:
        body["newStartPageToken"] = str(last_change(ctx.state) + 1)
    body["changes"] = out
    return shape(body, mask)
