"""``canvases.*``: canvases kept as markdown sections, with Slack's edit operations and per-canvas access.

A canvas is a file (``F...``). Its content is a list of sections (a header line or a paragraph), each with
an id like Slack's ``temp:C:...``, so ``canvases.sections.lookup`` and the section-based edits can find them.
Only the creator and those granted access see a canvas; everyone else gets ``canvas_not_found``.
"""

from __future__ import annotations

import hashlib
from html import escape
from typing import Any

from ..runtime import Context
from . import _args, _ids, _model, _platform
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]

_HEADERS = {"# ": "h1", "## ": "h2", "### ": "h3"}
_OPERATIONS = ("insert_after", "insert_before", "insert_at_start", "insert_at_end", "replace", "delete", "rename")


def _canvases(ctx: Context) -> Any:
    return ctx.state.collection("canvases")


def sections_of(ctx: Context, markdown: str) -> list[Record]:
    """Split markdown into sections: each header line is one, each run of other lines is one."""
    found: list[Record] = []
    lines: list[str] = []

    def flush() -> None:
        if any(line.strip() for line in lines):
            found.append(_section(ctx, "paragraph", "\n".join(lines).strip("\n")))
        lines.clear()

    for line in markdown.splitlines():
        kind = next((k for prefix, k in _HEADERS.items() if line.startswith(prefix)), None)
        if kind is None:
            lines.append(line)
            continue
        flush()
        found.append(_section(ctx, kind, line))
    flush()
    return found


def _section(ctx: Context, kind: str, markdown: str) -> Record:
    number = _ids.new_id(ctx.state, "temp")
    return {"id": "temp:C:" + hashlib.sha256(number.encode()).hexdigest()[:27], "type": kind, "markdown": markdown}


def _markdown_of(content: Any, where: str) -> str:
    if (
        not isinstance(content, dict)
        or content.get("type") != "markdown"
        or not isinstance(content.get("markdown"), str)
    ):
        raise slack_error("canvas_editing_failed", detail=f"'{where}' must be {{type: markdown, markdown: string}}")
    markdown: str = content["markdown"]
    return markdown


def _canvas(ctx: Context, caller: Caller, write: bool = False) -> Record:
    canvas_id = _platform.need(ctx, "canvas_id")
    found: Record | None = _canvases(ctx).get(canvas_id)
    if found is None or not _sees(found, caller):
        raise slack_error("canvas_not_found")
    if write and _level(found, caller) not in ("write", "owner"):
        raise slack_error("restricted_action")
    return found


def _level(canvas: Record, caller: Caller) -> str:
    if canvas["_owner"] == caller.user_id:
        return "owner"
    return str(canvas["_access"].get(caller.user_id, ""))


def _sees(canvas: Record, caller: Caller) -> bool:
    """The owner, users given access, and members (when access was given) of channels given access."""
    in_channel = any(caller.user_id in entry.get("members", ()) for entry in canvas["_channels"].values())
    return bool(_level(canvas, caller)) or in_channel


@slack_method("canvases.create", scopes=("canvases:write",))
def canvases_create(ctx: Context, caller: Caller) -> Record:
    content = _platform.json_arg(ctx, "document_content")
    markdown = _markdown_of(content, "document_content") if content is not None else ""
    channels: Record = {}
    channel_id = _args.text(ctx, "channel_id").strip()
    if channel_id:
        channel = _model.channel(ctx, caller, channel_id)
        channels[channel_id] = {"level": "write", "members": list(_model.members(channel))}
    canvas_id = _ids.new_id(ctx.state, "F")
    canvas = {
        "id": canvas_id,
        "title": _args.text(ctx, "title") or "Untitled",
        "created": int(ctx.now()),
        "_owner": caller.user_id,
        "_sections": sections_of(ctx, markdown),
        "_access": {},
        "_channels": channels,
    }
    _canvases(ctx).put(canvas_id, canvas)
    return {"canvas_id": canvas_id}


@slack_method("canvases.edit", scopes=("canvases:write",))
def canvases_edit(ctx: Context, caller: Caller) -> Record:
    canvas = _canvas(ctx, caller, write=True)
    changes = _platform.json_arg(ctx, "changes")
    if not isinstance(changes, list) or not changes:
        raise invalid_arguments("changes must be a non-empty array")
    sections: list[Record] = list(canvas["_sections"])
    for change in changes:
        sections = _apply(ctx, canvas, sections, change)
    canvas["_sections"] = sections
    _canvases(ctx).put(canvas["id"], canvas)
    return {}


def _apply(ctx: Context, canvas: Record, sections: list[Record], change: Any) -> list[Record]:
    operation = change.get("operation") if isinstance(change, dict) else None
    if operation not in _OPERATIONS:
        raise slack_error("canvas_editing_failed", detail=f"'operation' must be one of {', '.join(_OPERATIONS)}")
    assert isinstance(change, dict)
    if operation == "rename":
        title = change.get("title_content")
        canvas["title"] = _markdown_of(title, "title_content")
        return sections
    section_id = change.get("section_id")
    at = next((i for i, s in enumerate(sections) if s["id"] == section_id), None)
    needs_section = operation in ("insert_after", "insert_before", "delete")
    if (needs_section or section_id) and at is None:
        raise slack_error("canvas_editing_failed", detail=f"section not found: {section_id}")
    if operation == "delete":
        assert at is not None
        return sections[:at] + sections[at + 1 :]
    new = sections_of(ctx, _markdown_of(change.get("document_content"), "document_content"))
    if operation == "insert_at_start":
        return new + sections
    if operation == "insert_at_end":
        return sections + new
    if operation == "replace":
        return new if at is None else sections[:at] + new + sections[at + 1 :]
    assert at is not None
    split = at + 1 if operation == "insert_after" else at
    return sections[:split] + new + sections[split:]


@slack_method("canvases.delete", scopes=("canvases:write",))
def canvases_delete(ctx: Context, caller: Caller) -> Record:
    canvas = _canvas(ctx, caller)
    if _level(canvas, caller) != "owner":
        raise slack_error("restricted_action")
    _canvases(ctx).delete(canvas["id"])
    return {}


@slack_method("canvases.getContent", scopes=("canvases:read",))
def canvases_get_content(ctx: Context, caller: Caller) -> Record:
    canvas = _canvas(ctx, caller)
    markdown = "\n\n".join(s["markdown"] for s in canvas["_sections"])
    kind = _args.text(ctx, "content_type", "markdown") or "markdown"
    if kind == "markdown":
        return {"content": markdown + ("\n" if markdown else "")}
    if kind == "html":
        return {"content": "".join(_html(s) for s in canvas["_sections"])}
    raise invalid_arguments("content_type must be markdown or html")


def _html(section: Record) -> str:
    tag = section["type"] if section["type"] != "paragraph" else "p"
    text = section["markdown"].lstrip("#").strip() if tag != "p" else section["markdown"]
    return f"<{tag}>{escape(text)}</{tag}>"


@slack_method("canvases.sections.lookup", scopes=("canvases:read",))
def canvases_sections_lookup(ctx: Context, caller: Caller) -> Record:
    canvas = _canvas(ctx, caller)
    criteria = _platform.json_arg(ctx, "criteria")
    if not isinstance(criteria, dict) or not (criteria.get("section_types") or criteria.get("contains_text")):
        raise invalid_arguments("criteria must have section_types or contains_text")
    types = set(criteria.get("section_types") or ())
    text = str(criteria.get("contains_text") or "")

    def matches(section: Record) -> bool:
        is_header = section["type"] in ("h1", "h2", "h3")
        if types and section["type"] not in types and not ("any_header" in types and is_header):
            return False
        return text in section["markdown"]

    return {"sections": [{"id": s["id"]} for s in canvas["_sections"] if matches(s)]}


@slack_method("canvases.access.set", scopes=("canvases:write",))
def canvases_access_set(ctx: Context, caller: Caller) -> Record:
    canvas = _canvas(ctx, caller, write=True)
    level = _platform.need(ctx, "access_level")
    if level not in ("read", "write", "owner"):
        raise invalid_arguments("access_level must be read, write or owner")
    users, channels = _args.id_list(ctx, "user_ids"), _args.id_list(ctx, "channel_ids")
    if bool(users) == bool(channels):
        raise invalid_arguments("exactly one of user_ids or channel_ids is required")
    if level == "owner" and (channels or len(users) != 1):
        raise invalid_arguments("owner can only be given to one user")
    for user_id in users:
        _model.user(ctx, user_id)
        canvas["_access"][user_id] = level
    for channel_id in channels:
        channel = _model.channel(ctx, caller, channel_id)
        canvas["_channels"][channel_id] = {"level": level, "members": list(_model.members(channel))}
    if level == "owner":
        canvas["_access"][canvas["_owner"]] = "write"
        canvas["_owner"] = users[0]
    _canvases(ctx).put(canvas["id"], canvas)
    return {}


@slack_method("canvases.access.delete", scopes=("canvases:write",))
def canvases_access_delete(ctx: Context, caller: Caller) -> Record:
    canvas = _canvas(ctx, caller, write=True)
    users, channels = _args.id_list(ctx, "user_ids"), _args.id_list(ctx, "channel_ids")
    if bool(users) == bool(channels):
        raise invalid_arguments("exactly one of user_ids or channel_ids is required")
    for user_id in users:
        _model.user(ctx, user_id)  # user_not_found: "A user could not be found." (method page)
    for channel_id in channels:
        _model.channel(ctx, caller, channel_id)
    for user_id in users:
        canvas["_access"].pop(user_id, None)
    for channel_id in channels:
        canvas["_channels"].pop(channel_id, None)
    _canvases(ctx).put(canvas["id"], canvas)
    return {}
