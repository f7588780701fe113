"""``admin.emoji.*``: the org's custom emoji (add, alias, list, remove, rename).

They live in the ``emoji`` collection, one record per name: ``{"name", "url", "date_created",
"uploaded_by"}`` and, for an alias, ``"alias_for"``. That is the state ``emoji.list`` reads, where Slack
shows an alias as ``"alias:TARGET"``. Names that are standard (Unicode) emoji are taken already
(``error_name_taken_i18n``), as on Slack; the twin knows a small common set of them.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context
from . import _args, _paging
from ._auth import Caller
from ._errors import invalid_arguments, slack_error
from .admin_base import admin_method

Record = dict[str, Any]

READ = ("admin.teams:read",)
WRITE = ("admin.teams:write",)
EMOJI = "emoji"
_NAME = re.compile(r"[a-z0-9_+'-]{1,100}")
STANDARD = frozenset(
    {"thumbsup", "+1", "thumbsdown", "-1", "smile", "heart", "tada", "wave", "eyes", "fire", "rocket", "x", "joy",
     "white_check_mark", "pray", "clap", "100", "ok_hand", "slightly_smiling_face", "warning", "star", "bug"}
)  # fmt: skip
"""Standard emoji names (a common subset): Slack refuses them as custom names."""


def _name(ctx: Context, arg: str, missing: str = "error_missing_name") -> str:
    value = _args.text(ctx, arg).strip().strip(":")
    if not value:
        raise slack_error(missing)
    return value


def _free(ctx: Context, name: str, standard_code: str = "error_name_taken_i18n") -> str:
    """``standard_code``: add says ``error_name_taken_i18n`` for a standard name, addAlias only lists
    ``error_name_taken`` (docs: each method's error table)."""
    if not _NAME.fullmatch(name):
        raise slack_error("error_bad_name_i18n")
    if name in STANDARD:
        raise slack_error(standard_code)
    if name in ctx.state.collection(EMOJI):
        raise slack_error("error_name_taken")
    return name


@admin_method("admin.emoji.add", WRITE)
def admin_emoji_add(ctx: Context, caller: Caller) -> Record:
    name = _free(ctx, _name(ctx, "name"))
    url = _args.text(ctx, "url").strip()
    if not url:
        raise slack_error("no_image_uploaded")
    if not url.startswith(("http://", "https://")):
        raise slack_error("error_bad_upload")
    record = {"name": name, "url": url, "date_created": int(ctx.now()), "uploaded_by": caller.user_id}
    ctx.state.collection(EMOJI).put(name, record)
    return {}


@admin_method("admin.emoji.addAlias", WRITE)
def admin_emoji_add_alias(ctx: Context, caller: Caller) -> Record:
    """An alias of a custom emoji, or of a standard one (Slack allows both)."""
    raw_name = _name(ctx, "name")
    target = _name(ctx, "alias_for", "no_alias_selected")  # both arguments are read before either is judged
    name = _free(ctx, raw_name, "error_name_taken")
    found: Record | None = ctx.state.collection(EMOJI).get(target)
    if found is None and target not in STANDARD:
        raise slack_error("error_invalid_alias")
    if found is not None and found.get("alias_for"):
        target = str(found["alias_for"])  # an alias of an alias points at the original
    url = found["url"] if found is not None else ""
    record = {
        "name": name,
        "url": url,
        "alias_for": target,
        "date_created": int(ctx.now()),
        "uploaded_by": caller.user_id,
    }
    ctx.state.collection(EMOJI).put(name, record)
    return {}


@admin_method("admin.emoji.list", READ)
def admin_emoji_list(ctx: Context, caller: Caller) -> Record:
    """``{name: {url, date_created, uploaded_by}}`` pages by name; aliases show their target's URL."""
    limit = _args.integer(ctx, "limit", 100)
    if not 1 <= limit <= 1000:
        raise invalid_arguments("limit must be 1-1000")
    emoji = ctx.state.collection(EMOJI)
    names, next_cursor = _paging.page_of_keys(ctx, sorted(emoji), "emoji", 100)
    shown = {}
    for name in names:
        record = emoji.get(name) or {}
        target = emoji.get(record.get("alias_for", "")) if record.get("alias_for") else None
        url = (target or record).get("url", "")
        shown[name] = {"url": url, "date_created": record["date_created"], "uploaded_by": record["uploaded_by"]}
    return {"emoji": shown, **_paging.metadata(next_cursor)}


@admin_method("admin.emoji.remove", WRITE)
def admin_emoji_remove(ctx: Context, caller: Caller) -> Record:
    """Removing an emoji removes its aliases too, as Slack does. Its error table has no
    ``error_missing_name`` (add and rename have it): a missing name is ``invalid_arguments``."""
    name = _args.text(ctx, "name").strip().strip(":")
    if not name:
        raise invalid_arguments("missing required field: name")
    emoji = ctx.state.collection(EMOJI)
    if name in STANDARD:
        raise slack_error("failure_removing_emoji")  # standard emoji cannot be removed (docs)
    if name not in emoji:
        raise slack_error("emoji_not_found")
    emoji.delete(name)
    for alias in [r["name"] for r in emoji.values() if r.get("alias_for") == name]:
        emoji.delete(alias)
    return {}


@admin_method("admin.emoji.rename", WRITE)
def admin_emoji_rename(ctx: Context, caller: Caller) -> Record:
    name = _name(ctx, "name")
    emoji = ctx.state.collection(EMOJI)
    record: Record | None = emoji.get(name)
    if record is None:
        raise slack_error("error_invalid_emoji_to_rename")
    new_name = _free(ctx, _name(ctx, "new_name"))
    emoji.delete(name)
    emoji.put(new_name, {**record, "name": new_name})
    for alias in [r for r in emoji.values() if r.get("alias_for") == name]:
        emoji.put(alias["name"], {**alias, "alias_for": new_name})
    return {}
