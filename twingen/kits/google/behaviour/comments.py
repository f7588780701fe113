"""``comments.*`` and ``replies.*``: discussions on a file. Like ``about.get``, Drive asks for ``fields``
on every one of these methods but delete."""

from __future__ import annotations

import html
from typing import Any

from ..runtime import Context, Response, behaviour
from . import _errors as err
from ._files_model import ROLE_RANK, role_of
from ._files_ops import readable
from ._paging import paginate
from ._render import render_user, rfc3339
from ._request import caller, mask_of, p_bool, p_int, p_str, shape

__all__ = ["comments_create", "comments_list", "replies_create", "replies_list"]

_COMMENTER = ROLE_RANK["commenter"]


def _needs_fields(ctx: Context) -> None:
    if not (p_str(ctx, "fields") or "").strip():
        raise err.required("fields", "The 'fields' parameter is required for this method.")


def _file(ctx: Context, me: str, *, write: bool = False) -> dict[str, Any]:
    record = readable(ctx, str(ctx.params["fileId"]), me)
    if write and role_of(ctx.state, record, me) < _COMMENTER:
        raise err.insufficient_permissions()
    return record


def _comment(ctx: Context, file_id: str) -> dict[str, Any]:
    comment_id = str(ctx.params["commentId"])
    found = ctx.state.collection("comments").get(comment_id)
    if found is None or found["fileId"] != file_id or (found.get("deleted") and not p_bool(ctx, "includeDeleted")):
        raise err.not_found(f"Comment not found: {comment_id}.", "commentId")
    return found


def _content(ctx: Context, *, required: bool) -> str | None:
    body = ctx.body if isinstance(ctx.body, dict) else {}
    content = body.get("content")
    if required and not content:
        raise err.required("content", "Required parameter: content")
    return None if content is None else str(content)


def _render_reply(ctx: Context, reply: dict[str, Any], me: str) -> dict[str, Any]:
    out = {
        "kind": "drive#reply",
        "id": reply["id"],
        "createdTime": rfc3339(float(reply["createdTime"])),
        "modifiedTime": rfc3339(float(reply["modifiedTime"])),
        "author": render_user(ctx.state, str(reply["author"]), me),
        "deleted": bool(reply.get("deleted", False)),
    }
    if not reply.get("deleted"):
        out.update(content=reply["content"], htmlContent=html.escape(reply["content"]))
    if reply.get("action"):
        out["action"] = reply["action"]
    return out


def _render_comment(ctx: Context, comment: dict[str, Any], me: str) -> dict[str, Any]:
    out = _render_reply(ctx, comment, me) | {"kind": "drive#comment", "resolved": bool(comment.get("resolved"))}
    out.pop("action", None)
    if comment.get("anchor"):
        out["anchor"] = comment["anchor"]
    if comment.get("quotedFileContent"):
        out["quotedFileContent"] = comment["quotedFileContent"]
    out["replies"] = [_render_reply(ctx, r, me) for r in comment.get("replies", ()) if not r.get("deleted")]
    return out


def _new_entry(ctx: Context, me: str, content: str) -> dict[str, Any]:
    now = ctx.now()
    return {"id": ctx.new_id("AAAB"), "createdTime": now, "modifiedTime": now, "author": me, "content": content}


@behaviour("drive.comments.create")
def comments_create(ctx: Context) -> Any:
    _needs_fields(ctx)
    me = caller(ctx)
    mask = mask_of(ctx, "*", "Comment")
    record = _file(ctx, me, write=True)
    comment = _new_entry(ctx, me, str(_content(ctx, required=True))) | {"fileId": record["id"], "replies": []}
    body = ctx.body if isinstance(ctx.body, dict) else {}
    for key in ("anchor", "quotedFileContent"):
        if body.get(key):
            comment[key] = body[key]
    ctx.state.collection("comments").put(comment["id"], comment)
    return shape(_render_comment(ctx, comment, me), mask)


@behaviour("drive.comments.list")
def comments_list(ctx: Context) -> Any:
    _needs_fields(ctx)
    me = caller(ctx)
    mask = mask_of(ctx, "*", "CommentList")
    record = _file(ctx, me)
    deleted = p_bool(ctx, "includeDeleted")
    since = p_str(ctx, "startModifiedTime") or ""
    found = [
        c
        for c in ctx.state.collection("comments").values()
        if c["fileId"] == record["id"]
        and (deleted or not c.get("deleted"))
        and rfc3339(float(c["modifiedTime"])) >= since
    ]
    order = {str(c["id"]): i for i, c in enumerate(found)}
    size = p_int(ctx, "pageSize", 20, 1, 100)
    page, token = paginate(found, lambda c: [order[str(c["id"])]], [], p_str(ctx, "pageToken"), size, "comments")
    body: dict[str, Any] = {"kind": "drive#commentList", "comments": [_render_comment(ctx, c, me) for c in page]}
    if token:
        body["nextPageToken"] = token
    return shape(body, mask)


@behaviour("drive.comments.get")
def comments_get(ctx: Context) -> Any:
    _needs_fields(ctx)
    me = caller(ctx)
    mask = mask_of(ctx, "*", "Comment")
    return shape(_render_comment(ctx, _comment(ctx, str(_file(ctx, me)["id"])), me), mask)


@behaviour("drive.comments.update")
def comments_update(ctx: Context) -> Any:
    _needs_fields(ctx)
    me = caller(ctx)
    mask = mask_of(ctx, "*", "Comment")
    comment = _comment(ctx, str(_file(ctx, me, write=True)["id"]))
    if comment["author"] != me:
        raise err.insufficient_permissions()
    comment.update(content=str(_content(ctx, required=True)), modifiedTime=ctx.now())
    ctx.state.collection("comments").put(comment["id"], comment)
    return shape(_render_comment(ctx, comment, me), mask)


@behaviour("drive.comments.delete")
def comments_delete(ctx: Context) -> Response:
    me = caller(ctx)
    comment = _comment(ctx, str(_file(ctx, me, write=True)["id"]))
    if comment["author"] != me:
        raise err.insufficient_permissions()
    comment.update(deleted=True, modifiedTime=ctx.now())
    ctx.state.collection("comments").put(comment["id"], comment)
    return Response(204)


def _reply(ctx: Context, comment: dict[str, Any]) -> dict[str, Any]:
    reply_id = str(ctx.params["replyId"])
    for reply in comment.get("replies", ()):
        if reply["id"] == reply_id and (not reply.get("deleted") or p_bool(ctx, "includeDeleted")):
            return reply  # type: ignore[no-any-return]
    raise err.not_found(f"Reply not found: {reply_id}.", "replyId")


@behaviour("drive.replies.create")
def replies_create(ctx: Context) -> Any:
    _needs_fields(ctx)
    me = caller(ctx)
    mask = mask_of(ctx, "*", "Reply")
    comment = _comment(ctx, str(_file(ctx, me, write=True)["id"]))
    body = ctx.body if isinstance(ctx.body, dict) else {}
    action = body.get("action")
    if action not in (None, "resolve", "reopen"):
        raise err.invalid("action")
    reply = _new_entry(ctx, me, str(_content(ctx, required=action is None) or ""))
    if action:
        reply["action"] = action
        comment["resolved"] = action == "resolve"  # a reply is how a comment gets resolved or reopened
    comment["replies"] = [*comment.get("replies", ()), reply]
    comment["modifiedTime"] = reply["modifiedTime"]
    ctx.state.collection("comments").put(comment["id"], comment)
    return shape(_render_reply(ctx, reply, me), mask)


@behaviour("drive.replies.list")
def replies_list(ctx: Context) -> Any:
    _needs_fields(ctx)
    me = caller(ctx)
    mask = mask_of(ctx, "*", "ReplyList")
    comment = _comment(ctx, str(_file(ctx, me)["id"]))
    deleted = p_bool(ctx, "includeDeleted")
    replies = [r for r in comment.get("replies", ()) if deleted or not r.get("deleted")]
    order = {str(r["id"]): i for i, r in enumerate(replies)}
    size = p_int(ctx, "pageSize", 20, 1, 100)
    page, token = paginate(replies, lambda r: [order[str(r["id"])]], [], p_str(ctx, "pageToken"), size, "replies")
    body: dict[str, Any] = {"kind": "drive#replyList", "replies": [_render_reply(ctx, r, me) for r in page]}
    if token:
        body["nextPageToken"] = token
    return shape(body, mask)


@behaviour("drive.replies.get")
def replies_get(ctx: Context) -> Any:
    _needs_fields(ctx)
    me = caller(ctx)
    mask = mask_of(ctx, "*", "Reply")
    comment = _comment(ctx, str(_file(ctx, me)["id"]))
    return shape(_render_reply(ctx, _reply(ctx, comment), me), mask)


@behaviour("drive.replies.update")
def replies_update(ctx: Context) -> Any:
    _needs_fields(ctx)
    me = caller(ctx)
    mask = mask_of(ctx, "*", "Reply")
    comment = _comment(ctx, str(_file(ctx, me, write=True)["id"]))
    reply = _reply(ctx, comment)
    if reply["author"] != me:
        raise err.insufficient_permissions()
    reply.update(content=str(_content(ctx, required=True)), modifiedTime=ctx.now())
    ctx.state.collection("comments").put(comment["id"], comment)
    return shape(_render_reply(ctx, reply, me), mask)


@behaviour("drive.replies.delete")
def replies_delete(ctx: Context) -> Response:
    me = caller(ctx)
    comment = _comment(ctx, str(_file(ctx, me, write=True)["id"]))
    reply = _reply(ctx, comment)
    if reply["author"] != me:
        raise err.insufficient_permissions()
    reply.update(deleted=True, modifiedTime=ctx.now())
    ctx.state.collection("comments").put(comment["id"], comment)
    return Response(204)
