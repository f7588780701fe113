"""AsyncWebClient (aiohttp) as the SDK's async integration tests use it (a sample written for twingen's tests)."""

from __future__ import annotations

import os

from integration_tests.env_variable_names import SLACK_SDK_TEST_BOT_TOKEN, SLACK_SDK_TEST_USER_TOKEN
from slack_sdk.web.async_client import AsyncWebClient


async def test_auth_test_with_both_tokens() -> None:
    bot = await AsyncWebClient(token=os.environ[SLACK_SDK_TEST_BOT_TOKEN]).auth_test()
    user = await AsyncWebClient(token=os.environ[SLACK_SDK_TEST_USER_TOKEN]).auth_test()
    assert bot["ok"] and user["ok"]
    assert bot["team_id"] == user["team_id"] and bot["user_id"] != user["user_id"]
