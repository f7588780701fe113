"""Google (Discovery) argument values and error reasons the check relies on.

Ids come from answers: a resource's id parameter is the last path parameter of its methods
(``permissions`` -> ``permissionId``), read from the Discovery document through the SDK surface. Drive's
reasons beyond the IR's declared ones are from Drive's "resolve errors" guide and the client threads
quoted in ``api_docs/google/NOTES.md``.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

from twingen.sdk.surface import SdkSurface

UNKNOWN_ID = "1TwinCheckUnknownId000000000000000"
_PATH_PARAM = re.compile(r"\{\+?([A-Za-z0-9_]+)\}")

MEDIA = "@media"
"""In ``SETUP``: a small text upload (the client sends it to the twin over TLS)."""
SETUP: tuple[tuple[str, dict[str, Any]], ...] = (
    # uploaded, then uploaded again: the file has an old revision revisions.get/update/delete can name
    ("files.create", {"body": {"name": "twincheck.txt"}, "media_body": MEDIA, "fields": "kind,id,headRevisionId"}),
    ("files.update", {"fileId": "$fileId", "media_body": MEDIA, "fields": "kind,id,headRevisionId"}),
    ("comments.create", {"fileId": "$fileId", "body": {"content": "twingen check"}, "fields": "*"}),
    ("replies.create", {"fileId": "$fileId", "commentId": "$commentId", "body": {"content": "reply"}, "fields": "*"}),
    ("permissions.create", {"fileId": "$fileId", "body": {"type": "anyone", "role": "reader"}}),
    ("changes.getStartPageToken", {}),
    (
        "files.watch",
        {
            "fileId": "$fileId",
            "body": {
                "id": "twincheck-setup-channel",
                "type": "web_hook",
                "address": "https://example.com/twincheck-hook",
            },
        },
    ),
    ("files.download", {"fileId": "$fileId"}),
)
"""Calls made before the methods run (``$kind`` = an id an earlier setup answer gave)."""

QUERY_VALUES: dict[str, Any] = {"mimeType": "application/pdf", "name": "operations/twincheck", "pageToken": "1"}
EXTRA: dict[str, dict[str, Any]] = {
    # Drive refuses these without a field mask ("The 'fields' parameter is required for this method.")
    "about.get": {"fields": "*"},
    **{f"{r}.{v}": {"fields": "*"} for r in ("comments", "replies") for v in ("create", "get", "list", "update")},
}
REVIEWER_METHODS = frozenset({"approvals.approve", "approvals.decline"})
"""Called as the second user, whom the setup's approval names as a reviewer."""
_HOOK = {"type": "web_hook", "address": "https://example.com/twincheck-hook"}
_BODIES: dict[str, dict[str, Any]] = {
    "files.update": {"description": "twingen check"},
    "permissions.create": {"type": "anyone", "role": "reader"},
    "permissions.update": {"role": "commenter"},
    "comments.create": {"content": "twingen check"},
    "comments.update": {"content": "twingen check, edited"},
    "replies.create": {"content": "twingen reply"},
    "replies.update": {"content": "twingen reply, edited"},
    "revisions.update": {"published": False},
    "channels.stop": {"id": "twincheck-channel", "resourceId": "twincheck-resource"},
    "approvals.approve": {"message": "twingen check"},
    "approvals.decline": {"message": "twingen check"},
    "approvals.cancel": {"message": "twingen check"},
    "approvals.comment": {"message": "twingen check"},
}
_KNOWN: dict[str, frozenset[str]] = {
    "files.export": frozenset({"fileNotExportable", "exportSizeLimitExceeded"}),
    "files.get": frozenset({"fileNotDownloadable"}),
    "files.download": frozenset({"fileNotDownloadable"}),
    "files.update": frozenset({"insufficientFilePermissions", "fieldNotWritable", "cannotAddParent"}),
    "files.copy": frozenset({"insufficientFilePermissions", "cannotCopyFile"}),
    "files.delete": frozenset({"insufficientFilePermissions"}),
    "permissions.create": frozenset({"insufficientFilePermissions", "invalidSharingRequest"}),
    "permissions.update": frozenset({"insufficientFilePermissions"}),
    "permissions.delete": frozenset({"insufficientFilePermissions"}),
    "revisions.update": frozenset({"insufficientFilePermissions", "illegalKeepForeverModification"}),
    "revisions.delete": frozenset({"insufficientFilePermissions", "cannotDeleteOnlyRevision"}),
    "channels.stop": frozenset({"notFound"}),
}


def api_values(api: str) -> ModuleType | None:
    """The values module of one Google API beyond Drive's (``docs_values`` for ``docs``), or None.

    Such a module may have ``SETUP`` (calls made after Drive's, same form), ``body_for(method_name, n)`` (a valid
    body, or None for the default), ``read_back(method_name, args, data)`` (a ``ReadBack``, or None): a call
    whose answer must show that the method's valid call did what it says (an edit is there when read back), and
    ``bad_calls(method_name, args)``: (label, arguments, the vendor's error codes) of invalid calls to probe.
    """
    try:
        return importlib.import_module(f"twingen.kits.google.check.{api}_values")
    except ModuleNotFoundError:
        return None


def service_path(surface: SdkSurface) -> str:
    """The Discovery document's ``servicePath`` (``drive/v3/``), read from the file the SDK ships."""
    files = {m.file for m in surface.methods if m.file}
    for rel in sorted(files):
        doc = json.loads((Path(surface.root) / rel).read_text(encoding="utf-8"))
        return str(doc.get("servicePath") or "")
    return ""


def id_params(surface: SdkSurface) -> dict[str, str]:
    """Resource name -> its id parameter, lower-cased names too (``teamdrives`` -> ``teamDriveId``)."""
    found: dict[str, str] = {}
    for method in surface.methods:
        resource = method.name.rsplit(".", 1)[0].split(".")[-1]
        if method.path.endswith("}"):
            names = _PATH_PARAM.findall(method.path)
            if names:
                found.setdefault(resource, names[-1])
                found.setdefault(resource.lower(), names[-1])
    return found


def body_for(method_name: str, n: int) -> dict[str, Any]:
    if method_name.endswith(".watch"):
        return {**_HOOK, "id": f"twincheck-channel-{n}"}
    if method_name in _BODIES:
        return dict(_BODIES[method_name])
    if method_name.endswith((".create", ".copy", ".update")):
        return {"name": f"twincheck-{n}"}
    return {}


def label_body(labels: list[dict[str, Any]]) -> dict[str, Any]:
    """``files.modifyLabels``: set the first text field of the first published label that has one
    (labels as the Drive Labels API lists them: ``fields[].textOptions``)."""
    for label in labels:
        for field in label.get("fields") or ():
            if isinstance(field, dict) and "textOptions" in field and label.get("id") and field.get("id"):
                modification = {"fieldId": field["id"], "setTextValues": ["twingen check"]}
                return {"labelModifications": [{"labelId": label["id"], "fieldModifications": [modification]}]}
    return {}


def known_reasons(method_name: str) -> frozenset[str]:
    return _KNOWN.get(method_name, frozenset())


def pretty(body: bytes, lines: int = 12) -> str:
    text = body.decode("utf-8", "replace")
    try:
        data = json.loads(text)
    except ValueError:
        return text
    return "\n".join(json.dumps(data, indent=1, ensure_ascii=False).splitlines()[:lines])
