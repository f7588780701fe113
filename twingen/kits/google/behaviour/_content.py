"""File content: bytes in ``blobs`` (id = revision id), one ``revisions`` record per file listing them.

Kept apart from metadata so that Sheets and Docs can later keep their own structured content for Google
types while sharing the same ``files`` records.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..runtime import State
from ._files_model import next_counter

__all__ = [
    "EDITORS",
    "Editor",
    "copy_content",
    "drop_content",
    "import_content",
    "importable",
    "read_content",
    "revisions_of",
    "store_content",
]


@dataclass(frozen=True)
class Editor:
    """How another API keeps a Docs Editors type's content (Sheets' grid): Drive copies, deletes and exports
    it through these. ``copy(state, source_id, target_id)``; ``drop(state, file_id)``; ``export(state, record,
    mime_type)`` gives ``(bytes, content type)`` or None when it cannot convert to that type. ``load(state, record,
    data, content_type)`` makes the content from an upload of one of the ``imports`` types (Drive's import
    conversion: https://developers.google.com/drive/api/guides/manage-uploads#import-docs)."""

    copy: Callable[[State, str, str], None]
    drop: Callable[[State, str], None]
    export: Callable[[State, dict[str, Any], str], tuple[bytes, str] | None]
    load: Callable[[State, dict[str, Any], bytes, str], None] | None = None
    imports: frozenset[str] = frozenset()


EDITORS: dict[str, Editor] = {}
"""By mimeType; each API's behaviour module registers its own type when it is imported."""


def importable(mime_type: str, content_type: str) -> bool:
    """Whether an upload of ``content_type`` may become a ``mime_type`` file (a type no API keeps takes any)."""
    editor = EDITORS.get(mime_type)
    return editor is None or editor.load is None or content_type.split(";")[0].strip() in editor.imports


def import_content(state: State, record: dict[str, Any], data: bytes, content_type: str) -> None:
    editor = EDITORS.get(str(record.get("mimeType", "")))
    if editor is not None and editor.load is not None:
        editor.load(state, record, data, content_type.split(";")[0].strip())


def revisions_of(state: State, file_id: str) -> list[dict[str, Any]]:
    record = state.collection("revisions").get(file_id)
    return list(record.get("items", ())) if record else []


def store_content(
    state: State, record: dict[str, Any], data: bytes, mime_type: str, who: str, when: float, *, keep: bool = False
) -> dict[str, Any]:
    """Save ``data`` as a new head revision of ``record`` and set its checksums and size (not saved)."""
    revision_id = f"0B{next_counter(state, 'revision', start=1):09d}"
    md5 = hashlib.md5(data, usedforsecurity=False).hexdigest()
    revision = {
        "id": revision_id,
        "mimeType": mime_type,
        "modifiedTime": when,
        "keepForever": keep,
        "md5Checksum": md5,
        "size": len(data),
        "originalFilename": record.get("originalFilename") or record.get("name", ""),
        "lastModifyingUser": who,
    }
    state.collection("blobs").put(revision_id, {"data": base64.b64encode(data).decode("ascii")})
    items = [*revisions_of(state, str(record["id"])), revision]
    state.collection("revisions").put(str(record["id"]), {"items": items})
    record.update(
        headRevisionId=revision_id,
        md5Checksum=md5,
        sha1Checksum=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
        sha256Checksum=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    return revision


def read_content(state: State, revision_id: str | None) -> bytes:
    if not revision_id:
        return b""
    blob = state.collection("blobs").get(revision_id)
    return base64.b64decode(blob["data"]) if blob else b""


def copy_content(state: State, source: dict[str, Any], target: dict[str, Any], who: str, when: float) -> None:
    """A copy starts with one revision holding the source's current content."""
    if source.get("headRevisionId"):
        data = read_content(state, str(source["headRevisionId"]))
        store_content(state, target, data, str(source["mimeType"]), who, when)
    editor = EDITORS.get(str(source.get("mimeType", "")))
    if editor is not None:
        editor.copy(state, str(source["id"]), str(target["id"]))


def drop_content(state: State, file_id: str) -> None:
    for revision in revisions_of(state, file_id):
        state.collection("blobs").delete(str(revision["id"]))
    state.collection("revisions").delete(file_id)
    for editor in EDITORS.values():
        editor.drop(state, file_id)


def text_of(state: State, record: dict[str, Any], limit: int = 1 << 20) -> str:
    """What ``fullText`` searches: name, description, indexable text and text content."""
    parts = [str(record.get("name", "")), str(record.get("description", "") or "")]
    hints = record.get("contentHints") or {}
    parts.append(str(hints.get("indexableText", "") or ""))
    mime = str(record.get("mimeType", ""))
    if mime.startswith("text/") or mime in ("application/json", "application/xml", "application/csv"):
        parts.append(read_content(state, record.get("headRevisionId"))[:limit].decode("utf-8", "replace"))
    return "\n".join(parts)
