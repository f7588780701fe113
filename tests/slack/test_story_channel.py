"""A team's day in a channel, through slack_sdk's WebClient: create, talk in a thread, react, pin, edit,
delete, archive; every refusal checked by Slack's error code."""

from __future__ import annotations

import re

import pytest
from slack_sdk.errors import SlackApiError

from .conftest import Twin

TS = re.compile(r"^\d{10}\.\d{6}$")


def error_of(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(SlackApiError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    return str(caught.value.response["error"])


def test_team_creates_a_channel_talks_in_a_thread_and_archives_it(twin: Twin) -> None:
    alice, bob, bot = twin.client("admin"), twin.client("user"), twin.client("bot")
    bob_id = bob.auth_test()["user_id"]
    bot_id = bot.auth_test()["user_id"]

    created = alice.conversations_create(name="launch-plans")["channel"]
    assert created["id"].startswith("C") and created["is_channel"] and not created["is_private"]
    assert created["is_member"] is True
    channel = created["id"]
    assert error_of(alice.conversations_create, name="launch-plans") == "name_taken"

    alice.conversations_invite(channel=channel, users=f"{bob_id},{bot_id}")
    assert error_of(alice.conversations_invite, channel=channel, users=bob_id) == "already_in_channel"
    assert set(alice.conversations_members(channel=channel)["members"]) >= {bob_id, bot_id}

    parent = alice.chat_postMessage(channel=channel, text="Launch on Friday?")
    assert TS.match(parent["ts"]) and parent["message"]["text"] == "Launch on Friday?"
    reply = bob.chat_postMessage(channel=channel, text="Friday works", thread_ts=parent["ts"])
    assert reply["message"]["thread_ts"] == parent["ts"]
    broadcast = bot.chat_postMessage(channel=channel, text="Noted", thread_ts=parent["ts"], reply_broadcast=True)
    assert float(broadcast["ts"]) > float(reply["ts"]) > float(parent["ts"])

    history = alice.conversations_history(channel=channel)["messages"]
    texts = [m["text"] for m in history]
    assert "Friday works" not in texts  # replies stay in the thread
    assert texts[0] == "Noted" and history[0]["subtype"] == "thread_broadcast"
    top = next(m for m in history if m["ts"] == parent["ts"])
    assert top["reply_count"] == 2 and top["reply_users_count"] == 2
    assert top["latest_reply"] == broadcast["ts"] and top["thread_ts"] == parent["ts"]
    assert top["reply_users"] == [bob_id, bot_id]

    thread = alice.conversations_replies(channel=channel, ts=parent["ts"])["messages"]
    assert [m["text"] for m in thread] == ["Launch on Friday?", "Friday works", "Noted"]

    bob.reactions_add(channel=channel, timestamp=parent["ts"], name="thumbsup")
    assert error_of(bob.reactions_add, channel=channel, timestamp=parent["ts"], name="thumbsup") == "already_reacted"
    assert error_of(bob.reactions_add, channel=channel, timestamp=parent["ts"], name="Not An Emoji") == "invalid_name"
    alice.reactions_add(channel=channel, timestamp=parent["ts"], name="tada")
    got = alice.reactions_get(channel=channel, timestamp=parent["ts"])["message"]["reactions"]
    assert {(r["name"], r["count"]) for r in got} == {("thumbsup", 1), ("tada", 1)}
    listed = bob.reactions_list()["items"]
    assert [i["message"]["ts"] for i in listed] == [parent["ts"]]
    bob.reactions_remove(channel=channel, timestamp=parent["ts"], name="thumbsup")
    assert error_of(bob.reactions_remove, channel=channel, timestamp=parent["ts"], name="thumbsup") == "no_reaction"

    alice.pins_add(channel=channel, timestamp=parent["ts"])
    assert error_of(alice.pins_add, channel=channel, timestamp=parent["ts"]) == "already_pinned"
    assert [i["message"]["ts"] for i in alice.pins_list(channel=channel)["items"]] == [parent["ts"]]
    alice.pins_remove(channel=channel, timestamp=parent["ts"])
    assert error_of(alice.pins_remove, channel=channel, timestamp=parent["ts"]) == "no_pin"

    edited = alice.chat_update(channel=channel, ts=parent["ts"], text="Launch on Monday?")
    assert edited["message"]["edited"]["user"] == alice.auth_test()["user_id"]
    assert error_of(bob.chat_update, channel=channel, ts=parent["ts"], text="mine now") == "cant_update_message"
    assert error_of(bob.chat_delete, channel=channel, ts=parent["ts"]) == "cant_delete_message"
    assert error_of(alice.chat_update, channel=channel, ts="1.000001", text="x") == "message_not_found"

    link = alice.chat_getPermalink(channel=channel, message_ts=reply["ts"])["permalink"]
    assert f"/archives/{channel}/p{reply['ts'].replace('.', '')}?thread_ts={parent['ts']}" in link

    bob.chat_delete(channel=channel, ts=reply["ts"])
    after = alice.conversations_replies(channel=channel, ts=parent["ts"])["messages"]
    assert after[0]["reply_count"] == 1 and [m["text"] for m in after[1:]] == ["Noted"]

    alice.conversations_archive(channel=channel)
    assert error_of(alice.conversations_archive, channel=channel) == "already_archived"
    assert error_of(bob.chat_postMessage, channel=channel, text="anyone?") == "is_archived"
    assert alice.conversations_info(channel=channel)["channel"]["is_archived"] is True
    unarchived = alice.conversations_list(exclude_archived=True)["channels"]
    assert channel not in {c["id"] for c in unarchived}
    alice.conversations_unarchive(channel=channel)
    assert error_of(alice.conversations_unarchive, channel=channel) == "not_archived"


def test_channel_rules(twin: Twin) -> None:
    alice, bob = twin.client("admin"), twin.client("user")
    assert error_of(alice.conversations_create, name="") == "invalid_name_required"
    assert error_of(alice.conversations_create, name="x" * 81) == "invalid_name_maxlength"
    assert error_of(alice.conversations_create, name="Has Spaces") == "invalid_name_specials"
    assert error_of(alice.conversations_create, name="dots.not.allowed") == "invalid_name_specials"
    assert error_of(alice.conversations_create, name="---") == "invalid_name_punctuation"
    assert alice.conversations_create(name="x" * 80)["ok"]
    assert error_of(alice.conversations_create, name="general") == "name_taken"

    secret = alice.conversations_create(name="secret", is_private=True)["channel"]
    assert secret["is_private"] is True and secret["is_channel"] is True
    # a private channel is invisible to non-members: Slack says it does not exist
    assert error_of(bob.conversations_info, channel=secret["id"]) == "channel_not_found"
    assert error_of(bob.chat_postMessage, channel=secret["id"], text="hi") == "channel_not_found"

    bob_id = bob.auth_test()["user_id"]
    alice_id = alice.auth_test()["user_id"]
    assert error_of(alice.conversations_invite, channel=secret["id"], users=alice_id) == "cant_invite_self"
    assert error_of(alice.conversations_invite, channel=secret["id"], users="U0NOBODY00") == "user_not_found"
    alice.conversations_invite(channel=secret["id"], users=bob_id)
    assert bob.conversations_info(channel=secret["id"])["channel"]["name"] == "secret"
    alice.conversations_kick(channel=secret["id"], user=bob_id)
    assert error_of(alice.conversations_kick, channel=secret["id"], user=bob_id) == "not_in_channel"

    public = bob.conversations_create(name="bobs-room")["channel"]["id"]
    renamed = bob.conversations_rename(channel=public, name="bobs-den")["channel"]
    assert renamed["name"] == "bobs-den" and renamed["previous_names"] == ["bobs-room"]
    topic = bob.conversations_setTopic(channel=public, topic="Dens and rooms")["channel"]["topic"]
    assert topic["value"] == "Dens and rooms" and topic["creator"] == bob_id
    purpose = bob.conversations_setPurpose(channel=public, purpose="Somewhere")["channel"]["purpose"]
    assert purpose["value"] == "Somewhere"
    assert alice.conversations_join(channel=public)["channel"]["is_member"] is True
    warned = alice.conversations_join(channel=public)
    assert warned["warning"] == "already_in_channel"
    alice.conversations_leave(channel=public)
    assert alice.conversations_leave(channel=public)["not_in_channel"] is True
    general = next(c["id"] for c in alice.conversations_list()["channels"] if c["is_general"])
    assert error_of(alice.conversations_leave, channel=general) == "cant_leave_general"
    assert error_of(alice.conversations_archive, channel=general) == "cant_archive_general"


def test_messages_rules(twin: Twin) -> None:
    bot, bob = twin.client("bot"), twin.client("user")
    general = next(c["id"] for c in bot.conversations_list()["channels"] if c["name"] == "general")
    with pytest.warns(UserWarning, match="top-level `text`"):  # slack_sdk warns, then Slack refuses
        assert error_of(bot.chat_postMessage, channel=general, text="") == "no_text"
    assert error_of(bot.chat_postMessage, channel=general, text="x" * 40_001) == "msg_too_long"
    assert error_of(bot.chat_postMessage, channel="C0NOTHERE0", text="hi") == "channel_not_found"
    lonely = bob.conversations_create(name="lonely")["channel"]["id"]
    # bots post to public channels they are not in only with chat:write.public, which the seed bot has
    assert bot.chat_postMessage(channel=lonely, text="hello")["ok"]
    assert error_of(bot.conversations_history, channel=lonely) == "not_in_channel"

    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*bold*"}}]
    posted = bot.chat_postMessage(channel=general, text="fallback", blocks=blocks)
    assert posted["message"]["blocks"] == blocks and posted["message"]["bot_id"].startswith("B")
    assert error_of(bot.chat_postMessage, channel=general, text="t", blocks=[{"text": "no"}]) == "invalid_blocks"
    with_attachments = bot.chat_postMessage(channel=general, attachments=[{"text": "att", "fallback": "att"}])
    assert with_attachments["message"]["attachments"][0]["text"] == "att"

    me = bob.chat_meMessage(channel=general, text="waves")
    assert bob.conversations_history(channel=general, limit=1)["messages"][0]["subtype"] == "me_message"
    assert me["channel"] == general

    bob_id = bob.auth_test()["user_id"]
    eph = bot.chat_postEphemeral(channel=general, user=bob_id, text="psst")
    assert TS.match(eph["message_ts"])
    assert "psst" not in [m["text"] for m in bob.conversations_history(channel=general)["messages"]]
    admin_id = twin.client("admin").auth_test()["user_id"]
    assert error_of(bot.chat_postEphemeral, channel=lonely, user=admin_id, text="x") == "user_not_in_channel"

    assert error_of(bot.conversations_replies, channel=general, ts="1000000000.000001") == "thread_not_found"
    # an admin may delete someone else's message; a bot may not
    theirs = bob.chat_postMessage(channel=general, text="delete me")
    assert error_of(bot.chat_delete, channel=general, ts=theirs["ts"]) == "cant_delete_message"
    twin.client("admin").chat_delete(channel=general, ts=theirs["ts"])
    assert error_of(bob.chat_delete, channel=general, ts=theirs["ts"]) == "message_not_found"


def test_a_bots_messages_share_one_stored_profile_and_still_show_it(twin: Twin) -> None:
    bot = twin.client("bot")
    general = next(c for c in bot.conversations_list()["channels"] if c["name"] == "general")
    first = bot.chat_postMessage(channel=general["id"], text="one")["message"]
    second = bot.chat_postMessage(channel=general["id"], text="two")["message"]
    assert first["bot_profile"] == second["bot_profile"] and first["bot_profile"]["id"] == first["bot_id"]
    history = bot.conversations_history(channel=general["id"], limit=2)["messages"]
    assert [m["bot_profile"] for m in history] == [first["bot_profile"]] * 2
    # a million messages from one bot hold one profile, not a million copies of it
    stored = [
        m for m in twin.app.twin.state.collection("messages").values() if m.get("ts") in (first["ts"], second["ts"])
    ]
    assert len(stored) == 2 and stored[0]["bot_profile"] is stored[1]["bot_profile"]
