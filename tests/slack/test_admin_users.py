"""An org admin manages people and workspaces (``admin.users.*``, ``admin.users.session.*``, ``admin.teams.*``)
through slack_sdk; the changes are what the workspace methods then show."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError

from .conftest import Twin


def error_of(call: object, **kwargs: object) -> str:
    with pytest.raises(SlackApiError) as caught:
        call(**kwargs)  # type: ignore[operator]
    return str(caught.value.response["error"])


def test_admin_users_list_roles_and_removal(twin: Twin) -> None:
    org, bob = twin.client("org_admin"), twin.client("user")
    team_id = org.auth_test()["team_id"]
    bob_id = bob.auth_test()["user_id"]
    listed = org.admin_users_list(team_id=team_id)
    rows = {u["username"]: u for u in listed["users"]}
    assert {"alice", "bob", "carol", "olivia", "twinbot"} <= set(rows) and "dave" not in rows
    assert rows["alice"]["is_primary_owner"] is True and rows["olivia"]["roles"] == ["org_admin", "org_owner"]
    assert rows["bob"]["email"] == "bob@example.com" and rows["bob"]["workspaces"] == [team_id]
    inactive = org.admin_users_list(team_id=team_id, is_active=False)["users"]
    assert [u["username"] for u in inactive] == ["dave"]
    paged = [u["id"] for page in org.admin_users_list(team_id=team_id, limit=2) for u in page["users"]]
    assert sorted(paged) == sorted(u["id"] for u in listed["users"]) and len(paged) == len(set(paged))

    org.admin_users_setAdmin(team_id=team_id, user_id=bob_id)
    assert bob.users_info(user=bob_id)["user"]["is_admin"] is True
    org.admin_users_setOwner(team_id=team_id, user_id=bob_id)
    assert bob.users_info(user=bob_id)["user"]["is_owner"] is True
    assert bob_id in org.admin_teams_owners_list(team_id=team_id)["owner_ids"]
    org.admin_users_setRegular(team_id=team_id, user_id=bob_id)
    assert bob_id not in org.admin_teams_admins_list(team_id=team_id)["admin_ids"]
    alice_id = twin.client("admin").auth_test()["user_id"]
    assert error_of(org.admin_users_setRegular, team_id=team_id, user_id=alice_id) == "cannot_modify_primary_owner"
    assert error_of(org.admin_users_setAdmin, team_id="T0NOTEAM00", user_id=bob_id) == "team_not_found"
    assert error_of(org.admin_users_setAdmin, team_id=team_id, user_id="U0NOBODY00") == "user_not_found"

    # out of the only workspace: deactivated, so Bob's own token stops working
    org.admin_users_remove(team_id=team_id, user_id=bob_id)
    assert error_of(bob.auth_test) == "account_inactive"
    assert error_of(org.admin_users_remove, team_id=team_id, user_id=bob_id) == "user_already_deleted"
    org.admin_users_assign(team_id=team_id, user_id=bob_id)  # reinstated
    assert bob.auth_test()["user_id"] == bob_id
    assert error_of(org.admin_users_assign, team_id=team_id, user_id=bob_id) == "user_already_team_member"


def test_invites_and_guest_expiration(twin: Twin) -> None:
    org = twin.client("org_admin")
    team_id = org.auth_test()["team_id"]
    general = next(c["id"] for c in org.conversations_list()["channels"] if c["is_general"])
    org.admin_users_invite(team_id=team_id, email="erin@example.com", channel_ids=[general])
    assert error_of(org.admin_users_invite, team_id=team_id, email="erin@example.com", channel_ids=[general]) == (
        "already_in_team_invited_user"
    )
    org.admin_users_invite(team_id=team_id, email="erin@example.com", channel_ids=[general], resend=True)
    assert error_of(org.admin_users_invite, team_id=team_id, email="bob@example.com", channel_ids=[general]) == (
        "already_in_team"
    )
    assert error_of(org.admin_users_invite, team_id=team_id, email="not-an-email", channel_ids=[general]) == (
        "invalid_email"
    )

    carol = twin.client("reader").auth_test()["user_id"]
    assert error_of(org.admin_users_getExpiration, user_id=carol) == "user_is_not_guest"
    assert error_of(org.admin_users_setExpiration, user_id=carol, expiration_ts=2_000_000_000, team_id=team_id) == (
        "user_is_not_a_guest"
    )
    other = org.admin_teams_create(team_domain="guests", team_name="Guests")["team"]
    org.admin_users_assign(team_id=other, user_id=carol, is_restricted=True)
    org.admin_users_setExpiration(user_id=carol, expiration_ts=2_000_000_000, team_id=team_id)
    user = org.admin_users_getExpiration(user_id=carol)["user"]
    assert user == {
        "id": carol,
        "email": "carol@example.com",
        "is_restricted": True,
        "is_ultra_restricted": False,
        "expiration_ts": 2_000_000_000,
    }
    assert error_of(org.admin_users_setExpiration, user_id=carol, expiration_ts=1, team_id=team_id) == (
        "failed_to_validate_expiration"
    )
    assert org.admin_users_unsupportedVersions_export()["ok"] is True


def test_sessions_reset_invalidate_and_settings(twin: Twin) -> None:
    org, bob = twin.client("org_admin"), twin.client("user")
    team_id = org.auth_test()["team_id"]
    bob_id = bob.auth_test()["user_id"]
    sessions = org.admin_users_session_list()["active_sessions"]
    assert bob_id in {s["user_id"] for s in sessions}
    mine = org.admin_users_session_list(user_id=bob_id, team_id=team_id)["active_sessions"]
    assert len(mine) == 1 and mine[0]["team_id"] == team_id and set(mine[0]["created"]) >= {"os", "ip"}
    assert error_of(org.admin_users_session_list, user_id=bob_id) == "missing_team"
    assert error_of(org.admin_users_session_list, team_id=team_id) == "missing_user"

    org.admin_users_session_invalidate(session_id=str(mine[0]["session_id"]), team_id=team_id)
    assert org.admin_users_session_list(user_id=bob_id, team_id=team_id)["active_sessions"] == []
    assert error_of(org.admin_users_session_invalidate, session_id=str(mine[0]["session_id"]), team_id=team_id) == (
        "session_not_found"
    )
    assert bob.auth_test()["ok"] is True  # sessions are not API tokens
    carol = twin.client("reader").auth_test()["user_id"]
    org.admin_users_session_reset(user_id=carol)
    assert carol not in {s["user_id"] for s in org.admin_users_session_list()["active_sessions"]}

    alice = twin.client("admin").auth_test()["user_id"]
    olivia = org.auth_test()["user_id"]
    org.admin_users_session_setSettings(user_ids=[alice], desktop_app_browser_quit=True, duration=3600)
    got = org.admin_users_session_getSettings(user_ids=[alice, olivia, bob_id, carol, "U0NOBODY00"])
    assert got["session_settings"] == [{"user_id": alice, "desktop_app_browser_quit": True, "duration": 3600}]
    # Bob's and Carol's sessions were ended and U0NOBODY00 has none: people without one are left out
    assert got["no_settings_applied"] == [olivia]
    org.admin_users_session_clearSettings(user_ids=[alice])
    assert org.admin_users_session_getSettings(user_ids=[alice])["session_settings"] == []


def test_teams_create_list_and_settings(twin: Twin) -> None:
    org, alice = twin.client("org_admin"), twin.client("admin")
    team_id = org.auth_test()["team_id"]
    created = org.admin_teams_create(team_domain="twin-sales", team_name="Twin Sales", team_discoverability="open")
    new_team = created["team"]
    assert new_team.startswith("T")
    assert error_of(org.admin_teams_create, team_domain="twin-sales", team_name="Other") == "domain_taken"
    assert error_of(org.admin_teams_create, team_domain="x1", team_name="Twin Sales") == "name_taken_in_org"
    assert error_of(org.admin_teams_create, team_domain="x2", team_name="X", team_discoverability="loud") == (
        "discoverability_setting_invalid"
    )
    teams = {t["id"]: t for t in org.admin_teams_list()["teams"]}
    assert set(teams) == {team_id, new_team}
    assert (
        teams[new_team]["team_url"] == "https://twin-sales.slack.com/" and teams[new_team]["discoverability"] == "open"
    )
    assert error_of(org.admin_teams_list, limit=500) == "invalid_limit"

    general = next(c["id"] for c in org.conversations_list()["channels"] if c["is_general"])
    org.admin_teams_settings_setName(team_id=team_id, name="Twin HQ")
    org.admin_teams_settings_setDescription(team_id=team_id, description="Headquarters")
    org.admin_teams_settings_setDiscoverability(team_id=team_id, discoverability="invite_only")
    org.admin_teams_settings_setIcon(team_id=team_id, image_url="https://example.com/icon.png")
    org.admin_teams_settings_setDefaultChannels(team_id=team_id, channel_ids=[general])
    info = org.admin_teams_settings_info(team_id=team_id)["team"]
    assert info["name"] == "Twin HQ" and info["description"] == "Headquarters"
    assert info["default_channels"] == [general] and info["enterprise_id"].startswith("E")
    assert info["icon"]["image_original"] == "https://example.com/icon.png"
    # the workspace's own view follows: auth.test names the team as team.info would
    assert alice.auth_test()["team"] == "Twin HQ"
    assert error_of(org.admin_teams_settings_info, team_id="T0NOTEAM00") == "team_not_found"
