"""The Slack driver's arguments: shapes from schemas, family knowledge, and ids from earlier answers."""

from __future__ import annotations

import hashlib
from types import SimpleNamespace
from typing import Any

import pytest

from twingen.check.arguments import MISSING, Pool, from_schema
from twingen.kits.slack.check.driver import SlackDriver
from twingen.sdk.scan import scan_sdk
from twingen.sdk.surface import SdkSurface

BOT = "xoxb-916130274459-9919350971264-d4ffa645421507f3cc86b584"


def test_schemas_give_arrays_objects_enums_and_bounded_numbers() -> None:
    assert from_schema({"type": "array", "items": {"type": "string"}}) == ["twincheck"]
    assert from_schema({"type": "array", "items": {"enum": ["im", "mpim"]}}) == ["im"]
    assert from_schema({"type": "string", "enum": ["connected", "disconnected"]}) == "connected"
    assert from_schema({"type": "integer", "minimum": 5, "maximum": 9}) == 5
    assert from_schema({"type": "integer", "maximum": 0}) == 0
    assert from_schema({"type": "boolean"}) is True
    made = from_schema({"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}, "x": {}}})
    assert made == {"n": 1}
    assert from_schema({}) is MISSING


@pytest.fixture(scope="module")
def surface() -> SdkSurface:
    return scan_sdk("slack_sdk")


@pytest.fixture
def driver(surface: SdkSurface) -> SlackDriver:
    twin: Any = SimpleNamespace(credentials={"bot": BOT, "admin": "xoxp-1", "org_admin": "xoxp-2"}, base_url="http://x")
    made = SlackDriver(twin, surface, {})
    made.connect()
    return made


@pytest.fixture
def pool() -> Pool:
    made = Pool()
    for kind, value in (("channel", "C1"), ("user", "U1"), ("call", "R1"), ("usergroup", "S1"), ("skill", "F9")):
        made.add(kind, value)
    made.offer("usergroup", "S2")
    made.add("message", ("C1", "1704067200.000100"))
    return made


def _args(driver: SlackDriver, surface: SdkSurface, name: str, pool: Pool) -> dict[str, Any]:
    method = next(m for m in surface.methods if m.name == name)
    return driver.arguments(method, pool)


def test_ids_come_from_earlier_answers_by_family(driver: SlackDriver, surface: SdkSurface, pool: Pool) -> None:
    assert _args(driver, surface, "calls_end", pool)["id"] == "R1"  # a bare id in calls.* is a call
    assert _args(driver, surface, "admin_conversations_bulkArchive", pool) == {"channel_ids": ["C1"]}
    assert _args(driver, surface, "slackbot_skills_info", pool) == {"skill_id": "F9"}
    barrier = _args(driver, surface, "admin_barriers_create", pool)
    assert barrier["primary_usergroup_id"] == "S1" and barrier["barriered_from_usergroup_ids"] == ["S2"]
    assert barrier["restricted_subjects"] == ["im", "mpim", "call"]
    assert _args(driver, surface, "reactions_add", pool)["timestamp"] == "1704067200.000100"


def test_views_get_the_view_type_their_method_takes_and_a_fresh_trigger(
    driver: SlackDriver, surface: SdkSurface, pool: Pool
) -> None:
    assert _args(driver, surface, "views_publish", pool)["view"]["type"] == "home"
    first = _args(driver, surface, "views_open", pool)
    second = _args(driver, surface, "views_open", pool)
    assert first["view"]["type"] == "modal"
    assert first["trigger_id"] != second["trigger_id"]  # each trigger is spent once
    n, team, sig = first["trigger_id"].split(".")
    assert team == "916130274459"  # the workspace number the bot token carries
    assert sig == hashlib.sha256(f"twin-slack:trigger:{n}.{team}".encode()).hexdigest()[:32]


def test_one_of_groups_get_one_member(driver: SlackDriver, surface: SdkSurface, pool: Pool) -> None:
    assert "blocks" in _args(driver, surface, "blocks_validate", pool)
    assert _args(driver, surface, "canvases_access_set", pool)["user_ids"] == ["U1"]


def test_an_id_nothing_made_is_left_to_the_signature(driver: SlackDriver, surface: SdkSurface) -> None:
    assert "channel_ids" not in _args(driver, surface, "canvases_access_set", Pool())


def test_a_placeholder_id_earns_no_expected_error(driver: SlackDriver, surface: SdkSurface, pool: Pool) -> None:
    method = next(m for m in surface.methods if m.name == "reminders_info")
    args = driver.arguments(method, pool)  # no reminder was ever made: its id is a placeholder
    assert "reminder" in args
    assert driver.known_errors_for(method, "bot") == frozenset()
    assert "placeholder ids" in driver.notes(method)
    # the seed's running function execution is named as NOTES.md lists it: no placeholder
    seeded = next(m for m in surface.methods if m.name == "functions_completeSuccess")
    assert driver.arguments(seeded, pool)["function_execution_id"] == "Fx0SEEDRUN01" and driver.notes(seeded) == ""
    calls_end = next(m for m in surface.methods if m.name == "calls_end")
    driver.arguments(calls_end, pool)
    assert driver.notes(calls_end) == ""
