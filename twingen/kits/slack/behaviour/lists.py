"""``slackLists.*``: Lists (files of type ``list``) with a column schema, records (items) and access.

A list's schema has exactly one primary column; without a schema a list gets Slack's default one (a
``Name`` text column). Records hold one field per column: ``{key, column_id, value, <type>: [...]}``.
Exports (``download.start``/``get``) complete at once; their ``download_url`` names where Slack would
serve the CSV (the twin does not serve it).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _ids, _model, _paging, _platform
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]

COLUMN_TYPES = ("text", "rich_text", "date", "user", "select", "checkbox", "number", "email", "phone", "attachment",
                "link", "message", "channel", "rating", "timestamp", "vote", "todo_completed", "todo_assignee",
                "todo_due_date")  # fmt: skip
# the value key a field of each column type is given by (rich text for text columns)
_VALUE_KEYS = {"text": "rich_text", "todo_completed": "checkbox", "todo_assignee": "user", "todo_due_date": "date"}


def _lists(ctx: Context) -> Any:
    return ctx.state.collection("lists")


def _list(ctx: Context, caller: Caller, name: str = "list_id", write: bool = False) -> Record:
    found: Record | None = _lists(ctx).get(_platform.need(ctx, name))
    if found is None or not (found["user"] == caller.user_id or caller.user_id in found["_access"]):
        raise slack_error("list_not_found")
    if write and found["user"] != caller.user_id and found["_access"].get(caller.user_id) == "read":
        raise slack_error("permission_denied")
    return found


def _schema(ctx: Context) -> list[Record]:
    raw = _platform.json_arg(ctx, "schema")
    if raw is None:
        raw = [{"key": "name", "name": "Name", "type": "text", "is_primary_column": True}]
    if not isinstance(raw, list) or not all(isinstance(c, dict) and c.get("key") and c.get("type") for c in raw):
        raise slack_error("invalid_schema")
    if sum(1 for c in raw if c.get("is_primary_column")) != 1:
        raise slack_error("invalid_primary_column")
    if any(c["type"] not in COLUMN_TYPES for c in raw):
        raise slack_error("invalid_column_type")
    if len(raw) > 30:
        raise slack_error("over_column_maximum")
    columns = []
    for column in raw:
        shown: Record = {"id": "Col" + _ids.new_id(ctx.state, "")[1:], "name": str(column.get("name") or column["key"])}
        shown.update(key=column["key"], type=column["type"], is_primary_column=bool(column.get("is_primary_column")))
        if column.get("options"):
            shown["options"] = column["options"]
        columns.append(shown)
    return columns


def _show_list(record: Record) -> Record:
    shown = _model.public(record)
    columns = len(record["list_metadata"]["schema"])
    shown["list_limits"] = {"over_row_maximum": False, "row_count_limit": 5000, "row_count": len(record["_items"]),
                            "column_count": columns, "column_count_limit": 30}  # fmt: skip
    return shown


@slack_method("slackLists.create", scopes=("lists:write",))
def slack_lists_create(ctx: Context, caller: Caller) -> Record:
    name = _platform.need(ctx, "name")
    if len(name) > 255:
        raise slack_error("over_title_length_maximum")
    copy_from = _args.text(ctx, "copy_from_list_id").strip()
    if copy_from and ctx.params.get("schema"):
        raise slack_error("invalid_copy_and_schema_args")
    source = _list(ctx, caller, "copy_from_list_id") if copy_from else None
    schema = [dict(c) for c in source["list_metadata"]["schema"]] if source else _schema(ctx)
    now = int(ctx.now())
    description = _platform.json_arg(ctx, "description_blocks") or []
    list_id = _ids.new_id(ctx.state, "F")
    record: Record = {
        "id": list_id, "created": now, "timestamp": now, "name": "list", "title": name,
        "mimetype": "application/vnd.slack-list", "filetype": "list", "pretty_type": "List", "user": caller.user_id,
        "editable": True, "size": 0, "mode": "list", "is_external": False, "is_public": False, "updated": now,
        "list_metadata": {"schema": schema, "views": [], "description_blocks": description,
                          "todo_mode": _args.flag(ctx, "todo_mode")},
        "_access": {}, "_items": {}, "_jobs": [],
    }  # fmt: skip
    if source is not None and _args.flag(ctx, "include_copied_list_records"):
        for item in source["_items"].values():
            copied = {**item, "id": "Rec" + _ids.new_id(ctx.state, "")[1:], "list_id": list_id}
            record["_items"][copied["id"]] = copied
    _lists(ctx).put(list_id, record)
    return {"list_id": list_id, "list_metadata": record["list_metadata"]}


@slack_method("slackLists.update", scopes=("lists:write",))
def slack_lists_update(ctx: Context, caller: Caller) -> Record:
    record = _list(ctx, caller, "id", write=True)
    if _args.text(ctx, "name"):
        record["title"] = _args.text(ctx, "name")
    if ctx.params.get("description_blocks") is not None:
        record["list_metadata"]["description_blocks"] = _platform.json_arg(ctx, "description_blocks") or []
    if ctx.params.get("todo_mode") is not None:
        record["list_metadata"]["todo_mode"] = _args.flag(ctx, "todo_mode")
    record["updated"] = int(ctx.now())
    _lists(ctx).put(record["id"], record)
    return {}


def _field(ctx: Context, column: Record, cell: Record) -> Record:
    key = str(_VALUE_KEYS.get(column["type"], column["type"]))
    value = cell.get(key, cell.get(column["type"]))
    if value is None:
        raise slack_error("invalid_input_type")
    if key == "user":
        for user_id in value if isinstance(value, list) else [value]:
            _model.user(ctx, str(user_id))
    field: Record = {"key": column["key"], "column_id": column["id"]}
    if key == "rich_text":
        field.update(value=value, rich_text=value, text=_plain(value))
    elif key == "checkbox":
        field.update(value=bool(value), checkbox=bool(value))
    else:
        values = value if isinstance(value, list) else [value]
        field.update({"value": values[0] if len(values) == 1 else values, key: values})
    return field


def _plain(blocks: Any) -> str:
    """The text of rich text blocks, as Slack shows beside them in ``text``."""
    if isinstance(blocks, dict):
        return str(blocks.get("text", "")) + "".join(_plain(v) for v in blocks.get("elements", []))
    return "".join(_plain(b) for b in blocks) if isinstance(blocks, list) else ""


def _set_fields(ctx: Context, lst: Record, item: Record, cells: list[Any]) -> None:
    columns = {c["id"]: c for c in lst["list_metadata"]["schema"]}
    for cell in cells:
        if not isinstance(cell, dict) or not cell.get("column_id"):
            raise slack_error("column_id_not_provided")
        column = columns.get(str(cell["column_id"]))
        if column is None:
            raise slack_error("invalid_column_id")
        field = _field(ctx, column, cell)
        item["fields"] = [f for f in item["fields"] if f["column_id"] != column["id"]] + [field]


@slack_method("slackLists.items.create", scopes=("lists:write",))
def slack_lists_items_create(ctx: Context, caller: Caller) -> Record:
    lst = _list(ctx, caller, write=True)
    now = int(ctx.now())
    item: Record = {"id": "Rec" + _ids.new_id(ctx.state, "")[1:], "list_id": lst["id"], "date_created": now,
                    "created_by": caller.user_id, "updated_by": caller.user_id, "updated_timestamp": str(now),
                    "fields": []}  # fmt: skip
    duplicated = _args.text(ctx, "duplicated_item_id").strip()
    if duplicated:
        if duplicated not in lst["_items"]:
            raise slack_error("duplicated_item_not_found")
        item["fields"] = [dict(f) for f in lst["_items"][duplicated]["fields"]]
    parent = _args.text(ctx, "parent_item_id").strip()
    if parent:
        if parent not in lst["_items"]:
            raise slack_error("record_not_found")
        item["parent_record_id"] = parent
    fields = _platform.json_arg(ctx, "initial_fields") or []
    _set_fields(ctx, lst, item, fields if isinstance(fields, list) else [fields])
    if len(lst["_items"]) >= 5000:
        raise slack_error("over_row_maximum")
    lst["_items"][item["id"]] = item
    _lists(ctx).put(lst["id"], lst)
    return {"item": item}


def _item(lst: Record, item_id: str) -> Record:
    found: Record | None = lst["_items"].get(item_id)
    if found is None:
        raise slack_error("record_not_found")
    return found


@slack_method("slackLists.items.info", scopes=("lists:read",))
def slack_lists_items_info(ctx: Context, caller: Caller) -> Record:
    lst = _list(ctx, caller)
    item = _item(lst, _platform.need(ctx, "id"))
    subtasks = [i for i in lst["_items"].values() if i.get("parent_record_id") == item["id"]]
    return {"list": _show_list(lst), "record": item, "subtasks": subtasks}


@slack_method("slackLists.items.list", scopes=("lists:read",))
def slack_lists_items_list(ctx: Context, caller: Caller) -> Record:
    lst = _list(ctx, caller)
    keys = sorted(lst["_items"])
    page, following = _paging.page_of_keys(ctx, keys, "record", 100)
    return {"items": [lst["_items"][k] for k in page], **_paging.metadata(following)}


@slack_method("slackLists.items.update", scopes=("lists:write",))
def slack_lists_items_update(ctx: Context, caller: Caller) -> Record:
    lst = _list(ctx, caller, write=True)
    cells = _platform.json_arg(ctx, "cells")
    if not isinstance(cells, list) or not cells:
        raise invalid_arguments("cells must be a non-empty array")
    for cell in cells:
        row = cell.get("row_id") if isinstance(cell, dict) else None
        if not row:
            raise slack_error("row_id_not_provided")
        if row not in lst["_items"]:
            raise slack_error("invalid_row_id")
    for cell in cells:
        item = lst["_items"][cell["row_id"]]
        _set_fields(ctx, lst, item, [cell])
        item.update(updated_by=caller.user_id, updated_timestamp=str(int(ctx.now())))
    _lists(ctx).put(lst["id"], lst)
    return {}


@slack_method("slackLists.items.delete", scopes=("lists:write",))
def slack_lists_items_delete(ctx: Context, caller: Caller) -> Record:
    lst = _list(ctx, caller, write=True)
    item = _item(lst, _platform.need(ctx, "id"))
    del lst["_items"][item["id"]]
    _lists(ctx).put(lst["id"], lst)
    return {}


@slack_method("slackLists.items.deleteMultiple", scopes=("lists:write",))
def slack_lists_items_delete_multiple(ctx: Context, caller: Caller) -> Record:
    lst = _list(ctx, caller, write=True)
    ids = _args.id_list(ctx, "ids")
    if not ids:
        raise invalid_arguments("missing required field: ids")
    for item_id in ids:
        _item(lst, item_id)
    for item_id in ids:
        del lst["_items"][item_id]
    _lists(ctx).put(lst["id"], lst)
    return {}


@slack_method("slackLists.access.set", scopes=("lists:write",))
def slack_lists_access_set(ctx: Context, caller: Caller) -> Record:
    lst = _list(ctx, caller, write=True)
    level = _platform.need(ctx, "access_level")
    if level not in ("read", "write", "owner"):
        raise invalid_arguments("access_level must be read, write or owner")
    users, channels = _args.id_list(ctx, "user_ids"), _args.id_list(ctx, "channel_ids")
    if bool(users) == bool(channels):
        raise invalid_arguments("exactly one of user_ids or channel_ids is required")
    for user_id in users:
        _model.user(ctx, user_id)
        lst["_access"][user_id] = level
    for channel_id in channels:
        for member in _model.members(_model.channel(ctx, caller, channel_id)):
            lst["_access"].setdefault(member, level)
    _lists(ctx).put(lst["id"], lst)
    return {}


@slack_method("slackLists.access.delete", scopes=("lists:write",))
def slack_lists_access_delete(ctx: Context, caller: Caller) -> Record:
    lst = _list(ctx, caller, write=True)
    users, channels = _args.id_list(ctx, "user_ids"), _args.id_list(ctx, "channel_ids")
    if bool(users) == bool(channels):
        raise invalid_arguments("exactly one of user_ids or channel_ids is required")
    for user_id in users:
        _model.user(ctx, user_id)  # user_not_found: "A user could not be found." (method page)
    for channel_id in channels:
        users += _model.members(_model.channel(ctx, caller, channel_id))
    for user_id in users:
        lst["_access"].pop(user_id, None)
    _lists(ctx).put(lst["id"], lst)
    return {}


@slack_method("slackLists.download.start", scopes=("lists:read",))
def slack_lists_download_start(ctx: Context, caller: Caller) -> Record:
    lst = _list(ctx, caller)
    job_id = "Le" + _ids.new_id(ctx.state, "")[1:]
    lst["_jobs"].append(job_id)
    _lists(ctx).put(lst["id"], lst)
    return {"job_id": job_id}


@slack_method("slackLists.download.get", scopes=("lists:read",))
def slack_lists_download_get(ctx: Context, caller: Caller) -> Record:
    lst = _list(ctx, caller)
    if _platform.need(ctx, "job_id") not in lst["_jobs"]:
        raise slack_error("job_not_found")
    url = f"https://files.slack.com/files-pri/{caller.team_id}-{lst['id']}/csv/list?origin_team={caller.team_id}"
    return {"status": "COMPLETED", "download_url": url}
