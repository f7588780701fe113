"""Attachments: multipart upload (field ``file``, refused without ``X-Atlassian-Token: no-check`` as Jira's XSRF
check does), metadata, download through the ``content`` URL, delete; the ``attachment`` field of an issue.
Source: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-attachments/
"""

from __future__ import annotations

import base64
from typing import Any

from ..runtime import Context, Response, behaviour
from ._api import api, rest, site
from ._errors import jira_error
from ._store import next_id
from ._views import user
from .issue_view import part, stamp
from .issues_store import find_issue

MAX_SIZE = 10 * 1024 * 1024  # Jira Cloud's default attachment limit (configurable by admins)


def attachment_view(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    out = {
        "self": rest(ctx, f"attachment/{record['id']}"),
        "id": record["id"],
        "filename": record["filename"],
        "author": user(ctx, ctx.state.collection("users").get(record.get("author") or "")),
        "created": record["created"],
        "size": record["size"],
        "mimeType": record["mimeType"],
        "content": f"{site(ctx)}/secure/attachment/{record['id']}/{record['filename']}",
    }
    if record["mimeType"].startswith("image/"):
        out["thumbnail"] = f"{site(ctx)}/secure/thumbnail/{record['id']}/{record['filename']}"
    return out


@part("attachment")
def attachment_field(ctx: Context, issue: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        attachment_view(ctx, a) for a in ctx.state.collection("attachments").values() if a["issueId"] == issue["id"]
    ]


@api("addAttachment", "POST", "issue/{issueIdOrKey}/attachments")
def add_attachment(ctx: Context) -> list[dict[str, Any]]:
    if ctx.headers.get("x-atlassian-token", "").lower() not in ("no-check", "nocheck"):
        raise jira_error("forbidden", "XSRF check failed")
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    uploads = [f for name, f in ctx.files.items() if name == "file" or name.startswith("file")]
    if not uploads:
        raise jira_error("bad_request", "No attachments were found in the request.")
    added = []
    for upload in uploads:
        if len(upload.content) > MAX_SIZE:
            raise jira_error("bad_request", f"The file '{upload.filename}' is too large to attach.")
        record = {
            "id": next_id(ctx.state, "attachment"),
            "issueId": issue["id"],
            "filename": upload.filename or "file",
            "mimeType": upload.content_type or "application/octet-stream",
            "size": len(upload.content),
            "created": stamp(ctx),
            "author": ctx.identity.get("accountId"),
            "data": base64.b64encode(upload.content).decode("ascii"),
        }
        ctx.state.collection("attachments").put(record["id"], record)
        added.append(attachment_view(ctx, record))
    return added


def _attachment(ctx: Context) -> dict[str, Any]:
    found = ctx.state.collection("attachments").get(str(ctx.params["id"]))
    if found is None:
        raise jira_error("not_found", f"The attachment with id '{ctx.params['id']}' does not exist")
    return found


@api("getAttachment", "GET", "attachment/{id}")
def get_attachment(ctx: Context) -> dict[str, Any]:
    return attachment_view(ctx, _attachment(ctx))


@api("removeAttachment", "DELETE", "attachment/{id}")
def remove_attachment(ctx: Context) -> Response:
    ctx.state.collection("attachments").delete(_attachment(ctx)["id"])
    return Response(204, None)


@api("getAttachmentMeta", "GET", "attachment/meta")
def attachment_meta(ctx: Context) -> dict[str, Any]:
    return {"enabled": True, "uploadLimit": MAX_SIZE}


@api("getAttachmentContent", "GET", "attachment/content/{id}")
@behaviour("attachment.download", method="GET", path="/secure/attachment/{id}/{filename}")
def download(ctx: Context) -> Response:
    record = _attachment(ctx)
    return Response(
        200,
        base64.b64decode(record["data"]),
        headers={"content-disposition": f'attachment; filename="{record["filename"]}"'},
        media_type=record["mimeType"],
    )
