"""The workspace itself through slack_sdk: team.*, emoji, bots, auth.revoke/teams.list, api.test, identity
and profile photos; each with its success shape and a Slack error code."""

from __future__ import annotations

import io

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from .conftest import Twin
from .test_story_channel import error_of

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_team_info_profile_and_preferences(twin: Twin) -> None:
    bot = twin.client("bot")
    team = bot.team_info()["team"]
    assert team["id"].startswith("T") and team["domain"] == "twin-workspace" and "_plan" not in team
    assert error_of(bot.team_info, team="T0OTHERTEAM") == "team_not_found"
    assert bot.team_profile_get()["profile"]["fields"] == []
    prefs = bot.team_preferences_list()
    assert prefs["msg_edit_window_mins"] == -1 and prefs["who_can_post_general"] == "everyone"
    # the seed workspace belongs to an Enterprise Grid org
    assert bot.team_billing_info()["plan"] == "enterprise" and team["enterprise_id"].startswith("E")
    assert error_of(twin.client("reader").team_billing_info) == "missing_scope"


def test_admin_only_team_logs(twin: Twin) -> None:
    admin, user = twin.client("admin"), twin.client("user")
    logins = admin.team_accessLogs()
    assert logins["paging"]["page"] == 1
    assert {e["username"] for e in logins["logins"]} >= {"alice", "bob"}
    billable = admin.team_billableInfo()["billable_info"]
    assert all(v == {"billing_active": False} for v in billable.values()) and len(billable) >= 3
    logs = admin.team_integrationLogs()["logs"]
    assert logs[0]["change_type"] == "added" and logs[0]["app_id"].startswith("A")
    # the ``admin`` scope is granted to admins only
    assert error_of(user.team_accessLogs) == "missing_scope"
    assert error_of(admin.team_accessLogs, page=101) == "over_pagination_limit"


def test_external_teams_seeded_partners_and_disconnect(twin: Twin) -> None:
    admin = twin.client("admin")
    listing = admin.team_externalTeams_list()
    assert [o["team_id"] for o in listing["organizations"]] == ["T0PARTNER01", "T0PARTNER02"]
    assert listing["organizations"][0]["team_name"] == "Partner Co" and listing["total_count"] == 2
    assert listing["response_metadata"]["next_cursor"] == ""
    assert error_of(admin.team_externalTeams_disconnect, target_team="T0PARTNER00") == "team_not_found"
    assert admin.team_externalTeams_disconnect(target_team="T0PARTNER01")["ok"]
    assert [o["team_id"] for o in admin.team_externalTeams_list()["organizations"]] == ["T0PARTNER02"]
    assert error_of(admin.team_externalTeams_disconnect, target_team="T0PARTNER01") == "team_not_found"
    shared = admin.conversations_info(channel="C0PARTNER01")["channel"]
    assert shared["shared_team_ids"] == [shared["context_team_id"]] and shared["is_ext_shared"] is False


def test_emoji_list_and_bots_info(twin: Twin) -> None:
    bot = twin.client("bot")
    emoji = bot.emoji_list()["emoji"]
    assert emoji["shipit"] == "alias:squirrel" and emoji["bowtie"].startswith("https://emoji.slack-edge.com/")
    bot_id = bot.auth_test()["bot_id"]
    info = bot.bots_info(bot=bot_id)["bot"]
    assert info["id"] == bot_id and info["app_id"].startswith("A") and info["deleted"] is False
    assert error_of(bot.bots_info, bot="B0NOTABOT00") == "bot_not_found"


def test_auth_revoke_really_revokes(twin: Twin) -> None:
    user = twin.client("user")
    assert user.auth_revoke(test=True)["revoked"] is False
    assert user.auth_test()["user"] == "bob"  # a test revoke changes nothing
    assert user.auth_revoke()["revoked"] is True
    assert error_of(user.auth_test) == "invalid_auth"


def test_auth_teams_list_and_api_test(twin: Twin) -> None:
    teams = twin.client("bot").auth_teams_list(include_icon=True)
    assert [t["name"] for t in teams["teams"]] == ["Twin Workspace"] and "icon" in teams["teams"][0]
    echoed = twin.client("bot").api_test(foo="bar")
    assert echoed["args"] == {"foo": "bar"}
    token = twin.tokens["bot"]
    answer = httpx.post(f"{twin.api_url}api.test", data={"error": "my_error", "token": token}).json()
    assert answer == {"ok": False, "error": "my_error", "args": {"error": "my_error"}}


def test_api_test_needs_no_token(twin: Twin) -> None:
    assert WebClient(base_url=twin.api_url).api_test(foo="bar")["args"] == {"foo": "bar"}


def test_users_identity_needs_a_sign_in_with_slack_token(twin: Twin) -> None:
    identity = twin.client("identity").users_identity()
    assert identity["user"]["email"] == "alice@example.com" and identity["team"]["domain"] == "twin-workspace"
    assert "image_48" in identity["user"]
    with pytest.raises(SlackApiError) as caught:
        twin.client("user").users_identity()
    assert caught.value.response["error"] == "missing_scope" and caught.value.response["needed"] == "identity.basic"


def test_profile_photo_set_and_deleted(twin: Twin) -> None:
    user = twin.client("user")
    me = user.auth_test()["user_id"]
    user.users_setPhoto(image=io.BytesIO(PNG))
    profile = user.users_info(user=me)["user"]["profile"]
    assert profile["is_custom_image"] is True and profile["image_1024"].startswith("https://avatars.slack-edge.com/")
    assert error_of(user.users_setPhoto, image=io.BytesIO(b"not an image")) == "bad_image"
    user.users_deletePhoto()
    assert user.users_info(user=me)["user"]["profile"]["is_custom_image"] is False


def test_discoverable_contacts_in_an_enterprise(twin: Twin) -> None:
    lookup = twin.client("bot").users_discoverableContacts_lookup
    assert lookup(email="bob@example.com")["user"] == {"is_discoverable": True}
    assert lookup(email="nobody@elsewhere.example")["is_discoverable"] is False
    state = twin.app.twin.tenants.default.state
    team = state.collection("team").get("team")
    state.collection("team").put("team", {k: v for k, v in team.items() if not k.startswith("enterprise_")})
    assert error_of(lookup, email="bob@example.com") == "not_an_enterprise"
