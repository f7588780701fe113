"""slack_sdk 3.48's app methods: ``apps.icon.set`` (the icon bots.info and users.info show) and
``apps.managed.permissions.set`` (who may use a managed app, recorded until it is installed)."""

from __future__ import annotations

import struct
import zlib
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError, SlackRequestError

from .conftest import Twin


def _error(call: Any, **kwargs: Any) -> dict[str, Any]:
    with pytest.raises(SlackApiError) as caught:
        call(**kwargs)
    data = caught.value.response.data
    assert isinstance(data, dict)
    return data


def _png(width: int, height: int) -> bytes:
    """The first bytes of a PNG of that size: signature and IHDR chunk (what a reader of its size needs)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    chunk = b"IHDR" + header
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))


def _own_app(twin: Twin) -> tuple[str, str]:
    """The workspace's app and its bot id, as the bot's own token tells them."""
    bot = twin.client("bot")
    bot_id = str(bot.auth_test()["bot_id"])
    return str(bot.bots_info(bot=bot_id)["bot"]["app_id"]), bot_id


def test_setting_the_icon_from_a_url_changes_what_the_bot_shows(twin: Twin) -> None:
    app_id, bot_id = _own_app(twin)
    alice = twin.client("admin")  # she made the app
    before = twin.client("bot").bots_info(bot=bot_id)["bot"]["icons"]
    assert alice.apps_icon_set(app_id=app_id, url="https://example.com/icon.png")["ok"] is True
    bot = twin.client("bot").bots_info(bot=bot_id)["bot"]
    assert bot["icons"] != before and set(bot["icons"]) == {"image_36", "image_48", "image_72"}
    assert bot["icons"]["image_72"].startswith("https://avatars.slack-edge.com/")
    profile = alice.users_info(user=bot["user_id"])["user"]["profile"]
    assert profile["image_72"] == bot["icons"]["image_72"] and "image_original" in profile


def test_an_uploaded_icon_must_be_an_image_of_512_to_2000_pixels(twin: Twin) -> None:
    app_id, bot_id = _own_app(twin)
    alice = twin.client("admin")
    alice.apps_icon_set(app_id=app_id, file=_png(512, 512))
    first = twin.client("bot").bots_info(bot=bot_id)["bot"]["icons"]
    alice.apps_icon_set(app_id=app_id, file=_png(2000, 2000))
    assert twin.client("bot").bots_info(bot=bot_id)["bot"]["icons"] != first  # another image, another icon
    assert _error(alice.apps_icon_set, app_id=app_id, file=_png(100, 100))["error"] == "invalid_icon_size"
    assert _error(alice.apps_icon_set, app_id=app_id, file=_png(512, 2400))["error"] == "invalid_icon_size"
    assert _error(alice.apps_icon_set, app_id=app_id, file=b"not an image")["error"] == "error_bad_format"


def test_icon_arguments_and_who_may_set_it(twin: Twin) -> None:
    app_id, _ = _own_app(twin)
    alice = twin.client("admin")
    with pytest.raises(SlackRequestError):  # slack_sdk refuses a call with neither before sending it
        alice.apps_icon_set(app_id=app_id)
    assert _error(alice.api_call, api_method="apps.icon.set", params={"app_id": app_id})["error"] == (
        "missing_arguments"
    )
    both = _error(alice.apps_icon_set, app_id=app_id, file=_png(512, 512), url="https://example.com/i.png")
    assert both["error"] == "invalid_parameters"
    assert _error(alice.apps_icon_set, app_id=app_id, url="ftp://example.com/i.png")["error"] == "unable_to_open_file"
    assert _error(alice.apps_icon_set, app_id="A0NOTANAPP1", url="https://x.io/i.png")["error"] == "invalid_app"
    assert _error(alice.apps_icon_set, app_id="nope", url="https://x.io/i.png")["error"] == "invalid_app_id"
    # Bob collaborates on no app; a bot token is not a user's; Carol's token lacks app_configurations:write
    assert _error(twin.client("user").apps_icon_set, app_id=app_id, url="https://x.io/i.png")["error"] == (
        "no_permission"
    )
    assert _error(twin.client("bot").apps_icon_set, app_id=app_id, url="https://x.io/i.png")["error"] == (
        "not_allowed_token_type"
    )
    missing = _error(twin.client("reader").apps_icon_set, app_id=app_id, url="https://x.io/i.png")
    assert missing["error"] == "missing_scope" and missing["needed"] == "app_configurations:write"


def test_managed_app_permissions_are_recorded_until_the_app_is_installed(twin: Twin) -> None:
    alice = twin.client("admin")  # the builder, with a user token from the manager app (the workspace's app)
    answer = alice.apps_managed_permissions_set(app_id="A0MANAGED01", permissions="app_owner")
    owner = alice.auth_test()["user_id"]
    assert (answer["permission_type"], answer["user_ids"]) == ("named_entities", [owner])
    assert answer["channel_restriction_mode"] == "all_channels"
    again = alice.apps_managed_permissions_set(app_id="A0MANAGED01", permissions="everyone")
    assert (again["permission_type"], again["user_ids"]) == ("everyone", [])
    # installed: nothing changes, the current permissions come back
    installed = alice.apps_managed_permissions_set(app_id="A0MANAGED02", permissions="app_owner")
    assert installed["permission_type"] == "everyone"


def test_managed_app_errors(twin: Twin) -> None:
    alice = twin.client("admin")
    call = alice.apps_managed_permissions_set
    assert _error(call, app_id="A0MANAGED03", permissions="app_owner")["error"] == "app_owner_not_found"
    assert _error(call, app_id="A0MANAGED04", permissions="everyone")["error"] == "app_not_owned_by_manager_app"
    assert _error(call, app_id=_own_app(twin)[0], permissions="everyone")["error"] == "app_not_managed"
    assert _error(call, app_id="A0NOSUCHAPP", permissions="everyone")["error"] == "app_not_found"
    assert _error(call, app_id="A0MANAGED01", permissions="admins")["error"] == "invalid_arguments"
    # Bob did not build it; the bot's token is no user's
    bob = twin.client("user").apps_managed_permissions_set
    assert _error(bob, app_id="A0MANAGED01", permissions="everyone")["error"] == "access_denied"
    bot = twin.client("bot").apps_managed_permissions_set
    assert _error(bot, app_id="A0MANAGED01", permissions="everyone")["error"] == "not_allowed_token_type"
    # app_owner_not_found leaves the setting as it was
    assert call(app_id="A0MANAGED03", permissions="everyone")["permission_type"] == "everyone"
