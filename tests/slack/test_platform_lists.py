"""Slack Lists through slack_sdk: a schema, records and their fields, access, exports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError

from .conftest import Twin


def _error(call: Callable[..., object], *args: object, **kwargs: object) -> dict[str, object]:
    with pytest.raises(SlackApiError) as caught:
        call(*args, **kwargs)
    data = caught.value.response.data
    assert isinstance(data, dict)
    return data


SCHEMA: list[dict[str, Any]] = [
    {"key": "task", "name": "Task", "type": "text", "is_primary_column": True},
    {"key": "owner", "name": "Owner", "type": "user"},
    {"key": "done", "name": "Done", "type": "checkbox"},
]
TEXT = [
    {"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": "Ship"}]}]}
]


def test_a_task_list(twin: Twin) -> None:
    bot = twin.client("bot")
    bob = twin.client("user").auth_test()["user_id"]
    assert _error(bot.slackLists_create, name="x", schema=[{"key": "a", "type": "text"}])["error"] == (
        "invalid_primary_column"
    )
    made = bot.slackLists_create(name="Launch", schema=SCHEMA)
    list_id = made["list_id"]
    task, owner, done = (c["id"] for c in made["list_metadata"]["schema"])
    assert list_id.startswith("F") and task.startswith("Col")
    item = bot.slackLists_items_create(
        list_id=list_id, initial_fields=[{"column_id": task, "rich_text": TEXT}, {"column_id": owner, "user": [bob]}]
    )["item"]
    assert item["id"].startswith("Rec") and item["list_id"] == list_id
    assert {f["key"]: f.get("text", f["value"]) for f in item["fields"]} == {"task": "Ship", "owner": bob}
    bot.slackLists_items_update(list_id=list_id, cells=[{"row_id": item["id"], "column_id": done, "checkbox": True}])
    info = bot.slackLists_items_info(list_id=list_id, id=item["id"])
    assert info["list"]["title"] == "Launch" and info["list"]["filetype"] == "list"
    assert [f["value"] for f in info["record"]["fields"] if f["key"] == "done"] == [True]
    listed = bot.slackLists_items_list(list_id=list_id)
    assert [i["id"] for i in listed["items"]] == [item["id"]] and listed["response_metadata"]["next_cursor"] == ""
    bad_cell = [{"row_id": "Rec0NOPE", "column_id": done, "checkbox": True}]
    assert _error(bot.slackLists_items_update, list_id=list_id, cells=bad_cell)["error"] == "invalid_row_id"
    bad_column = [{"column_id": "Col0NOPE", "checkbox": True}]
    assert (
        _error(bot.slackLists_items_create, list_id=list_id, initial_fields=bad_column)["error"] == "invalid_column_id"
    )
    job = bot.slackLists_download_start(list_id=list_id)["job_id"]
    assert bot.slackLists_download_get(list_id=list_id, job_id=job)["status"] == "COMPLETED"
    assert _error(bot.slackLists_download_get, list_id=list_id, job_id="Le0")["error"] == "job_not_found"
    bot.slackLists_update(id=list_id, name="Launch v2")
    bot.slackLists_items_delete(list_id=list_id, id=item["id"])
    assert _error(bot.slackLists_items_info, list_id=list_id, id=item["id"])["error"] == "record_not_found"
    second = bot.slackLists_items_create(list_id=list_id)["item"]
    bot.slackLists_items_deleteMultiple(list_id=list_id, ids=[second["id"]])


def test_list_access(twin: Twin) -> None:
    bot, user = twin.client("bot"), twin.client("user")
    bob = user.auth_test()["user_id"]
    list_id = bot.slackLists_create(name="Private")["list_id"]
    assert _error(user.slackLists_items_list, list_id=list_id)["error"] == "list_not_found"
    bot.slackLists_access_set(list_id=list_id, access_level="read", user_ids=[bob])
    assert user.slackLists_items_list(list_id=list_id)["items"] == []
    assert _error(user.slackLists_items_create, list_id=list_id)["error"] == "permission_denied"
    bot.slackLists_access_delete(list_id=list_id, user_ids=[bob])
    assert _error(user.slackLists_items_list, list_id=list_id)["error"] == "list_not_found"
