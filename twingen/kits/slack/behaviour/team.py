"""``team.*``, ``emoji.list`` and ``bots.info``: the workspace itself.

The seed workspace is in an Enterprise Grid org (plan ``enterprise``); outside an org its plan is the team
record's ``_plan`` (the seed says Pro, ``std``), and with ``free`` the methods Slack keeps for paid plans
answer as Slack does on a free workspace (``team.accessLogs`` is ``paid_only``).
It has no Slack Connect partners until an invite is accepted, which no other workspace can do here.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _model, _paging, _tokens
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error
from ._scopes import BOT_SCOPES

Record = dict[str, Any]

# Slack's documented defaults (team.preferences.list example): what a new workspace answers
PREFERENCES: Record = {
    "msg_edit_window_mins": -1,
    "allow_message_deletion": True,
    "display_real_names": False,
    "disable_file_uploads": "allow_all",
    "who_can_post_general": "everyone",
}
# every new workspace starts with these custom emoji (Slack adds them itself); aliases point at another name
_EMOJI = {
    "bowtie": "f3ec6f2bb0",
    "squirrel": "465f40c0e0",
    "glitch_crab": "db049f1f9c",
    "piggy": "b7762ee8cd",
    "cubimal_chick": "85961c43d7",
    "dusty_stick": "6177a62312",
    "slack": "7d462d2443",
    "pride": "56b1bd3388",
    "thumbsup_all": "50096a1020",
    "slack_call": "b81fffd6dd",
    "simple_smile": "f6a4d89c6e",
}
_ALIASES = {"shipit": "squirrel", "white_square": "white_large_square", "black_square": "black_large_square"}


def plan_of(ctx: Context) -> str:
    """``enterprise`` for a workspace in an Enterprise Grid org (the seed's), else the team's ``_plan``."""
    team = _model.team(ctx)
    return "enterprise" if team.get("enterprise_id") else str(team.get("_plan", "free"))


def is_paid(ctx: Context) -> bool:
    return plan_of(ctx) != "free"


def _team_answer(ctx: Context) -> Record:
    team = _model.team(ctx)
    return {
        "id": team["id"],
        "name": team["name"],
        "url": team["url"],
        "domain": team["domain"],
        "email_domain": team.get("email_domain", ""),
        "icon": team.get("icon", {}),
        "avatar_base_url": "https://ca.slack-edge.com/",
        "is_verified": False,
        "lob_sales_home_enabled": False,
        "is_sfdc_auto_slack": False,
        # a workspace in an Enterprise Grid org names its org
        **{k: team[k] for k in ("enterprise_id", "enterprise_name", "enterprise_domain") if k in team},
    }


@slack_method("team.info")
def team_info(ctx: Context, caller: Caller) -> Record:
    """Another team's id is ``team_not_found`` here: a workspace without Slack Connect knows no other team."""
    wanted = _args.text(ctx, "team").strip()
    answer = _team_answer(ctx)
    if wanted and wanted != answer["id"]:
        raise slack_error("team_not_found")
    return {"team": answer}


@slack_method("team.profile.get")
def team_profile_get(ctx: Context, caller: Caller) -> Record:
    """The workspace's custom profile fields; a new workspace defines none."""
    visibility = _args.text(ctx, "visibility", "all").strip() or "all"
    if visibility not in ("all", "visible", "hidden"):
        raise slack_error("invalid_arguments")
    return {"profile": {"fields": [], "sections": []}}


@slack_method("team.accessLogs")
def team_access_logs(ctx: Context, caller: Caller) -> Record:
    """One entry per member and client: each seeded token stands for one sign-in (paid plans only)."""
    if not is_paid(ctx):
        raise slack_error("paid_only")
    before = _args.integer(ctx, "before", 0) or None
    users = ctx.state.collection("users")
    logins: dict[str, Record] = {}
    for credential, _ in _tokens.live(ctx):
        user = users.get(credential.principal["user_id"])
        if user is None or user.get("is_bot") or credential.principal.get("bot_id"):
            continue
        first = int(user.get("updated", 0))
        if before is not None and first >= before:
            continue
        entry = logins.setdefault(
            user["id"],
            {
                "user_id": user["id"],
                "username": user["name"],
                "date_first": first,
                "date_last": first,
                "count": 0,
                "ip": "127.0.0.1",
                "user_agent": "slack_sdk/python",
                "isp": "",
                "country": "",
                "region": "",
            },
        )
        entry["count"] += 1
    found = sorted(logins.values(), key=lambda e: (-e["date_last"], e["user_id"]))
    count = max(1, min(_args.integer(ctx, "count", 100), 1000))
    page_no = max(1, _args.integer(ctx, "page", 1))
    if page_no > 100:
        raise slack_error("over_pagination_limit")
    paging = {"count": count, "total": len(found), "page": page_no, "pages": max(1, -(-len(found) // count))}
    return {"logins": found[(page_no - 1) * count : page_no * count], "paging": paging}


@slack_method("team.billableInfo")
def team_billable_info(ctx: Context, caller: Caller) -> Record:
    """Per human member, whether Slack bills them; nobody is billed on the free plan."""
    wanted = _args.text(ctx, "user").strip()
    if wanted:
        _model.user(ctx, wanted)
    users = [
        u
        for u in ctx.state.collection("users").values()
        if not u.get("is_bot") and u["id"] != "USLACKBOT" and (not wanted or u["id"] == wanted)
    ]
    ids = sorted(u["id"] for u in users)
    page, next_cursor = _paging.page_of_keys(ctx, ids, "user", default_limit=1000)
    return {
        "billable_info": {uid: {"billing_active": False} for uid in page},
        **_paging.metadata(next_cursor),
    }


@slack_method("team.integrationLogs")
def team_integration_logs(ctx: Context, caller: Caller) -> Record:
    """The install of each app's bot, by the workspace's primary owner; filtered and paged as Slack does."""
    owner = next((u for u in ctx.state.collection("users").values() if u.get("is_primary_owner")), None)
    logs = []
    for bot in ctx.state.collection("bots").values():
        entry = {
            "app_id": bot.get("app_id", ""),
            "app_type": "app",
            "user_id": owner["id"] if owner else "",
            "user_name": owner["name"] if owner else "",
            "date": str(bot.get("updated", 0)),
            "change_type": "added",
            "scope": ",".join(BOT_SCOPES),
        }
        logs.append(entry)
    for key in ("app_id", "change_type", "user_id"):
        wanted = _args.text(ctx, "user" if key == "user_id" else key).strip()
        if wanted:
            logs = [e for e in logs if e[key] == wanted]
    count = max(1, min(_args.integer(ctx, "count", 100), 1000))
    page_no = max(1, _args.integer(ctx, "page", 1))
    chosen = logs[(page_no - 1) * count : page_no * count]
    paging = {"count": count, "total": len(logs), "page": page_no, "pages": max(1, -(-len(logs) // count))}
    return {"logs": chosen, "paging": paging}


@slack_method("team.billing.info")
def team_billing_info(ctx: Context, caller: Caller) -> Record:
    return {"plan": plan_of(ctx)}


@slack_method("team.preferences.list")
def team_preferences_list(ctx: Context, caller: Caller) -> Record:
    return dict(PREFERENCES)


@slack_method("team.externalTeams.list")
def team_external_teams_list(ctx: Context, caller: Caller) -> Record:
    """The organisations connected through Slack Connect (seeded: NOTES.md), by name."""
    teams = sorted(
        (t for t in ctx.state.collection("external_teams").values() if t.get("connected")), key=lambda t: t["name"]
    )
    shown = [
        {
            "team_id": t["id"],
            "team_name": t["name"],
            "team_domain": t["domain"],
            "connection_status": "CONNECTED",
            "slack_connect_pref": {},
            "last_active_timestamp": t["date_connected"],
        }
        for t in teams
    ]
    return {"organizations": shown, "total_count": len(shown), **_paging.metadata("")}


@slack_method("team.externalTeams.disconnect")
def team_external_teams_disconnect(ctx: Context, caller: Caller) -> Record:
    """Disconnects a connected organisation: it leaves every channel shared with it; unknown: ``team_not_found``."""
    target = _args.text(ctx, "target_team").strip()
    if not target:
        raise invalid_arguments("missing required field: target_team")
    externals = ctx.state.collection("external_teams")
    found: Record | None = externals.get(target)
    if found is None or not found.get("connected"):
        raise slack_error("team_not_found")
    externals.put(target, {**found, "connected": False})
    channels = ctx.state.collection("channels")
    for channel in list(channels.values()):
        if target in (channel.get("shared_team_ids") or ()):
            channel["shared_team_ids"] = [t for t in channel["shared_team_ids"] if t != target]
            channel["is_ext_shared"] = len(channel["shared_team_ids"]) > 1
            channels.put(channel["id"], channel)
    return {}


@slack_method("emoji.list")
def emoji_list(ctx: Context, caller: Caller) -> Record:
    team_id = _model.team(ctx)["id"]
    emoji: Record = {
        name: f"https://emoji.slack-edge.com/{team_id}/{name}/{digest}.png" for name, digest in _EMOJI.items()
    }
    emoji.update({name: f"alias:{target}" for name, target in _ALIASES.items()})
    # custom emoji added since (admin.emoji.*, admin_emoji.py): {"name", "url"} or {"name", "alias_for"}
    for record in ctx.state.collection("emoji").values():
        emoji[record["name"]] = f"alias:{record['alias_for']}" if record.get("alias_for") else record["url"]
    answer: Record = {"emoji": dict(sorted(emoji.items())), "cache_ts": f"{int(ctx.now())}.000000"}
    if _args.flag(ctx, "include_categories"):
        answer["categories_version"] = "5"
        answer["categories"] = []
    return answer


@slack_method("bots.info")
def bots_info(ctx: Context, caller: Caller) -> Record:
    bot_id = _args.text(ctx, "bot").strip()
    bot = ctx.state.collection("bots").get(bot_id) if bot_id else None
    if bot is None:
        raise slack_error("bot_not_found")
    shown = _model.public(bot)
    return {
        "bot": {k: shown[k] for k in ("id", "deleted", "name", "updated", "app_id", "user_id", "icons") if k in shown}
    }
