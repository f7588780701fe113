"""``slackbot.skills.*``: Slackbot skills (markdown instructions kept as a canvas) and the caller's skill library.

User tokens only. A skill's id is the id of its canvas (``F...``); a skill made from instructions gets a new
canvas, one made from ``canvas_id`` uses that canvas (which the caller must own). Skills the caller cannot
see answer ``skill_not_found``, so an answer never tells whether a skill exists.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _ids, _model, _paging, _platform
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]

CATEGORIES = ("communication", "customer_support", "data_and_analytics", "engineering", "other",
              "product_management", "productivity", "professional_development", "project_management", "sales",
              "system", "team_management")  # fmt: skip
_LIMITS = {"display_name": 255, "description": 400, "example_prompt": 200}


def _skills(ctx: Context) -> Any:
    return ctx.state.collection("slackbot_skills")


def _user(caller: Caller) -> None:
    _platform.only(caller, "user")


def _fields(ctx: Context, record: Record, clearing: bool) -> None:
    for name, limit in _LIMITS.items():
        if name in ctx.params:
            value = _args.text(ctx, name)
            if len(value) > limit:
                raise invalid_arguments(f"{name} must be at most {limit} characters")
            if value or clearing:
                record[name] = value or None
    if "category" in ctx.params:
        category = _args.text(ctx, "category")
        if category and category not in CATEGORIES:
            raise invalid_arguments("category must be one of the skill categories")
        record["category"] = category or None
    servers = _platform.json_arg(ctx, "mcp_servers")
    if servers is not None:
        record["mcp_servers"] = servers if isinstance(servers, list) else [servers]


def _skill(ctx: Context, caller: Caller) -> Record:
    found: Record | None = _skills(ctx).get(_platform.need(ctx, "skill_id"))
    if found is None or not (found["_owner"] == caller.user_id or found["visibility"] == "anyone"):
        raise slack_error("skill_not_found")
    return found


def auto_enabled_for(ctx: Context, record: Record, user_id: str) -> bool:
    """Whether an org admin turned the skill on for ``user_id`` (``admin.slackbot.skills.setAutoEnabled``)."""
    setting: Record = record.get("_auto_enabled") or {}
    if setting.get("permission_type") == "everyone":
        return True
    groups = ctx.state.collection("usergroups")
    return setting.get("permission_type") == "named_entities" and any(
        user_id in (groups.get(g) or {}).get("users", ()) for g in setting.get("usergroup_ids", ())
    )


def _show(record: Record, caller: Caller) -> Record:
    shown = _model.public(record)
    shown["access"] = "owner" if record["_owner"] == caller.user_id else "read"
    return shown


@slack_method("slackbot.skills.create", scopes=())
def slackbot_skills_create(ctx: Context, caller: Caller) -> Record:
    _user(caller)
    display_name = _platform.need(ctx, "display_name")
    instructions, canvas_id = _args.text(ctx, "instructions"), _args.text(ctx, "canvas_id").strip()
    if bool(instructions) == bool(canvas_id):
        raise invalid_arguments("send exactly one of instructions or canvas_id")
    if canvas_id:
        canvas: Record | None = ctx.state.collection("canvases").get(canvas_id)
        if canvas is None or canvas["_owner"] != caller.user_id:
            raise slack_error("canvas_not_found")
        instructions = "\n\n".join(s["markdown"] for s in canvas["_sections"])
    skill_id = canvas_id or _ids.new_id(ctx.state, "F")
    record: Record = {"id": skill_id, "type": "canvas", "display_name": display_name, "name": None,
                      "description": None, "category": None, "example_prompt": None, "instructions": instructions,
                      "visibility": "invite_only", "mcp_servers": [], "_owner": caller.user_id}  # fmt: skip
    _fields(ctx, record, clearing=False)
    _skills(ctx).put(skill_id, record)
    ctx.state.collection("slackbot_library").put(f"{caller.user_id}:{skill_id}", {"added": int(ctx.now())})
    return {"skill": _show(record, caller)}


@slack_method("slackbot.skills.update", scopes=())
def slackbot_skills_update(ctx: Context, caller: Caller) -> Record:
    _user(caller)
    record = _skill(ctx, caller)
    if record["_owner"] != caller.user_id:
        raise slack_error("skill_not_found")
    if "instructions" in ctx.params:
        record["instructions"] = _args.text(ctx, "instructions")  # replaces the whole document
    _fields(ctx, record, clearing=True)
    _skills(ctx).put(record["id"], record)
    return {"skill": _show(record, caller)}


@slack_method("slackbot.skills.info", scopes=())
def slackbot_skills_info(ctx: Context, caller: Caller) -> Record:
    _user(caller)
    return {"skill": _show(_skill(ctx, caller), caller)}


@slack_method("slackbot.skills.delete", scopes=())
def slackbot_skills_delete(ctx: Context, caller: Caller) -> Record:
    _user(caller)
    record = _skill(ctx, caller)
    if record["_owner"] != caller.user_id:
        raise slack_error("skill_not_found")
    _skills(ctx).delete(record["id"])
    return {}


@slack_method("slackbot.skills.list", scopes=())
def slackbot_skills_list(ctx: Context, caller: Caller) -> Record:
    """The caller's skills: ``filter=library`` (default) those turned on, ``filter=owned`` those they made."""
    _user(caller)
    which = _args.text(ctx, "filter") or "library"
    library = ctx.state.collection("slackbot_library")
    visible = [s for s in _skills(ctx).values() if s["_owner"] == caller.user_id or s["visibility"] == "anyone"]
    if which == "owned":
        chosen = [s for s in visible if s["_owner"] == caller.user_id]
    else:  # "skills enabled for the caller, including auto-enabled skills" (the method page)
        chosen = [
            s for s in visible if f"{caller.user_id}:{s['id']}" in library or auto_enabled_for(ctx, s, caller.user_id)
        ]
    category = _args.text(ctx, "category")
    chosen = [s for s in chosen if not category or s["category"] == category]
    by_id = {s["id"]: s for s in chosen}
    page, following = _paging.page_of_keys(ctx, sorted(by_id), "skill", 100)
    return {"skills": [_show(by_id[k], caller) for k in page], **_paging.metadata(following)}


@slack_method("slackbot.skills.library.add", scopes=())
def slackbot_skills_library_add(ctx: Context, caller: Caller) -> Record:
    _user(caller)
    record = _skill(ctx, caller)
    ctx.state.collection("slackbot_library").put(f"{caller.user_id}:{record['id']}", {"added": int(ctx.now())})
    return {}


@slack_method("slackbot.skills.library.remove", scopes=())
def slackbot_skills_library_remove(ctx: Context, caller: Caller) -> Record:
    _user(caller)
    record = _skill(ctx, caller)
    ctx.state.collection("slackbot_library").delete(f"{caller.user_id}:{record['id']}")
    return {}
