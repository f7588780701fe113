"""``admin.users.session.*``: people's signed-in Slack clients, and per-user session settings.

Every active person is signed in on one web client per workspace (the twin has no real clients, so the
session is implied by the account); ``reset``/``invalidate`` end sessions, which then stay ended, since
no one signs in to the twin again. A session is not an API token: like Slack, ending sessions leaves
OAuth tokens working. Session ids are stable numbers derived from user and workspace.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..runtime import Context
from . import _args, _paging
from ._auth import Caller
from ._errors import invalid_arguments, slack_error
from .admin_base import admin_method, need, need_list, org, team, user, workspaces_of

Record = dict[str, Any]

READ = ("admin.users:read",)
WRITE = ("admin.users:write",)
ENDED = "org_sessions_ended"
SETTINGS = "org_session_settings"
_CLIENT = {
    "device_hardware": "Web",
    "os": "Linux",
    "os_version": "",
    "slack_client_version": "twin",
    "ip": "127.0.0.1",
}


def session_id(user_id: str, team_id: str) -> int:
    return int(hashlib.sha256(f"{user_id}:{team_id}".encode()).hexdigest()[:8], 16) % 10**8


def _sessions(ctx: Context) -> list[Record]:
    ended = ctx.state.collection(ENDED)
    found = []
    for record in ctx.state.collection("users").values():
        if record.get("is_bot") or record.get("deleted") or record["id"] == "USLACKBOT":
            continue  # bot sessions are not listed (docs: bots_not_allowed)
        for team_id in workspaces_of(record):
            number = session_id(record["id"], team_id)
            if str(number) not in ended:
                found.append({"user_id": record["id"], "team_id": team_id, "session_id": number})
    return found


def end_session(ctx: Context, user_id: str, team_id: str) -> None:
    ctx.state.collection(ENDED).put(str(session_id(user_id, team_id)), {"user_id": user_id, "team_id": team_id})


@admin_method("admin.users.session.list", READ)
def admin_users_session_list(ctx: Context, caller: Caller) -> Record:
    """``team_id`` and ``user_id`` go together (``missing_user``/``missing_team``), as the docs say."""
    team_id = _args.text(ctx, "team_id").strip()
    user_id = _args.text(ctx, "user_id").strip()
    if team_id and not user_id:
        raise slack_error("missing_user")
    if user_id and not team_id:
        raise slack_error("missing_team")
    if team_id:
        team(ctx, team_id)
        if user(ctx, user_id).get("is_bot"):
            raise slack_error("bots_not_allowed")
    rows = {
        f"{s['session_id']:08d}": {**s, "created": dict(_CLIENT), "recent": dict(_CLIENT)}
        for s in _sessions(ctx)
        if not user_id or (s["user_id"] == user_id and s["team_id"] == team_id)
    }
    keys, next_cursor = _paging.page_of_keys(ctx, sorted(rows), "session", 100)
    return {"active_sessions": [rows[k] for k in keys], **_paging.metadata(next_cursor)}


@admin_method("admin.users.session.invalidate", WRITE, required=("session_id", "team_id"))
def admin_users_session_invalidate(ctx: Context, caller: Caller) -> Record:
    team_id = team(ctx, need(ctx, "team_id"))["id"]
    wanted = need(ctx, "session_id")
    found = next((s for s in _sessions(ctx) if str(s["session_id"]) == wanted and s["team_id"] == team_id), None)
    if found is None:
        raise slack_error("session_not_found")
    owner = user(ctx, found["user_id"])
    if owner.get("is_primary_owner") and caller.user_id != org(ctx).get("primary_owner"):
        raise slack_error("cannot_invalidate_primary_owner")
    end_session(ctx, found["user_id"], team_id)
    return {}


def _reset(ctx: Context, user_ids: list[str]) -> Record:
    """``mobile_only``/``web_only`` narrow it; the twin's sessions are all web ones."""
    records = [user(ctx, u) for u in user_ids]
    if _args.flag(ctx, "mobile_only"):
        return {}
    for record in records:
        for team_id in workspaces_of(record):
            end_session(ctx, record["id"], team_id)
    return {}


@admin_method("admin.users.session.reset", WRITE, required=("user_id",))
def admin_users_session_reset(ctx: Context, caller: Caller) -> Record:
    return _reset(ctx, [need(ctx, "user_id")])


@admin_method("admin.users.session.resetBulk", WRITE, required=("user_ids",))
def admin_users_session_reset_bulk(ctx: Context, caller: Caller) -> Record:
    return _reset(ctx, need_list(ctx, "user_ids"))


def _users(ctx: Context) -> list[str]:
    user_ids = need_list(ctx, "user_ids")
    if len(user_ids) > 1000:
        raise invalid_arguments("at most 1000 user_ids")
    return user_ids


@admin_method("admin.users.session.getSettings", READ, required=("user_ids",))
def admin_users_session_get_settings(ctx: Context, caller: Caller) -> Record:
    """People with no custom settings are listed in ``no_settings_applied``; people with no active session
    (unknown ids included) are left out, as the docs say (admin.users.session.getSettings: user_ids)."""
    settings, none = [], []
    signed_in = {s["user_id"] for s in _sessions(ctx)}
    for user_id in _users(ctx):
        if user_id not in signed_in:
            continue
        found = ctx.state.collection(SETTINGS).get(user_id)
        if found is None:
            none.append(user_id)
        else:
            settings.append({"user_id": user_id, **found})
    return {"session_settings": settings, "no_settings_applied": none}


@admin_method("admin.users.session.setSettings", WRITE, required=("user_ids",))
def admin_users_session_set_settings(ctx: Context, caller: Caller) -> Record:
    user_ids = _users(ctx)
    changes: Record = {}
    if "desktop_app_browser_quit" in ctx.params:
        changes["desktop_app_browser_quit"] = _args.flag(ctx, "desktop_app_browser_quit")
    if "duration" in ctx.params:
        duration = _args.integer(ctx, "duration", 0)
        if duration <= 0:
            raise invalid_arguments("invalid duration")
        changes["duration"] = duration
    for user_id in user_ids:
        user(ctx, user_id)
    for user_id in user_ids:
        stored: Record = ctx.state.collection(SETTINGS).get(user_id) or {}
        if changes:  # nothing to set is no change, not an error
            ctx.state.collection(SETTINGS).put(user_id, {**stored, **changes})
    return {}


@admin_method("admin.users.session.clearSettings", WRITE, required=("user_ids",))
def admin_users_session_clear_settings(ctx: Context, caller: Caller) -> Record:
    user_ids = _users(ctx)
    for user_id in user_ids:
        user(ctx, user_id)
    for user_id in user_ids:
        ctx.state.collection(SETTINGS).delete(user_id)
    return {}
