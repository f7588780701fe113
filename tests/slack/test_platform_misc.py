"""RTM for modern tokens, Block Kit validation, Grid migration, and Slackbot skills, through slack_sdk."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from slack_sdk.errors import SlackApiError

from .conftest import Twin


def _error(call: Callable[..., object], *args: object, **kwargs: object) -> dict[str, object]:
    with pytest.raises(SlackApiError) as caught:
        call(*args, **kwargs)
    data = caught.value.response.data
    assert isinstance(data, dict)
    return data


def test_rtm_is_closed_to_granular_tokens(twin: Twin) -> None:
    # no seeded token may use RTM, as with any app made since 2021: the success shape cannot be reached
    assert _error(twin.client("bot").rtm_connect)["error"] == "not_allowed_token_type"
    answer = _error(twin.client("user").rtm_start)
    assert answer["error"] == "missing_scope" and answer["needed"] == "rtm:stream"


def test_blocks_validate(twin: Twin) -> None:
    bot = twin.client("bot")
    section = {"type": "section", "text": {"type": "mrkdwn", "text": "Hi"}}
    assert bot.blocks_validate(blocks=[section])["ok"] is True
    assert bot.blocks_validate(view={"type": "modal", "title": {"type": "plain_text", "text": "T"}, "blocks": []})["ok"]
    bad = _error(bot.blocks_validate, blocks=[{"type": "section", "text": {"type": "invalid", "text": "x"}}])
    assert bad["error"] == "invalid_blocks"
    assert bad["errors"] == [
        {
            "code": "failed_constraint",
            "message": "unsupported type: invalid",
            "pointer": "/0/text/type",
            "constraint": {"type": "enum", "expected": ["plain_text", "mrkdwn"]},
        }
    ]
    assert _error(bot.blocks_validate)["error"] == "invalid_arguments"


def test_migration_exchange_without_scope(twin: Twin) -> None:
    # tokens.basic needs no scope (api.slack.com/scopes/tokens.basic); an unknown id is listed, not an error
    answer = twin.client("admin").migration_exchange(users=["U0NOPE00000"])
    assert answer["user_id_map"] == {} and answer["invalid_user_ids"] == ["U0NOPE00000"]
    assert _error(twin.client("admin").migration_exchange, users=[f"U{n:010d}" for n in range(401)])["error"] == (
        "too_many_users"
    )


def test_slackbot_skills(twin: Twin) -> None:
    user = twin.client("user")
    skill = user.slackbot_skills_create(
        display_name="Daily priorities", instructions="# Purpose\nPlan.", category="productivity"
    )
    made = skill["skill"]
    assert made["id"].startswith("F") and made["type"] == "canvas" and made["access"] == "owner"
    updated = user.slackbot_skills_update(skill_id=made["id"], description="Suggests priorities")["skill"]
    assert updated["description"] == "Suggests priorities" and updated["instructions"] == "# Purpose\nPlan."
    assert user.slackbot_skills_info(skill_id=made["id"])["skill"]["display_name"] == "Daily priorities"
    assert [s["id"] for s in user.slackbot_skills_list()["skills"]] == [made["id"]]
    user.slackbot_skills_library_remove(skill_id=made["id"])
    assert user.slackbot_skills_list()["skills"] == []
    user.slackbot_skills_library_add(skill_id=made["id"])
    assert len(user.slackbot_skills_list(filter="owned")["skills"]) == 1
    assert _error(twin.client("admin").slackbot_skills_info, skill_id=made["id"])["error"] == "skill_not_found"
    assert _error(twin.client("bot").slackbot_skills_list)["error"] == "not_allowed_token_type"
    user.slackbot_skills_delete(skill_id=made["id"])
    assert _error(user.slackbot_skills_info, skill_id=made["id"])["error"] == "skill_not_found"
