"""Shared drives: ``drives.*`` and their deprecated aliases ``teamdrives.*``, over one ``drives`` collection.

A shared drive here is a named container with members: its creator is its organizer, and only members see
it (anyone else gets 404, as for a file, so its existence does not leak). ``hidden`` is per drive rather
than per member, since the seed's users never share a drive. Files are not placed in shared drives yet
(``files.create`` with a drive as parent is refused as for any unknown parent), so a drive is always
empty and ``drives.delete`` never meets Drive's "not empty" refusal.

``requestId`` makes creation idempotent per user, as the Discovery document says: "A repeated request by
the same user and with the same request ID will avoid creating duplicates [...]. If the shared drive
already exists a 409 error will be returned."
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import BASE64URL_ALPHABET
from . import _errors as err
from ._render import rfc3339
from ._request import caller, mask_of, p_int, p_str, shape

__all__ = ["drives_create", "drives_delete", "drives_get", "drives_hide", "drives_list", "drives_update"]

_WRITABLE = ("name", "colorRgb", "themeId", "backgroundImageFile", "restrictions")
_RESTRICTIONS = {
    "adminManagedRestrictions": False,
    "copyRequiresWriterPermission": False,
    "domainUsersOnly": False,
    "driveMembersOnly": False,
    "sharingFoldersRequiresOrganizerPermission": False,
}
# what an organizer of an empty shared drive may do (Drive's drive.capabilities, all true for organizers)
_CAPABILITIES = (
    "canAddChildren", "canChangeCopyRequiresWriterPermissionRestriction", "canChangeDomainUsersOnlyRestriction",
    "canChangeDriveBackground", "canChangeDriveMembersOnlyRestriction", "canComment", "canCopy",
    "canDeleteChildren", "canDeleteDrive", "canDownload", "canEdit", "canListChildren", "canManageMembers",
    "canReadRevisions", "canRename", "canRenameDrive", "canShare", "canTrashChildren",
)  # fmt: skip
# one term of the drives.list query language the twin understands; others are refused as Drive refuses
# a malformed query (400 invalid on q) rather than silently ignored
_TERM = re.compile(r"""^\s*(name|hidden)\s*(=|!=|contains)\s*('(?:[^'\\]|\\.)*'|true|false)\s*$""")


class _Kind:
    """The two spellings of one resource: ``drives`` (``drive#drive``) and ``teamdrives`` (``drive#teamDrive``)."""

    def __init__(self, kind: str, schema: str, list_key: str, id_param: str) -> None:
        self.kind, self.schema, self.list_key, self.id_param = kind, schema, list_key, id_param


DRIVES = _Kind("drive#drive", "Drive", "drives", "driveId")
TEAM_DRIVES = _Kind("drive#teamDrive", "TeamDrive", "teamDrives", "teamDriveId")


def _kind(ctx: Context) -> _Kind:
    return TEAM_DRIVES if str(ctx.op.get("id", "")).startswith("drive.teamdrives.") else DRIVES


def _render(record: dict[str, Any], kind: _Kind) -> dict[str, Any]:
    out = {k: v for k, v in record.items() if k not in ("members", "requestKey")}
    out["kind"] = kind.kind
    if kind is TEAM_DRIVES:
        out.pop("hidden", None)  # TeamDrive has no hidden field
    return out


def _find(ctx: Context, kind: _Kind) -> dict[str, Any]:
    drive_id = str(ctx.params[kind.id_param])
    record = ctx.state.collection("drives").get(drive_id)
    if record is None or caller(ctx) not in record["members"]:
        raise err.not_found(f"Shared drive not found: {drive_id}", kind.id_param)
    return record


def _organizer(ctx: Context, record: dict[str, Any]) -> None:
    if record["members"].get(caller(ctx)) != "organizer":
        raise err.insufficient_permissions()


def _body(ctx: Context) -> dict[str, Any]:
    return ctx.body if isinstance(ctx.body, dict) else {}


@behaviour("drive.drives.create")
@behaviour("drive.teamdrives.create")
def drives_create(ctx: Context) -> Any:
    kind = _kind(ctx)
    mask = mask_of(ctx, "kind, id, name", kind.schema)
    me = caller(ctx)
    request_key = f"{me}:{p_str(ctx, 'requestId')}"
    drives = ctx.state.collection("drives")
    if any(record.get("requestKey") == request_key for _, record in drives.scan()):
        raise err.duplicate("A shared drive with this requestId already exists.")
    body = _body(ctx)
    name = str(body.get("name") or "")
    if not name:
        raise err.required("name", "A shared drive name is required.")
    record: dict[str, Any] = {
        "id": ctx.new_id("0A", length=11, alphabet=BASE64URL_ALPHABET) + "Uk9PVA",
        "name": name,
        "colorRgb": str(body.get("colorRgb") or "#4986e7"),
        "createdTime": rfc3339(ctx.now()),
        "hidden": False,
        "capabilities": dict.fromkeys(_CAPABILITIES, True),
        "restrictions": {**_RESTRICTIONS, **(body.get("restrictions") or {})},
        "members": {me: "organizer"},
        "requestKey": request_key,
    }
    if body.get("themeId"):
        record["themeId"] = str(body["themeId"])
    drives.put(record["id"], record)
    return shape(_render(record, kind), mask)


@behaviour("drive.drives.get")
@behaviour("drive.teamdrives.get")
def drives_get(ctx: Context) -> Any:
    kind = _kind(ctx)
    mask = mask_of(ctx, "kind, id, name", kind.schema)
    return shape(_render(_find(ctx, kind), kind), mask)


@behaviour("drive.drives.update")
@behaviour("drive.teamdrives.update")
def drives_update(ctx: Context) -> Any:
    kind = _kind(ctx)
    mask = mask_of(ctx, "kind, id, name", kind.schema)
    record = _find(ctx, kind)
    _organizer(ctx, record)
    body = _body(ctx)
    for key in body:
        if key not in _WRITABLE and key != "kind":
            message = "The resource body includes fields which are not directly writable."
            raise err.forbidden("fieldNotWritable", message)
    for key in _WRITABLE:
        if key in body:
            record[key] = {**record["restrictions"], **body[key]} if key == "restrictions" else body[key]
    ctx.state.collection("drives").put(record["id"], record)
    return shape(_render(record, kind), mask)


@behaviour("drive.drives.delete")
@behaviour("drive.teamdrives.delete")
def drives_delete(ctx: Context) -> Any:
    kind = _kind(ctx)
    record = _find(ctx, kind)
    _organizer(ctx, record)
    ctx.state.collection("drives").delete(record["id"])
    return Response(204, b"")


@behaviour("drive.drives.hide")
@behaviour("drive.drives.unhide")
def drives_hide(ctx: Context) -> Any:
    """Hide or unhide: a view setting, so any member may do it; the answer is the drive."""
    mask = mask_of(ctx, "kind, id, name", DRIVES.schema)
    record = _find(ctx, DRIVES)
    record["hidden"] = str(ctx.op.get("id", "")).endswith(".hide")
    ctx.state.collection("drives").put(record["id"], record)
    return shape(_render(record, DRIVES), mask)


@behaviour("drive.drives.list")
@behaviour("drive.teamdrives.list")
def drives_list(ctx: Context) -> Any:
    kind = _kind(ctx)
    mask = mask_of(ctx, f"kind, nextPageToken, {kind.list_key}(kind, id, name)", f"{kind.schema}List")
    size = p_int(ctx, "pageSize", 10, 1, 100)
    test = _query(p_str(ctx, "q"))
    after = _decode(p_str(ctx, "pageToken"))
    me = caller(ctx)
    seen = [r for r in ctx.state.collection("drives").values() if me in r["members"] and test(r)]
    if after is not None:
        ids = [r["id"] for r in seen]
        seen = seen[ids.index(after) + 1 :] if after in ids else []
    page = seen[:size]
    out: dict[str, Any] = {"kind": f"{kind.kind}List", kind.list_key: [_render(r, kind) for r in page]}
    if len(seen) > size:
        out["nextPageToken"] = base64.urlsafe_b64encode(page[-1]["id"].encode()).decode()
    return shape(out, mask)


def _decode(token: str | None) -> str | None:
    if not token:
        return None
    try:
        return base64.urlsafe_b64decode(token.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise err.invalid("pageToken", "Invalid Value") from None


def _query(q: str | None) -> Any:
    """A predicate for ``q``: terms on ``name`` and ``hidden`` joined by ``and``."""
    if not q or not q.strip():
        return lambda record: True
    tests = []
    for part in re.split(r"\s+and\s+", q.strip()):
        match = _TERM.match(part)
        if match is None:
            raise err.invalid("q", "Invalid Value")
        field, op, raw = match.groups()
        value: Any = raw[1:-1].replace("\\'", "'") if raw.startswith("'") else raw == "true"
        if (field == "hidden") == raw.startswith("'") or (field == "hidden" and op == "contains"):
            raise err.invalid("q", "Invalid Value")
        tests.append((field, op, value))

    def matches(record: dict[str, Any]) -> bool:
        for field, op, value in tests:
            have = record.get(field, False if field == "hidden" else "")
            if op == "contains" and str(value).casefold() not in str(have).casefold():
                return False
            if op != "contains" and (have == value) != (op == "="):
                return False
        return True

    return matches
