"""``files.info``, ``files.list`` and ``files.delete``."""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _files, _messages, _paging
from ._auth import Caller, slack_method
from ._errors import slack_error

Record = dict[str, Any]

_TYPES = {
    "spaces": ("space", "post"),
    "snippets": ("text", "python", "javascript", "markdown", "json", "yaml", "csv"),
    "images": ("png", "jpg", "gif", "bmp", "webp", "svg"),
    "gdocs": ("gdoc", "gsheet", "gpres"),
    "zips": ("zip",),
    "pdfs": ("pdf",),
}


@slack_method("files.info")
def files_info(ctx: Context, caller: Caller) -> Record:
    record = _files.find(ctx, caller, _args.text(ctx, "file").strip())
    return {"file": _files.show(ctx, record), "comments": list(record.get("_comments") or ()), **_paging.metadata("")}


def _matches(ctx: Context, record: Record) -> bool:
    channel = _args.text(ctx, "channel").strip()
    if channel and channel not in (*record["channels"], *record["groups"], *record["ims"]):
        return False
    user = _args.text(ctx, "user").strip()
    if user and record["user"] != user:
        return False
    types = [t for t in _args.id_list(ctx, "types") if t != "all"]
    if types and not any(record["filetype"] in _TYPES.get(t, ()) for t in types):
        return False
    ts_from, ts_to = _args.integer(ctx, "ts_from", 0), _args.integer(ctx, "ts_to", 0)
    return record["created"] >= ts_from and (not ts_to or record["created"] <= ts_to)


@slack_method("files.list")
def files_list(ctx: Context, caller: Caller) -> Record:
    """Newest first. Slack pages this method by ``count``/``page`` (with a ``paging`` block) and, newer,
    by ``limit``/``cursor``; the twin answers whichever the caller uses."""
    found = [
        r
        for r in ctx.state.collection("files").values()
        if r["_state"] == "complete" and not r["_deleted"] and _files.visible(ctx, r, caller) and _matches(ctx, r)
    ]
    # newest first; ids increase with creation, so the id breaks ties within one second
    found.sort(key=lambda r: (r["created"], r["id"]), reverse=True)
    if _args.text(ctx, "cursor") or _args.text(ctx, "limit"):
        by_key = {f"{r['created']:012d}.{r['id']}": r for r in found}
        page, next_cursor = _paging.page_of_keys_desc(ctx, list(by_key), "file", default_limit=100)
        return {"files": [_files.show(ctx, by_key[k]) for k in page], **_paging.metadata(next_cursor)}
    count = max(1, min(_args.integer(ctx, "count", 100), 1000))
    page_no = max(1, _args.integer(ctx, "page", 1))
    chosen = found[(page_no - 1) * count : page_no * count]
    pages = max(1, -(-len(found) // count))
    paging = {"count": count, "total": len(found), "page": page_no, "pages": pages}
    return {"files": [_files.show(ctx, r) for r in chosen], "paging": paging}


@slack_method("files.delete")
def files_delete(ctx: Context, caller: Caller) -> Record:
    """Owners delete their files, admins anyone's; where it was shared, messages keep a tombstone."""
    record = _files.find(ctx, caller, _args.text(ctx, "file").strip())
    if record["user"] != caller.user_id and (caller.is_bot or not caller.is_admin):
        raise slack_error("cant_delete_file")
    record["_deleted"] = True
    record.pop("_content", None)
    ctx.state.collection("files").put(record["id"], record)
    for key in record.get("_messages", ()):
        channel_id, ts = key.split("/", 1)
        message = _messages.get(ctx, channel_id, ts)
        if message is not None and message.get("files"):
            message["files"] = [
                {"id": f["id"], "mode": "tombstone"} if f.get("id") == record["id"] else f for f in message["files"]
            ]
            _messages.save(ctx, message)
    return {}
