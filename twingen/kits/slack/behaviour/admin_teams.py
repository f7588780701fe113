"""``admin.teams.*``: the org's workspaces (create, list, admins, owners) and their settings.

Workspaces live in ``org_teams``; the seeded one is also the ``team`` record ``team.info`` reads, so a
new name or icon set here is what the workspace methods show too. Admins and owners of a workspace are
its members whose user record says ``is_admin``/``is_owner``.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context
from . import _args, _ids, _paging
from ._auth import Caller
from ._errors import slack_error
from .admin_base import TEAMS, admin_method, channel, need, need_list, org, team, user, workspaces_of

Record = dict[str, Any]

READ = ("admin.teams:read",)
WRITE = ("admin.teams:write",)
DISCOVERABILITY = ("open", "invite_only", "closed", "unlisted")
_DOMAIN = re.compile(r"[a-z0-9][a-z0-9-]{0,20}")


def _save(ctx: Context, record: Record) -> None:
    ctx.state.collection(TEAMS).put(record["id"], record)
    workspace = ctx.state.collection("team").get("team")
    if workspace is not None and workspace.get("id") == record["id"]:
        # the seeded workspace: keep what team.info shows in step with its admin settings
        workspace.update(name=record["name"], icon=record["icon"])
        ctx.state.collection("team").put("team", workspace)


def _members(ctx: Context, team_id: str, flag: str) -> list[str]:
    return sorted(
        str(u["id"])
        for u in ctx.state.collection("users").values()
        if u.get(flag) and not u.get("deleted") and team_id in workspaces_of(u)
    )


@admin_method("admin.teams.create", WRITE)
def admin_teams_create(ctx: Context, caller: Caller) -> Record:
    """The new workspace's first member is the admin who made it (as its owner)."""
    domain = _args.text(ctx, "team_domain").strip().lower()
    name = _args.text(ctx, "team_name").strip()
    if not name:
        raise slack_error("must_provide_team_name")
    if not domain:
        raise slack_error("must_provide_team_domain")
    if not _DOMAIN.fullmatch(domain):
        raise slack_error("bad_url")
    discoverability = _args.text(ctx, "team_discoverability").strip() or "invite_only"
    if discoverability not in DISCOVERABILITY:
        raise slack_error("discoverability_setting_invalid")
    teams = ctx.state.collection(TEAMS)
    if any(t["domain"] == domain for t in teams.values()):
        raise slack_error("domain_taken")
    if any(t["name"] == name for t in teams.values()):
        raise slack_error("name_taken_in_org")
    found = org(ctx)
    team_id = _ids.new_id(ctx.state, "T")
    record: Record = {
        "id": team_id,
        "name": name,
        "domain": domain,
        "email_domain": "",
        "description": _args.text(ctx, "team_description"),
        "discoverability": discoverability,
        "icon": {"image_default": True},
        "default_channels": [],
        "enterprise_id": found.get("id", ""),
        "enterprise_name": found.get("name", ""),
        "created": int(ctx.now()),
    }
    _save(ctx, record)
    creator = user(ctx, caller.user_id)
    creator["_workspaces"] = sorted({*workspaces_of(creator), team_id})
    ctx.state.collection("users").put(creator["id"], creator)
    return {"team": team_id}


@admin_method("admin.teams.list", READ)
def admin_teams_list(ctx: Context, caller: Caller) -> Record:
    limit = _args.integer(ctx, "limit", 100)
    if not 1 <= limit <= 100:
        raise slack_error("invalid_limit")
    users = ctx.state.collection("users")
    rows = {}
    for record in ctx.state.collection(TEAMS).values():
        owners = _members(ctx, record["id"], "is_primary_owner") or _members(ctx, record["id"], "is_owner")
        owner = users.get(owners[0]) if owners else None
        rows[record["id"]] = {
            "id": record["id"],
            "name": record["name"],
            "discoverability": record["discoverability"],
            "primary_owner": {
                "user_id": owner["id"] if owner else "",
                "email": owner.get("profile", {}).get("email", "") if owner else "",
            },
            "team_url": f"https://{record['domain']}.slack.com/",
        }
    ids, next_cursor = _paging.page_of_keys(ctx, sorted(rows), "team", 100)
    return {"teams": [rows[i] for i in ids], **_paging.metadata(next_cursor)}


@admin_method("admin.teams.admins.list", READ, required=("team_id",))
def admin_teams_admins_list(ctx: Context, caller: Caller) -> Record:
    team_id = team(ctx, need(ctx, "team_id"))["id"]
    ids, next_cursor = _paging.page_of_keys(ctx, _members(ctx, team_id, "is_admin"), "user", 100)
    return {"admin_ids": ids, **_paging.metadata(next_cursor)}


@admin_method("admin.teams.owners.list", READ, required=("team_id",))
def admin_teams_owners_list(ctx: Context, caller: Caller) -> Record:
    team_id = team(ctx, need(ctx, "team_id"))["id"]
    ids, next_cursor = _paging.page_of_keys(ctx, _members(ctx, team_id, "is_owner"), "user", 100)
    return {"owner_ids": ids, **_paging.metadata(next_cursor)}


@admin_method("admin.teams.settings.info", READ, required=("team_id",))
def admin_teams_settings_info(ctx: Context, caller: Caller) -> Record:
    record = team(ctx, need(ctx, "team_id"))
    keys = ("id", "name", "domain", "email_domain", "icon", "enterprise_id", "enterprise_name", "default_channels")
    return {"team": {k: record.get(k) for k in keys} | {"description": record.get("description", "")}}


@admin_method("admin.teams.settings.setDefaultChannels", WRITE, required=("team_id", "channel_ids"))
def admin_teams_settings_set_default_channels(ctx: Context, caller: Caller) -> Record:
    record = team(ctx, need(ctx, "team_id"))
    channel_ids = need_list(ctx, "channel_ids")
    for channel_id in channel_ids:
        channel(ctx, channel_id)
    record["default_channels"] = list(dict.fromkeys(channel_ids))
    _save(ctx, record)
    return {}


@admin_method("admin.teams.settings.setDescription", WRITE, required=("team_id", "description"))
def admin_teams_settings_set_description(ctx: Context, caller: Caller) -> Record:
    record = team(ctx, need(ctx, "team_id"))
    record["description"] = need(ctx, "description")
    _save(ctx, record)
    return {}


@admin_method("admin.teams.settings.setDiscoverability", WRITE, required=("team_id", "discoverability"))
def admin_teams_settings_set_discoverability(ctx: Context, caller: Caller) -> Record:
    record = team(ctx, need(ctx, "team_id"))
    value = need(ctx, "discoverability")
    if value not in DISCOVERABILITY:
        raise slack_error("discoverability_setting_invalid")
    record["discoverability"] = value
    _save(ctx, record)
    return {}


@admin_method("admin.teams.settings.setIcon", WRITE, required=("team_id", "image_url"))
def admin_teams_settings_set_icon(ctx: Context, caller: Caller) -> Record:
    """Slack fetches the image and serves sized copies; the twin points every size at the given URL."""
    record = team(ctx, need(ctx, "team_id"))
    url = need(ctx, "image_url")
    if not url.startswith(("http://", "https://")):
        raise slack_error("invalid_url")
    record["icon"] = {f"image_{size}": url for size in (34, 44, 68, 88, 102, 132, 230)} | {"image_original": url}
    _save(ctx, record)
    return {}


@admin_method("admin.teams.settings.setName", WRITE, required=("team_id", "name"))
def admin_teams_settings_set_name(ctx: Context, caller: Caller) -> Record:
    record = team(ctx, need(ctx, "team_id"))
    record["name"] = need(ctx, "name")
    _save(ctx, record)
    return {}
