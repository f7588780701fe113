"""``admin.conversations.*`` settings and bulk work: posting prefs, custom retention, IDP-group access,
EKM info, and bulk archive/delete/move/setProperties (Salesforce-linked channels: ``admin_salesforce``).

Settings live beside the channel (``org_channel_prefs``, ``org_retention``, ``org_channel_groups``) so
the workspace's channel record keeps its public shape. Bulk actions finish at once on the twin; Slack
runs them as a background job and answers ``bulk_action_id`` straight away, which the twin does too.
"""

from __future__ import annotations

from typing import Any

import orjson

from ..runtime import Context
from . import _args, _ids, _paging
from ._auth import Caller
from ._errors import invalid_arguments, slack_error
from .admin_base import admin_method, channel, need, need_list, save_channel, team
from .admin_usergroups import idp_group

Record = dict[str, Any]

WRITE = ("admin.conversations:write",)
READ = ("admin.conversations:read",)
PREFS = "org_channel_prefs"
RETENTION = "org_retention"
GROUPS = "org_channel_groups"
MAX_RETENTION_DAYS = 36_500  # "less than 36500 days (100 years)" (docs: setCustomRetention)
_PROPERTIES = {"exclude_from_slack_ai"}  # the one property the docs name (admin.conversations.bulkSetProperties)
_PREF_NAMES = ("who_can_post", "can_thread", "can_huddle", "enable_at_here", "enable_at_channel")


def _pref_value(value: str) -> Record:
    """``"type:admin,user:U1"`` -> ``{"type": ["admin"], "user": ["U1"]}``, the shape getConversationPrefs shows."""
    shown: Record = {"type": [], "user": []}
    for part in filter(None, (p.strip() for p in str(value).split(","))):
        kind, _, item = part.partition(":")
        if kind in shown and item:
            shown[kind].append(item)
    return shown


@admin_method("admin.conversations.getConversationPrefs", READ, required=("channel_id",))
def admin_conversations_get_conversation_prefs(ctx: Context, caller: Caller) -> Record:
    record = channel(ctx, need(ctx, "channel_id"))
    stored: Record = ctx.state.collection(PREFS).get(record["id"]) or {}
    prefs = {name: _pref_value(stored.get(name, "")) for name in ("who_can_post", "can_thread")}
    prefs.update({k: _pref_value(v) for k, v in stored.items() if k not in prefs})
    return {"prefs": prefs}


@admin_method("admin.conversations.setConversationPrefs", WRITE, required=("channel_id", "prefs"))
def admin_conversations_set_conversation_prefs(ctx: Context, caller: Caller) -> Record:
    """``prefs`` is a JSON object (slack_sdk encodes a dict) of ``{pref: "type:admin,user:U1"}``."""
    record = channel(ctx, need(ctx, "channel_id"))
    raw = _args.json_value(ctx, "prefs")
    if raw is None:
        raise invalid_arguments("missing required field: prefs")
    if not isinstance(raw, dict) or not set(raw) <= set(_PREF_NAMES):
        raise slack_error("could_not_set_channel_pref")
    stored: Record = ctx.state.collection(PREFS).get(record["id"]) or {}
    stored.update({k: str(v) for k, v in raw.items()})
    ctx.state.collection(PREFS).put(record["id"], stored)
    return {}


@admin_method("admin.conversations.getCustomRetention", READ, required=("channel_id",))
def admin_conversations_get_custom_retention(ctx: Context, caller: Caller) -> Record:
    record = channel(ctx, need(ctx, "channel_id"))
    policy: Record | None = ctx.state.collection(RETENTION).get(record["id"])
    if policy is None:
        return {"is_policy_enabled": False, "duration_days": 0}
    return {"is_policy_enabled": True, "duration_days": policy["duration_days"]}


@admin_method("admin.conversations.setCustomRetention", WRITE, required=("channel_id", "duration_days"))
def admin_conversations_set_custom_retention(ctx: Context, caller: Caller) -> Record:
    record = channel(ctx, need(ctx, "channel_id"))
    if record.get("is_general"):
        raise slack_error("channel_type_not_supported")
    need(ctx, "duration_days")
    days = _args.integer(ctx, "duration_days", 0)
    if not 0 < days < MAX_RETENTION_DAYS:
        raise slack_error("invalid_duration")
    ctx.state.collection(RETENTION).put(record["id"], {"duration_days": days, "set_by": caller.user_id})
    return {}


@admin_method("admin.conversations.removeCustomRetention", WRITE, required=("channel_id",))
def admin_conversations_remove_custom_retention(ctx: Context, caller: Caller) -> Record:
    record = channel(ctx, need(ctx, "channel_id"))
    ctx.state.collection(RETENTION).delete(record["id"])
    return {}


def _usergroup(ctx: Context, group_id: str) -> Record:
    found: Record | None = ctx.state.collection("usergroups").get(group_id) if group_id else None
    if found is None:
        found = idp_group(ctx, group_id)  # an identity provider's group, what Slack's IDP groups are
    if found is None:
        raise slack_error("group_not_found")
    return found


def _restrictable(ctx: Context, not_private: str) -> Record:
    """IDP groups restrict private channels only; add says ``channel_is_not_private``, remove
    ``invalid_channel`` (docs: restrictAccess.addGroup / removeGroup)."""
    record = channel(ctx, need(ctx, "channel_id"))
    team_id = _args.text(ctx, "team_id").strip()
    if team_id:
        team(ctx, team_id)
    if record["_kind"] != "private" or record.get("is_ext_shared"):
        raise slack_error(not_private)
    return record


@admin_method("admin.conversations.restrictAccess.addGroup", WRITE, required=("channel_id", "group_id"))
def admin_conversations_restrict_access_add_group(ctx: Context, caller: Caller) -> Record:
    record = _restrictable(ctx, "channel_is_not_private")
    group = _usergroup(ctx, need(ctx, "group_id"))
    groups: list[str] = (ctx.state.collection(GROUPS).get(record["id"]) or {}).get("group_ids", [])
    if group["id"] in groups:
        raise slack_error("group_already_linked_to_channel")
    ctx.state.collection(GROUPS).put(record["id"], {"group_ids": [*groups, group["id"]]})
    return {}


@admin_method("admin.conversations.restrictAccess.removeGroup", WRITE, required=("channel_id", "group_id", "team_id"))
def admin_conversations_restrict_access_remove_group(ctx: Context, caller: Caller) -> Record:
    record = _restrictable(ctx, "invalid_channel")
    group_id = need(ctx, "group_id")
    _usergroup(ctx, group_id)
    groups: list[str] = (ctx.state.collection(GROUPS).get(record["id"]) or {}).get("group_ids", [])
    if group_id not in groups:
        raise slack_error("link_not_found")
    ctx.state.collection(GROUPS).put(record["id"], {"group_ids": [g for g in groups if g != group_id]})
    return {}


@admin_method("admin.conversations.restrictAccess.listGroups", READ, required=("channel_id",))
def admin_conversations_restrict_access_list_groups(ctx: Context, caller: Caller) -> Record:
    record = channel(ctx, need(ctx, "channel_id"))
    groups: list[str] = (ctx.state.collection(GROUPS).get(record["id"]) or {}).get("group_ids", [])
    return {"group_ids": list(groups)}


@admin_method("admin.conversations.ekm.listOriginalConnectedChannelInfo", READ)
def admin_conversations_ekm_list_original_connected_channel_info(ctx: Context, caller: Caller) -> Record:
    """EKM history of Slack Connect channels; none of the twin's channels was ever connected outside."""
    for channel_id in _args.id_list(ctx, "channel_ids"):
        channel(ctx, channel_id)
    for team_id in _args.id_list(ctx, "team_ids"):
        team(ctx, team_id)
    _paging.decode(ctx, "ekm")
    return {"channels": [], **_paging.metadata("")}


def _bulk(ctx: Context, archive: bool = False, refuse_none: bool = True) -> tuple[list[Record], Record]:
    """The channels a bulk action can take, and its answer: ``bulk_action_id`` and, for the others,
    ``not_added`` with ``invalid_channel`` (docs: admin.conversations.bulkArchive's example).

    ``refuse_none``: ``no_valid_channels`` when none is valid ("All input channels are invalid", on the pages of
    bulkMove and bulkSetProperties). bulkArchive's and bulkDelete's pages list no such code (nor
    ``channel_not_found``): their only word on unknown channels is the answer example, ``ok`` with each in
    ``not_added``, which they answer even when every channel given is unknown (our reading)."""
    records, not_added = [], []
    for channel_id in need_list(ctx, "channel_ids"):
        found = ctx.state.collection("channels").get(channel_id)
        if found is None or found.get("_kind") not in ("public", "private") or (archive and found.get("is_general")):
            not_added.append({"channel_id": channel_id, "error": "invalid_channel"})
        else:
            records.append(found)
    if not records and refuse_none:
        raise slack_error("no_valid_channels")
    answer: Record = {"bulk_action_id": _ids.new_id(ctx.state, "Ab")}
    if not_added:
        answer["not_added"] = not_added
    return records, answer


@admin_method("admin.conversations.bulkArchive", WRITE, required=("channel_ids",))
def admin_conversations_bulk_archive(ctx: Context, caller: Caller) -> Record:
    records, answer = _bulk(ctx, archive=True, refuse_none=False)
    for record in records:
        record["is_archived"] = True
        save_channel(ctx, record)
    return answer


@admin_method("admin.conversations.bulkDelete", WRITE, required=("channel_ids",))
def admin_conversations_bulk_delete(ctx: Context, caller: Caller) -> Record:
    records, answer = _bulk(ctx, archive=True, refuse_none=False)
    for record in records:
        ctx.state.collection("channels").delete(record["id"])
    return answer


@admin_method("admin.conversations.bulkMove", WRITE, required=("channel_ids", "target_team_id"))
def admin_conversations_bulk_move(ctx: Context, caller: Caller) -> Record:
    target = team(ctx, need(ctx, "target_team_id"), "target_team_not_found")
    records, answer = _bulk(ctx)
    for record in records:
        record.update(context_team_id=target["id"], shared_team_ids=[target["id"]], is_org_shared=False)
        save_channel(ctx, record)
    return answer


@admin_method("admin.conversations.bulkSetProperties", WRITE, required=("channel_ids", "property"))
def admin_conversations_bulk_set_properties(ctx: Context, caller: Caller) -> Record:
    """``property`` is a JSON object of channel properties (slack_sdk encodes a dict)."""
    raw = _args.text(ctx, "property").strip()
    if not raw:
        raise invalid_arguments("missing required field: property")
    try:
        properties = orjson.loads(raw)
    except orjson.JSONDecodeError:
        properties = None
    if not isinstance(properties, dict) or not properties:
        raise slack_error("invalid_arguments")
    if len(properties) > 1:
        raise slack_error("too_many_properties")
    if not set(properties) <= _PROPERTIES:
        raise slack_error("property_not_allowed")
    records, answer = _bulk(ctx)
    for record in records:
        record["properties"] = {**record.get("properties", {}), **properties}
        save_channel(ctx, record)
    return answer
