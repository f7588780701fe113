"""Message metadata through slack_sdk: an app posts, edits and schedules messages with metadata; the answers show
it; history shows it to the app that posted it and to anyone asking ``include_all_metadata``; Slack's refusals."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.models.metadata import Metadata

from .conftest import Twin

Record = dict[str, Any]
TASK = {"event_type": "task_created", "event_payload": {"id": "TK-1", "points": 3, "tags": ["a", "b"]}}


def _error(call: Any, **kwargs: Any) -> str:
    with pytest.raises(SlackApiError) as caught:
        call(**kwargs)
    return str(caught.value.response["error"])


def test_metadata_is_kept_and_shown_to_its_app_or_on_request(twin: Twin) -> None:
    bot, user, channel = twin.client("bot"), twin.client("user"), twin.channel_ids()["random"]
    posted = bot.chat_postMessage(channel=channel, text="task", metadata=Metadata(**TASK))
    assert posted["message"]["metadata"] == TASK
    assert bot.conversations_history(channel=channel, limit=1)["messages"][0]["metadata"] == TASK
    # another reader sees it only when asking for all metadata
    assert "metadata" not in user.conversations_history(channel=channel, limit=1)["messages"][0]
    everything = user.conversations_history(channel=channel, limit=1, include_all_metadata=True)
    assert everything["messages"][0]["metadata"] == TASK
    changed = {"event_type": "task_updated", "event_payload": {"id": "TK-1", "points": 5}}
    updated = bot.chat_update(channel=channel, ts=posted["ts"], text="task (5)", metadata=changed)
    assert updated["message"]["metadata"] == changed
    thread = user.conversations_replies(channel=channel, ts=posted["ts"], include_all_metadata=True)
    assert thread["messages"][0]["metadata"] == changed
    # a plain edit keeps it
    bot.chat_update(channel=channel, ts=posted["ts"], text="task (still 5)")
    assert bot.conversations_history(channel=channel, limit=1)["messages"][0]["metadata"] == changed


def test_a_scheduled_message_carries_its_metadata_when_it_is_posted(twin: Twin) -> None:
    bot, channel = twin.client("bot"), twin.channel_ids()["random"]
    now = httpx.get(f"{twin.base_url}/_twin/clock").json()["now"]
    scheduled = bot.chat_scheduleMessage(channel=channel, post_at=int(now) + 60, text="later", metadata=TASK)
    assert scheduled["message"]["metadata"] == TASK
    httpx.post(f"{twin.base_url}/_twin/clock", json={"advance": 120}).raise_for_status()
    assert bot.conversations_history(channel=channel, limit=1)["messages"][0]["metadata"] == TASK


def test_work_object_entities_are_metadata_too(twin: Twin) -> None:
    entity = {"entity_type": "slack#/entities/task", "url": "https://example.com/t/1", "external_ref": {"id": "1"},
              "entity_payload": {"attributes": {"title": {"text": "Write the docs"}}}}  # fmt: skip
    bot, channel = twin.client("bot"), twin.channel_ids()["random"]
    posted = bot.chat_postMessage(channel=channel, text="t", metadata={"entities": [entity]})
    assert posted["message"]["metadata"] == {"entities": [entity]}
    broken = {"entities": [{**entity, "external_ref": {}}]}
    assert _error(bot.chat_postMessage, channel=channel, text="t", metadata=broken) == "invalid_metadata_schema"


def test_metadata_refusals(twin: Twin) -> None:
    bot, channel = twin.client("bot"), twin.channel_ids()["random"]
    post = bot.chat_postMessage
    assert _error(post, channel=channel, text="x", metadata="{not json") == "invalid_metadata_format"
    assert _error(post, channel=channel, text="x", metadata=json.dumps(["a"])) == "invalid_metadata_format"
    assert _error(post, channel=channel, text="x", metadata={"event_payload": {}}) == "invalid_metadata_schema"
    assert _error(post, channel=channel, text="x", metadata={"event_type": "t", "event_payload": "s"}) == (
        "invalid_metadata_schema"
    )
    large = {"event_type": "big", "event_payload": {"blob": "x" * 9000}}
    assert _error(post, channel=channel, text="x", metadata=large) == "metadata_too_large"
    user = twin.client("user")
    assert _error(user.chat_postMessage, channel=channel, text="x", metadata=TASK) == "metadata_must_be_sent_from_app"
    # nothing was posted by a refused call
    assert twin.client("bot").conversations_history(channel=channel)["messages"] == []
