"""Docs v1 ``documents.*``: create, get and batchUpdate (https://developers.google.com/docs/api/reference/rest).

A document is a Drive file (``application/vnd.google-apps.document``) whose content the Docs API keeps
(``_docs_store``); its title is the file's name.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from . import _errors as err
from ._docs_args import enum
from ._docs_batch import apply_batch
from ._docs_model import DOCUMENT, new_document
from ._docs_render import render_document
from ._docs_store import load, new_revision, save
from ._files_model import ROLE_RANK, record_change, role_of
from ._files_ops import check_parent, new_file, touch
from ._request import caller, mask_of, p_bool, p_str, shape
from ._shapes import check_shapes
from .files import new_file_id

MODES = (
    "DEFAULT_FOR_CURRENT_ACCESS",
    "SUGGESTIONS_INLINE",
    "PREVIEW_SUGGESTIONS_ACCEPTED",
    "PREVIEW_WITHOUT_SUGGESTIONS",
)
UNTITLED = "Untitled document"


def _mode(ctx: Context, record: dict[str, Any], me: str) -> str:
    """The suggestions view applied: the default is inline for those who may comment or edit, else without."""
    asked = enum(p_str(ctx, "suggestionsViewMode"), MODES, "suggestionsViewMode", "SuggestionsViewMode")
    if asked in (None, "DEFAULT_FOR_CURRENT_ACCESS"):
        inline = role_of(ctx.state, record, me) >= ROLE_RANK["commenter"]
        return "SUGGESTIONS_INLINE" if inline else "PREVIEW_WITHOUT_SUGGESTIONS"
    return str(asked)


def _id_part(ctx: Context) -> str:
    """The part after ``kix.`` or ``h.`` in Docs' ids: 12 lowercase letters and digits (``kix.1yujqhvnz6ev``)."""
    return ctx.new_id("", length=12, alphabet="abcdefghijklmnopqrstuvwxyz0123456789")


@behaviour("docs.documents.create")
def documents_create(ctx: Context) -> Any:
    """ "Creates a blank document using the title given in the request. Other fields in the request, including any
    provided content, are ignored." The file goes to the caller's My Drive."""
    me = caller(ctx)
    mask = mask_of(ctx, "*", "Document")
    body = ctx.body if isinstance(ctx.body, dict) else {}
    check_shapes(body, "Document", "document")
    title = str(body.get("title") or UNTITLED)
    now = ctx.now()
    record = new_file(ctx, me, new_file_id(ctx), {"name": title}, now)
    record.update(name=title, mimeType=DOCUMENT, parents=[check_parent(ctx, "root", me)])
    record_change(ctx.state, record, now)
    doc = new_document()
    new_revision(ctx, doc)
    save(ctx.state, str(record["id"]), doc)
    return shape(render_document(doc, str(record["id"]), title, _mode(ctx, record, me), False), mask)


@behaviour("docs.documents.get")
def documents_get(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, "*", "Document")
    document_id = str(ctx.params["documentId"])
    record, doc = load(ctx, document_id, me)
    mode = _mode(ctx, record, me)
    tabs = p_bool(ctx, "includeTabsContent")
    return shape(render_document(doc, document_id, str(record.get("name", "")), mode, tabs), mask)


def _write_control(doc: dict[str, Any], body: dict[str, Any]) -> None:
    control = body.get("writeControl") or {}
    required, target = control.get("requiredRevisionId"), control.get("targetRevisionId")
    if required is not None and target is not None:
        message = "Invalid JSON payload received. Oneof field 'control' is already set. Cannot set 'targetRevisionId'"
        raise err.invalid("writeControl", message)
    if required is not None and required != doc["revision"]:
        # "If the required revision ID doesn't match the document's current revision ID, the request is not
        # processed and returns a 400 bad request error" (WriteControl); the wording is not confirmed
        raise err.bad_request(f"The required revision ID {required} does not match the latest revision.")
    if target is not None and target != doc["revision"] and target not in doc.get("revisions", ()):
        # an id of this document's history is taken as if it were current: the twin does not transform the edits
        # against the changes made since (Docs does), see NOTES.md
        raise err.bad_request(f"The target revision ID {target} is not valid for this document.")


@behaviour("docs.documents.batchUpdate")
def documents_batch_update(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, "*", "BatchUpdateDocumentResponse")
    document_id = str(ctx.params["documentId"])
    body = ctx.body if isinstance(ctx.body, dict) else {}
    check_shapes(body.get("writeControl") or {}, "WriteControl", "write_control")
    if not isinstance(body.get("requests") or [], list):
        raise err.invalid("requests", "Invalid value at 'requests' (type.googleapis.com/google.apps.docs.v1.Request)")
    record, doc = load(ctx, document_id, me, write=True)
    requests = body.get("requests") or []
    if not requests:
        raise err.bad_request("Must specify at least one request.")  # not confirmed wording
    _write_control(doc, body)
    edited, replies = apply_batch(doc, requests, lambda: _id_part(ctx))
    new_revision(ctx, edited)
    save(ctx.state, document_id, edited)
    touch(ctx, record, me)
    record_change(ctx.state, record, ctx.now())
    answer = {"replies": replies, "writeControl": {"requiredRevisionId": edited["revision"]}, "documentId": document_id}
    return shape(answer, mask)
