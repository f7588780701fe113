"""``admin.inviteRequests.*``: members' requests to invite someone, which admins approve or deny.

Requests live in ``org_invite_requests`` (one pending request is seeded: members make them in Slack's
UI, which no API method does). Approving one sends the invite, recorded like ``admin.users.invite``'s.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _paging
from ._auth import Caller
from ._errors import invalid_arguments, slack_error
from .admin_base import admin_method, need, team
from .admin_users import INVITES

Record = dict[str, Any]

READ = ("admin.invites:read",)
WRITE = ("admin.invites:write",)
REQUESTS = "org_invite_requests"


def _shown(record: Record) -> Record:
    return {k: v for k, v in record.items() if not k.startswith("_")}


def _listing(ctx: Context, status: str, key: str, actor: str) -> Record:
    team_id = _args.text(ctx, "team_id").strip()
    if team_id:
        team(ctx, team_id)
    limit = _args.integer(ctx, "limit", 100)
    if not 1 <= limit <= 1000:
        raise invalid_arguments("limit must be 1-1000")
    rows = {}
    for record in ctx.state.collection(REQUESTS).values():
        if record["_status"] != status or (team_id and record["_team_id"] != team_id):
            continue
        shown = _shown(record)
        rows[record["id"]] = shown if not actor else {"invite_request": shown, actor: record["_by"]}
    ids, next_cursor = _paging.page_of_keys(ctx, sorted(rows), "invite_request", 100)
    return {key: [rows[i] for i in ids], **_paging.metadata(next_cursor)}


@admin_method("admin.inviteRequests.list", READ)
def admin_invite_requests_list(ctx: Context, caller: Caller) -> Record:
    return _listing(ctx, "pending", "invite_requests", "")


@admin_method("admin.inviteRequests.approved.list", READ)
def admin_invite_requests_approved_list(ctx: Context, caller: Caller) -> Record:
    return _listing(ctx, "approved", "approved_requests", "approved_by")


@admin_method("admin.inviteRequests.denied.list", READ)
def admin_invite_requests_denied_list(ctx: Context, caller: Caller) -> Record:
    return _listing(ctx, "denied", "denied_requests", "denied_by")


def _decide(ctx: Context, caller: Caller, status: str) -> Record:
    request_id = need(ctx, "invite_request_id")
    team_id = _args.text(ctx, "team_id").strip()
    if team_id:
        team(ctx, team_id)
    record: Record | None = ctx.state.collection(REQUESTS).get(request_id)
    if record is None or (team_id and record["_team_id"] != team_id):
        raise slack_error("invalid_request")
    if record["_status"] != "pending":
        raise slack_error("already_processed")
    record.update(_status=status, _by={"actor_type": "user", "actor_id": caller.user_id})
    ctx.state.collection(REQUESTS).put(request_id, record)
    if status == "approved":
        ctx.state.collection(INVITES).put(
            f"{record['_team_id']}/{record['email']}",
            {
                "id": record["id"],
                "email": record["email"],
                "team_id": record["_team_id"],
                "channel_ids": record["channel_ids"],
                "invited_by": caller.user_id,
                "date_created": int(ctx.now()),
            },
        )
    return {}


@admin_method("admin.inviteRequests.approve", WRITE, required=("invite_request_id",))
def admin_invite_requests_approve(ctx: Context, caller: Caller) -> Record:
    return _decide(ctx, caller, "approved")


@admin_method("admin.inviteRequests.deny", WRITE, required=("invite_request_id",))
def admin_invite_requests_deny(ctx: Context, caller: Caller) -> Record:
    return _decide(ctx, caller, "denied")
