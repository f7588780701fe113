"""Tenants of the Slack twin (``POST /_twin/tenants``): each is a workspace of its own, with its own tokens,
team and channels, while the default workspace keeps the tokens it always had."""

from __future__ import annotations

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from .conftest import Twin


def _tenant(twin: Twin, name: str) -> dict[str, str]:
    with httpx.Client(base_url=twin.base_url) as http:
        made = http.post("/_twin/tenants", json={"name": name})
    assert made.status_code == 201, made.text
    return {c["name"]: c["token"] for c in made.json()["credentials"]}


def _channels(client: WebClient) -> set[str]:
    return {c["name"] for c in client.conversations_list(types="public_channel")["channels"]}


def test_two_tenants_never_see_each_others_channels(twin: Twin) -> None:
    default_tokens = dict(twin.tokens)
    one, two = _tenant(twin, "worker-1"), _tenant(twin, "worker-2")
    assert "deactivated" not in one and set(one) == set(default_tokens)
    assert not set(one.values()) & set(two.values()) and not set(one.values()) & set(default_tokens.values())
    a = WebClient(token=one["user"], base_url=twin.api_url)
    b = WebClient(token=two["user"], base_url=twin.api_url)
    home = twin.client("user")
    made = a.conversations_create(name="only-in-one")["channel"]
    a.chat_postMessage(channel=made["id"], text="secret")
    assert "only-in-one" in _channels(a)
    assert "only-in-one" not in _channels(b) and "only-in-one" not in _channels(home)
    with pytest.raises(SlackApiError) as caught:
        b.conversations_history(channel=made["id"])
    assert caught.value.response["error"] == "channel_not_found"
    general = next(c["id"] for c in a.conversations_list()["channels"] if c["name"] == "general")
    a.chat_postMessage(channel=general, text="hello from one")
    other_general = next(c["id"] for c in b.conversations_list()["channels"] if c["name"] == "general")
    assert [m["text"] for m in b.conversations_history(channel=other_general)["messages"]] == []
    # each tenant is a workspace: its own team id and domain
    teams = [c.auth_test() for c in (home, a, b)]
    assert len({t["team_id"] for t in teams}) == 3
    assert [t["url"] for t in teams] == [
        "https://twin-workspace.slack.com/",
        "https://twin-workspace-t1.slack.com/",
        "https://twin-workspace-t2.slack.com/",
    ]
    # the default workspace's tokens are what they always were
    with httpx.Client(base_url=twin.base_url) as http:
        listed = {c["name"]: c["token"] for c in http.get("/_twin/credentials").json()["credentials"]}
    assert listed == default_tokens


def test_a_tenants_upload_lands_in_its_own_workspace(twin: Twin) -> None:
    one = _tenant(twin, "uploader")
    client = WebClient(token=one["bot"], base_url=twin.api_url)
    general = next(c["id"] for c in client.conversations_list()["channels"] if c["name"] == "general")
    done = client.files_upload_v2(channel=general, content=b"tenant bytes", filename="t.txt")
    file_id = done["file"]["id"]
    assert client.files_info(file=file_id)["file"]["size"] == len(b"tenant bytes")
    with pytest.raises(SlackApiError) as caught:
        twin.client("bot").files_info(file=file_id)
    assert caught.value.response["error"] == "file_not_found"
