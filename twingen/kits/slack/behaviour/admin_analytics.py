"""``admin.analytics.getFile``: a day's member or public-channel analytics as gzip-compressed JSON lines.

Slack answers with the file itself (``application/gzip``; slack_sdk hands the bytes back as the answer's
``data``) and with a JSON error otherwise. The twin computes the file from its own state: people,
public channels and the messages posted on that UTC day. A day's file exists once the day is over
(``file_not_yet_available`` before) and not for days before the org existed (``file_not_found``).
"""

from __future__ import annotations

import datetime as dt
import gzip
from typing import Any

import orjson

from ..runtime import Context, Response
from . import _args
from ._auth import Caller
from ._errors import slack_error
from .admin_base import admin_method, need, org, workspaces_of

Record = dict[str, Any]

TYPES = ("member", "public_channel")


def _day(ctx: Context) -> dt.date:
    raw = _args.text(ctx, "date").strip()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise slack_error("invalid_date") from None


def _messages_on(ctx: Context, start: float, end: float) -> list[Record]:
    found: list[Record] = [m for m in ctx.state.collection("messages").values() if start <= float(m.get("ts", 0)) < end]
    return found


def _member_rows(ctx: Context, day: str, messages: list[Record]) -> list[Record]:
    enterprise_id = org(ctx).get("id", "")
    rows = []
    for user in ctx.state.collection("users").values():
        if user.get("is_bot") or user["id"] == "USLACKBOT":
            continue
        posted = [m for m in messages if m.get("user") == user["id"] and not m.get("subtype")]
        in_channels = [m for m in posted if str(m.get("_channel", "")).startswith(("C", "G"))]
        rows.append(
            {
                "enterprise_id": enterprise_id,
                "date": day,
                "user_id": user["id"],
                "email_address": user.get("profile", {}).get("email", ""),
                "is_guest": bool(user.get("is_restricted") or user.get("is_ultra_restricted")),
                "is_billable_seat": not user.get("deleted"),
                "is_active": bool(posted),
                "is_active_ios": False,
                "is_active_android": False,
                "is_active_desktop": bool(posted),
                "reactions_added_count": 0,
                "messages_posted_count": len(posted),
                "channel_messages_posted_count": len(in_channels),
                "files_added_count": 0,
                "is_active_apps": False,
                "is_active_workflows": False,
                "is_active_slack_connect": False,
                "total_calls_count": 0,
                "slack_calls_count": 0,
                "slack_huddles_count": 0,
                "search_count": 0,
                "date_claimed": int(user.get("updated", 0)),
                "team_ids": workspaces_of(user),
            }
        )
    return rows


def _channel_rows(ctx: Context, day: str, messages: list[Record]) -> list[Record]:
    enterprise_id = org(ctx).get("id", "")
    team = ctx.state.collection("team").get("team") or {}
    users = ctx.state.collection("users")
    rows = []
    for channel in ctx.state.collection("channels").values():
        if channel.get("_kind") != "public":
            continue
        posted = [m for m in messages if m.get("_channel") == channel["id"]]
        members = channel.get("_members", [])
        guests = [u for u in members if (users.get(u) or {}).get("is_restricted")]
        rows.append(
            {
                "enterprise_id": enterprise_id,
                "originating_team": {"team_id": team.get("id", ""), "name": team.get("name", "")},
                "channel_id": channel["id"],
                "date_created": channel["created"],
                "date_last_active": int(max((float(m["ts"]) for m in posted), default=channel["created"])),
                "total_members_count": len(members),
                "full_members_count": len(members) - len(guests),
                "guest_member_count": len(guests),
                "messages_posted_count": len(posted),
                "messages_posted_in_channel_count": len([m for m in posted if not m.get("thread_ts")]),
                "reactions_added_count": sum(len(m.get("reactions", [])) for m in posted),
                "visibility": "public",
                "channel_type": "single_workspace_channel",
                "is_shared_externally": bool(channel.get("is_ext_shared")),
                "shared_with": [],
                "externally_shared_with_organizations": [],
                "date": day,
            }
        )
    return rows


def _gzip(rows: list[Record]) -> Response:
    lines = b"".join(orjson.dumps(row) + b"\n" for row in rows)
    body = gzip.compress(lines, mtime=0)  # mtime 0: the same state gives the same bytes
    return Response(200, body, {"content-disposition": "attachment; filename=analytics.json.gz"}, "application/gzip")


@admin_method("admin.analytics.getFile", ("admin.analytics:read",), required=("type",))
def admin_analytics_get_file(ctx: Context, caller: Caller) -> Response:
    kind = need(ctx, "type")
    if kind not in TYPES:
        raise slack_error("invalid_type")
    if _args.flag(ctx, "metadata_only"):
        if kind != "public_channel":
            raise slack_error("metadata_not_available")
        if _args.text(ctx, "date").strip():
            raise slack_error("metadata_only_does_not_support_date")
        today = dt.datetime.fromtimestamp(ctx.now(), dt.timezone.utc).date().isoformat()
        rows = [
            {
                "channel_id": c["id"],
                "name": c["name"],
                "topic": c.get("topic", {}).get("value", ""),
                "description": c.get("purpose", {}).get("value", ""),
                "date": today,
            }
            for c in ctx.state.collection("channels").values()
            if c.get("_kind") == "public"
        ]
        return _gzip(rows)
    if not _args.text(ctx, "date").strip():
        raise slack_error("invalid_date")  # "Required unless metadata_only is set to true" (docs)
    day = _day(ctx)
    start = dt.datetime.combine(day, dt.time(), dt.timezone.utc).timestamp()
    if start + 86_400 > ctx.now():
        raise slack_error("file_not_yet_available")
    if start + 86_400 <= float(org(ctx).get("created", 0)):
        raise slack_error("file_not_found")
    messages = _messages_on(ctx, start, start + 86_400)
    iso = day.isoformat()
    rows = _member_rows(ctx, iso, messages) if kind == "member" else _channel_rows(ctx, iso, messages)
    return _gzip(rows)
