"""``admin.users.*``: the org's people across its workspaces (list, invite, assign, remove, roles, guest
expiration, the unsupported-versions export).

They change the same ``users`` records the workspace methods read: ``setAdmin`` makes ``users.info`` say
``is_admin``, and removing someone from their last workspace deactivates them (their token then answers
``account_inactive``). Workspace membership beyond the home workspace and guest expirations are kept in
``_``-prefixed fields of the user record, which no workspace method shows.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, VendorError
from . import _args, _ids, _paging
from ._auth import Caller
from ._errors import slack_error
from .admin_base import admin_method, channel, need, need_list, org, team, user, workspaces_of

Record = dict[str, Any]

READ = ("admin.users:read",)
WRITE = ("admin.users:write",)
INVITES = "org_invites"
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _is_guest(record: Record) -> bool:
    return bool(record.get("is_restricted") or record.get("is_ultra_restricted"))


def _row(ctx: Context, record: Record) -> Record:
    """A user as ``admin.users.list`` shows one (a flat summary, not the ``users.info`` object)."""
    found = org(ctx)
    roles = ["org_admin"] if record["id"] in found.get("admins", ()) else []
    if record["id"] in found.get("owners", ()):
        roles.append("org_owner")
    row: Record = {
        "id": record["id"],
        "email": record.get("profile", {}).get("email", ""),
        "is_admin": bool(record.get("is_admin")),
        "is_owner": bool(record.get("is_owner")),
        "is_primary_owner": bool(record.get("is_primary_owner")),
        "is_restricted": bool(record.get("is_restricted")),
        "is_ultra_restricted": bool(record.get("is_ultra_restricted")),
        "is_bot": bool(record.get("is_bot")),
        "username": record.get("name", ""),
        "full_name": record.get("real_name", ""),
        "is_active": not record.get("deleted"),
        "date_created": record.get("updated", 0),
        "has_2fa": False,
        "has_sso": False,
        "workspaces": workspaces_of(record),
        "roles": roles,
    }
    expiration = record.get("_expiration_ts")
    if expiration:
        row["expiration_ts"] = expiration
    return row


@admin_method("admin.users.list", READ)
def admin_users_list(ctx: Context, caller: Caller) -> Record:
    """Active people by default (``is_active=false`` lists the deactivated ones); Slackbot is not listed."""
    team_id = _args.text(ctx, "team_id").strip()
    if team_id:
        team(ctx, team_id)
    active = _args.flag(ctx, "is_active", default=True)
    users = ctx.state.collection("users")
    ids = sorted(
        str(u["id"])
        for u in users.values()
        if u["id"] != "USLACKBOT"
        and (not team_id or team_id in workspaces_of(u))
        and bool(not u.get("deleted")) == active
    )
    page, next_cursor = _paging.page_of_keys(ctx, ids, "user", 100)
    return {"users": [_row(ctx, users.get(i) or {}) for i in page], **_paging.metadata(next_cursor)}


@admin_method("admin.users.invite", WRITE, required=("team_id", "email", "channel_ids"))
def admin_users_invite(ctx: Context, caller: Caller) -> Record:
    """The invite waits for the person to sign up, so no user exists yet; ``resend`` repeats a pending one."""
    team_id = team(ctx, need(ctx, "team_id"))["id"]
    email = need(ctx, "email").lower()
    channel_ids = need_list(ctx, "channel_ids")
    if not _EMAIL.fullmatch(email):
        raise slack_error("invalid_email")
    for record in ctx.state.collection("users").values():
        if str(record.get("profile", {}).get("email", "")).lower() == email:
            if record.get("deleted"):
                raise slack_error("user_disabled")
            if team_id in workspaces_of(record):
                raise slack_error("already_in_team")
    for channel_id in channel_ids:
        try:
            channel(ctx, channel_id)
        except VendorError:
            raise slack_error("failed_to_validate_channels") from None
    key = f"{team_id}/{email}"
    invites = ctx.state.collection(INVITES)
    if key in invites and not _args.flag(ctx, "resend"):
        raise slack_error("already_in_team_invited_user")
    invites.put(
        key,
        {
            "id": _ids.new_id(ctx.state, "I"),
            "email": email,
            "team_id": team_id,
            "channel_ids": channel_ids,
            "is_restricted": _args.flag(ctx, "is_restricted"),
            "is_ultra_restricted": _args.flag(ctx, "is_ultra_restricted"),
            "real_name": _args.text(ctx, "real_name"),
            "invited_by": caller.user_id,
            "date_created": int(ctx.now()),
        },
    )
    return {}


@admin_method("admin.users.assign", WRITE, required=("team_id", "user_id"))
def admin_users_assign(ctx: Context, caller: Caller) -> Record:
    team_id = team(ctx, need(ctx, "team_id"))["id"]
    record = user(ctx, need(ctx, "user_id"))
    if record.get("is_bot"):
        raise slack_error("user_is_bot")
    workspaces = workspaces_of(record)
    if team_id in workspaces and not record.get("deleted"):
        raise slack_error("user_already_team_member")
    channels = [channel(ctx, c) for c in _args.id_list(ctx, "channel_ids")]
    # reinstates someone removed earlier (docs: "they will be reinstated as a member")
    record.update(_workspaces=sorted({*workspaces, team_id}), deleted=False)
    if _args.flag(ctx, "is_restricted") or _args.flag(ctx, "is_ultra_restricted"):
        record.update(
            is_restricted=_args.flag(ctx, "is_restricted"), is_ultra_restricted=_args.flag(ctx, "is_ultra_restricted")
        )
    ctx.state.collection("users").put(record["id"], record)
    for found in channels:
        if record["id"] not in found["_members"]:
            found["_members"].append(record["id"])
            ctx.state.collection("channels").put(found["id"], found)
    return {}


@admin_method("admin.users.remove", WRITE, required=("team_id", "user_id"))
def admin_users_remove(ctx: Context, caller: Caller) -> Record:
    """Out of one workspace; out of the last one means deactivated, as Slack shows such a person."""
    team_id = team(ctx, need(ctx, "team_id"))["id"]
    record = user(ctx, need(ctx, "user_id"))
    workspaces = workspaces_of(record)
    if record.get("deleted"):
        raise slack_error("user_already_deleted")
    if team_id not in workspaces:
        raise slack_error("user_not_found")
    if record.get("is_primary_owner"):
        raise slack_error("cannot_modify_primary_owner")
    left = [w for w in workspaces if w != team_id]
    record["_workspaces"] = left
    if not left:
        record["deleted"] = True
    ctx.state.collection("users").put(record["id"], record)
    return {}


def _set_role(ctx: Context, is_admin: bool, is_owner: bool) -> Record:
    team(ctx, need(ctx, "team_id"))
    record = user(ctx, need(ctx, "user_id"))
    if record.get("is_bot"):
        raise slack_error("user_is_bot")
    if record.get("is_primary_owner"):
        # the primary owner's role only changes by transferring primary ownership
        raise slack_error("cannot_modify_primary_owner")
    record.update(is_admin=is_admin, is_owner=is_owner, is_restricted=False, is_ultra_restricted=False)
    record["updated"] = int(ctx.now())
    ctx.state.collection("users").put(record["id"], record)
    return {}


@admin_method("admin.users.setAdmin", WRITE, required=("team_id", "user_id"))
def admin_users_set_admin(ctx: Context, caller: Caller) -> Record:
    return _set_role(ctx, True, False)


@admin_method("admin.users.setOwner", WRITE, required=("team_id", "user_id"))
def admin_users_set_owner(ctx: Context, caller: Caller) -> Record:
    return _set_role(ctx, True, True)


@admin_method("admin.users.setRegular", WRITE, required=("team_id", "user_id"))
def admin_users_set_regular(ctx: Context, caller: Caller) -> Record:
    return _set_role(ctx, False, False)


@admin_method("admin.users.setExpiration", WRITE, required=("expiration_ts", "user_id"))
def admin_users_set_expiration(ctx: Context, caller: Caller) -> Record:
    """Only guests expire (``user_is_not_a_guest``); the time must be in the future."""
    record = user(ctx, need(ctx, "user_id"))
    team_id = _args.text(ctx, "team_id").strip()
    if team_id:
        team(ctx, team_id)
    need(ctx, "expiration_ts")
    expiration = _args.integer(ctx, "expiration_ts", 0)
    if record.get("deleted"):
        raise slack_error("user_is_already_deleted")
    if not _is_guest(record):
        raise slack_error("user_is_not_a_guest")
    if expiration <= int(ctx.now()):
        raise slack_error("failed_to_validate_expiration")
    record["_expiration_ts"] = expiration
    ctx.state.collection("users").put(record["id"], record)
    return {}


@admin_method("admin.users.getExpiration", READ)
def admin_users_get_expiration(ctx: Context, caller: Caller) -> Record:
    record = user(ctx, need(ctx, "user_id"))
    target = _args.text(ctx, "target_team").strip()
    if target and target not in {t["id"] for t in ctx.state.collection("org_teams").values()}:
        raise slack_error("target_team_not_on_org")
    if not _is_guest(record):
        raise slack_error("user_is_not_guest")
    return {
        "user": {
            "id": record["id"],
            "email": record.get("profile", {}).get("email", ""),
            "is_restricted": bool(record.get("is_restricted")),
            "is_ultra_restricted": bool(record.get("is_ultra_restricted")),
            "expiration_ts": int(record.get("_expiration_ts") or 0),
        }
    }


@admin_method("admin.users.unsupportedVersions.export", READ)
def admin_users_unsupported_versions_export(ctx: Context, caller: Caller) -> Record:
    """Slack answers at once and later sends the CSV to the caller from Slackbot; the twin's clients all
    run supported versions, so only the answer is real here."""
    for name in ("date_end_of_support", "date_sessions_started"):
        if _args.integer(ctx, name, 0) < 0:
            raise slack_error("invalid_arguments")
    return {}
