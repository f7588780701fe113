"""``revisions.*``: the revisions that uploads create for files with binary content."""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _errors as err
from ._content import revisions_of
from ._files_model import WRITER, is_google_type, role_of
from ._files_ops import readable
from ._paging import paginate
from ._render import render_user, rfc3339
from ._request import caller, mask_of, p_int, p_str, shape
from .media import download

__all__ = ["revisions_delete", "revisions_get", "revisions_list", "revisions_update"]

DEFAULT_REVISION = "kind,id,mimeType,modifiedTime"
DEFAULT_LIST = f"kind,nextPageToken,revisions({DEFAULT_REVISION})"


def _render(ctx: Context, revision: dict[str, Any], me: str) -> dict[str, Any]:
    return {
        "kind": "drive#revision",
        "id": revision["id"],
        "mimeType": revision["mimeType"],
        "modifiedTime": rfc3339(float(revision["modifiedTime"])),
        "keepForever": bool(revision.get("keepForever", False)),
        "published": False,
        "lastModifyingUser": render_user(ctx.state, str(revision.get("lastModifyingUser", "")), me),
        "originalFilename": revision.get("originalFilename", ""),
        "md5Checksum": revision.get("md5Checksum", ""),
        "size": str(revision.get("size", 0)),
    }


def _file_with_revisions(ctx: Context, me: str) -> dict[str, Any]:
    record = readable(ctx, str(ctx.params["fileId"]), me)
    if role_of(ctx.state, record, me) < WRITER:
        raise err.insufficient_permissions()  # revision history is for those who can edit
    if is_google_type(str(record["mimeType"])) and not revisions_of(ctx.state, str(record["id"])):
        raise err.bad_request("The file does not support revisions.", "revisionsNotSupported")
    return record


def _find(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    wanted = str(ctx.params["revisionId"])
    if wanted == "head":
        wanted = str(record.get("headRevisionId") or "")
    for revision in revisions_of(ctx.state, str(record["id"])):
        if revision["id"] == wanted:
            return revision
    raise err.not_found(f"Revision not found: {ctx.params['revisionId']}.", "revisionId")


@behaviour("drive.revisions.list")
def revisions_list(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, DEFAULT_LIST, "RevisionList")
    size = p_int(ctx, "pageSize", 200, 1, 1000)
    record = _file_with_revisions(ctx, me)
    items = revisions_of(ctx.state, str(record["id"]))
    page, token = paginate(items, lambda r: [str(r["id"])], [], p_str(ctx, "pageToken"), size, f"rev:{record['id']}")
    body: dict[str, Any] = {"kind": "drive#revisionList", "revisions": [_render(ctx, r, me) for r in page]}
    if token:
        body["nextPageToken"] = token
    return shape(body, mask)


@behaviour("drive.revisions.get")
def revisions_get(ctx: Context) -> Any:
    me = caller(ctx)
    record = _file_with_revisions(ctx, me)
    revision = _find(ctx, record)
    if (p_str(ctx, "alt") or "").lower() == "media":
        return download(ctx, record, revision["id"])
    return shape(_render(ctx, revision, me), mask_of(ctx, DEFAULT_REVISION, "Revision"))


@behaviour("drive.revisions.update")
def revisions_update(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, DEFAULT_REVISION, "Revision")
    record = _file_with_revisions(ctx, me)
    revision = _find(ctx, record)
    body = dict(ctx.body) if isinstance(ctx.body, dict) else {}
    if revision.get("keepForever") and body.get("keepForever") is False:
        raise err.bad_request(
            "Bad Request. Cannot update a revision to false that is marked as keepForever.",
            "illegalKeepForeverModification",
        )
    if "keepForever" in body:
        revision["keepForever"] = bool(body["keepForever"])
    items = [revision if r["id"] == revision["id"] else r for r in revisions_of(ctx.state, str(record["id"]))]
    ctx.state.collection("revisions").put(str(record["id"]), {"items": items})
    return shape(_render(ctx, revision, me), mask)


@behaviour("drive.revisions.delete")
def revisions_delete(ctx: Context) -> Response:
    me = caller(ctx)
    record = _file_with_revisions(ctx, me)
    revision = _find(ctx, record)
    items = revisions_of(ctx.state, str(record["id"]))
    if revision["id"] == record.get("headRevisionId") or len(items) == 1:
        raise err.bad_request("The last revision of a file cannot be deleted.", "cannotDeleteOnlyRevision")
    ctx.state.collection("revisions").put(str(record["id"]), {"items": [r for r in items if r is not revision]})
    ctx.state.collection("blobs").delete(str(revision["id"]))
    return Response(204)
