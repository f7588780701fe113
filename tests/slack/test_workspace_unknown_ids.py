"""Unknown user ids and missing ids answered as Slack's method pages say (slack_sdk WebClient)."""

from __future__ import annotations

from .conftest import Twin
from .test_story_channel import error_of

UNKNOWN = "U0NOSUCHUSR"


def _user_id(twin: Twin, name: str) -> str:
    return str(twin.client(name).auth_test()["user_id"])


def test_dnd_team_info_unknown_user_is_not_visible(twin: Twin) -> None:
    bot = twin.client("bot")
    bob = _user_id(twin, "user")
    assert set(bot.dnd_teamInfo(users=[bob])["users"]) == {bob}
    assert error_of(bot.dnd_teamInfo, users=[bob, UNKNOWN]) == "user_not_visible"


def test_canvas_and_list_access_delete_refuse_unknown_users(twin: Twin) -> None:
    bot = twin.client("bot")
    bob = _user_id(twin, "user")
    canvas = bot.canvases_create(title="Plan", document_content={"type": "markdown", "markdown": "# Plan"})["canvas_id"]
    bot.canvases_access_set(canvas_id=canvas, access_level="read", user_ids=[bob])
    assert error_of(bot.canvases_access_delete, canvas_id=canvas, user_ids=[UNKNOWN]) == "user_not_found"
    assert bot.canvases_access_delete(canvas_id=canvas, user_ids=[bob])["ok"]
    lst = bot.slackLists_create(name="Tasks", schema=[{"key": "a", "type": "text", "is_primary_column": True}])
    list_id = lst["list_id"]
    bot.slackLists_access_set(list_id=list_id, access_level="read", user_ids=[bob])
    assert error_of(bot.slackLists_access_delete, list_id=list_id, user_ids=[UNKNOWN]) == "user_not_found"
    assert bot.slackLists_access_delete(list_id=list_id, user_ids=[bob])["ok"]


def test_bookmark_id_left_out_is_invalid_arguments(twin: Twin) -> None:
    bot = twin.client("bot")
    channel = bot.conversations_create(name="bookmarked")["channel"]["id"]
    mark = bot.bookmarks_add(channel_id=channel, title="Site", type="link", link="https://example.com")["bookmark"]
    assert error_of(bot.api_call, "bookmarks.edit", data={"channel_id": channel, "title": "x"}) == "invalid_arguments"
    assert error_of(bot.bookmarks_remove, channel_id=channel, bookmark_id="Bk0NOSUCH") == "not_found"
    assert bot.bookmarks_edit(channel_id=channel, bookmark_id=mark["id"], title="Home")["bookmark"]["title"] == "Home"
    assert bot.bookmarks_remove(channel_id=channel, bookmark_id=mark["id"])["ok"]


def test_usergroup_users_update_unknown_user_is_invalid_users(twin: Twin) -> None:
    alice = twin.client("admin")
    group = alice.usergroups_create(name="Unknowns", handle="unknowns")["usergroup"]["id"]
    assert error_of(alice.usergroups_users_update, usergroup=group, users=[UNKNOWN]) == "invalid_users"


def test_the_seeded_file_comment_can_be_deleted(twin: Twin) -> None:
    bob = twin.client("user")
    info = bob.files_info(file="F0SEEDFILE01")
    assert info["file"]["name"] == "deal-notes.txt" and [c["id"] for c in info["comments"]] == ["Fc0SEEDCMT01"]
    assert error_of(bob.files_comments_delete, file="F0SEEDFILE01", id="Fc0NOSUCH01") == "comment_not_found"
    assert bob.files_comments_delete(file="F0SEEDFILE01", id="Fc0SEEDCMT01")["ok"]
    assert bob.files_info(file="F0SEEDFILE01")["comments"] == []
    assert error_of(bob.files_comments_delete, file="F0SEEDFILE01", id="Fc0SEEDCMT01") == "comment_not_found"
