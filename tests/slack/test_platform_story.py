"""A platform story through slack_sdk's AsyncWebClient: an app is installed, opens a modal, runs a call."""

from __future__ import annotations

import asyncio
import importlib
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from .conftest import Twin


def _module(name: str) -> Any:
    return importlib.import_module(f"twin_slack.behaviour.{name}")


# slack_sdk's async client sends client credentials with aiohttp's BasicAuth, which aiohttp now deprecates
@pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")
def test_an_app_installs_opens_a_modal_and_runs_a_call(twin: Twin) -> None:
    seed, platform = _module("_platform_seed"), _module("_platform")

    async def story() -> None:
        web = AsyncWebClient(base_url=twin.api_url)
        installed = await web.oauth_v2_access(
            client_id=seed.client_id(), client_secret=seed.client_secret(), code=seed.oauth_code("bob")
        )
        bot = AsyncWebClient(token=installed["access_token"], base_url=twin.api_url)
        bob = installed["authed_user"]["id"]
        home = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Welcome"}}]}
        assert (await bot.views_publish(user_id=bob, view=home))["view"]["type"] == "home"
        modal = {"type": "modal", "title": {"type": "plain_text", "text": "Start a call"}, "blocks": []}
        trigger = platform.trigger_id(seed.team_number(), 42)
        opened = (await bot.views_open(trigger_id=trigger, view=modal))["view"]
        call = (await bot.calls_add(external_unique_id="room-42", join_url="https://call.example/42", created_by=bob))[
            "call"
        ]
        await bot.calls_participants_add(id=call["id"], users=[{"slack_id": bob}])
        await bot.views_update(view_id=opened["id"], view={**modal, "title": {"type": "plain_text", "text": "In call"}})
        await bot.calls_end(id=call["id"])
        with pytest.raises(SlackApiError) as caught:
            await bot.views_open(trigger_id=trigger, view=modal)
        assert caught.value.response["error"] == "exchanged_trigger_id"
        assert (await bot.calls_info(id=call["id"]))["call"]["users"] == [{"slack_id": bob}]

    asyncio.run(story())
