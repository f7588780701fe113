"""How a deactivated account looks in users.list and users.info: its name and profile, no roles or email state."""

from __future__ import annotations

from typing import Any

from .conftest import Twin


def _by_name(members: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {m["name"]: m for m in members}


def test_a_deactivated_member_is_listed_without_roles_or_email_confirmation(twin: Twin) -> None:
    members = _by_name(twin.client("bot").users_list()["members"])
    gone, here = members["dave"], members["bob"]
    assert gone["deleted"] is True and gone["profile"]["real_name"] == "Dave Departed"
    assert set(gone) == {"id", "team_id", "name", "deleted", "profile", "is_bot", "is_app_user", "updated"}
    assert here["deleted"] is False and here["is_email_confirmed"] is True and here["is_admin"] is False


def test_users_info_shows_a_deactivated_member_the_same_way(twin: Twin) -> None:
    client = twin.client("bot")
    dave = _by_name(client.users_list()["members"])["dave"]
    assert client.users_info(user=dave["id"])["user"] == dave


def test_inviting_everyone_who_is_active_and_confirmed_succeeds(twin: Twin) -> None:
    """Choosing invitees by the fields Slack shows leaves the deactivated out, so the invitation goes through."""
    client = twin.client("bot")
    me = client.auth_test()["user_id"]
    channel = client.conversations_create(name="all-hands-2")["channel"]["id"]
    chosen = [
        m["id"]
        for m in client.users_list()["members"]
        if m["id"] not in {me, "USLACKBOT"} and not m.get("is_bot") and m.get("is_email_confirmed") is True
    ]
    assert chosen and all(not m.get("deleted") for m in client.users_list()["members"] if m["id"] in chosen)
    client.conversations_invite(channel=channel, users=chosen)
    assert set(chosen) <= set(client.conversations_members(channel=channel)["members"])
