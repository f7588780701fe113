"""``admin.slackbot.skills.*``: org admins list, publish and auto-enable the org's Slackbot skills.

The skills are the ones people made with ``slackbot.skills.create`` (``slackbot_skills``, see ``slackbot``):
canvas skills owned by the organization. From the method pages (https://docs.slack.dev/reference/methods/
admin.slackbot.skills.list, .publish, .unpublish, .setAutoEnabled):

- ``list``: "metadata for skills owned by the organization, including invite-only skills" (no instructions),
  filtered by ``category``, ``creator_ids`` and ``publish_status``;
- ``publish`` / ``unpublish``: 1 to 50 ids, each processed once; "Successful items are not rolled back if
  other items fail": unknown or deleted skills come back in ``failed_skills`` with ``skill_not_found``.
  Publishing an invite-only skill shares it with the whole organization; unpublishing changes neither access,
  libraries nor auto-enable settings;
- ``setAutoEnabled``: who the skill is turned on for automatically, ``everyone``, ``named_entities`` (1 to 100
  user groups in ``usergroup_ids``) or ``no_one``; the answer repeats the setting (``skill_id``,
  ``permission_type``, ``usergroup_ids``) and names unknown groups in ``invalid_usergroup_ids`` (the fields of
  the Node SDK's response type). An unknown skill is ``skill_not_found``; a named-entities setting without any
  known group is ``invalid_arguments`` (our choice). ``slackbot.skills.list`` shows auto-enabled skills in the
  library of the people they reach.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _model, _paging
from ._auth import Caller
from ._errors import invalid_arguments, slack_error
from .admin_base import admin_method, need, need_list
from .slackbot import CATEGORIES

Record = dict[str, Any]

READ = ("admin.skills:read",)
WRITE = ("admin.skills:write",)
SKILLS = "slackbot_skills"
MAX_IDS = 50
MAX_GROUPS = 100
AUDIENCES = ("everyone", "named_entities", "no_one")


def _shown(record: Record) -> Record:
    """A skill's metadata as the admin listing shows it: no instructions, its creator and publish status."""
    shown = {k: v for k, v in _model.public(record).items() if k != "instructions"}
    shown.update(creator_id=record["_owner"], publish_status="published" if record.get("_published") else "unpublished")
    return shown


@admin_method("admin.slackbot.skills.list", READ)
def admin_slackbot_skills_list(ctx: Context, caller: Caller) -> Record:
    sort = _args.text(ctx, "sort").strip()
    direction = _args.text(ctx, "sort_dir").strip().lower()
    if (sort and sort not in ("date_created", "date_updated", "name")) or direction not in ("", "asc", "desc"):
        raise invalid_arguments("invalid sort")
    category = _args.text(ctx, "category").strip()
    if category and category not in CATEGORIES:
        raise invalid_arguments("category must be one of the skill categories")
    creators = set(_args.id_list(ctx, "creator_ids"))
    status = _args.text(ctx, "publish_status").strip().lower()
    if status and status not in ("published", "unpublished"):
        raise invalid_arguments("invalid publish_status")
    rows = {
        s["id"]: _shown(s)
        for s in ctx.state.collection(SKILLS).values()
        if (not category or s.get("category") == category) and (not creators or s["_owner"] in creators)
    }
    rows = {k: v for k, v in rows.items() if not status or v["publish_status"] == status}
    page, following = _paging.page_of_keys(ctx, sorted(rows), "skill", 100)
    return {"skills": [rows[k] for k in page], **_paging.metadata(following)}


def _publishing(ctx: Context, published: bool) -> Record:
    ids = list(dict.fromkeys(need_list(ctx, "skill_ids")))
    if len(need_list(ctx, "skill_ids")) > MAX_IDS:  # duplicates count toward the limit
        raise invalid_arguments(f"at most {MAX_IDS} skill_ids")
    skills = ctx.state.collection(SKILLS)
    failed: list[Record] = []
    for skill_id in ids:
        record: Record | None = skills.get(skill_id)
        if record is None:
            failed.append({"skill_id": skill_id, "error": "skill_not_found"})
            continue
        record["_published"] = published
        if published:
            record["visibility"] = "anyone"  # "shares its canvas, including its instructions, with the whole org"
        skills.put(skill_id, record)
    return {"failed_skills": failed}


@admin_method("admin.slackbot.skills.publish", WRITE, required=("skill_ids",))
def admin_slackbot_skills_publish(ctx: Context, caller: Caller) -> Record:
    return _publishing(ctx, True)


@admin_method("admin.slackbot.skills.unpublish", WRITE, required=("skill_ids",))
def admin_slackbot_skills_unpublish(ctx: Context, caller: Caller) -> Record:
    return _publishing(ctx, False)


@admin_method("admin.slackbot.skills.setAutoEnabled", WRITE, required=("skill_id", "permission_type"))
def admin_slackbot_skills_set_auto_enabled(ctx: Context, caller: Caller) -> Record:
    """Who the skill is turned on for without adding it to their library."""
    skill_id = need(ctx, "skill_id")
    audience = need(ctx, "permission_type")
    if audience not in AUDIENCES:
        raise invalid_arguments("permission_type must be one of everyone, named_entities, no_one")
    skills = ctx.state.collection(SKILLS)
    record: Record | None = skills.get(skill_id)
    if record is None:
        raise slack_error("skill_not_found")
    given = _args.id_list(ctx, "usergroup_ids") if audience == "named_entities" else []
    if audience == "named_entities" and not 1 <= len(given) <= MAX_GROUPS:
        raise invalid_arguments(f"named_entities needs 1 to {MAX_GROUPS} usergroup_ids")
    groups = ctx.state.collection("usergroups")
    known = [g for g in dict.fromkeys(given) if g in groups]
    unknown = [g for g in dict.fromkeys(given) if g not in groups]
    if audience == "named_entities" and not known:
        raise invalid_arguments("none of the usergroup_ids is a user group")
    record["_auto_enabled"] = {"permission_type": audience, "usergroup_ids": known}
    skills.put(skill_id, record)
    answer: Record = {"skill_id": skill_id, "permission_type": audience, "usergroup_ids": known}
    if unknown:
        answer["invalid_usergroup_ids"] = unknown
    return answer
