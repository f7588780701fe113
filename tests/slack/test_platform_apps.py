"""Platform families through slack_sdk: Socket Mode URLs, event authorizations, the manifest API, uninstall."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from .conftest import Twin


def _error(call: Callable[..., object], *args: object, **kwargs: object) -> dict[str, object]:
    with pytest.raises(SlackApiError) as caught:
        call(*args, **kwargs)
    data = caught.value.response.data
    assert isinstance(data, dict)
    return data


def _twin_module(name: str) -> Any:
    return importlib.import_module(f"twin_slack.behaviour.{name}")


def test_connections_open_answers_a_socket_url_on_the_twin(twin: Twin) -> None:
    url = twin.client("bot").apps_connections_open(app_token=twin.tokens["app"])["url"]
    assert url.startswith("ws://127.0.0.1:") and "/link/?ticket=" in url
    assert _error(twin.client("bot").apps_connections_open, app_token=twin.tokens["bot"])["error"] == (
        "not_allowed_token_type"
    )


def test_event_authorizations_for_an_event_context(twin: Twin) -> None:
    apps = _twin_module("apps")
    app_client = WebClient(token=twin.tokens["app"], base_url=twin.api_url)
    me = twin.client("bot").auth_test()
    context = apps.event_context(me["team_id"], _app_id(twin))
    answer = app_client.apps_event_authorizations_list(event_context=context)
    assert answer["authorizations"] == [
        {
            "enterprise_id": None,
            "team_id": me["team_id"],
            "user_id": me["user_id"],
            "is_bot": True,
            "is_enterprise_install": False,
        }
    ]
    assert answer["response_metadata"]["next_cursor"] == ""
    assert _error(app_client.apps_event_authorizations_list, event_context="nope")["error"] == "invalid_event_context"


def _app_id(twin: Twin) -> str:
    bot = twin.client("bot")
    info = bot.users_info(user=bot.auth_test()["user_id"])["user"]
    return str(info["profile"]["api_app_id"])


VALID = {
    "display_information": {"name": "Deploy Bot"},
    "features": {"bot_user": {"display_name": "deploy"}},
    "oauth_config": {"scopes": {"bot": ["chat:write"]}},
}


def test_manifest_lifecycle_with_a_configuration_token(twin: Twin) -> None:
    config = twin.client("config")
    config.apps_manifest_validate(manifest=VALID)
    made = config.apps_manifest_create(manifest=VALID)
    assert made["app_id"].startswith("A") and set(made["credentials"]) == {
        "client_id",
        "client_secret",
        "verification_token",
        "signing_secret",
    }
    assert made["oauth_authorize_url"].startswith("https://slack.com/oauth/v2/authorize?client_id=")
    assert config.apps_manifest_export(app_id=made["app_id"])["manifest"] == VALID
    renamed = {**VALID, "display_information": {"name": "Deploy Bot 2"}}
    updated = config.apps_manifest_update(app_id=made["app_id"], manifest=renamed)
    assert updated["app_id"] == made["app_id"] and updated["permissions_updated"] is False
    assert (
        config.apps_manifest_export(app_id=made["app_id"])["manifest"]["display_information"]["name"] == "Deploy Bot 2"
    )
    config.apps_manifest_delete(app_id=made["app_id"])
    assert _error(config.apps_manifest_export, app_id=made["app_id"])["error"] == "app_not_found"
    assert _error(config.apps_manifest_delete, app_id="nope")["error"] == "invalid_app_id"


def test_manifest_validation_errors_carry_pointers(twin: Twin) -> None:
    config = twin.client("config")
    bad = {"display_information": {}, "settings": {"event_subscriptions": {"bot_events": ["message"]}}}
    answer = _error(config.apps_manifest_validate, manifest=bad)
    assert answer["error"] == "invalid_manifest"
    assert answer["errors"] == [
        {"message": "must have required property 'name'", "pointer": "/display_information"},
        {
            "message": "Event Subscription requires either Request URL or Socket Mode Enabled",
            "pointer": "/settings/event_subscriptions",
        },
    ]
    assert _error(twin.client("bot").apps_manifest_create, manifest=VALID)["error"] == "not_allowed_token_type"


def test_tooling_tokens_rotate_spends_the_refresh_token(twin: Twin) -> None:
    seed = _twin_module("_platform_seed")
    refresh = seed.refresh_token()
    config = twin.client("config")
    rotated = config.tooling_tokens_rotate(refresh_token=refresh)
    assert rotated["token"].startswith("xoxe.xoxp-1-") and rotated["refresh_token"].startswith("xoxe-1-")
    assert rotated["exp"] - rotated["iat"] == 43_200
    assert _error(config.tooling_tokens_rotate, refresh_token=refresh)["error"] == "invalid_refresh_token"


def test_uninstall_checks_the_client_and_revokes_the_bot(twin: Twin) -> None:
    app = _client_of(twin)
    bot = twin.client("bot")
    assert _error(bot.apps_uninstall, client_id="1.2", client_secret="x")["error"] == "invalid_client_id"
    assert _error(bot.apps_uninstall, client_id=app[0], client_secret="x")["error"] == "bad_client_secret"
    bot.apps_uninstall(client_id=app[0], client_secret=app[1])
    assert _error(bot.auth_test)["error"] == "invalid_auth"
    assert twin.client("user").auth_test()["ok"] is True
    # installing again through OAuth brings the same bot token back
    code = _twin_module("_platform_seed").oauth_code("alice")
    WebClient(base_url=twin.api_url).oauth_v2_access(client_id=app[0], client_secret=app[1], code=code)
    assert bot.auth_test()["ok"] is True


def _client_of(twin: Twin) -> tuple[str, str]:
    seed = _twin_module("_platform_seed")
    return seed.client_id(), seed.client_secret()


def test_user_connections(twin: Twin) -> None:
    admin = twin.client("admin")
    bob = twin.client("user").auth_test()["user_id"]
    admin.apps_user_connection_update(user_id=bob, status="connected")
    admin.apps_user_connection_bulkUpdate(connected_user_ids=[bob])
    admin.apps_user_connection_requestAuth(primary_provider="github", user_id=bob)
    assert _error(admin.apps_user_connection_update, user_id="U0NOPE0000", status="connected")["error"] == (
        "user_not_found"
    )
    assert _error(admin.apps_user_connection_update, user_id=bob, status="done")["error"] == "invalid_arguments"
