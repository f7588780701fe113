"""Salesforce channels: ``admin.conversations.createForObjects``, ``linkObjects`` and ``unlinkObjects``.

An org admin connects a Salesforce org to the Enterprise org in Slack's admin pages (no Web API method does), and
Salesforce holds the records; the seed therefore holds what such an org would have (``seed_salesforce``, fixed ids
written down in NOTES.md, "Salesforce"): the connected Salesforce org ``00D5e000000TwinEAA`` ("Twin Salesforce",
record channels turned on for Accounts and Opportunities) and three of its records: the Account ``Acme Corp``
``0015e000000AcmeQAA`` (record team: Alice and Bob), the Opportunity ``Acme Corp Renewal``
``0065e000000RenwQAA`` and the Case ``Login issue`` ``5005e000000CaseQAA`` (Cases have no record channels).

Rules from the method pages (https://docs.slack.dev/reference/methods/admin.conversations.createForObjects,
.../admin.conversations.linkObjects, .../admin.conversations.unlinkObjects; their error tables mirrored in
slack-ruby/slack-api-ref ``methods/admin/admin.conversations.*Objects.json``): ids are 15 or 18 characters
(the 18-character form adds a suffix to the 15-character one); an unknown org is ``invalid_org_id``, an unknown
record ``record_not_found``, a record type without record channels ``missing_record_channel_config``, an object
already in a channel ``channel_already_exists``; ``linkObjects`` also refuses archived channels
(``channel_is_archived``), DMs and group DMs (``invalid_channel_type``), channels shared with an external team
(``channel_shared_with_nonapproved_team``: the twin approves none) and a record linked to another channel
(``record_channel_already_exists``); ``unlinkObjects`` renames the channel to ``new_name``
(``invalid_name_specials``, ``name_taken``). Unlinking a channel that is not linked is ``restricted_action``
(our choice: the page lists no code for it; ``restricted_action`` is its "User does not have access to perform
this action"). ``createForObjects`` makes a public channel named after the record (``acme-corp``, ``-2``... when
taken) with nobody in it, or the record team with ``invite_object_team`` (at most 100).
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, SeedContext
from . import _args, _ids, _model
from ._auth import Caller
from ._errors import slack_error
from .admin_base import admin_method, default_team, need, save_channel
from .conversations import check_name

Record = dict[str, Any]

OBJECTS = ("admin.conversations:manage_objects",)
ORGS = "org_salesforce_orgs"
RECORDS = "org_salesforce_records"
SALESFORCE_ORG = "00D5e000000TwinEAA"
ACCOUNT, OPPORTUNITY, CASE = "0015e000000AcmeQAA", "0065e000000RenwQAA", "5005e000000CaseQAA"
MAX_TEAM = 100
"""``invite_object_team``: "adds a maximum of 100 team members to the channel" (createForObjects page)."""


def seed_salesforce(ctx: SeedContext, members: list[str], created: int) -> None:
    """The connected Salesforce org and its records (``members``: the Account's record team)."""
    state = ctx.state
    state.collection(ORGS).put(SALESFORCE_ORG, {"id": SALESFORCE_ORG, "name": "Twin Salesforce",
                                                "record_channel_types": ["Account", "Opportunity"],
                                                "date_connected": created})  # fmt: skip
    records = state.collection(RECORDS)
    for record_id, kind, name, team in (
        (ACCOUNT, "Account", "Acme Corp", members),
        (OPPORTUNITY, "Opportunity", "Acme Corp Renewal", members[:1]),
        (CASE, "Case", "Login issue", []),
    ):
        records.put(record_id, {"id": record_id, "org_id": SALESFORCE_ORG, "type": kind, "name": name,
                                "team": list(team), "channel_id": None})  # fmt: skip


def _key(value: str) -> str | None:
    """The 15-character form of a Salesforce id given in either form; None for anything else."""
    return value[:15] if len(value) in (15, 18) and value.isalnum() else None


def _org(ctx: Context) -> Record:
    key = _key(need(ctx, "salesforce_org_id"))
    for _id, found in ctx.state.collection(ORGS).scan():
        if key is not None and _key(found["id"]) == key:
            return dict(found)
    raise slack_error("invalid_org_id")


def _record(ctx: Context, org: Record, name: str) -> Record:
    key = _key(need(ctx, name))
    for _id, found in ctx.state.collection(RECORDS).scan():
        if key is not None and found["org_id"] == org["id"] and _key(found["id"]) == key:
            return dict(found)
    raise slack_error("record_not_found")


def _linked_channel(ctx: Context, record: Record) -> Record | None:
    """The channel the record is linked to, if it still exists."""
    found: Record | None = ctx.state.collection("channels").get(record.get("channel_id") or "")
    return found


def _channel_name(ctx: Context, title: str) -> str:
    base = re.sub(r"[^\w]+", "-", title.lower()).strip("-")[:76] or "record"
    taken = {str(c.get("name")) for _key, c in ctx.state.collection("channels").scan()}
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    return name


def _link(ctx: Context, record: Record, channel: Record) -> None:
    record["channel_id"] = channel["id"]
    ctx.state.collection(RECORDS).put(record["id"], record)
    channel["_salesforce"] = {"org_id": record["org_id"], "record_id": record["id"]}
    save_channel(ctx, channel)


@admin_method("admin.conversations.createForObjects", OBJECTS, required=("object_id", "salesforce_org_id"))
def admin_conversations_create_for_objects(ctx: Context, caller: Caller) -> Record:
    """A new channel for the record, linked to it."""
    org = _org(ctx)
    record = _record(ctx, org, "object_id")
    if record["type"] not in org.get("record_channel_types", ()):
        raise slack_error("missing_record_channel_config")
    if _linked_channel(ctx, record) is not None:
        raise slack_error("channel_already_exists")
    channel_id = _ids.new_id(ctx.state, "C")
    name = _channel_name(ctx, record["name"])
    channel = _model.new_channel_record(default_team(ctx), channel_id, name, "public", caller.user_id, int(ctx.now()))
    members: list[str] = []
    if _args.flag(ctx, "invite_object_team"):
        users = ctx.state.collection("users")
        members = [u for u in record["team"] if (found := users.get(u)) and not found.get("deleted")][:MAX_TEAM]
    channel["_members"] = members  # an admin makes the channel for the record team; the admin does not join
    _link(ctx, record, channel)
    return {"channel_id": channel_id}


@admin_method("admin.conversations.linkObjects", OBJECTS, required=("channel", "record_id", "salesforce_org_id"))
def admin_conversations_link_objects(ctx: Context, caller: Caller) -> Record:
    """Link an existing channel to a record."""
    channel: Record | None = ctx.state.collection("channels").get(need(ctx, "channel"))
    if channel is None:
        raise slack_error("channel_not_found")
    if channel.get("_kind") not in ("public", "private"):
        raise slack_error("invalid_channel_type")
    if channel.get("is_archived"):
        raise slack_error("channel_is_archived")
    if channel.get("is_ext_shared"):
        raise slack_error("channel_shared_with_nonapproved_team")
    org = _org(ctx)
    record = _record(ctx, org, "record_id")
    if record["type"] not in org.get("record_channel_types", ()):
        raise slack_error("missing_record_channel_config")
    linked = _linked_channel(ctx, record)
    if linked is not None and linked["id"] != channel["id"]:
        raise slack_error("record_channel_already_exists")
    if (channel.get("_salesforce") or {}).get("record_id") not in (None, record["id"]):
        raise slack_error("channel_already_exists")
    _link(ctx, record, channel)
    return {}


@admin_method("admin.conversations.unlinkObjects", OBJECTS, required=("channel", "new_name"))
def admin_conversations_unlink_objects(ctx: Context, caller: Caller) -> Record:
    """Unlink the channel's record and give the channel a new name."""
    channel: Record | None = ctx.state.collection("channels").get(need(ctx, "channel"))
    if channel is None or channel.get("_kind") not in ("public", "private"):
        raise slack_error("channel_not_found")
    old = str(channel["name"])
    name = check_name(ctx, need(ctx, "new_name"), current=old)
    link: Record | None = channel.get("_salesforce")
    if not link:
        raise slack_error("restricted_action")
    record: Record | None = ctx.state.collection(RECORDS).get(link["record_id"])
    if record is not None:
        record["channel_id"] = None
        ctx.state.collection(RECORDS).put(record["id"], record)
    del channel["_salesforce"]
    if name != old:
        channel["previous_names"] = [old, *channel.get("previous_names", [])]
        channel["name"] = channel["name_normalized"] = name
    save_channel(ctx, channel)
    return {}
