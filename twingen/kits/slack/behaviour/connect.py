"""Slack Connect (``conversations.inviteShared`` and the methods around shared-channel invites) and
``conversations.canvases.create``.

The twin is one workspace: it can send invites, list and revoke them. The seed connects it to two
external organisations (``_platform_seed.PARTNERS``) and leaves invites and invite requests from Partner Co
(listed in NOTES.md) for the accept/decline/approve and ``requestSharedInvite.*`` methods; nothing else
arrives from outside. On a free workspace Slack Connect is ``not_paid``.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from ..runtime import Context, arguments
from . import _args, _ids, _model, _paging
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error
from .team import is_paid

Record = dict[str, Any]

INVITE_DAYS = 14  # a Slack Connect invite link expires after 14 days
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _paid(ctx: Context) -> None:
    if not is_paid(ctx):
        raise slack_error("not_paid")


def _invite(ctx: Context) -> Record | None:
    invite_id = _args.text(ctx, "invite_id").strip()
    if not invite_id:
        raise invalid_arguments("missing required field: invite_id")
    found: Record | None = ctx.state.collection("connect_invites").get(invite_id)
    return found


@slack_method("conversations.inviteShared")
def conversations_invite_shared(ctx: Context, caller: Caller) -> Record:
    channel = _model.channel(ctx, caller, _args.text(ctx, "channel").strip(), "read")
    if _model.kind_of(channel) in ("im", "mpim"):
        raise slack_error("invalid_channel_type")
    if channel.get("is_general"):
        raise slack_error("cannot_share_mandatory_channel")
    if channel.get("is_archived"):
        raise slack_error("channel_archived")
    _paid(ctx)
    emails = _args.id_list(ctx, "emails")
    user_ids = _args.id_list(ctx, "user_ids")
    if not emails and not user_ids:
        raise slack_error("recipients_not_specified" if caller.is_bot else "invalid_arguments")
    for email in emails:
        if not _EMAIL.fullmatch(email):
            raise slack_error("invalid_email")
    for user_id in user_ids:
        _model.user(ctx, user_id)
        if _model.is_member(channel, user_id):
            raise slack_error("already_in_channel")
    now = int(ctx.now())
    invite_id = _ids.new_id(ctx.state, "I")
    team = _model.team(ctx)
    ctx.state.collection("connect_invites").put(
        invite_id,
        {
            "id": invite_id,
            "channel_id": channel["id"],
            "inviting_user": caller.user_id,
            "recipient_emails": emails,
            "recipient_user_ids": user_ids,
            "external_limited": _args.flag(ctx, "external_limited", default=True),
            "date_created": now,
            "date_invalid": now + INVITE_DAYS * 86_400,
            "status": "pending",
            "link": f"https://join.slack.com/share/{invite_id.lower()}",
            "team_id": team["id"],
        },
    )
    return {"invite_id": invite_id, "is_legacy_shared_channel": False}


def _shown_invite(ctx: Context, invite: Record) -> Record:
    team = _model.team(ctx)
    channel = ctx.state.collection("channels").get(invite["channel_id"]) or {}
    user = ctx.state.collection("users").get(invite["inviting_user"]) or {}
    detail: Record = {
        "id": invite["id"],
        "date_created": invite["date_created"],
        "date_invalid": invite["date_invalid"],
        "inviting_team": {
            "id": team["id"],
            "name": team["name"],
            "icon": team.get("icon", {}),
            "is_verified": False,
            "domain": team["domain"],
            "requires_sponsorship": False,
        },
        "inviting_user": {
            "id": user.get("id", ""),
            "team_id": team["id"],
            "name": user.get("name", ""),
            "updated": user.get("updated", 0),
            "profile": user.get("profile", {}),
        },
        "link": invite["link"],
    }
    if invite["recipient_emails"]:
        detail["recipient_email"] = invite["recipient_emails"][0]
    if invite["recipient_user_ids"]:
        detail["recipient_user_id"] = invite["recipient_user_ids"][0]
    return {
        "direction": "outgoing",
        "status": invite["status"],
        "date_last_updated": invite["date_created"],
        "invite_type": "channel",
        "channel": {
            "id": channel.get("id", ""),
            "is_private": bool(channel.get("is_private")),
            "is_im": False,
            "name": channel.get("name", ""),
        },
        "invite": detail,
        "acceptances": [],
    }


@slack_method("conversations.listConnectInvites")
def conversations_list_connect_invites(ctx: Context, caller: Caller) -> Record:
    """Invites sent and not yet accepted by every party, oldest first, paged by ``count``/``cursor``."""
    invites = ctx.state.collection("connect_invites")
    own = [i for i in invites.values() if i["team_id"] == caller.team_id]
    keys = sorted(i["id"] for i in own if i["status"] == "pending" and i["date_invalid"] > ctx.now())
    limit = max(1, min(_args.integer(ctx, "count", 100), 1000))
    position = _paging.decode(ctx, "invite")
    start = next((n for n, key in enumerate(keys) if position is not None and key >= position), 0)
    page = keys[start : start + limit]
    following = start + limit
    next_cursor = _paging.encode("invite", keys[following]) if following < len(keys) else ""
    return {"invites": [_shown_invite(ctx, invites.get(k) or {}) for k in page], **_paging.metadata(next_cursor)}


@slack_method("conversations.acceptSharedInvite")
def conversations_accept_shared_invite(ctx: Context, caller: Caller) -> Record:
    """Accepting an invite from another organisation makes the shared channel here, named ``channel_name``."""
    if not _args.text(ctx, "invite_id").strip() and not _args.text(ctx, "channel_id").strip():
        raise slack_error("invalid_arguments")
    name = _args.text(ctx, "channel_name").strip()
    if not name:
        raise slack_error("invalid_name_required")
    _paid(ctx)
    if _args.text(ctx, "invite_id").strip():
        invite = _invite(ctx)
    else:
        channel_id = _args.text(ctx, "channel_id").strip()
        invites = ctx.state.collection("connect_invites").values()
        invite = next((i for i in invites if i["channel_id"] == channel_id), None)
    if invite is None:
        raise slack_error("invite_not_found")
    if invite["status"] != "pending":
        raise slack_error("invite_used")  # "This invite has already been accepted." (method page)
    if invite["team_id"] == caller.team_id:
        raise slack_error("invite_from_same_org")
    channels = ctx.state.collection("channels")
    if any(c.get("name") == name for c in channels.values()):
        raise slack_error("name_taken")
    channel_id = _ids.new_id(ctx.state, "C")
    record = _model.new_channel_record(caller.team_id, channel_id, name, "public", caller.user_id, int(ctx.now()))
    record.update(is_shared=True, is_ext_shared=True, shared_team_ids=[caller.team_id, invite["team_id"]])
    channels.put(channel_id, record)
    ctx.state.collection("connect_invites").put(invite["id"], {**invite, "status": "accepted"})
    return {"implicit_approval": True, "channel_id": channel_id, "invite_id": invite["id"]}


@slack_method("conversations.approveSharedInvite")
def conversations_approve_shared_invite(ctx: Context, caller: Caller) -> Record:
    """Approves an invite from another organisation that a member accepted (seeded: NOTES.md)."""
    _paid(ctx)
    invite = _invite(ctx)
    if invite is None:
        raise slack_error("invite_not_found")
    if invite["status"] != "awaiting_approval":
        raise slack_error("approval_not_found")
    ctx.state.collection("connect_invites").put(invite["id"], {**invite, "status": "approved"})
    return {}


@slack_method("conversations.declineSharedInvite")
def conversations_decline_shared_invite(ctx: Context, caller: Caller) -> Record:
    """Declines a pending invite received from another organisation."""
    _paid(ctx)
    invite = _invite(ctx)
    if invite is None or invite["team_id"] == caller.team_id or invite["status"] != "pending":
        raise slack_error("invite_not_found")
    ctx.state.collection("connect_invites").put(invite["id"], {**invite, "status": "declined"})
    return {}


@slack_method("conversations.externalInvitePermissions.set")
def conversations_external_invite_permissions_set(ctx: Context, caller: Caller) -> Record:
    """Whether an external team in a shared channel may invite (``upgrade``) or only post (``downgrade``)."""
    action = _args.text(ctx, "action").strip()
    if action not in ("upgrade", "downgrade"):
        raise slack_error("invalid_action")
    channel = _model.channel(ctx, caller, _args.text(ctx, "channel").strip(), "read")
    target = _args.text(ctx, "target_team").strip()
    if target == caller.team_id or target not in (channel.get("shared_team_ids") or ()):
        raise slack_error("invalid_target_team")
    channel.setdefault("_external_permissions", {})[target] = action
    ctx.state.collection("channels").put(channel["id"], channel)
    return {}


def _requests(ctx: Context) -> Any:
    return ctx.state.collection("connect_invite_requests")


@slack_method("conversations.requestSharedInvite.list")
def conversations_request_shared_invite_list(ctx: Context, caller: Caller) -> Record:
    """Pending requests by external members to invite someone (the seed leaves two from Partner Co)."""
    shown = [
        {
            "id": r["id"],
            "date_created": r["date_created"],
            "requester_id": r["requesting_user"],
            "channel_id": r["channel_id"],
            "target_user": {"recipient_email": r["email"]},
            "is_external_limited": True,
        }
        for r in sorted(_requests(ctx).values(), key=lambda r: str(r["id"]))
        if r["status"] == "pending"
    ]
    return {"invite_requests": shown, **_paging.metadata("")}


def _request(ctx: Context) -> Record:
    invite_id = _args.text(ctx, "invite_id").strip()
    if not invite_id:
        raise invalid_arguments("missing required field: invite_id")
    found: Record | None = _requests(ctx).get(invite_id)
    if found is None or found["status"] != "pending":
        raise slack_error("invite_not_found")
    return found


@slack_method("conversations.requestSharedInvite.approve")
def conversations_request_shared_invite_approve(ctx: Context, caller: Caller) -> Record:
    request = _request(ctx)
    _requests(ctx).put(request["id"], {**request, "status": "approved", "approved_by": caller.user_id})
    return {}


@slack_method("conversations.requestSharedInvite.deny")
def conversations_request_shared_invite_deny(ctx: Context, caller: Caller) -> Record:
    request = _request(ctx)
    _requests(ctx).put(request["id"], {**request, "status": "denied", "denied_by": caller.user_id})
    return {}


@slack_method("conversations.canvases.create")
def conversations_canvases_create(ctx: Context, caller: Caller) -> Record:
    """One channel canvas per channel; a canvas (``F``) that ``canvases.*`` can read and edit, named in the
    channel's ``properties.canvas``."""
    channel = _model.channel(ctx, caller, _args.text(ctx, "channel_id").strip(), "read")
    if _model.kind_of(channel) == "im":
        raise slack_error("channel_not_found")
    if channel.get("properties", {}).get("canvas"):
        raise slack_error("channel_canvas_already_exists")
    try:
        content = arguments.json_value(ctx.params, "document_content")
    except ValueError:
        content = ""  # not JSON: answered below as any other malformed document
    if content is not None and (not isinstance(content, dict) or content.get("type") != "markdown"):
        raise slack_error("invalid_arguments")
    canvas_id = _ids.new_id(ctx.state, "F")
    markdown = str((content or {}).get("markdown", ""))
    sections = []
    if markdown:
        # the record canvases.* (canvases.py) reads: one paragraph section with a Slack-like temp:C: id
        number = _ids.new_id(ctx.state, "temp")
        section_id = "temp:C:" + hashlib.sha256(number.encode()).hexdigest()[:27]
        sections.append({"id": section_id, "type": "paragraph", "markdown": markdown})
    ctx.state.collection("canvases").put(
        canvas_id,
        {
            "id": canvas_id,
            "title": _args.text(ctx, "title") or "Untitled",
            "created": int(ctx.now()),
            "_owner": caller.user_id,
            "_sections": sections,
            "_access": {},
            "_channels": {channel["id"]: {"level": "write", "members": list(_model.members(channel))}},
        },
    )
    channel.setdefault("properties", {})["canvas"] = {
        "file_id": canvas_id,
        "is_empty": not markdown,
        "quip_thread_id": canvas_id.lower(),
    }
    ctx.state.collection("channels").put(channel["id"], channel)
    return {"canvas_id": canvas_id}
