"""File records and their Slack shape; URLs point at the twin as the client reached it."""

from __future__ import annotations

import mimetypes
from typing import Any

from ..runtime import Context
from . import _model
from ._auth import Caller
from ._errors import slack_error

Record = dict[str, Any]

_PRETTY = {
    "text": "Plain Text",
    "png": "PNG",
    "jpg": "JPEG",
    "gif": "GIF",
    "pdf": "PDF",
    "csv": "CSV",
    "json": "JSON",
    "python": "Python",
    "markdown": "Markdown",
    "zip": "Zip",
    "binary": "Binary",
}
_FILETYPE = {"txt": "text", "py": "python", "md": "markdown", "jpeg": "jpg", "yml": "yaml"}


def kind_of_name(name: str, snippet_type: str = "") -> tuple[str, str, str]:
    """(mimetype, filetype, pretty_type) from a filename, as Slack guesses them."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    filetype = snippet_type or _FILETYPE.get(extension, extension or "text")
    mimetype = mimetypes.guess_type(name)[0] or ("text/plain" if filetype == "text" else "application/octet-stream")
    return mimetype, filetype, _PRETTY.get(filetype, filetype.upper())


def new_file(ctx: Context, caller: Caller, file_id: str, name: str, size: int) -> Record:
    now = int(ctx.now())
    mimetype, filetype, pretty = kind_of_name(name, _snippet(ctx))
    record: Record = {
        "id": file_id,
        "created": now,
        "timestamp": now,
        "name": name,
        "title": name,
        "mimetype": mimetype,
        "filetype": filetype,
        "pretty_type": pretty,
        "user": caller.user_id,
        "user_team": caller.team_id,
        "editable": False,
        "size": size,
        "mode": "hosted",
        "is_external": False,
        "external_type": "",
        "is_public": False,
        "public_url_shared": False,
        "display_as_bot": False,
        "username": "",
        "comments_count": 0,
        "has_rich_preview": False,
        "file_access": "visible",
        "channels": [],
        "groups": [],
        "ims": [],
        "shares": {},
        "_state": "pending",
        "_deleted": False,
    }
    return record


def _snippet(ctx: Context) -> str:
    value = ctx.params.get("snippet_type")
    return value if isinstance(value, str) else ""


def show(ctx: Context, record: Record) -> Record:
    """The file as Slack shows it; ``url_private`` downloads from the twin with the caller's bearer token."""
    shown = _model.public(record)
    team = _model.team(ctx)
    path = f"/files-pri/{team['id']}-{record['id']}/{record['name']}"
    shown["url_private"] = f"{ctx.base_url}{path}"
    shown["url_private_download"] = f"{ctx.base_url}/files-pri/{team['id']}-{record['id']}/download/{record['name']}"
    shown["permalink"] = f"{team['url']}files/{record['user']}/{record['id']}/{record['name']}"
    shown["permalink_public"] = f"https://slack-files.com/{team['id']}-{record['id']}-{record['id'].lower()}"
    return shown


def visible(ctx: Context, record: Record, caller: Caller) -> bool:
    """Owners see their files; others see a file once it is shared somewhere they can see."""
    if record["user"] == caller.user_id:
        return True
    channels = ctx.state.collection("channels")
    for channel_id in (*record["channels"], *record["groups"], *record["ims"]):
        channel = channels.get(channel_id)
        if channel is not None and _model.visible(channel, caller):
            return True
    return False


def find(ctx: Context, caller: Caller, file_id: str) -> Record:
    record: Record | None = ctx.state.collection("files").get(file_id) if file_id else None
    if record is None or record["_state"] != "complete" or not visible(ctx, record, caller):
        raise slack_error("file_not_found")
    if record["_deleted"]:
        raise slack_error("file_deleted")
    return record
