"""Records and their Slack shapes: what ``conversations.info``, ``users.info`` and messages look like.

Stored records are already in Slack's shape; fields only the twin needs start with ``_`` (members,
last-read marks, the conversation kind) and never leave it. Per-caller fields (``is_member``,
``last_read``) are added when a record is shown to someone.
"""

from __future__ import annotations

from typing import Any

import orjson

from ..runtime import Context
from ._auth import Caller
from ._errors import slack_error

Record = dict[str, Any]


def public(record: Record) -> Record:
    return {k: v for k, v in record.items() if not k.startswith("_")}


def team(ctx: Context) -> Record:
    found: Record = ctx.state.collection("team").get("team") or {}
    return found


# -- users -------------------------------------------------------------------------------------------


def user(ctx: Context, user_id: str) -> Record:
    found: Record | None = ctx.state.collection("users").get(user_id) if user_id else None
    if found is None:
        raise slack_error("user_not_found")
    return found


# -- conversations -----------------------------------------------------------------------------------


def kind_of(channel: Record) -> str:
    return str(channel["_kind"])


def members(channel: Record) -> list[str]:
    found: list[str] = channel["_members"]
    return found


def is_member(channel: Record, user_id: str) -> bool:
    return user_id in channel["_members"]


def visible(channel: Record, caller: Caller) -> bool:
    """Public channels are visible to everyone in the workspace; the rest only to their members."""
    return kind_of(channel) == "public" or is_member(channel, caller.user_id)


def channel(ctx: Context, caller: Caller, channel_id: str, family: str = "read") -> Record:
    """The conversation ``channel_id`` as the caller may see it; ``channel_not_found`` otherwise.

    Slack answers ``channel_not_found`` both for ids that do not exist and for conversations the token
    cannot see (a private channel it is not in, or a kind its scopes do not cover).
    """
    found: Record | None = ctx.state.collection("channels").get(channel_id) if channel_id else None
    if found is None or not visible(found, caller) or not caller.sees_kind(kind_of(found), family):
        raise slack_error("channel_not_found")
    return found


def show_channel(record: Record, caller: Caller) -> Record:
    """A conversation as ``conversations.info``/``list`` show it to ``caller``."""
    shown = public(record)
    kind = kind_of(record)
    if kind == "im":
        # each side of a DM sees the other person in ``user``
        shown["user"] = next((m for m in members(record) if m != caller.user_id), caller.user_id)
        shown["is_open"] = caller.user_id in record.get("_open", ())
        return shown
    shown["is_member"] = is_member(record, caller.user_id)
    shown["num_members"] = len(members(record))
    if shown["is_member"]:
        shown["last_read"] = record.get("_last_read", {}).get(caller.user_id, "0000000000.000000")
    if kind == "mpim":
        shown["is_open"] = caller.user_id in record.get("_open", ())
    return shown


def new_channel_record(team_id: str, channel_id: str, name: str, kind: str, creator: str, now: int) -> Record:
    record: Record = {
        "id": channel_id,
        "name": name,
        "is_channel": kind in ("public", "private"),
        "is_group": False,
        "is_im": False,
        "is_mpim": kind == "mpim",
        "is_private": kind != "public",
        "created": now,
        "is_archived": False,
        "is_general": False,
        "unlinked": 0,
        "name_normalized": name,
        "is_shared": False,
        "is_org_shared": False,
        "is_pending_ext_shared": False,
        "pending_shared": [],
        "context_team_id": team_id,
        "updated": now * 1000,
        "parent_conversation": None,
        "creator": creator,
        "is_ext_shared": False,
        "shared_team_ids": [team_id],
        "pending_connected_team_ids": [],
        "topic": {"value": "", "creator": "", "last_set": 0},
        "purpose": {"value": "", "creator": "", "last_set": 0},
        "previous_names": [],
        "_kind": kind,
        "_members": [creator],
        "_last_read": {},
        "_pins": [],
    }
    return record


def new_im_record(team_id: str, channel_id: str, caller_id: str, other_id: str, now: int) -> Record:
    return {
        "id": channel_id,
        "created": now,
        "is_archived": False,
        "is_im": True,
        "is_org_shared": False,
        "context_team_id": team_id,
        "updated": now * 1000,
        "user": other_id,
        "is_user_deleted": False,
        "priority": 0,
        "_kind": "im",
        "_members": sorted({caller_id, other_id}),
        "_last_read": {},
        "_open": [caller_id],
        "_pins": [],
    }


# -- messages ----------------------------------------------------------------------------------------


def show_message(message: Record) -> Record:
    shown = public(message)
    if "reply_users" in shown:
        shown["reply_users"] = list(shown["reply_users"])
    return shown


_profiles: dict[bytes, Record] = {}


def shared_profile(profile: Record) -> Record:
    """One dict per distinct bot profile, shared by the messages that carry it; never changed in place.

    Each message keeps the profile of its time, so a million messages from one bot held a million equal
    copies (272 of a stored message's ~860 bytes). A changed profile is a new key, so older messages keep theirs.
    """
    return _profiles.setdefault(orjson.dumps(profile), profile)


def author_fields(ctx: Context, caller: Caller) -> Record:
    """Who a new message is from: a user, or for bot tokens the bot (with its profile) and its user."""
    fields: Record = {"user": caller.user_id}
    if caller.is_bot:
        bot = ctx.state.collection("bots").get(caller.bot_id) or {}
        fields["bot_id"] = caller.bot_id
        fields["app_id"] = bot.get("app_id", "")
        fields["bot_profile"] = shared_profile(
            {
                "id": caller.bot_id,
                "app_id": bot.get("app_id", ""),
                "name": bot.get("name", ""),
                "icons": bot.get("icons", {}),
                "deleted": False,
                "updated": bot.get("updated", 0),
                "team_id": caller.team_id,
            }
        )
    fields["team"] = caller.team_id
    return fields
