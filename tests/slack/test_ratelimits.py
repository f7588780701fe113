"""Slack's rate limits with limits on: chat.postMessage allows bursts per channel (a few quick posts are never
refused) and then holds a channel to about one a second; another channel has its own allowance; an incoming
webhook is counted per URL; a refusal is 429 ``ratelimited`` with Retry-After, as slack_sdk's retry handler reads."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from slack_sdk.errors import SlackApiError

from .conftest import Twin

BURST = 30  # POST_PER_CHANNEL in runtime/slack_ratelimits.py


@pytest.fixture
def limited(twin: Twin) -> Iterator[Twin]:
    """The twin with its rate limits on; a reset keeps the setting, so it is turned off again afterwards."""
    httpx.post(f"{twin.base_url}/_twin/ratelimits", json={"enabled": True}).raise_for_status()
    try:
        yield twin
    finally:
        httpx.post(f"{twin.base_url}/_twin/ratelimits", json={"enabled": False}).raise_for_status()


def test_a_burst_of_posts_to_one_channel_is_allowed_then_limited(limited: Twin) -> None:
    bot, channels = limited.client("bot"), limited.channel_ids()
    for n in range(BURST):
        bot.chat_postMessage(channel=channels["general"], text=f"update {n}")
    with pytest.raises(SlackApiError) as refused:
        bot.chat_postMessage(channel=channels["general"], text="one too many")
    assert refused.value.response.status_code == 429 and refused.value.response["error"] == "ratelimited"
    assert int(refused.value.response.headers["retry-after"]) >= 1
    # the limit is per channel: #random still takes posts, and reading is another method's allowance
    assert bot.chat_postMessage(channel=channels["random"], text="elsewhere")["ok"]
    history = bot.conversations_history(channel=channels["general"], limit=BURST + 1)["messages"]
    assert len(history) == BURST  # the refused post changed nothing


def test_a_webhook_is_counted_per_url(limited: Twin) -> None:
    hook = httpx.get(f"{limited.base_url}/_twin/slack/webhooks").json()["webhooks"][0]["url"]
    answers = [httpx.post(hook, json={"text": f"alert {n}"}).status_code for n in range(BURST + 1)]
    assert answers[:BURST] == [200] * BURST and answers[BURST] == 429
