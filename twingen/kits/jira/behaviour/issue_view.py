"""An issue as Jira answers it: ``{expand, id, self, key, fields}``, the ``fields`` and ``expand`` parameters, rich
text as a v2 string or a v3 ADF document, and the parts other areas keep (comments, worklogs, links, attachments).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..runtime import Context
from ._adf import rendered, to_adf
from ._api import rest, site, version
from ._store import is_cloud, timestamp
from ._views import named, status, user
from .projects import component_view, version_view
from .worklog_time import format_duration

EXPAND = "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations"
Part = Callable[[Context, dict[str, Any]], Any]
PARTS: dict[str, Part] = {}
"""Fields other areas compute (``comment``, ``worklog``, ``issuelinks``, ``attachment``, ``subtasks``): name -> fn."""
EXPANSIONS: dict[str, Part] = {}
"""``expand`` parts other areas compute (``editmeta``, ``transitions``, ``operations``): name -> fn."""


def part(name: str) -> Callable[[Part], Part]:
    def register(fn: Part) -> Part:
        PARTS[name] = fn
        return fn

    return register


def project_ref(ctx: Context, project_id: str) -> dict[str, Any]:
    project = ctx.state.collection("projects").get(project_id) or {"id": project_id, "key": "", "name": ""}
    avatar = f"{site(ctx)}/rest/api/2/universal_avatar/view/type/project/avatar/10400"
    return {
        "self": rest(ctx, f"project/{project['id']}"),
        "id": project["id"],
        "key": project["key"],
        "name": project["name"],
        "projectTypeKey": project.get("projectTypeKey", "software"),
        "simplified": False,
        "avatarUrls": {"48x48": avatar},
    }


def issue_ref(ctx: Context, issue: dict[str, Any]) -> dict[str, Any]:
    """The short form in links, subtasks and parents: id, key, self and the summary, status, priority, type."""
    fields = issue["fields"]
    out: dict[str, Any] = {
        "summary": fields.get("summary"),
        "status": _status(ctx, fields.get("status")),
        "issuetype": _named(ctx, "issuetype", "issuetypes", fields.get("issuetype")),
    }
    if fields.get("priority"):
        out["priority"] = _named(ctx, "priority", "priorities", fields["priority"])
    return {"id": issue["id"], "key": issue["key"], "self": rest(ctx, f"issue/{issue['id']}"), "fields": out}


def _named(ctx: Context, kind: str, collection: str, ref: Any) -> dict[str, Any] | None:
    record = ctx.state.collection(collection).get(str(ref)) if ref is not None else None
    return named(ctx, kind, record) if record else None


def _status(ctx: Context, ref: Any) -> dict[str, Any] | None:
    record = ctx.state.collection("statuses").get(str(ref)) if ref is not None else None
    return status(ctx, record) if record else None


def _person(ctx: Context, account: Any) -> dict[str, Any] | None:
    return user(ctx, ctx.state.collection("users").get(str(account))) if account else None


def _rich(name: str) -> Part:
    def read(ctx: Context, issue: dict[str, Any]) -> Any:
        text = issue["fields"].get(name)
        return to_adf(text) if version(ctx) == 3 else text

    return read


def _stored(name: str) -> Part:
    return lambda ctx, issue: issue["fields"].get(name)


def _progress(ctx: Context, issue: dict[str, Any]) -> dict[str, Any]:
    spent, left = issue["fields"].get("timespent") or 0, issue["fields"].get("timeestimate") or 0
    return {"progress": spent, "total": spent + left}


def _social(kind: str, count: str, mine: str) -> Part:
    def read(ctx: Context, issue: dict[str, Any]) -> dict[str, Any]:
        held = issue.get(kind if kind == "votes" else "watchers", [])
        return {
            "self": rest(ctx, f"issue/{issue['key']}/{kind}"),
            count: len(held),
            mine: ctx.identity.get("accountId") in held,
        }

    return read


def _parent(ctx: Context, issue: dict[str, Any]) -> dict[str, Any] | None:
    ref = issue["fields"].get("parent")
    parent = ctx.state.collection("issues").get(ref) if ref else None
    return issue_ref(ctx, parent) if parent else None


SYSTEM: dict[str, Part] = {
    "summary": _stored("summary"),
    "description": _rich("description"),
    "environment": _rich("environment"),
    "issuetype": lambda ctx, i: _named(ctx, "issuetype", "issuetypes", i["fields"].get("issuetype")),
    "project": lambda ctx, i: project_ref(ctx, i["projectId"]),
    "status": lambda ctx, i: _status(ctx, i["fields"].get("status")),
    "priority": lambda ctx, i: _named(ctx, "priority", "priorities", i["fields"].get("priority")),
    "resolution": lambda ctx, i: _named(ctx, "resolution", "resolutions", i["fields"].get("resolution")),
    "resolutiondate": _stored("resolutiondate"),
    "assignee": lambda ctx, i: _person(ctx, i["fields"].get("assignee")),
    "reporter": lambda ctx, i: _person(ctx, i["fields"].get("reporter")),
    "creator": lambda ctx, i: _person(ctx, i["fields"].get("creator")),
    "labels": lambda ctx, i: list(i["fields"].get("labels") or []),
    "components": lambda ctx, i: [
        _short(component_view(ctx, c)) for c in _records(ctx, "components", i["fields"].get("components"))
    ],
    "fixVersions": lambda ctx, i: [
        version_view(ctx, v) for v in _records(ctx, "versions", i["fields"].get("fixVersions"))
    ],
    "versions": lambda ctx, i: [version_view(ctx, v) for v in _records(ctx, "versions", i["fields"].get("versions"))],
    "duedate": _stored("duedate"),
    "created": lambda ctx, i: i["created"],
    "updated": lambda ctx, i: i["updated"],
    "statuscategorychangedate": lambda ctx, i: i.get("statusChanged", i["created"]),
    "lastViewed": lambda ctx, i: None,
    "security": lambda ctx, i: None,
    "timespent": _stored("timespent"),
    "timeestimate": _stored("timeestimate"),
    "timeoriginalestimate": _stored("timeoriginalestimate"),
    "aggregatetimespent": _stored("timespent"),
    "aggregatetimeestimate": _stored("timeestimate"),
    "aggregatetimeoriginalestimate": _stored("timeoriginalestimate"),
    "timetracking": lambda ctx, i: _timetracking(i["fields"]),
    "progress": _progress,
    "aggregateprogress": _progress,
    "watches": _social("watchers", "watchCount", "isWatching"),
    "votes": _social("votes", "votes", "hasVoted"),
    "workratio": lambda ctx, i: -1,
}


def all_fields(ctx: Context, issue: dict[str, Any], keep: Callable[[str], bool] = lambda name: True) -> dict[str, Any]:
    """The issue's fields that ``keep`` wants, each computed only when wanted."""
    out: dict[str, Any] = {name: fn(ctx, issue) for name, fn in SYSTEM.items() if keep(name)}
    if keep("parent") and issue["fields"].get("parent"):
        out["parent"] = _parent(ctx, issue)
    for field in ctx.state.collection("fields").values():
        if field.get("custom") and keep(field["id"]):
            out[field["id"]] = issue["fields"].get(field["id"])
    for name, fn in PARTS.items():
        if keep(name):
            out[name] = fn(ctx, issue)
    return out


def _short(component: dict[str, Any]) -> dict[str, Any]:
    return {k: component[k] for k in ("self", "id", "name", "description") if k in component}


def _records(ctx: Context, collection: str, ids: Any) -> list[dict[str, Any]]:
    records = ctx.state.collection(collection)
    return [r for r in (records.get(str(i)) for i in ids or []) if r is not None]


def _timetracking(stored: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, name in (
        ("timeoriginalestimate", "originalEstimate"),
        ("timeestimate", "remainingEstimate"),
        ("timespent", "timeSpent"),
    ):
        if stored.get(key) is not None:
            out[name] = format_duration(int(stored[key]))
            out[f"{name}Seconds"] = int(stored[key])
    return out


def wanted(ctx: Context, raw: Any) -> Callable[[str], bool]:
    """The ``fields`` parameter: ``*all`` (default), ``*navigable``, names, ``-name`` to leave one out."""
    if isinstance(raw, list):  # repeated (?fields=a&fields=b), each may still list several (a,b)
        names = [n.strip() for item in raw for n in str(item).split(",") if n.strip()]
    else:
        names = [n.strip() for n in str(raw or "*all").split(",") if n.strip()]
    include = {n for n in names if not n.startswith("-")}
    exclude = {n[1:] for n in names if n.startswith("-")}
    every = bool(include & {"*all", "*navigable"}) or not include
    return lambda name: name not in exclude and (every or name in include)


def issue_view(ctx: Context, issue: dict[str, Any], fields: Any = None, expand: Any = None) -> dict[str, Any]:
    keep = wanted(ctx, fields if fields is not None else ctx.params.get("fields"))
    out: dict[str, Any] = {
        "expand": EXPAND,
        "id": issue["id"],
        "self": rest(ctx, f"issue/{issue['id']}"),
        "key": issue["key"],
        "fields": all_fields(ctx, issue, keep),
    }
    expands = str(expand if expand is not None else ctx.params.get("expand") or "")
    if "renderedFields" in expands:
        out["renderedFields"] = {"description": rendered(issue["fields"].get("description"))}
    if "changelog" in expands:
        histories = [_history(ctx, h) for h in issue.get("changelog", [])]
        out["changelog"] = {"startAt": 0, "maxResults": len(histories), "total": len(histories), "histories": histories}
    if "names" in expands:
        out["names"] = {f["id"]: f["name"] for f in ctx.state.collection("fields").values() if keep(f["id"])}
    if "schema" in expands:
        out["schema"] = {f["id"]: f["schema"] for f in ctx.state.collection("fields").values() if keep(f["id"])}
    for name, fn in EXPANSIONS.items():
        if name in expands.split(","):
            out[name] = fn(ctx, issue)
    if "properties" in expands:
        out["properties"] = dict(issue.get("properties", {}))
    return out


def _history(ctx: Context, entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": entry["id"],
        "author": _person(ctx, entry.get("author")),
        "created": entry["created"],
        "items": entry["items"],
    }


def stamp(ctx: Context) -> str:
    return timestamp(ctx.now())


def cloud(ctx: Context) -> bool:
    return is_cloud(ctx.state)
