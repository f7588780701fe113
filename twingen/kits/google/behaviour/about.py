"""``about.get``: the user and their storage quota. Drive insists on ``fields`` for this method."""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from . import _errors as err
from ._files_model import is_google_type
from ._render import render_user
from ._request import caller, mask_of, p_str, shape

__all__ = ["about_get"]

QUOTA_LIMIT = 15 * 1024**3  # the free tier's 15 GB
_DOCS = "application/vnd.google-apps."
_OOXML = "application/vnd.openxmlformats-officedocument."
_EXPORT_FORMATS = {
    f"{_DOCS}document": ["application/pdf", "text/plain", f"{_OOXML}wordprocessingml.document"],
    f"{_DOCS}spreadsheet": ["application/pdf", "text/csv", f"{_OOXML}spreadsheetml.sheet"],
    f"{_DOCS}presentation": ["application/pdf", f"{_OOXML}presentationml.presentation"],
}
_IMPORT_FORMATS = {
    "text/plain": [f"{_DOCS}document"],
    "text/csv": [f"{_DOCS}spreadsheet"],
    f"{_OOXML}wordprocessingml.document": [f"{_DOCS}document"],
    f"{_OOXML}spreadsheetml.sheet": [f"{_DOCS}spreadsheet"],
}


def _usage(ctx: Context, me: str) -> tuple[int, int]:
    """Bytes of binary content the user owns, and the part of it in the trash."""
    total = trashed = 0
    for record in ctx.state.collection("files").values():
        if record.get("owner") != me or is_google_type(str(record.get("mimeType", ""))):
            continue
        size = int(record.get("size", 0) or 0)
        total += size
        trashed += size if record.get("trashed") else 0
    return total, trashed


@behaviour("drive.about.get")
def about_get(ctx: Context) -> Any:
    if not (p_str(ctx, "fields") or "").strip():
        raise err.required("fields", "The 'fields' parameter is required for this method.")
    mask = mask_of(ctx, "*", "About")
    me = caller(ctx)
    used, in_trash = _usage(ctx, me)
    body = {
        "kind": "drive#about",
        "user": render_user(ctx.state, me, me),
        "storageQuota": {
            "limit": str(QUOTA_LIMIT),
            "usage": str(used),
            "usageInDrive": str(used),
            "usageInDriveTrash": str(in_trash),
        },
        "importFormats": _IMPORT_FORMATS,
        "exportFormats": _EXPORT_FORMATS,
        "maxImportSizes": {f"{_DOCS}document": "10485760", f"{_DOCS}spreadsheet": "104857600"},
        "maxUploadSize": "5242880000000",
        "appInstalled": False,
        "folderColorPalette": ["#ac725e", "#d06b64", "#f83a22", "#fa573c", "#8f8f8f"],
        "canCreateDrives": False,
        "canCreateTeamDrives": False,
        "driveThemes": [],
        "teamDriveThemes": [],
    }
    return shape(body, mask)
