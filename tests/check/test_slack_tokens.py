"""Which credential the Slack driver uses per method family, and which token errors it accepts."""

from __future__ import annotations

import pytest

from twingen.kits.slack.check import tokens as tokens

SEEDED = {
    name: f"token-{name}" for name in ("bot", "admin", "identity", "user", "reader", "app", "config", "org_admin")
}


@pytest.mark.parametrize(
    ("op", "first"),
    [
        ("chat.postMessage", "bot"),
        ("admin.conversations.create", "org_admin"),
        ("apps.manifest.create", "config"),
        ("apps.connections.open", "app"),
        ("users.identity", "identity"),
        ("search.messages", "admin"),
        ("reminders.add", "admin"),
    ],
)
def test_the_first_credential_is_the_one_a_real_caller_uses(op: str, first: str) -> None:
    assert tokens.credentials_for(op, SEEDED)[0] == first


def test_only_accepted_token_types_are_tried() -> None:
    assert tokens.credentials_for("admin.users.list", SEEDED) == ["org_admin", "admin", "user"]
    assert tokens.credentials_for("apps.manifest.validate", SEEDED) == ["config"]
    assert "bot" not in tokens.credentials_for("search.all", SEEDED)
    assert tokens.credentials_for("chat.postMessage", SEEDED)[:3] == ["bot", "admin", "user"]
    # a twin without an org admin yet: the workspace admin is next
    assert tokens.credentials_for("admin.teams.list", {"bot": "b", "admin": "a"}) == ["admin"]


def test_a_token_error_counts_only_for_the_token_type_slack_refuses() -> None:
    assert "not_allowed_token_type" in tokens.known_for("rtm.connect", "bot")
    assert "missing_scope" not in tokens.known_for("rtm.connect", "bot")
    assert "missing_scope" in tokens.known_for("rtm.connect", "admin")
    assert "not_allowed_token_type" not in tokens.known_for("chat.postMessage", "bot")
    assert "not_allowed_token_type" not in tokens.known_for("admin.users.list", "org_admin")
    assert "not_allowed_token_type" in tokens.known_for("admin.users.list", "bot")
    assert not tokens.known_for("conversations.list", "bot")
