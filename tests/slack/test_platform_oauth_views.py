"""The OAuth exchange, Sign in with Slack, and surfaces opened by a trigger (modals, App Home, dialogs)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from .conftest import Twin, turn_rotation_on


def _error(call: Callable[..., object], *args: object, **kwargs: object) -> dict[str, object]:
    with pytest.raises(SlackApiError) as caught:
        call(*args, **kwargs)
    data = caught.value.response.data
    assert isinstance(data, dict)
    return data


def _module(name: str) -> Any:
    return importlib.import_module(f"twin_slack.behaviour.{name}")


def _client(twin: Twin) -> tuple[WebClient, dict[str, str]]:
    """An SDK client without a token, as an app's OAuth redirect handler has, and the seeded app's client."""
    seed = _module("_platform_seed")
    return WebClient(base_url=twin.api_url), {"client_id": seed.client_id(), "client_secret": seed.client_secret()}


def test_oauth_v2_access_exchanges_a_seeded_code_once(twin: Twin) -> None:
    web, client = _client(twin)
    code = _module("_platform_seed").oauth_code("bob")
    answer = web.oauth_v2_access(code=code, **client)
    assert answer["token_type"] == "bot" and answer["access_token"] == twin.tokens["bot"]
    assert answer["bot_user_id"].startswith("U") and answer["app_id"].startswith("A")
    assert answer["team"]["name"] == "Twin Workspace" and answer["is_enterprise_install"] is False
    assert answer["authed_user"]["access_token"] == twin.tokens["user"]
    assert answer["authed_user"]["token_type"] == "user"
    assert _error(web.oauth_v2_access, code=code, **client)["error"] == "invalid_code"
    wrong = {**client, "client_secret": "0" * 32}
    assert _error(web.oauth_v2_access, code=code, **wrong)["error"] == "bad_client_secret"
    assert _error(web.oauth_v2_access, code=code, client_id="1.2", client_secret="x")["error"] == "invalid_client_id"


def test_oauth_access_v1_answers_a_user_token(twin: Twin) -> None:
    web, client = _client(twin)
    answer = web.oauth_access(code=_module("_platform_seed").oauth_code("alice"), **client)
    assert answer["access_token"] == twin.tokens["admin"] and answer["team_name"] == "Twin Workspace"
    assert _error(web.oauth_access, code="nope", **client)["error"] == "invalid_code"


def test_client_credentials_may_come_as_form_fields(twin: Twin) -> None:
    _, client = _client(twin)
    code = _module("_platform_seed").oauth_code("carol")
    answer = httpx.post(f"{twin.api_url}oauth.v2.access", data={**client, "code": code}).json()
    assert answer["ok"] is True and answer["authed_user"]["access_token"] == twin.tokens["reader"]


def test_oauth_v2_exchange_gives_a_rotating_token(twin: Twin) -> None:
    _, client = _client(twin)
    bot = twin.client("bot")
    turn_rotation_on(twin, twin.tokens["bot"], twin.tokens["config"])
    answer = bot.oauth_v2_exchange(token=twin.tokens["bot"], **client)
    assert answer["access_token"].startswith("xoxe.xoxb-1-") and answer["expires_in"] == 43_200
    assert answer["refresh_token"].startswith("xoxe-1-") and answer["token_type"] == "bot"
    assert _error(bot.oauth_v2_exchange, token=twin.tokens["bot"], client_id="1.2", client_secret="x")["error"] == (
        "invalid_client_id"
    )


def test_sign_in_with_slack(twin: Twin) -> None:
    web, client = _client(twin)
    answer = web.openid_connect_token(code=_module("_platform_seed").oauth_code("bob"), **client)
    assert answer["token_type"] == "Bearer" and answer["id_token"].count(".") == 2
    info = WebClient(token=answer["access_token"], base_url=twin.api_url).openid_connect_userInfo()
    assert info["email"] == "bob@example.com" and info["https://slack.com/team_name"] == "Twin Workspace"
    assert _error(twin.client("bot").openid_connect_userInfo)["error"] == "not_allowed_token_type"


# -- triggers ----------------------------------------------------------------------------------------

MODAL = {"type": "modal", "title": {"type": "plain_text", "text": "Deploy"}, "blocks": []}
HOME = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Hi"}}]}


def _trigger(n: int) -> str:
    platform = _module("_platform")
    return str(platform.trigger_id(_module("_platform_seed").team_number(), n))


def test_modals_open_push_update(twin: Twin) -> None:
    bot = twin.client("bot")
    opened = bot.views_open(trigger_id=_trigger(1), view={**MODAL, "external_id": "deploy-1"})["view"]
    assert opened["id"].startswith("V") and opened["root_view_id"] == opened["id"]
    assert opened["type"] == "modal" and opened["state"] == {"values": {}} and opened["hash"]
    assert _error(bot.views_open, trigger_id=_trigger(1), view=MODAL)["error"] == "exchanged_trigger_id"
    assert _error(bot.views_open, trigger_id="12345.98765.abcd2358fdea", view=MODAL)["error"] == "expired_trigger_id"
    malformed = _error(bot.views_open, trigger_id="nope", view=MODAL)
    assert malformed["error"] == "invalid_arguments"
    assert malformed["response_metadata"] == {"messages": ["[ERROR] invalid `trigger_id`"]}
    pushed = bot.views_push(trigger_id=_trigger(2), view=MODAL)["view"]
    assert pushed["previous_view_id"] == opened["id"] and pushed["root_view_id"] == opened["id"]
    changed = {**MODAL, "title": {"type": "plain_text", "text": "Deploying"}}
    updated = bot.views_update(external_id="deploy-1", view=changed, hash=opened["hash"])["view"]
    assert updated["id"] == opened["id"] and updated["title"]["text"] == "Deploying"
    assert _error(bot.views_update, view_id=opened["id"], view=changed, hash="1.stale")["error"] == "hash_conflict"
    assert _error(bot.views_update, view_id="V0NOPE00000", view=changed)["error"] == "not_found"


def test_publish_home_per_user(twin: Twin) -> None:
    bot = twin.client("bot")
    bob = twin.client("user").auth_test()["user_id"]
    first = bot.views_publish(user_id=bob, view=HOME)["view"]
    second = bot.views_publish(user_id=bob, view=HOME, hash=first["hash"])["view"]
    assert first["type"] == "home" and second["id"] == first["id"]
    assert _error(bot.views_publish, user_id=bob, view=MODAL)["error"] == "invalid_arguments"
    assert _error(bot.views_publish, user_id="U0NOPE00000", view=HOME)["error"] == "user_not_found"


def test_dialog_and_entity_details(twin: Twin) -> None:
    bot = twin.client("bot")
    dialog = {"title": "Report", "callback_id": "report", "elements": [{"type": "text", "label": "What", "name": "w"}]}
    assert bot.dialog_open(dialog=dialog, trigger_id=_trigger(3))["ok"] is True
    assert _error(bot.dialog_open, dialog=dialog, trigger_id=_trigger(3))["error"] == "trigger_exchanged"
    answer = _error(bot.dialog_open, dialog={**dialog, "elements": []}, trigger_id=_trigger(4))
    assert answer["error"] == "validation_errors"
    assert bot.entity_presentDetails(trigger_id=_trigger(5))["ok"] is True
    assert _error(bot.entity_presentDetails, trigger_id="nope")["error"] == "invalid_arguments"
