"""calls.add without ``created_by``: the Call is the token's own, a bot token's included."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError

from .conftest import Twin


def test_a_bot_token_adds_a_call_without_saying_who_started_it(twin: Twin) -> None:
    bot = twin.client("bot")
    call = bot.calls_add(external_unique_id="meet-7", join_url="https://meet.example/7")["call"]
    assert call["id"].startswith("R") and call["join_url"] == "https://meet.example/7"
    assert bot.calls_info(id=call["id"])["call"]["external_unique_id"] == "meet-7"


def test_a_user_token_adds_a_call_as_its_user(twin: Twin) -> None:
    call = twin.client("user").calls_add(external_unique_id="meet-8", join_url="https://meet.example/8")["call"]
    assert call["id"].startswith("R")


def test_naming_someone_who_is_not_there_is_invalid_created_by_and_adds_nothing(twin: Twin) -> None:
    bot = twin.client("bot")
    untouched = bot.calls_add(external_unique_id="meet-9", join_url="https://meet.example/9")["call"]["id"]
    twin.reset()
    bot = twin.client("bot")
    with pytest.raises(SlackApiError) as caught:
        bot.calls_add(external_unique_id="meet-9", join_url="https://meet.example/9", created_by="U0NOBODY000")
    assert caught.value.response["error"] == "invalid_created_by"
    # the refused call took no id: the next Call gets the one a fresh workspace gives first
    assert bot.calls_add(external_unique_id="meet-9", join_url="https://meet.example/9")["call"]["id"] == untouched
