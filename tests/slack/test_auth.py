"""Tokens as Slack reads them: header, form field or query; JSON only with a bearer header; scopes."""

from __future__ import annotations

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from .conftest import Twin


def test_auth_test_tells_bot_from_user(twin: Twin) -> None:
    bot = twin.client("bot").auth_test()
    user = twin.client("user").auth_test()
    assert bot["bot_id"].startswith("B") and bot["user_id"].startswith("U") and bot["team_id"].startswith("T")
    assert bot["url"] == "https://twin-workspace.slack.com/" and bot["team"] == "Twin Workspace"
    assert bot["is_enterprise_install"] is False
    assert "bot_id" not in user.data and user["user"] == "bob"
    assert twin.tokens["bot"].startswith("xoxb-") and twin.tokens["user"].startswith("xoxp-")
    assert {"bot", "user", "admin"} <= set(twin.tokens)


def test_token_in_form_query_and_header(twin: Twin) -> None:
    url, token = f"{twin.api_url}auth.test", twin.tokens["user"]
    assert httpx.post(url, data={"token": token}).json()["ok"] is True
    assert httpx.get(url, params={"token": token}).json()["ok"] is True
    assert httpx.post(url, headers={"Authorization": f"Bearer {token}"}).json()["ok"] is True
    # Slack reads no token from a JSON body: JSON posts must carry the bearer header
    assert httpx.post(url, json={"token": token}).json() == {"ok": False, "error": "not_authed"}
    assert httpx.post(url).json() == {"ok": False, "error": "not_authed"}
    assert httpx.post(url, data={"token": "xoxb-0-0-nope"}).json() == {"ok": False, "error": "invalid_auth"}


def test_auth_errors_through_the_sdk(twin: Twin) -> None:
    with pytest.raises(SlackApiError) as caught:
        WebClient(token="xoxb-unknown", base_url=twin.api_url).auth_test()
    assert caught.value.response["error"] == "invalid_auth"
    # the deactivated user's token is accepted but not listed at /_twin/credentials (Credential(listed=False))
    hidden = {c.name: c.token for c in twin.app.twin.tenants.default.credentials}
    assert "deactivated" not in twin.tokens
    with pytest.raises(SlackApiError) as caught:
        WebClient(token=hidden["deactivated"], base_url=twin.api_url).auth_test()
    assert caught.value.response["error"] == "account_inactive"


def test_missing_scope_names_needed_and_provided(twin: Twin) -> None:
    reader = twin.client("reader")
    general = next(c["id"] for c in reader.conversations_list()["channels"] if c["name"] == "general")
    with pytest.raises(SlackApiError) as caught:
        reader.chat_postMessage(channel=general, text="hi")
    answer = caught.value.response.data
    assert answer["error"] == "missing_scope"
    assert answer["needed"].split(",")[0] == "chat:write"
    assert answer["provided"] == "channels:history,channels:read,users:read"
    with pytest.raises(SlackApiError) as caught:
        reader.conversations_list(types="private_channel")
    assert caught.value.response["needed"] == "groups:read"
    with pytest.raises(SlackApiError) as caught:
        reader.users_lookupByEmail(email="bob@example.com")
    assert caught.value.response["needed"] == "users:read.email"
    # without users:read.email, profiles come without their email
    assert all("email" not in u["profile"] for u in reader.users_list()["members"])


def test_the_bot_user_can_be_looked_up(twin: Twin) -> None:
    bot = twin.client("bot")
    me = bot.users_info(user=bot.auth_test()["user_id"])["user"]
    assert me["is_bot"] is True and me["profile"]["bot_id"] == bot.auth_test()["bot_id"]


def test_retired_methods_answer_method_deprecated(twin: Twin, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACKCLIENT_SKIP_DEPRECATION", "1")  # slack_sdk's own warning is not under test
    with pytest.raises(SlackApiError) as caught:
        twin.client("user").channels_list()
    assert caught.value.response["error"] == "method_deprecated"
