"""WebClient calls as the SDK's web integration tests make them (a sample written for twingen's tests).

The client keeps Slack's default base URL (``https://slack.com/api/``) and the bot token comes from the environment.
"""

from __future__ import annotations

import os
import unittest

from integration_tests.env_variable_names import (
    SLACK_SDK_TEST_BOT_TOKEN,
    SLACK_SDK_TEST_GRID_TEAM_ID,
    SLACK_SDK_TEST_WEB_TEST_CHANNEL_ID,
)
from slack_sdk import WebClient


class TestWebClient(unittest.TestCase):
    def setUp(self) -> None:
        self.client = WebClient(token=os.environ[SLACK_SDK_TEST_BOT_TOKEN])
        self.channel_id = os.environ[SLACK_SDK_TEST_WEB_TEST_CHANNEL_ID]

    def test_auth_test(self) -> None:
        response = self.client.auth_test()
        self.assertTrue(response["ok"])
        self.assertEqual(response["team_id"], os.environ[SLACK_SDK_TEST_GRID_TEAM_ID])
        self.assertTrue(response["bot_id"])

    def test_chat_post_message(self) -> None:
        posted = self.client.chat_postMessage(channel=self.channel_id, text="hello from the sample suite")
        self.assertTrue(posted["ok"])
        history = self.client.conversations_history(channel=self.channel_id, limit=1)
        self.assertEqual(history["messages"][0]["ts"], posted["ts"])
        self.assertEqual(history["messages"][0]["text"], "hello from the sample suite")

    def test_uploading_text_files(self) -> None:
        # files.upload (v1), which Slack retired: the driver excludes this test by name
        response = self.client.files_upload(channels=self.channel_id, content="text", filename="sample.txt")
        self.assertTrue(response["ok"])
