"""Changing files the way Drive does: new records, writable metadata, moves, trash and deletion."""

from __future__ import annotations

from typing import Any

from ..runtime import Context, State
from . import _errors as err
from ._content import drop_content
from ._files_model import FOLDER, ROLE_RANK, WRITER, descendants, record_change, role_of, user
from ._render import rfc3339
from ._shapes import check_shapes

__all__ = ["apply_metadata", "delete_tree", "move", "new_file", "readable", "set_trashed", "touch", "writable"]

# Metadata a client may set (v3 File fields the reference marks writable); ``parents`` only on create.
_WRITABLE = frozenset(
    {
        "name", "mimeType", "description", "starred", "trashed", "properties", "appProperties",
        "folderColorRgb", "contentHints", "copyRequiresWriterPermission", "writersCanShare",
        "viewersCanCopyContent", "originalFilename", "modifiedTime", "viewedByMeTime", "createdTime",
        "shortcutDetails", "contentRestrictions", "inheritedPermissionsDisabled", "downloadRestrictions",
    }
)  # fmt: skip
_IGNORED = frozenset({"kind", "id", "parents", "driveId", "teamDriveId"})
# What changing counts as modifying the file (``modifiedTime`` moves); starring and trashing do not.
_MODIFYING = frozenset({"name", "mimeType", "description", "properties", "appProperties", "contentHints"})


def readable(ctx: Context, file_id: str, me: str) -> dict[str, Any]:
    """The file if the caller can see it; otherwise Drive's 404, whether it exists or not."""
    if file_id == "root":
        found = user(ctx.state, me)
        file_id = str(found["rootId"]) if found else file_id
    record = ctx.state.collection("files").get(file_id)
    if record is None or role_of(ctx.state, record, me) == 0:
        raise err.file_not_found(file_id)
    return record


def writable(ctx: Context, file_id: str, me: str, rank: int = WRITER) -> dict[str, Any]:
    record = readable(ctx, file_id, me)
    if role_of(ctx.state, record, me) < rank:
        raise err.insufficient_permissions()
    return record


def touch(ctx: Context, record: dict[str, Any], me: str, *, modified: bool = True) -> None:
    """Bump the version (every change) and ``modifiedTime`` (real modifications), strictly increasing."""
    record["version"] = int(record.get("version", 1)) + 1
    if modified:
        now = max(ctx.now(), float(record.get("modifiedTime", 0)) + 0.001)
        record["modifiedTime"] = now
        record["lastModifyingUser"] = me
        record["modifiedBy"] = {**record.get("modifiedBy", {}), me: now}


def parse_time(value: Any, name: str) -> float:
    """An RFC 3339 time from a request; Drive answers 400 to one without a zone (googleapis.dart#79, #104)."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise err.invalid(name, f"Invalid value for {name}: {value}") from None
    if moment.tzinfo is None:  # read as local time it would depend on the machine the twin runs on
        raise err.invalid(name, f"Invalid value for {name}: {value}")
    return moment.timestamp()


def check_body(body: dict[str, Any], *, creating: bool) -> None:
    """A create, copy or update body Drive takes: shapes the File schema allows, only fields a client may write."""
    check_shapes(body, "File", "file")
    for key in body:
        if key == "parents" and not creating:
            raise err.forbidden(
                "fieldNotWritable",
                "The parents field is not directly writable in update requests. "
                "Use the addParents and removeParents parameters instead.",
            )
        if key not in _WRITABLE and key not in _IGNORED:
            message = "The resource body includes fields which are not directly writable."
            raise err.forbidden("fieldNotWritable", message)


_NULL_IS_ABSENT = frozenset({"name", "mimeType", "originalFilename"})
"""Fields a null leaves as they are (Google's JSON takes null as "not given"): recorded, files.copy with
``"name": null`` copies under the original's name (a Docs Editors file's as "Copy of ...")."""


def apply_metadata(ctx: Context, record: dict[str, Any], body: dict[str, Any], me: str) -> bool:
    """Apply a create/update body to ``record``; True when the file counts as modified."""
    modified = False
    for key, value in body.items():
        if key in _IGNORED or (value is None and key in _NULL_IS_ABSENT):
            continue
        if key == "starred":
            starred = set(record.get("starredBy", ()))
            (starred.add if value else starred.discard)(me)
            record["starredBy"] = sorted(starred)
        elif key == "trashed":
            set_trashed(ctx, record, bool(value), me)
        elif key in ("properties", "appProperties"):
            # a patch merges maps key by key; a null value removes that key
            if value is not None and not isinstance(value, dict):  # also without a spec to check shapes against
                raise err.invalid(key, f"Invalid value at 'file.{key}' (TYPE_MESSAGE)")
            merged = {**record.get(key, {}), **(value or {})}
            record[key] = {k: str(v) for k, v in merged.items() if v is not None}
        elif key == "modifiedTime":
            record["modifiedTime"] = parse_time(value, "modifiedTime")
        elif key == "createdTime":
            record["createdTime"] = parse_time(value, "createdTime")
        elif key == "viewedByMeTime":
            record["viewedBy"] = {**record.get("viewedBy", {}), me: parse_time(value, "viewedByMeTime")}
        elif key == "viewersCanCopyContent":
            record["copyRequiresWriterPermission"] = not value
        elif key == "name" and str(value) == "":
            raise err.invalid("name", "A file name is required.")
        else:
            record[key] = value
        modified = modified or key in _MODIFYING
    return modified


def new_file(ctx: Context, me: str, file_id: str, metadata: dict[str, Any], now: float) -> dict[str, Any]:
    """A fresh record owned by ``me`` (in My Drive the creator owns what they create, even in a shared folder)."""
    owner = user(ctx.state, me) or {"email": me, "displayName": me, "permissionId": ""}
    return {
        "id": file_id,
        "name": "Untitled",
        "mimeType": "application/octet-stream",
        "parents": [],
        "owner": me,
        "createdTime": now,
        "modifiedTime": now,
        "modifiedBy": {me: now},
        "lastModifyingUser": me,
        "version": 1,
        "trashed": False,
        "explicitlyTrashed": False,
        "starredBy": [],
        "writersCanShare": True,
        "permissions": [
            {
                "id": owner.get("permissionId", ""),
                "type": "user",
                "role": "owner",
                "emailAddress": owner.get("email", me),
                "displayName": owner.get("displayName", me),
            }
        ],
        **({"originalFilename": metadata["name"]} if metadata.get("name") else {}),
    }


def check_parent(ctx: Context, parent_id: str, me: str) -> str:
    """A folder the caller may add children to; returns its real id (``root`` resolved)."""
    parent = readable(ctx, parent_id, me)
    if parent["mimeType"] != FOLDER:
        raise err.forbidden("cannotAddParent", "A shortcut or file cannot be a parent.")
    if role_of(ctx.state, parent, me) < WRITER:
        raise err.insufficient_permissions()
    return str(parent["id"])


def move(ctx: Context, record: dict[str, Any], me: str, add: list[str], remove: list[str]) -> None:
    """``addParents``/``removeParents``: My Drive items keep exactly one parent."""
    me_user = user(ctx.state, me)
    dropped = {str(me_user["rootId"]) if p == "root" and me_user else p for p in remove}
    parents = [p for p in record.get("parents", ()) if p not in dropped]
    for parent_id in add:
        real = check_parent(ctx, parent_id, me)
        if real == record["id"] or any(d["id"] == real for d in descendants(ctx.state, str(record["id"]))):
            raise err.bad_request("The request would create a cycle in the folder hierarchy.", "invalidParent")
        if real not in parents:
            parents.append(real)
    if len(parents) > 1:
        raise err.forbidden("cannotAddParent", "Increasing the number of parents is not allowed")
    record["parents"] = parents


def set_trashed(ctx: Context, record: dict[str, Any], trashed: bool, me: str) -> None:
    """Trash or restore a file; a folder's descendants follow it but are not *explicitly* trashed."""
    if bool(record.get("explicitlyTrashed")) == trashed and bool(record.get("trashed")) == trashed:
        return
    if role_of(ctx.state, record, me) < ROLE_RANK["owner"]:
        raise err.insufficient_permissions()  # only the owner may trash a My Drive file
    now = ctx.now()
    _mark(record, trashed, explicit=True, who=me, when=now)
    if record["mimeType"] == FOLDER:
        for child in descendants(ctx.state, str(record["id"])):
            if trashed and not child.get("trashed"):
                _mark(child, True, explicit=False, who=me, when=now)
            elif not trashed and child.get("trashed") and not child.get("explicitlyTrashed"):
                _mark(child, False, explicit=False, who=me, when=now)
            else:
                continue
            child["version"] = int(child.get("version", 1)) + 1
            record_change(ctx.state, child, now)


def _mark(record: dict[str, Any], trashed: bool, *, explicit: bool, who: str, when: float) -> None:
    record["trashed"] = trashed
    record["explicitlyTrashed"] = trashed and explicit
    if trashed:
        record["trashedTime"], record["trashingUser"] = when, who
    else:
        record.pop("trashedTime", None)
        record.pop("trashingUser", None)


def delete_tree(state: State, record: dict[str, Any], me: str, when: float) -> None:
    """Delete a file for good; below a folder, what the caller owns goes too, other items lose the parent."""
    files = state.collection("files")
    doomed = [record]
    if record["mimeType"] == FOLDER:
        for child in descendants(state, str(record["id"])):
            if child.get("owner") == me:
                doomed.append(child)
    gone = {str(r["id"]) for r in doomed}
    for item in doomed:
        files.delete(str(item["id"]))
        drop_content(state, str(item["id"]))
        record_change(state, item, when, removed=True)
    for other in files.values():
        kept = [p for p in other.get("parents", ()) if p not in gone]
        if kept != other.get("parents", []):
            other["parents"] = kept
            files.put(str(other["id"]), other)


def stamp(seconds: float) -> str:
    return rfc3339(seconds)
