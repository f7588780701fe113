"""Setting an issue's fields from a create or edit body (``fields`` and ``update`` verbs), with Jira's field errors.

Values come in the caller's REST version: rich text is a string in v2 and an ADF document in v3. Each change
becomes a changelog item (field, from/fromString, to/toString) as Jira records them.
Messages: what Jira answers for POST/PUT /rest/api/2/issue (400 ``errors.FIELD``).
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context
from ._adf import from_adf
from ._store import find_user
from .issues_store import issue_by_ref, named_record
from .worklog_time import parse_duration

RICH = ("description", "environment")
NAMED = {"issuetype": "issuetypes", "priority": "priorities", "resolution": "resolutions", "security": None}
LISTS = {"components": "components", "fixVersions": "versions", "versions": "versions"}
USERS = ("assignee", "reporter")
SETTABLE = {
    "summary",
    "description",
    "environment",
    "issuetype",
    "priority",
    "resolution",
    "assignee",
    "reporter",
    "labels",
    "components",
    "fixVersions",
    "versions",
    "duedate",
    "parent",
    "timetracking",
    "security",
    "project",
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
AUTOMATIC = "-1"
"""An assignee of ``-1``: the project's default assignee (its lead when ``assigneeType`` is PROJECT_LEAD, else
nobody), https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issues/#api-rest-api-2-issue-issueidorkey-assignee-put"""


def _default_assignee(ctx: Context, issue: dict[str, Any]) -> str | None:
    project = ctx.state.collection("projects").get(issue["projectId"]) or {}
    return project.get("lead") if project.get("assigneeType") == "PROJECT_LEAD" else None


class Changes:
    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self.errors: dict[str, str] = {}

    def record(self, field: str, before: Any, after: Any, before_text: Any = None, after_text: Any = None) -> None:
        if before == after:
            return
        self.items.append(
            {
                "field": field,
                "fieldtype": "custom" if field.startswith("customfield_") else "jira",
                "from": _text(before),
                "fromString": _text(before_text if before_text is not None else before),
                "to": _text(after),
                "toString": _text(after_text if after_text is not None else after),
            }
        )


def _text(value: Any) -> str | None:
    if value is None or value == []:
        return None
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def apply(ctx: Context, issue: dict[str, Any], fields: dict[str, Any], version: int, changes: Changes) -> None:
    custom = {f["id"] for f in ctx.state.collection("fields").values() if f.get("custom")}
    stored = issue["fields"]
    for name, value in fields.items():
        if name == "project":
            continue
        if name not in SETTABLE and name not in custom:
            changes.errors[name] = f"Field '{name}' cannot be set. It is not on the appropriate screen, or unknown."
            continue
        try:
            _set(ctx, issue, name, value, version, changes, stored)
        except _Refused as refused:
            changes.errors[name] = str(refused)


class _Refused(Exception):
    pass


def _set(
    ctx: Context, issue: dict[str, Any], name: str, value: Any, version: int, changes: Changes, stored: dict[str, Any]
) -> None:
    before = stored.get(name)
    if name == "summary":
        if not isinstance(value, str) or not value.strip():
            raise _Refused("You must specify a summary of the issue.")
        if len(value) > 255:
            raise _Refused("Summary must be less than 255 characters.")
        stored[name] = value
    elif name in RICH:
        text = from_adf(value, name) if version == 3 and value is not None else value
        if text is not None and not isinstance(text, str):
            raise _Refused("Operation value must be a string")
        stored[name] = text
    elif name in NAMED:
        if name == "security":
            stored[name] = value.get("id") if isinstance(value, dict) else None
        elif value is None and name != "issuetype":
            stored[name] = None
        else:
            try:
                record = named_record(ctx.state, NAMED[name] or "", value, name)
            except Exception:
                raise _Refused(_NAMED_ERRORS[name]) from None
            stored[name] = record["id"]
            changes.record(name, before, record["id"], _name_of(ctx, NAMED[name] or "", before), record["name"])
            return
    elif name in USERS:
        stored[name] = _user_ref(ctx, value)
        if stored[name] == AUTOMATIC:
            stored[name] = _default_assignee(ctx, issue)
        changes.record(name, before, stored[name], None, None)
        return
    elif name == "labels":
        stored[name] = _labels(value)
    elif name in LISTS:
        if value is not None and not isinstance(value, list):
            raise _Refused("data was not an array")
        stored[name] = [_list_item(ctx, issue, LISTS[name], item, name) for item in (value or [])]
    elif name == "duedate":
        if value is not None and (not isinstance(value, str) or not DATE.match(value)):
            raise _Refused("Error parsing date string: " + str(value))
        stored[name] = value
    elif name == "parent":
        ref = (value.get("key") or value.get("id")) if isinstance(value, dict) else None
        parent = issue_by_ref(ctx.state, str(ref)) if ref else None
        if parent is None:
            raise _Refused("Could not find issue by id or key.")
        stored[name] = parent["id"]
    elif name == "timetracking":
        if value is not None and not isinstance(value, dict):
            raise _Refused("Time tracking must be an object with originalEstimate and remainingEstimate.")
        _timetracking(stored, value or {})
    else:
        stored[name] = value
    changes.record(name, before, stored.get(name))


_NAMED_ERRORS = {
    "issuetype": "Specify an issue type",
    "priority": "Specify a valid 'id' or 'name' for Priority",
    "resolution": "Specify a valid 'id' or 'name' for Resolution",
}


def _name_of(ctx: Context, collection: str, ref: Any) -> str | None:
    if ref is None:
        return None
    record = ctx.state.collection(collection).get(str(ref))
    return record["name"] if record else None


def _user_ref(ctx: Context, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        ref = value.get("accountId") or value.get("name") or value.get("id") or value.get("key")
        if ref is None:
            return None
        if ref == "-1":
            return AUTOMATIC
    else:
        ref = value
    if ref == "-1":
        return AUTOMATIC
    found = find_user(ctx.state, str(ref))
    if found is None:
        raise _Refused(f"User '{ref}' does not exist.")
    return str(found["accountId"])


def _labels(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise _Refused("data was not an array")
    for label in value:
        if not isinstance(label, str) or not label:
            raise _Refused("Labels must be strings.")
        if " " in label:
            raise _Refused(f"The label '{label}' contains spaces which is invalid.")
        if len(label) > 255:
            raise _Refused("The label must not exceed 255 characters.")
    return list(dict.fromkeys(value))


def _list_item(ctx: Context, issue: dict[str, Any], collection: str, item: Any, field: str) -> str:
    records = [r for r in ctx.state.collection(collection).values() if r["projectId"] == issue["projectId"]]
    for record in records:
        if isinstance(item, dict) and (str(item.get("id")) == record["id"] or item.get("name") == record["name"]):
            return str(record["id"])
    label = item.get("name") or item.get("id") if isinstance(item, dict) else item
    kind = "Component" if field == "components" else "Version"
    raise _Refused(f"{kind} name '{label}' is not valid")


def _timetracking(stored: dict[str, Any], value: dict[str, Any]) -> None:
    original, remaining = value.get("originalEstimate"), value.get("remainingEstimate")
    if original is not None:
        seconds = parse_duration(str(original))
        if seconds is None:
            raise _Refused("Original Estimate is invalid.")
        stored["timeoriginalestimate"] = seconds
        if remaining is None and stored.get("timeestimate") is None:
            stored["timeestimate"] = seconds
    if remaining is not None:
        seconds = parse_duration(str(remaining))
        if seconds is None:
            raise _Refused("Remaining Estimate is invalid.")
        stored["timeestimate"] = seconds


def apply_updates(
    ctx: Context, issue: dict[str, Any], update: dict[str, Any], version: int, changes: Changes
) -> list[dict[str, Any]]:
    """The ``update`` verbs: ``set``, ``add``, ``remove`` (labels, components, versions), ``edit``; returns the
    comments to add (``update.comment[].add``)."""
    comments: list[dict[str, Any]] = []
    if not isinstance(update, dict):
        changes.errors["update"] = "The 'update' value must be an object of field -> operations."
        return comments
    for name, operations in update.items():
        if not isinstance(operations, list):
            changes.errors[name] = "Operation value must be an array"
            continue
        for operation in operations:
            if not isinstance(operation, dict):
                changes.errors[name] = "Operation must be an object"
                continue
            for verb, value in operation.items():
                if name == "comment" and verb == "add":
                    comments.append(value)
                elif verb in ("set", "edit"):
                    apply(ctx, issue, {name: value}, version, changes)
                elif verb in ("add", "remove") and (name == "labels" or name in LISTS):
                    try:
                        _add_remove(ctx, issue, name, verb, value, version, changes)
                    except _Refused as refused:
                        changes.errors[name] = str(refused)
                else:
                    changes.errors[name] = (
                        f"Field '{name}' cannot be set. It is not on the appropriate screen, or unknown."
                    )
    return comments


def _add_remove(
    ctx: Context, issue: dict[str, Any], name: str, verb: str, value: Any, version: int, changes: Changes
) -> None:
    current = list(issue["fields"].get(name) or [])
    if name == "labels":
        wanted = [value] if isinstance(value, str) else []
        target = _labels(wanted) if wanted else []
    else:
        target = [_list_item(ctx, issue, LISTS[name], value, name)]
    after = (
        [*current, *(t for t in target if t not in current)]
        if verb == "add"
        else [c for c in current if c not in target]
    )
    changes.record(name, current, after)
    issue["fields"][name] = after
