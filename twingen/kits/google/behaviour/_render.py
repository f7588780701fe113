"""Stored records -> Drive v3 JSON, as one particular user sees them (``ownedByMe``, ``capabilities`` ...)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime, timezone
from typing import Any

from ..runtime import State
from ._files_model import FOLDER, ROLE_RANK, WRITER, is_google_type, owner_of, role_of, user

__all__ = ["render_file", "render_permission", "render_user", "rfc3339"]

_OWNER = ROLE_RANK["owner"]
_COMMENTER = ROLE_RANK["commenter"]


def rfc3339(seconds: float) -> str:
    """Drive's timestamps: UTC, milliseconds, ``Z`` (``2024-05-01T10:00:00.123Z``)."""
    moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def render_user(state: State, email: str, viewer: str) -> dict[str, Any]:
    found = user(state, email) or {"email": email, "displayName": email.split("@")[0], "permissionId": ""}
    out: dict[str, Any] = {
        "kind": "drive#user",
        "displayName": found.get("displayName", ""),
        "me": email.casefold() == viewer.casefold(),
        "permissionId": found.get("permissionId", ""),
        "emailAddress": found.get("email", email),
    }
    if found.get("photoLink"):
        out["photoLink"] = found["photoLink"]
    return out


def render_permission(perm: dict[str, Any]) -> dict[str, Any]:
    """A stored permission with Drive's ``kind``; stored permissions are already in Drive's shape."""
    out = {"kind": "drive#permission", **{k: v for k, v in perm.items() if not k.startswith("_")}}
    out.setdefault("deleted", False)
    if out.get("type") == "user":
        out.setdefault("pendingOwner", False)
    return out


def _capabilities(record: dict[str, Any], rank: int, is_folder: bool, viewer: str) -> dict[str, bool]:
    owner, writer, commenter = rank >= _OWNER, rank >= WRITER, rank >= _COMMENTER
    # the approvals guide: a writer may start one, unless the file is owned outside the caller's domain
    same_domain = owner_of(record).rsplit("@", 1)[-1] == viewer.casefold().rsplit("@", 1)[-1]
    can_share = owner or (writer and bool(record.get("writersCanShare", True)))
    binary = not is_google_type(str(record.get("mimeType", "")))
    copy_ok = not is_folder and (writer or not record.get("copyRequiresWriterPermission", False))
    return {
        "canAddChildren": is_folder and writer,
        "canChangeCopyRequiresWriterPermission": writer,
        "canChangeViewersCanCopyContent": writer,
        "canComment": commenter,
        "canCopy": copy_ok,
        "canDelete": owner,
        "canDownload": binary and not is_folder,
        "canEdit": writer,
        "canListChildren": is_folder,
        "canModifyContent": writer,
        "canMoveItemWithinDrive": writer,
        "canReadRevisions": writer,
        "canRemoveChildren": is_folder and writer,
        "canRename": writer,
        "canShare": can_share,
        "canTrash": owner,
        "canUntrash": owner,
        "canModifyLabels": writer,
        "canStartApproval": writer and same_domain,
        "canReadLabels": True,
        "canAcceptOwnership": False,
        "canAddMyDriveParent": False,
        "canRemoveMyDriveParent": writer,
        "canReadDrive": False,
        "canChangeSecurityUpdateEnabled": False,
        "canMoveItemOutOfDrive": owner,
        "canMoveChildrenWithinDrive": is_folder and writer,
        "canDeleteChildren": False,
        "canTrashChildren": False,
    }


def _parents_visible(state: State, record: dict[str, Any], viewer: str) -> list[str]:
    """Drive shows a parent only to someone who can see that parent (a shared file looks parentless)."""
    files = state.collection("files")
    visible = []
    for parent_id in record.get("parents", ()):
        parent = files.get(parent_id)
        if parent is not None and role_of(state, parent, viewer) > 0:
            visible.append(parent_id)
    return visible


def render_file(
    state: State, record: dict[str, Any], viewer: str, base_url: str = "", wanted: Collection[str] | None = None
) -> dict[str, Any]:
    """The full v3 ``File`` (what ``fields=*`` shows); callers cut it down with the ``fields`` mask.

    ``wanted`` (the mask's top-level names) spares the fields nobody asked for: what costs lookups (roles,
    users, parents) or formatting is built only when named, so a read of the default fields is cheap.
    """
    need: Callable[[str], bool] = (lambda _: True) if wanted is None else wanted.__contains__
    mime = str(record["mimeType"])
    is_folder = mime == FOLDER
    owner = owner_of(record)
    file_id = str(record["id"])
    owned = owner.casefold() == viewer.casefold()
    shares = need("capabilities") or need("permissions") or need("permissionIds")
    rank = role_of(state, record, viewer) if shares else 0
    out: dict[str, Any] = {
        "kind": "drive#file",
        "id": file_id,
        "name": record["name"],
        "mimeType": mime,
        "starred": viewer.casefold() in record.get("starredBy", ()),
        "trashed": bool(record.get("trashed", False)),
        "explicitlyTrashed": bool(record.get("explicitlyTrashed", False)),
    }
    if need("parents"):
        out["parents"] = _parents_visible(state, record, viewer)
    out["spaces"] = ["drive"]
    out["version"] = str(record.get("version", 1))
    out["webViewLink"] = f"https://drive.google.com/file/d/{file_id}/view?usp=drivesdk"
    out["iconLink"] = f"https://drive-thirdparty.googleusercontent.com/16/type/{mime}"
    out["hasThumbnail"] = False
    out["thumbnailVersion"] = "0"
    out["viewedByMe"] = viewer.casefold() in record.get("viewedBy", {})
    if need("createdTime"):
        out["createdTime"] = rfc3339(float(record["createdTime"]))
    if need("modifiedTime"):
        out["modifiedTime"] = rfc3339(float(record["modifiedTime"]))
    out["modifiedByMe"] = viewer.casefold() in record.get("modifiedBy", {})
    if need("owners"):
        out["owners"] = [render_user(state, owner, viewer)] if owner else []
    if need("lastModifyingUser"):
        out["lastModifyingUser"] = render_user(state, str(record.get("lastModifyingUser") or owner), viewer)
    out["shared"] = len(record.get("permissions", ())) > 1
    out["ownedByMe"] = owned
    if need("capabilities"):
        out["capabilities"] = _capabilities(record, rank, is_folder, viewer)
    out["viewersCanCopyContent"] = not record.get("copyRequiresWriterPermission", False)
    out["copyRequiresWriterPermission"] = bool(record.get("copyRequiresWriterPermission", False))
    out["writersCanShare"] = bool(record.get("writersCanShare", True))
    out["quotaBytesUsed"] = str(record.get("size", 0) if not is_google_type(mime) else 0)
    out["isAppAuthorized"] = False
    out["inheritedPermissionsDisabled"] = False
    out["linkShareMetadata"] = {"securityUpdateEligible": False, "securityUpdateEnabled": True}
    viewed = record.get("viewedBy", {}).get(viewer.casefold())
    if viewed is not None and need("viewedByMeTime"):
        out["viewedByMeTime"] = rfc3339(float(viewed))
    mine = record.get("modifiedBy", {}).get(viewer.casefold())
    if mine is not None and need("modifiedByMeTime"):
        out["modifiedByMeTime"] = rfc3339(float(mine))
    shared_at = record.get("sharedWith", {}).get(viewer.casefold())
    if shared_at is not None and not owned:
        if need("sharedWithMeTime"):
            out["sharedWithMeTime"] = rfc3339(float(shared_at["time"]))
        if need("sharingUser"):
            out["sharingUser"] = render_user(state, str(shared_at["by"]), viewer)
    if rank >= WRITER:  # Drive lists permissions only to those who could share
        out["permissions"] = [render_permission(p) for p in record.get("permissions", ())]
        out["permissionIds"] = [str(p["id"]) for p in record.get("permissions", ())]
    for key in ("description", "properties", "appProperties", "folderColorRgb", "contentHints"):
        if record.get(key) not in (None, {}, ""):
            out[key] = record[key]
    if record.get("trashed"):
        if record.get("trashedTime") is not None and need("trashedTime"):
            out["trashedTime"] = rfc3339(float(record["trashedTime"]))
        if record.get("trashingUser") and need("trashingUser"):
            out["trashingUser"] = render_user(state, str(record["trashingUser"]), viewer)
    if not is_google_type(mime):
        _content_fields(out, record, base_url)
    elif is_folder:
        out["folderColorRgb"] = record.get("folderColorRgb", "#8f8f8f")
    return out


def _content_fields(out: dict[str, Any], record: dict[str, Any], base_url: str) -> None:
    """Fields only binary (non-Google-type) files have."""
    file_id = out["id"]
    out["webContentLink"] = f"https://drive.google.com/uc?id={file_id}&export=download"
    out["size"] = str(record.get("size", 0))
    for key in ("md5Checksum", "sha1Checksum", "sha256Checksum", "headRevisionId"):
        if record.get(key):
            out[key] = record[key]
    name = str(record.get("originalFilename") or record["name"])
    out["originalFilename"] = name
    if "." in name.strip(".") and not name.endswith("."):
        parts = name.split(".")
        out["fileExtension"] = parts[-1]
        # compound extensions (``tar.gz``) are the one case where Drive reports more than the last part
        compound = len(parts) > 2 and parts[-2].casefold() == "tar"
        out["fullFileExtension"] = ".".join(parts[-2:]) if compound else parts[-1]
