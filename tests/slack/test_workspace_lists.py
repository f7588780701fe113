"""Per-user and per-channel lists through slack_sdk: bookmarks, reminders, stars, Do Not Disturb, user groups."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError

from .conftest import Twin
from .test_story_channel import error_of


def _general(twin: Twin) -> str:
    channels = twin.client("bot").conversations_list()["channels"]
    return str(next(c["id"] for c in channels if c["name"] == "general"))


def test_bookmarks_bar_of_a_channel(twin: Twin) -> None:
    bob = twin.client("user")
    general = _general(twin)
    made = bob.bookmarks_add(channel_id=general, title="Docs", type="link", link="https://example.com/docs")
    mark = made["bookmark"]
    assert mark["id"].startswith("Bk") and mark["channel_id"] == general and mark["type"] == "link"
    second = bob.bookmarks_add(channel_id=general, title="Wiki", type="link", link="https://example.com/wiki")
    edited = bob.bookmarks_edit(channel_id=general, bookmark_id=mark["id"], title="Handbook", emoji="books")
    assert edited["bookmark"]["title"] == "Handbook" and edited["bookmark"]["emoji"] == ":books:"
    listed = bob.bookmarks_list(channel_id=general)["bookmarks"]
    assert [b["title"] for b in listed] == ["Handbook", "Wiki"]
    bob.bookmarks_remove(channel_id=general, bookmark_id=second["bookmark"]["id"])
    assert [b["id"] for b in bob.bookmarks_list(channel_id=general)["bookmarks"]] == [mark["id"]]
    assert error_of(bob.bookmarks_add, channel_id=general, title="x", type="file") == "invalid_bookmark_type"
    assert error_of(bob.bookmarks_add, channel_id=general, title="x", type="link", link="ftp://x") == "invalid_link"
    assert error_of(bob.bookmarks_remove, channel_id=general, bookmark_id=second["bookmark"]["id"]) == "not_found"
    assert error_of(bob.bookmarks_list, channel_id="C0NOTREAL00") == "channel_not_found"


def test_reminders_for_me_and_a_teammate(twin: Twin) -> None:
    alice, bob = twin.client("admin"), twin.client("user")
    bob_id = bob.auth_test()["user_id"]
    mine = alice.reminders_add(text="stand-up", time="in 10 minutes")["reminder"]
    assert mine["id"].startswith("Rm") and mine["recurring"] is False and mine["complete_ts"] == 0
    weekly = alice.reminders_add(text="retro", time="every Thursday")["reminder"]
    assert weekly["recurring"] is True and "time" not in weekly
    for_bob = alice.reminders_add(text="review", time="1800", user=bob_id)["reminder"]
    assert for_bob["user"] == bob_id and for_bob["creator"] != bob_id
    assert {r["id"] for r in bob.reminders_list()["reminders"]} == {for_bob["id"]}
    assert error_of(alice.reminders_complete, reminder=weekly["id"]) == "cannot_complete_recurring"
    assert error_of(alice.reminders_complete, reminder=for_bob["id"]) == "cannot_complete_others"
    bob.reminders_complete(reminder=for_bob["id"])
    assert bob.reminders_info(reminder=for_bob["id"])["reminder"]["complete_ts"] > 0
    alice.reminders_delete(reminder=mine["id"])
    assert error_of(alice.reminders_info, reminder=mine["id"]) == "not_found"
    assert error_of(alice.reminders_add, text="x", time="someday maybe") == "cannot_parse"
    assert error_of(alice.reminders_add, text="x", time="in 1 hour", user="USLACKBOT") == "cannot_add_slackbot"
    # reminders belong to people: a bot token holds no reminders scope
    assert error_of(twin.client("bot").reminders_list) == "missing_scope"


def test_stars_save_messages_files_and_channels(twin: Twin, monkeypatch: pytest.MonkeyPatch) -> None:
    # slack_sdk warns that stars.* are deprecated (Slack's "Later" replaced saved items); they still answer
    monkeypatch.setenv("SLACKCLIENT_SKIP_DEPRECATION", "1")
    bob = twin.client("user")
    general = _general(twin)
    posted = bob.chat_postMessage(channel=general, text="save me")
    bob.stars_add(channel=general, timestamp=posted["ts"])
    bob.stars_add(channel=general)
    items = bob.stars_list()["items"]
    assert [i["type"] for i in items] == ["channel", "message"]
    assert items[1]["message"]["text"] == "save me" and items[1]["channel"] == general
    assert items[0]["channel"] == general and bob.stars_list(limit=1)["response_metadata"]["next_cursor"]
    assert error_of(bob.stars_add, channel=general, timestamp=posted["ts"]) == "already_starred"
    bob.stars_remove(channel=general, timestamp=posted["ts"])
    assert error_of(bob.stars_remove, channel=general, timestamp=posted["ts"]) == "not_starred"
    assert error_of(bob.stars_add) == "no_item_specified"
    assert error_of(bob.stars_add, channel=general, timestamp="1.000000") == "message_not_found"


def test_do_not_disturb_snooze(twin: Twin) -> None:
    bob = twin.client("user")
    bob_id = bob.auth_test()["user_id"]
    info = bob.dnd_info()
    assert info["dnd_enabled"] is True and info["next_dnd_end_ts"] > info["next_dnd_start_ts"]
    assert info["snooze_enabled"] is False
    snoozed = bob.dnd_setSnooze(num_minutes=30)
    assert snoozed["snooze_enabled"] is True and 1790 <= snoozed["snooze_remaining"] <= 1800
    assert bob.dnd_info()["snooze_endtime"] == snoozed["snooze_endtime"]
    # others see that Bob is snoozing, not until when
    seen = twin.client("admin").dnd_info(user=bob_id)
    assert seen["snooze_enabled"] is True and "snooze_endtime" not in seen
    team = twin.client("bot").dnd_teamInfo(users=bob_id)["users"]
    assert set(team) == {bob_id} and team[bob_id]["dnd_enabled"] is True
    assert bob.dnd_endSnooze()["snooze_enabled"] is False
    assert error_of(bob.dnd_endSnooze) == "snooze_not_active"
    assert bob.dnd_endDnd()["ok"] is True
    assert error_of(bob.dnd_info, user="U0NOTREAL00") == "user_not_found"
    assert error_of(bob.dnd_setSnooze, num_minutes="soon") == "missing_duration"


def test_user_groups_lifecycle(twin: Twin) -> None:
    alice, bob = twin.client("admin"), twin.client("user")
    bob_id = bob.auth_test()["user_id"]
    alice_id = alice.auth_test()["user_id"]
    group = alice.usergroups_create(name="Launch Crew", handle="launch", description="ships it")["usergroup"]
    assert group["id"].startswith("S") and group["handle"] == "launch" and group["user_count"] == 0
    assert error_of(alice.usergroups_create, name="Other", handle="launch") == "handle_already_exists"
    assert error_of(alice.usergroups_create, name="Launch Crew") == "name_already_exists"
    updated = alice.usergroups_users_update(usergroup=group["id"], users=[alice_id, bob_id])["usergroup"]
    assert updated["users"] == [alice_id, bob_id] and updated["user_count"] == 2
    assert bob.usergroups_users_list(usergroup=group["id"])["users"] == [alice_id, bob_id]
    renamed = alice.usergroups_update(usergroup=group["id"], name="Launch Team")["usergroup"]
    assert renamed["name"] == "Launch Team" and renamed["date_update"] >= group["date_update"]
    alice.usergroups_disable(usergroup=group["id"])
    assert bob.usergroups_list()["usergroups"] == []
    listed = bob.usergroups_list(include_disabled=True, include_users=True)["usergroups"]
    assert listed[0]["date_delete"] > 0 and listed[0]["users"] == [alice_id, bob_id]
    assert alice.usergroups_enable(usergroup=group["id"])["usergroup"]["date_delete"] == 0
    assert error_of(alice.usergroups_users_update, usergroup=group["id"], users=["U0NOTREAL00"]) == "invalid_users"
    assert error_of(bob.usergroups_users_list, usergroup="S0NOTREAL00") == "no_such_subteam"


def test_a_free_workspace_gets_slacks_paid_plan_errors(twin: Twin) -> None:
    """Outside an Enterprise Grid org, on the free plan (the team record's ``_plan``), paid features are refused."""
    state = twin.app.twin.tenants.default.state
    team = state.collection("team").get("team")
    outside_org = {k: v for k, v in team.items() if not k.startswith("enterprise_")}
    state.collection("team").put("team", {**outside_org, "_plan": "free"})
    alice = twin.client("admin")
    channel = alice.conversations_create(name="partners")["channel"]["id"]
    assert alice.team_billing_info()["plan"] == "free"
    assert error_of(alice.usergroups_list) == "paid_teams_only"
    assert error_of(alice.usergroups_create, name="Crew") == "paid_teams_only"
    assert error_of(alice.team_accessLogs) == "paid_only"
    assert error_of(alice.conversations_inviteShared, channel=channel, emails=["x@partner.example"]) == "not_paid"


@pytest.mark.parametrize(
    ("method", "who", "code"),
    [
        ("dnd.setSnooze", "user", "invalid_arguments"),
        ("reminders.add", "user", "invalid_arguments"),
        ("usergroups.create", "admin", "invalid_arguments"),
        ("usergroups.users.list", "admin", "no_such_subteam"),
        ("bookmarks.list", "user", "channel_not_found"),
        ("conversations.approveSharedInvite", "admin", "invalid_arguments"),
        ("search.messages", "user", "invalid_arguments"),
    ],
)
def test_a_required_argument_left_out(twin: Twin, method: str, who: str, code: str) -> None:
    """What Slack answers when the SDK is bypassed and a required argument is missing."""
    with pytest.raises(SlackApiError) as caught:
        twin.client(who).api_call(method, params={})
    assert caught.value.response["error"] == code
