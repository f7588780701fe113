"""Comments: add (with ``visibility``), list (``startAt``/``maxResults``/``orderBy``), get, update, delete, and
the ``comment`` field of an issue. Bodies are wiki strings in v2 and ADF in v3 (``_adf``).
Source: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-comments/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response
from ._adf import from_adf, rendered, to_adf
from ._api import api, body, rest, version
from ._errors import jira_error
from ._paging import window
from ._store import next_id
from ._views import user
from .issue_view import part, stamp
from .issues_store import find_issue


def _text(ctx: Context, sent: dict[str, Any]) -> str:
    raw = sent.get("body")
    text = from_adf(raw, "comment") if version(ctx) == 3 and raw is not None else raw
    if not isinstance(text, str) or not text.strip():
        raise jira_error("field_invalid", errors={"comment": "Comment body can not be empty!"})
    return text


def _visibility(sent: dict[str, Any]) -> dict[str, Any] | None:
    seen = sent.get("visibility")
    if seen is None:
        return None
    if not isinstance(seen, dict) or seen.get("type") not in ("role", "group") or not seen.get("value"):
        raise jira_error(
            "field_invalid",
            errors={
                "commentLevel": "You are currently not a member of the project role: "
                f"{(seen or {}).get('value') if isinstance(seen, dict) else seen}."
            },
        )
    return {"type": seen["type"], "value": seen["value"], "identifier": seen["value"]}


def add_comment_record(ctx: Context, issue: dict[str, Any], sent: dict[str, Any]) -> dict[str, Any]:
    comment = {
        "id": next_id(ctx.state, "comment"),
        "issueId": issue["id"],
        "body": _text(ctx, sent),
        "author": ctx.identity.get("accountId"),
        "updateAuthor": ctx.identity.get("accountId"),
        "created": stamp(ctx),
        "updated": stamp(ctx),
        "visibility": _visibility(sent),
        "properties": sent.get("properties") or [],
    }
    ctx.state.collection("comments").put(comment["id"], comment)
    return comment


def comment_view(ctx: Context, issue: dict[str, Any], comment: dict[str, Any], expand: str = "") -> dict[str, Any]:
    author = user(ctx, ctx.state.collection("users").get(comment.get("author") or ""))
    editor = user(ctx, ctx.state.collection("users").get(comment.get("updateAuthor") or ""))
    out: dict[str, Any] = {
        "self": rest(ctx, f"issue/{issue['id']}/comment/{comment['id']}"),
        "id": comment["id"],
        "author": author,
        "body": to_adf(comment["body"]) if version(ctx) == 3 else comment["body"],
        "updateAuthor": editor,
        "created": comment["created"],
        "updated": comment["updated"],
        "jsdPublic": True,
    }
    if comment.get("visibility"):
        out["visibility"] = comment["visibility"]
    if "renderedBody" in expand:
        out["renderedBody"] = rendered(comment["body"])
    return out


def comments_of(ctx: Context, issue: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in ctx.state.collection("comments").values() if c["issueId"] == issue["id"]]


@part("comment")
def comment_field(ctx: Context, issue: dict[str, Any]) -> dict[str, Any]:
    listed = [comment_view(ctx, issue, c) for c in comments_of(ctx, issue)]
    return {
        "comments": listed,
        "self": rest(ctx, f"issue/{issue['id']}/comment"),
        "maxResults": len(listed),
        "total": len(listed),
        "startAt": 0,
    }


@api("getComments", "GET", "issue/{issueIdOrKey}/comment")
def list_comments(ctx: Context) -> dict[str, Any]:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    order = str(ctx.params.get("orderBy") or "created")
    if order.lstrip("+-") != "created":
        raise jira_error("bad_request", f"Invalid orderBy value '{order}'.")
    found = comments_of(ctx, issue)
    if order.startswith("-"):
        found.reverse()
    start, limit = window(ctx, 100, 5000)
    expand = str(ctx.params.get("expand") or "")
    chosen = [comment_view(ctx, issue, c, expand) for c in found[start : start + limit]]
    return {"comments": chosen, "maxResults": limit, "total": len(found), "startAt": start}


def _comment(ctx: Context, issue: dict[str, Any]) -> dict[str, Any]:
    found = ctx.state.collection("comments").get(str(ctx.params["id"]))
    if found is None or found["issueId"] != issue["id"]:
        raise jira_error("not_found", "Can not find a comment for the id: " + str(ctx.params["id"]) + ".")
    return found


@api("addComment", "POST", "issue/{issueIdOrKey}/comment")
def add_comment(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    comment = add_comment_record(ctx, issue, body(ctx))
    return Response(201, comment_view(ctx, issue, comment, str(ctx.params.get("expand") or "")))


@api("getComment", "GET", "issue/{issueIdOrKey}/comment/{id}")
def get_comment(ctx: Context) -> dict[str, Any]:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    return comment_view(ctx, issue, _comment(ctx, issue), str(ctx.params.get("expand") or ""))


@api("updateComment", "PUT", "issue/{issueIdOrKey}/comment/{id}")
def update_comment(ctx: Context) -> dict[str, Any]:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    comment = _comment(ctx, issue)
    sent = body(ctx)
    comment["body"] = _text(ctx, sent)
    if "visibility" in sent:
        comment["visibility"] = _visibility(sent)
    comment["updated"], comment["updateAuthor"] = stamp(ctx), ctx.identity.get("accountId")
    ctx.state.collection("comments").put(comment["id"], comment)
    return comment_view(ctx, issue, comment, str(ctx.params.get("expand") or ""))


@api("deleteComment", "DELETE", "issue/{issueIdOrKey}/comment/{id}")
def delete_comment(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    ctx.state.collection("comments").delete(_comment(ctx, issue)["id"])
    return Response(204, None)
