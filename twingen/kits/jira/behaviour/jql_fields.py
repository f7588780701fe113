"""What each JQL field reads from an issue, and how a query value names the same thing.

A field gives an issue's *atoms* (the ids or texts it holds: none when empty) and resolves a query value to the
atoms it names, refusing values the site does not have with Jira's message (``The value 'X' does not exist for
the field 'status'.``). Field names and aliases: https://support.atlassian.com/jira-software-cloud/docs/jql-fields/
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..runtime import State
from .jql_parse import Value, bad

Atoms = list[Any]


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # id | text | user | date | number | key | list
    read: Callable[[State, dict[str, Any]], Atoms]
    collection: str | None = None  # where a value's name resolves (statuses, priorities ...)
    order: Callable[[State, dict[str, Any]], Any] | None = None


def _one(value: Any) -> Atoms:
    return [] if value in (None, "", []) else [value]


def _field(name: str) -> Callable[[State, dict[str, Any]], Atoms]:
    return lambda state, issue: _one(issue["fields"].get(name))


def _many(name: str) -> Callable[[State, dict[str, Any]], Atoms]:
    return lambda state, issue: list(issue["fields"].get(name) or [])


def _comments(state: State, issue: dict[str, Any]) -> Atoms:
    return [c["body"] for c in state.collection("comments").values() if c["issueId"] == issue["id"]]


def _text(state: State, issue: dict[str, Any]) -> Atoms:
    fields = issue["fields"]
    return [t for t in (fields.get("summary"), fields.get("description"), fields.get("environment")) if t] + _comments(
        state, issue
    )


def _category(state: State, issue: dict[str, Any]) -> Atoms:
    status = state.collection("statuses").get(str(issue["fields"].get("status"))) or {}
    return _one(status.get("category"))


def key_order(issue: dict[str, Any]) -> tuple[str, int]:
    project, _, number = issue["key"].rpartition("-")
    return project, int(number) if number.isdigit() else 0


def _priority_rank(state: State, issue: dict[str, Any]) -> Any:
    # Highest sorts first in DESC: rank by the priority's place in the list, the first being the highest
    ids = [p["id"] for p in state.collection("priorities").values()]
    ref = issue["fields"].get("priority")
    return len(ids) - ids.index(ref) if ref in ids else None


def _name_order(collection: str, name: str) -> Callable[[State, dict[str, Any]], Any]:
    def order(state: State, issue: dict[str, Any]) -> Any:
        record = state.collection(collection).get(str(issue["fields"].get(name)))
        return record["name"].lower() if record else None

    return order


FIELDS: dict[str, Field] = {}


def _add(field: Field, *aliases: str) -> None:
    for name in (field.name, *aliases):
        FIELDS[name.lower()] = field


_add(Field("project", "id", lambda s, i: [i["projectId"]], "projects"))
_add(Field("key", "key", lambda s, i: [i["id"]], order=lambda s, i: key_order(i)), "issuekey", "id", "issue")
_add(Field("summary", "text", _field("summary"), order=lambda s, i: (i["fields"].get("summary") or "").lower()))
_add(Field("description", "text", _field("description")))
_add(Field("environment", "text", _field("environment")))
_add(Field("comment", "text", _comments))
_add(Field("text", "text", _text))
_add(Field("status", "id", _field("status"), "statuses", _name_order("statuses", "status")))
_add(Field("statusCategory", "id", _category, "statuscategories"))
_add(Field("priority", "id", _field("priority"), "priorities", _priority_rank))
_add(Field("issuetype", "id", _field("issuetype"), "issuetypes", _name_order("issuetypes", "issuetype")), "type")
_add(Field("resolution", "id", _field("resolution"), "resolutions", _name_order("resolutions", "resolution")))
for _user in ("assignee", "reporter", "creator"):
    _add(Field(_user, "user", _field(_user), "users"))
_add(Field("watcher", "user", lambda s, i: list(i.get("watchers", [])), "users"))
_add(Field("voter", "user", lambda s, i: list(i.get("votes", [])), "users"))
_add(Field("labels", "list", _many("labels")), "label")
_add(Field("component", "id", _many("components"), "components"))
_add(Field("fixVersion", "id", _many("fixVersions"), "versions"))
_add(Field("affectedVersion", "id", _many("versions"), "versions"))
_add(Field("parent", "key", _field("parent")))
for _date, _aliases in (
    ("created", ("createdDate",)),
    ("updated", ("updatedDate",)),
    ("resolved", ("resolutiondate", "resolutionDate")),
    ("duedate", ("due",)),
):
    _source = {"resolved": "resolutiondate"}.get(_date, _date)
    _read = (lambda n: lambda s, i: [i[n]])(_date) if _date in ("created", "updated") else _field(_source)
    _add(Field(_date, "date", _read), *_aliases)
_add(Field("votes", "number", lambda s, i: [len(i.get("votes", []))]))
_add(Field("watchers", "number", lambda s, i: [len(i.get("watchers", []))]))
for _number in ("timespent", "timeestimate", "timeoriginalestimate"):
    _add(Field(_number, "number", _field(_number)))
_add(Field("remainingEstimate", "number", _field("timeestimate")))
_add(Field("originalEstimate", "number", _field("timeoriginalestimate")))

CF = re.compile(r"^cf\[(\d+)\]$", re.IGNORECASE)


def field_named(state: State, name: str) -> Field:
    """The field a query names: a system field or alias, ``cf[N]``, or a custom field's name; else Jira's 400."""
    found = FIELDS.get(name.lower())
    if found is not None:
        return found
    match = CF.match(name)
    for record in state.collection("fields").values():
        if not record.get("custom"):
            continue
        if (match and record["id"] == f"customfield_{match.group(1)}") or record["name"].lower() == name.lower():
            return _custom(record)
    raise bad(f"Field '{name}' does not exist or you do not have permission to view it.")


def _custom(record: dict[str, Any]) -> Field:
    fid = record["id"]

    def read(state: State, issue: dict[str, Any]) -> Atoms:
        value = issue["fields"].get(fid)
        if isinstance(value, list):
            return [_plain(v) for v in value]
        return _one(_plain(value))

    kind = {"number": "number", "date": "date", "datetime": "date"}.get(record["schema"].get("type"), "list")
    if record["schema"].get("custom", "").endswith("gh-sprint"):
        kind = "sprint"
    if record["schema"].get("custom", "").endswith("gh-epic-link"):
        kind = "key"
    return Field(record["name"], kind, read, order=lambda s, i: _plain(i["fields"].get(fid)))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return value.get("value") or value.get("name") or value.get("id")
    return value


def unknown_value(value: Value, field: Field) -> Exception:
    return bad(f"The value '{value.text}' does not exist for the field '{field.name}'.")
