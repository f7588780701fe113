"""Streaming messages, link unfurls, Slack Connect invites and channel canvases through slack_sdk."""

from __future__ import annotations

from .conftest import Twin
from .test_story_channel import error_of


def _channel_with_everyone(twin: Twin, name: str) -> str:
    alice = twin.client("admin")
    channel = str(alice.conversations_create(name=name)["channel"]["id"])
    others = [twin.client(who).auth_test()["user_id"] for who in ("user", "bot")]
    alice.conversations_invite(channel=channel, users=others)
    return channel


def test_a_bot_streams_its_answer_into_a_thread(twin: Twin) -> None:
    bot, bob = twin.client("bot"), twin.client("user")
    channel = _channel_with_everyone(twin, "help-desk")
    bob_id, team_id = bob.auth_test()["user_id"], bob.auth_test()["team_id"]
    question = bob.chat_postMessage(channel=channel, text="How do I deploy?")
    stream = bot.chat_stream(
        channel=channel, thread_ts=question["ts"], recipient_user_id=bob_id, recipient_team_id=team_id, buffer_size=1
    )
    stream.append(markdown_text="Run `make ")
    stream.append(markdown_text="deploy`.")
    stopped = stream.stop(markdown_text=" Done.")
    assert stopped["message"]["text"] == "Run `make deploy`. Done."
    thread = bob.conversations_replies(channel=channel, ts=question["ts"])["messages"]
    assert thread[-1]["text"] == "Run `make deploy`. Done." and thread[-1]["bot_id"].startswith("B")
    # a stopped stream is an ordinary message
    assert error_of(bot.chat_appendStream, channel=channel, ts=stopped["ts"], markdown_text="more") == (
        "message_not_in_streaming_state"
    )
    assert error_of(bot.chat_startStream, channel=channel, thread_ts=question["ts"]) == "missing_recipient_team_id"
    assert error_of(bot.chat_stopStream, channel=channel, ts="1.000000") == "message_not_found"


def test_streaming_in_a_dm_needs_no_recipient(twin: Twin) -> None:
    bot, bob = twin.client("bot"), twin.client("user")
    dm = bot.conversations_open(users=bob.auth_test()["user_id"])["channel"]["id"]
    asked = bob.chat_postMessage(channel=dm, text="hi bot")
    started = bot.chat_startStream(channel=dm, thread_ts=asked["ts"], markdown_text="Hello")
    bot.chat_appendStream(channel=dm, ts=started["ts"], chunks=[{"type": "markdown_text", "text": ", Bob"}])
    assert bot.chat_stopStream(channel=dm, ts=started["ts"])["message"]["text"] == "Hello, Bob"
    assert error_of(bot.chat_appendStream, channel=dm, ts=started["ts"], markdown_text="x") == (
        "message_not_in_streaming_state"
    )


def test_unfurling_a_link(twin: Twin) -> None:
    bot, bob = twin.client("bot"), twin.client("user")
    channel = _channel_with_everyone(twin, "links")
    posted = bob.chat_postMessage(channel=channel, text="look at https://example.com/pr/1")
    preview = {"https://example.com/pr/1": {"title": "PR #1", "text": "Fix the thing"}}
    bot.chat_unfurl(channel=channel, ts=posted["ts"], unfurls=preview)
    message = bob.conversations_history(channel=channel)["messages"][0]
    assert message["attachments"][0]["title"] == "PR #1" and message["attachments"][0]["is_app_unfurl"] is True
    other = {"https://elsewhere.example.com": {"title": "no"}}
    assert error_of(bot.chat_unfurl, channel=channel, ts=posted["ts"], unfurls=other) == "cannot_unfurl_url"
    assert error_of(bot.chat_unfurl, channel=channel, ts=posted["ts"], user_auth_blocks=[]) == "missing_unfurls"


def test_slack_connect_invites_from_a_single_workspace(twin: Twin) -> None:
    alice = twin.client("admin")
    channel = _channel_with_everyone(twin, "partners")
    invite = alice.conversations_inviteShared(channel=channel, emails=["ann@partner.example"])
    assert invite["invite_id"].startswith("I") and invite["is_legacy_shared_channel"] is False
    listed = alice.conversations_listConnectInvites()["invites"]
    assert listed[0]["invite"]["id"] == invite["invite_id"] and listed[0]["direction"] == "outgoing"
    assert listed[0]["invite"]["recipient_email"] == "ann@partner.example" and listed[0]["status"] == "pending"
    general = next(c["id"] for c in alice.conversations_list()["channels"] if c["is_general"])
    assert error_of(alice.conversations_inviteShared, channel=general, emails=["a@b.example"]) == (
        "cannot_share_mandatory_channel"
    )
    assert error_of(alice.conversations_inviteShared, channel=channel, emails=["nope"]) == "invalid_email"
    accept = alice.conversations_acceptSharedInvite
    assert error_of(accept, channel_name="partners-2", invite_id=invite["invite_id"]) == "invite_from_same_org"
    assert error_of(accept, channel_name="x", invite_id="I0NOTREAL00") == "invite_not_found"
    assert error_of(alice.conversations_approveSharedInvite, invite_id=invite["invite_id"]) == "approval_not_found"
    assert error_of(alice.conversations_declineSharedInvite, invite_id=invite["invite_id"]) == "invite_not_found"
    set_permissions = alice.conversations_externalInvitePermissions_set
    assert error_of(set_permissions, action="upgrade", channel=channel, target_team="T0PARTNER0") == (
        "invalid_target_team"
    )
    assert error_of(set_permissions, action="promote", channel=channel, target_team="T0PARTNER0") == "invalid_action"
    assert error_of(alice.conversations_requestSharedInvite_approve, invite_id="I0NOTREAL00") == "invite_not_found"
    assert error_of(alice.conversations_requestSharedInvite_deny, invite_id="I0NOTREAL00") == "invite_not_found"


def test_slack_connect_with_the_seeded_partner(twin: Twin) -> None:
    """Invites and requests Partner Co left (NOTES.md, Slack Connect seed), as a member and an admin handle them."""
    alice, bob = twin.client("admin"), twin.client("user")
    accepted = bob.conversations_acceptSharedInvite(invite_id="I0PARTINV01", channel_name="partner-project")
    assert accepted["invite_id"] == "I0PARTINV01" and accepted["implicit_approval"] is True
    channel = bob.conversations_info(channel=accepted["channel_id"])["channel"]
    assert channel["name"] == "partner-project" and "T0PARTNER01" in channel["shared_team_ids"]
    again = {"invite_id": "I0PARTINV01", "channel_name": "partner-project-2"}
    assert error_of(bob.conversations_acceptSharedInvite, **again) == "invite_used"
    taken = {"invite_id": "I0PARTINV02", "channel_name": "partner-project"}
    assert error_of(bob.conversations_acceptSharedInvite, **taken) == "name_taken"
    assert bob.conversations_declineSharedInvite(invite_id="I0PARTINV02")["ok"]
    assert error_of(bob.conversations_declineSharedInvite, invite_id="I0PARTINV02") == "invite_not_found"
    assert alice.conversations_approveSharedInvite(invite_id="I0PARTINV03")["ok"]
    assert error_of(alice.conversations_approveSharedInvite, invite_id="I0PARTINV03") == "approval_not_found"
    requests = alice.conversations_requestSharedInvite_list()["invite_requests"]
    assert [r["id"] for r in requests] == ["I0PARTREQ01", "I0PARTREQ02"] and requests[0]["channel_id"] == "C0PARTNER01"
    assert alice.conversations_requestSharedInvite_approve(invite_id="I0PARTREQ01")["ok"]
    assert alice.conversations_requestSharedInvite_deny(invite_id="I0PARTREQ02")["ok"]
    assert alice.conversations_requestSharedInvite_list()["invite_requests"] == []
    assert error_of(alice.conversations_requestSharedInvite_deny, invite_id="I0PARTREQ01") == "invite_not_found"
    perms = alice.conversations_externalInvitePermissions_set
    assert perms(action="upgrade", channel="C0PARTNER01", target_team="T0PARTNER01")["ok"]
    assert error_of(perms, action="upgrade", channel="C0PARTNER01", target_team="T0PARTNER02") == "invalid_target_team"


def test_a_channel_canvas(twin: Twin) -> None:
    alice = twin.client("admin")
    channel = _channel_with_everyone(twin, "roadmap")
    content = {"type": "markdown", "markdown": "# Q3\nShip it"}
    canvas_id = alice.conversations_canvases_create(channel_id=channel, document_content=content)["canvas_id"]
    assert canvas_id.startswith("F")
    properties = alice.conversations_info(channel=channel)["channel"]["properties"]
    assert properties["canvas"]["file_id"] == canvas_id and properties["canvas"]["is_empty"] is False
    assert error_of(alice.conversations_canvases_create, channel_id=channel, document_content=content) == (
        "channel_canvas_already_exists"
    )
    missing = alice.conversations_canvases_create
    assert error_of(missing, channel_id="C0NOTREAL00", document_content=content) == "channel_not_found"
