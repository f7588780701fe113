"""Where a document lives: its Drive file (title, access, trash) and its content in ``documents``.

A document made with Drive's ``files.create`` (mimeType ``application/vnd.google-apps.document``) has no
content record until the Docs API first reads it: it is then the new, empty document. Drive's copy, delete and
export reach the content through ``_content.EDITORS``.
"""

from __future__ import annotations

import copy
from typing import Any

from ..runtime import Context, State
from ..runtime.clock import BASE64URL_ALPHABET
from . import _errors as err
from ._content import EDITORS, Editor
from ._docs_export import export_document
from ._docs_import import IMPORTS, import_document
from ._docs_model import DOCUMENT, new_document
from ._files_model import WRITER, role_of

__all__ = ["COLLECTION", "load", "new_revision", "save"]

COLLECTION = "documents"
HISTORY = 100
"""Revision ids kept per document, for ``writeControl.targetRevisionId``."""


def new_revision(ctx: Context, doc: dict[str, Any]) -> None:
    """A new ``revisionId`` (opaque to clients; Docs' are long URL-safe strings) after every change."""
    if doc.get("revision"):
        doc["revisions"] = [*doc.get("revisions", ()), doc["revision"]][-HISTORY:]
    doc["revision"] = ctx.new_id("AL", length=48, alphabet=BASE64URL_ALPHABET)


def not_found() -> Exception:
    return err.google_error("notFound", "Requested entity was not found.")


def load(ctx: Context, document_id: str, me: str, *, write: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    """(Drive file, document content) for a caller who may read it (and edit it, with ``write``).

    Unknown or deleted: 404 "Requested entity was not found." A document the caller cannot open, or may not
    edit, is 403 "The caller does not have permission" (Docs, unlike Drive, does not hide that it exists).
    A trashed document still opens and edits, as it does from its link in the editor (not confirmed for the API).
    """
    record = ctx.state.collection("files").get(document_id)
    if record is None or record.get("mimeType") != DOCUMENT:
        raise not_found()
    if role_of(ctx.state, record, me) < (WRITER if write else 1):
        raise err.google_error("forbidden", "The caller does not have permission")
    doc = ctx.state.collection(COLLECTION).get(document_id) or new_document()
    if not doc.get("revision"):  # new through Drive, or a copy: its first revision
        new_revision(ctx, doc)
        ctx.state.collection(COLLECTION).put(document_id, copy.deepcopy(doc))
    return record, doc


def save(state: State, document_id: str, doc: dict[str, Any]) -> None:
    state.collection(COLLECTION).put(document_id, doc)


def _copy(state: State, source_id: str, target_id: str) -> None:
    found = state.collection(COLLECTION).get(source_id)
    if found is not None:  # the copy's revisions are its own, from its first read
        state.collection(COLLECTION).put(target_id, {**copy.deepcopy(found), "revision": "", "revisions": []})


def _drop(state: State, file_id: str) -> None:
    state.collection(COLLECTION).delete(file_id)


def _export(state: State, record: dict[str, Any], mime_type: str) -> tuple[bytes, str] | None:
    doc = state.collection(COLLECTION).get(str(record["id"])) or new_document()
    return export_document(doc, str(record.get("name", "")), mime_type)


def _load(state: State, record: dict[str, Any], data: bytes, content_type: str) -> None:
    """Drive's import: the upload becomes the document (its first revision id comes with its first read)."""
    state.collection(COLLECTION).put(str(record["id"]), import_document(state, data, content_type))


EDITORS[DOCUMENT] = Editor(copy=_copy, drop=_drop, export=_export, load=_load, imports=IMPORTS)
