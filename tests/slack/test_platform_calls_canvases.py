"""Calls registered by a call provider, and canvases edited section by section, through slack_sdk."""

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


def test_a_call_from_start_to_end(twin: Twin) -> None:
    bot = twin.client("bot")
    bob = twin.client("user").auth_test()["user_id"]
    refused = _error(bot.calls_add, external_unique_id="zoom-1", join_url="https://zoom.example/1", created_by="U0NOPE")
    assert refused["error"] == "invalid_created_by"
    call = bot.calls_add(
        external_unique_id="zoom-1",
        join_url="https://zoom.example/1",
        created_by=bob,
        title="Standup",
        date_start=1700000000,
    )["call"]
    assert call["id"].startswith("R") and call["users"] == [] and call["title"] == "Standup"
    bot.calls_participants_add(id=call["id"], users=[{"slack_id": bob}, {"external_id": "e1", "display_name": "Guest"}])
    assert bot.calls_info(id=call["id"])["call"]["users"] == [
        {"slack_id": bob},
        {"external_id": "e1", "display_name": "Guest"},
    ]
    bot.calls_participants_remove(id=call["id"], users=[{"external_id": "e1"}])
    assert bot.calls_update(id=call["id"], title="Retro")["call"]["title"] == "Retro"
    bot.calls_end(id=call["id"], duration=600)
    assert bot.calls_info(id=call["id"])["call"]["date_end"] == 1700000600
    assert _error(bot.calls_end, id=call["id"])["error"] == "inactive_call"
    assert _error(bot.calls_info, id="R0NOPE00000")["error"] == "invalid_call_id"
    assert _error(bot.calls_participants_add, id=call["id"], users=[{"slack_id": "U0NOPE00000"}])["error"] == (
        "user_not_found"
    )


PLAN = "# Plan\n\nShip the twin.\n\n## Risks\n\nNone yet."


def test_canvas_sections_edits_and_access(twin: Twin) -> None:
    bot = twin.client("bot")
    canvas_id = bot.canvases_create(title="Plan", document_content={"type": "markdown", "markdown": PLAN})["canvas_id"]
    assert canvas_id.startswith("F")
    assert bot.canvases_getContent(canvas_id=canvas_id)["content"] == PLAN + "\n"
    risks = bot.canvases_sections_lookup(
        canvas_id=canvas_id, criteria={"section_types": ["h2"], "contains_text": "Risks"}
    )
    [section] = risks["sections"]
    bot.canvases_edit(
        canvas_id=canvas_id,
        changes=[
            {
                "operation": "insert_after",
                "section_id": section["id"],
                "document_content": {"type": "markdown", "markdown": "Late."},
            },
            {"operation": "rename", "title_content": {"type": "markdown", "markdown": "Plan v2"}},
        ],
    )
    assert bot.canvases_getContent(canvas_id=canvas_id)["content"].endswith("## Risks\n\nLate.\n\nNone yet.\n")
    assert "<h1>Plan</h1>" in bot.canvases_getContent(canvas_id=canvas_id, content_type="html")["content"]
    bad = _error(bot.canvases_edit, canvas_id=canvas_id, changes=[{"operation": "delete", "section_id": "temp:C:nope"}])
    assert bad["error"] == "canvas_editing_failed" and "section not found" in str(bad["detail"])
    user = twin.client("user")
    assert _error(user.canvases_getContent, canvas_id=canvas_id)["error"] == "canvas_not_found"
    bob = user.auth_test()["user_id"]
    bot.canvases_access_set(canvas_id=canvas_id, access_level="read", user_ids=[bob])
    assert user.canvases_getContent(canvas_id=canvas_id)["content"].startswith("# Plan")
    assert _error(user.canvases_delete, canvas_id=canvas_id)["error"] == "restricted_action"
    bot.canvases_access_delete(canvas_id=canvas_id, user_ids=[bob])
    assert _error(user.canvases_getContent, canvas_id=canvas_id)["error"] == "canvas_not_found"
    bot.canvases_delete(canvas_id=canvas_id)
    assert _error(bot.canvases_getContent, canvas_id=canvas_id)["error"] == "canvas_not_found"
