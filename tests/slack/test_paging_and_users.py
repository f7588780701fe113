"""Cursor paging as users page: users.list one at a time, history by windows, and bad cursors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError

from .conftest import Twin


def test_users_list_one_per_page_visits_everyone_once(twin: Twin) -> None:
    client = twin.client("admin")
    everyone = client.users_list()["members"]
    seen: list[str] = []
    cursors: list[str] = []
    for page in client.users_list(limit=1):  # slack_sdk follows next_cursor itself
        seen.extend(u["id"] for u in page["members"])
        cursors.append(page["response_metadata"]["next_cursor"])
    assert seen == [u["id"] for u in everyone] and len(seen) == len(set(seen)) >= 5
    assert cursors[-1] == "" and all(cursors[:-1])
    assert {u["name"] for u in everyone} >= {"alice", "bob", "twinbot", "slackbot"}
    alice = next(u for u in everyone if u["name"] == "alice")
    assert alice["is_admin"] is True and alice["profile"]["email"] == "alice@example.com"


def test_user_lookups_and_errors(twin: Twin) -> None:
    client = twin.client("admin")
    bob = client.users_lookupByEmail(email="bob@example.com")["user"]
    assert client.users_info(user=bob["id"])["user"]["real_name"] == "Bob Builder"
    assert client.users_profile_get(user=bob["id"])["profile"]["display_name"] == "bob"
    assert client.users_getPresence(user=bob["id"])["presence"] == "active"
    assert client.users_getPresence(user=client.auth_test()["user_id"])["online"] is True
    channels = client.users_conversations(user=bob["id"])["channels"]
    assert {c["name"] for c in channels} == {"general", "random"}
    calls: list[tuple[Callable[..., Any], dict[str, Any], str]] = [
        (client.users_info, {"user": "U0NOPE0000"}, "user_not_found"),
        (client.users_lookupByEmail, {"email": "nobody@example.com"}, "users_not_found"),
        (client.users_list, {"cursor": "not-a-cursor"}, "invalid_cursor"),
        (client.conversations_list, {"cursor": "dXNlcjpVMTIz"}, "invalid_cursor"),  # another listing's cursor
    ]
    for call, kwargs, code in calls:
        with pytest.raises(SlackApiError) as caught:
            call(**kwargs)
        assert caught.value.response["error"] == code


def test_history_windows_and_cursors(twin: Twin) -> None:
    client = twin.client("admin")
    channel = client.conversations_create(name="busy")["channel"]["id"]
    posted = [client.chat_postMessage(channel=channel, text=f"m{i}")["ts"] for i in range(7)]
    full = client.conversations_history(channel=channel)["messages"]
    assert [m["text"] for m in full[:7]] == [f"m{i}" for i in reversed(range(7))]  # newest first

    pages, texts = 0, list[str]()
    for page in client.conversations_history(channel=channel, limit=3):
        pages += 1
        texts.extend(m["text"] for m in page["messages"])
        assert page["has_more"] is bool(page["response_metadata"]["next_cursor"])
    assert texts == [m["text"] for m in full] and pages == 3  # 7 messages + the creator's join message

    window = client.conversations_history(channel=channel, oldest=posted[1], latest=posted[4])["messages"]
    assert [m["text"] for m in window] == ["m3", "m2"]
    inclusive = client.conversations_history(channel=channel, oldest=posted[1], latest=posted[4], inclusive=True)
    assert [m["text"] for m in inclusive["messages"]] == ["m4", "m3", "m2", "m1"]
    first = client.conversations_history(channel=channel, oldest=posted[1], limit=2)
    assert first["has_more"] is True and [m["text"] for m in first["messages"]] == ["m6", "m5"]
    rest = client.conversations_history(
        channel=channel, oldest=posted[1], cursor=first["response_metadata"]["next_cursor"]
    )
    assert [m["text"] for m in rest["messages"]] == ["m4", "m3", "m2"] and rest["has_more"] is False


def test_bad_history_bound_is_invalid_ts(twin: Twin) -> None:
    client = twin.client("admin")
    general = next(c["id"] for c in client.conversations_list()["channels"] if c["name"] == "general")
    with pytest.raises(SlackApiError) as caught:
        client.conversations_history(channel=general, oldest="yesterday")
    assert caught.value.response["error"] == "invalid_ts_oldest"


def test_paging_does_not_repeat_or_drop_when_items_change(twin: Twin) -> None:
    client = twin.client("admin")
    for name in ("p-a", "p-b", "p-c", "p-d"):
        client.conversations_create(name=name)
    first = client.conversations_list(limit=3)
    seen = [c["name"] for c in first["channels"]]
    client.conversations_create(name="p-e")  # created between two pages: lands at the end
    cursor = first["response_metadata"]["next_cursor"]
    while cursor:
        page = client.conversations_list(limit=3, cursor=cursor)
        seen.extend(c["name"] for c in page["channels"])
        cursor = page["response_metadata"]["next_cursor"]
    assert len(seen) == len(set(seen))
    assert {"general", "random", "p-a", "p-b", "p-c", "p-d", "p-e"} == set(seen)
