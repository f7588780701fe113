"""Search, remote files and public file links through slack_sdk, with Slack's error codes."""

from __future__ import annotations

from typing import Any

from .conftest import Twin
from .test_story_channel import error_of


def _general(twin: Twin) -> str:
    channels = twin.client("bot").conversations_list()["channels"]
    return str(next(c["id"] for c in channels if c["name"] == "general"))


def _upload(twin: Twin, who: str, channel: str, name: str) -> Any:
    shared = twin.client(who).files_upload_v2(channel=channel, content=b"quarterly numbers", filename=name)
    return shared["files"][0]


def test_search_messages_with_modifiers(twin: Twin) -> None:
    alice, bob = twin.client("admin"), twin.client("user")
    general = _general(twin)
    private = alice.conversations_create(name="secret-plans", is_private=True)["channel"]["id"]
    bob.chat_postMessage(channel=general, text="The launch is on Friday")
    alice.chat_postMessage(channel=general, text="launch checklist ready")
    alice.chat_postMessage(channel=private, text="launch budget is secret")
    found = bob.search_messages(query="launch")["messages"]
    # Bob is not in the private channel: its message is not his to find
    assert [m["text"] for m in found["matches"]] == ["launch checklist ready", "The launch is on Friday"]
    assert found["total"] == 2 and found["pagination"]["page_count"] == 1 and found["paging"]["pages"] == 1
    first = found["matches"][0]
    assert first["channel"]["name"] == "general" and first["username"] == "alice" and "/archives/" in first["permalink"]
    assert [m["text"] for m in bob.search_messages(query="launch from:@bob")["messages"]["matches"]] == [
        "The launch is on Friday"
    ]
    assert bob.search_messages(query='"on friday" in:#general')["messages"]["total"] == 1
    assert (
        alice.search_messages(query="launch", sort="timestamp", sort_dir="asc")["messages"]["matches"][0]["text"]
        == "The launch is on Friday"
    )
    assert bob.search_messages(query="launch", count=1, page=2)["messages"]["matches"][0]["user"].startswith("U")
    # search is for people: a bot token is the wrong kind
    assert error_of(twin.client("bot").search_messages, query="launch") == "not_allowed_token_type"
    assert error_of(twin.client("reader").search_messages, query="launch") == "missing_scope"


def test_search_files_and_all(twin: Twin) -> None:
    bob = twin.client("user")
    general = _general(twin)
    _upload(twin, "user", general, "q3-report.txt")
    bob.chat_postMessage(channel=general, text="see the report")
    files = bob.search_files(query="report")["files"]
    assert [f["name"] for f in files["matches"]] == ["q3-report.txt"]
    both = bob.search_all(query="report")
    assert both["messages"]["total"] == 1 and both["files"]["total"] == 1 and both["posts"]["matches"] == []
    assert error_of(twin.client("bot").search_files, query="report") == "not_allowed_token_type"


def test_remote_files_lifecycle(twin: Twin) -> None:
    bot = twin.client("bot")
    general = _general(twin)
    added = bot.files_remote_add(external_id="doc-1", external_url="https://docs.example.com/1", title="Design doc")
    remote = added["file"]
    assert remote["id"].startswith("F") and remote["is_external"] is True and remote["external_id"] == "doc-1"
    assert remote["url_private"] == "https://docs.example.com/1" and remote["mode"] == "external"
    assert bot.files_remote_info(external_id="doc-1")["file"]["id"] == remote["id"]
    updated = bot.files_remote_update(file=remote["id"], title="Design doc v2", filetype="gdoc")["file"]
    assert updated["title"] == "Design doc v2" and updated["filetype"] == "gdoc"
    shared = bot.files_remote_share(file=remote["id"], channels=general)["file"]
    assert shared["channels"] == [general]
    history = bot.conversations_history(channel=general)["messages"]
    assert history[0]["files"][0]["id"] == remote["id"]
    listed = bot.files_remote_list(channel=general)["files"]
    assert [f["id"] for f in listed] == [remote["id"]]
    # people in the channel can now see it through files.info too
    assert twin.client("user").files_info(file=remote["id"])["file"]["title"] == "Design doc v2"
    bot.files_remote_remove(external_id="doc-1")
    assert error_of(bot.files_remote_info, file=remote["id"]) == "file_not_found"
    assert bot.files_remote_list()["files"] == []


def test_public_links_and_retired_comments(twin: Twin) -> None:
    bob = twin.client("user")
    uploaded = _upload(twin, "user", _general(twin), "notes.txt")
    shared = bob.files_sharedPublicURL(file=uploaded["id"])["file"]
    assert shared["public_url_shared"] is True and shared["permalink_public"].startswith("https://slack-files.com/")
    assert bob.files_revokePublicURL(file=uploaded["id"])["file"]["public_url_shared"] is False
    assert error_of(twin.client("bot").files_sharedPublicURL, file=uploaded["id"]) == "not_allowed_token_type"
    assert error_of(bob.files_sharedPublicURL, file="F0NOTREAL00") == "file_not_found"
    assert error_of(bob.files_comments_delete, file=uploaded["id"], id="Fc0NOTREAL0") == "comment_not_found"
