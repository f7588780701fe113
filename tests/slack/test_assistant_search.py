"""``assistant.search.context`` / ``assistant.search.info`` (slack_sdk 3.48): the twin's own messages, files,
channels and people, searched as the invoking user sees them."""

from __future__ import annotations

import base64
import importlib
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from .conftest import Twin


def _error(call: Any, **kwargs: Any) -> dict[str, Any]:
    with pytest.raises(SlackApiError) as caught:
        call(**kwargs)
    data = caught.value.response.data
    assert isinstance(data, dict)
    return data


def _action_token(twin: Twin, user_id: str, n: int = 1) -> str:
    """An action token as a message event from ``user_id`` would carry it (the formula NOTES.md documents)."""
    search = importlib.import_module("twin_slack.behaviour.assistant_search")
    team_number = twin.tokens["bot"].split("-")[1]
    return str(search.action_token(team_number, user_id, n))


def _channel(client: WebClient, name: str, private: bool = False) -> str:
    return str(client.conversations_create(name=name, is_private=private)["channel"]["id"])


def test_messages_are_found_by_their_words_as_the_user_sees_them(twin: Twin) -> None:
    bob, alice = twin.client("user"), twin.client("admin")
    public = _channel(bob, "gizmo-launch")
    bob.chat_postMessage(channel=public, text="Kicking off the Gizmo mobile revamp on Monday")
    bob.chat_postMessage(channel=public, text="Lunch is at noon")
    secret = _channel(bob, "gizmo-secret", private=True)
    bob.chat_postMessage(channel=secret, text="Gizmo pricing is confidential")
    # Alice is in neither channel: the public one is searchable by anyone in the workspace, the private one is not
    found = alice.assistant_search_context(
        query="What is project gizmo?", channel_types=["public_channel", "private_channel"]
    )
    messages = found["results"]["messages"]
    assert [m["content"] for m in messages] == ["Kicking off the Gizmo mobile revamp on Monday"]
    first = messages[0]
    assert first["channel_id"] == public and first["channel_name"] == "gizmo-launch"
    assert first["author_user_id"] == bob.auth_test()["user_id"] and first["author_name"] == "Bob Builder"
    assert first["is_author_bot"] is False and first["permalink"].endswith(
        f"/archives/{public}/p" + first["message_ts"].replace(".", "")
    )
    assert found["response_metadata"]["next_cursor"] == ""
    mine = bob.assistant_search_context(query="gizmo", channel_types="public_channel,private_channel")
    assert len(mine["results"]["messages"]) == 2
    # the default channel type is public_channel only
    assert len(bob.assistant_search_context(query="gizmo")["results"]["messages"]) == 1


def test_bots_search_with_an_action_token_of_the_user_they_act_for(twin: Twin) -> None:
    bob, bot = twin.client("user"), twin.client("bot")
    secret = _channel(bob, "quiet-room", private=True)
    bob.chat_postMessage(channel=secret, text="the gizmo budget")
    assert _error(bot.assistant_search_context, query="gizmo")["error"] == "invalid_action_token"
    assert _error(bot.assistant_search_context, query="gizmo", action_token="1.2.abcdefabcdef")["error"] == (
        "invalid_action_token"
    )
    as_bob = _action_token(twin, str(bob.auth_test()["user_id"]))
    found = bot.assistant_search_context(query="gizmo", action_token=as_bob, channel_types=["private_channel"])
    assert [m["content"] for m in found["results"]["messages"]] == ["the gizmo budget"]
    as_alice = _action_token(twin, str(twin.client("admin").auth_test()["user_id"]), 7)
    found = bot.assistant_search_context(query="gizmo", action_token=as_alice, channel_types=["private_channel"])
    assert found["results"]["messages"] == []


def test_scopes_follow_the_channel_and_content_types(twin: Twin) -> None:
    carol = twin.client("reader")  # a read-only token without search:read.*
    answer = _error(carol.assistant_search_context, query="x", channel_types=["public_channel", "im"])
    assert answer["error"] == "missing_scope" and answer["needed"] == "search:read.public,search:read.im"
    assert _error(carol.assistant_search_info)["error"] == "missing_scope"
    alice = twin.client("admin")
    assert _error(alice.assistant_search_context, query="x", channel_types=["dm"])["error"] == "invalid_arguments"
    assert _error(alice.api_call, api_method="assistant.search.context", params={})["error"] == "missing_query"
    assert alice.assistant_search_info()["is_ai_search_enabled"] is False


def test_files_channels_and_people(twin: Twin) -> None:
    bob, alice = twin.client("user"), twin.client("admin")
    channel = _channel(bob, "roadmap-2026")
    bob.conversations_setPurpose(channel=channel, purpose="Planning the quarterly roadmap")
    bob.files_upload_v2(channel=channel, content="plans", filename="roadmap.txt", title="Roadmap draft")
    answer = alice.assistant_search_context(query="roadmap", content_types=["files", "channels"])
    assert "messages" not in answer["results"]
    [found_file] = answer["results"]["files"]
    assert found_file["title"] == "Roadmap draft" and found_file["uploader_user_id"] == bob.auth_test()["user_id"]
    assert found_file["file_id"].startswith("F") and found_file["file_type"] == "text"
    [found_channel] = answer["results"]["channels"]
    assert found_channel["name"] == "roadmap-2026" and found_channel["purpose"] == "Planning the quarterly roadmap"
    people = alice.assistant_search_context(query="bob builder", content_types="users")["results"]["users"]
    assert [(p["name"], p["real_name"]) for p in people] == [("bob", "Bob Builder")]
    # Dave was deactivated: only with include_deleted_users
    assert alice.assistant_search_context(query="dave", content_types="users")["results"]["users"] == []
    dave = alice.assistant_search_context(query="dave", content_types="users", include_deleted_users=True)
    assert [p["name"] for p in dave["results"]["users"]] == ["dave"]


def test_paging_sorting_context_and_highlighting(twin: Twin) -> None:
    bob, alice = twin.client("user"), twin.client("admin")
    channel = _channel(bob, "standups")
    for n in range(5):
        bob.chat_postMessage(channel=channel, text=f"standup note {n}")
    bob.chat_postMessage(channel=channel, text="unrelated")
    first = alice.assistant_search_context(query="standup", limit=2, sort="timestamp", sort_dir="asc")
    assert [m["content"] for m in first["results"]["messages"]] == ["standup note 0", "standup note 1"]
    cursor = first["response_metadata"]["next_cursor"]
    assert base64.b64decode(cursor) == b"CURRENT_PAGE:2"  # the shape of the page's own example cursor
    second = alice.assistant_search_context(query="standup", limit=2, sort="timestamp", sort_dir="asc", cursor=cursor)
    assert [m["content"] for m in second["results"]["messages"]] == ["standup note 2", "standup note 3"]
    assert _error(alice.assistant_search_context, query="standup", cursor="bm9wZTox")["error"] == "invalid_cursor"
    newest = alice.assistant_search_context(query="standup", limit=1, include_context_messages=True, highlight=True)
    [message] = newest["results"]["messages"]
    assert message["content"] == "\ue000standup\ue001 note 4"
    context = message["context_messages"]
    assert [m["text"] for m in context["before"]] == ["standup note 2", "standup note 3"]
    assert [m["text"] for m in context["after"]] == ["unrelated"]
    assert _error(alice.assistant_search_context, query="standup", context_channel_id="C0NOPE00000")["error"] == (
        "context_channel_not_found"
    )


def test_term_clauses_and_modifiers(twin: Twin) -> None:
    bob, alice = twin.client("user"), twin.client("admin")
    one, two = _channel(bob, "alpha-team"), _channel(bob, "beta-team")
    bob.chat_postMessage(channel=one, text="release train leaves friday")
    bob.chat_postMessage(channel=two, text="release notes drafted")
    both = alice.assistant_search_context(query="release", term_clauses=["train notes"])
    assert len(both["results"]["messages"]) == 2
    narrowed = alice.assistant_search_context(query="release", term_clauses=["train notes"], modifiers="in:#beta-team")
    assert [m["content"] for m in narrowed["results"]["messages"]] == ["release notes drafted"]
    assert alice.assistant_search_context(query="release", term_clauses=["party"])["results"]["messages"] == []
