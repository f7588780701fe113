"""One Jira issue as its page shows it: key and summary, the fields by their names (statuses, priorities, users
and projects shown by name and linked), comments oldest first, and the History tab (the changelog, each change
as field: from -> to) (``/_twin/views/issue?key=KEY-1``; an issue id or a moved key finds it too).
Nothing here changes state.
"""

from __future__ import annotations

from typing import Any

from ..runtime import view
from ..runtime.control.ui.html import Child, Safe, h
from ..runtime.control.ui.views import ViewContext
from .issues_store import issue_by_ref
from .views_board import category_of, issue_link, named, person

Record = dict[str, Any]
_BY_ID = {"status": "statuses", "priority": "priorities", "issuetype": "issuetypes", "resolution": "resolutions"}
"""Fields whose stored value is the id of a record named in another collection."""
_LISTED = {"component": "components", "version": "versions"}
_FIRST = ("summary", "issuetype", "status", "resolution", "priority", "assignee", "reporter", "labels", "description")
_HIDDEN = {"customfield_10019"}  # the board's Rank (a LexoRank string), not shown on an issue's page


def _value(ctx: ViewContext, field: str, schema: Record, value: Any) -> Child:
    kind, items = schema.get("type"), schema.get("items")
    if value in (None, "", []):
        return h("span", {"class_": "muted"}, "None")
    if field in _BY_ID:
        shown = named(ctx, _BY_ID[field], value)
        if field == "status":
            category = {2: "To Do", 4: "In Progress", 3: "Done"}.get(category_of(ctx, {"fields": {field: value}}))
            return [
                h("span", {"class_": "tag"}, shown),
                f" (category {category})" if category not in (None, shown) else "",
            ]
        return shown
    if kind == "user":
        return person(ctx, value)
    if kind == "array" and items == "user" and isinstance(value, list):
        return [h("span", None, person(ctx, v), " ") for v in value]
    if kind == "array" and items in _LISTED and isinstance(value, list):
        return ", ".join(named(ctx, _LISTED[items], v.get("id") if isinstance(v, dict) else v) for v in value)
    if field == "parent":
        parent = issue_by_ref(ctx.state, str(value.get("id") if isinstance(value, dict) else value))
        return issue_link(ctx, parent) if parent else str(value)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return [h("span", {"class_": "tag"}, str(v)) for v in value]
    if isinstance(value, (dict, list)):
        return ctx.json(value)
    return h("span", {"class_": "text"}, str(value))


def _fields(ctx: ViewContext, issue: Record) -> Safe:
    known = {f["id"]: f for f in ctx.state.collection("fields").values()}
    stored = issue["fields"]
    order = [f for f in _FIRST if f in stored] + sorted(f for f in stored if f not in _FIRST and f not in _HIDDEN)
    rows = []
    for field in order:
        meta = known.get(field) or {}
        rows.append(
            (str(meta.get("name") or field), ctx.id(field), _value(ctx, field, meta.get("schema") or {}, stored[field]))
        )
    rows.append(("Created", ctx.id("created"), str(issue.get("created") or "")))
    rows.append(("Updated", ctx.id("updated"), str(issue.get("updated") or "")))
    return ctx.table(("field", "id", "value"), rows, id="fields")


def _body(ctx: ViewContext, body: Any) -> Child:
    return body if isinstance(body, str) else ctx.json(body)


def _comments(ctx: ViewContext, issue: Record) -> Safe:
    found = [c for c in ctx.state.collection("comments").values() if c.get("issueId") == issue["id"]]
    found.sort(key=lambda c: int(c["id"]))
    if not found:
        return h("p", {"class_": "muted", "id": "comments"}, "No comments.")
    return h(
        "div",
        {"id": "comments"},
        [
            h(
                "div",
                {"class_": "msg", "id": "comment-" + str(c["id"])},
                h(
                    "div",
                    {"class_": "body"},
                    h("span", {"class_": "who"}, person(ctx, c.get("author"))),
                    " ",
                    h("span", {"class_": "muted"}, str(c.get("created") or "")),
                    " ",
                    ctx.id(c["id"]),
                    h("span", {"class_": "tag"}, "edited") if c.get("updated") != c.get("created") else None,
                    h(
                        "div",
                        {"class_": "text"},
                        c["body"] if isinstance(c.get("body"), str) else ctx.json(c.get("body")),
                    ),
                ),
            )
            for c in found
        ],
    )


def _parent_id(issue: Record) -> str:
    parent = issue["fields"].get("parent")
    return str(parent.get("id") if isinstance(parent, dict) else parent or "")


def _related(ctx: ViewContext, issue: Record) -> Safe:
    """Issue links read from this issue's end (``X blocks Y`` on X, ``Y is blocked by X`` on Y) and its children."""
    rows: list[tuple[Child, ...]] = []
    issues, kinds = ctx.state.collection("issues"), ctx.state.collection("linktypes")
    for link in ctx.state.collection("issuelinks").values():
        if issue["id"] not in (link.get("inward"), link.get("outward")):
            continue
        kind = kinds.get(str(link.get("type"))) or {}
        mine = link.get("inward") == issue["id"]
        other = issues.get(str(link["outward"] if mine else link["inward"]))
        if other is not None:
            phrase = str(kind.get("outward" if mine else "inward") or kind.get("name") or "")
            rows.append((phrase, issue_link(ctx, other), str(other["fields"].get("summary") or ""), ctx.id(link["id"])))
    children = sorted((i for i in issues.values() if _parent_id(i) == issue["id"]), key=lambda i: int(i["id"]))
    rows += [("parent of", issue_link(ctx, c), str(c["fields"].get("summary") or ""), "") for c in children]
    return ctx.table(("relation", "issue", "summary", "link id"), rows, id="links")


def _history(ctx: ViewContext, issue: Record) -> Safe:
    rows = []
    for entry in reversed(issue.get("changelog") or []):  # newest first, as the History tab lists them
        for item in entry.get("items") or []:
            before = item.get("fromString") if item.get("fromString") is not None else item.get("from")
            after = item.get("toString") if item.get("toString") is not None else item.get("to")
            rows.append(
                (
                    str(entry.get("created") or ""),
                    person(ctx, entry.get("author")),
                    str(item.get("field") or ""),
                    h("span", {"class_": "text"}, "" if before is None else str(before)),
                    h("span", {"class_": "text"}, "" if after is None else str(after)),
                    ctx.id(entry.get("id", "")),
                )
            )
    return ctx.table(("when", "who", "field", "from", "to", "history id"), rows, id="history")


@view("issue", title="Issue", listed=False)
def issue_view(ctx: ViewContext) -> Safe:
    ref = ctx.params.get("key") or ctx.params.get("id") or ""
    issue = issue_by_ref(ctx.state, ref)
    if issue is None:
        ctx.missing(f"Issue {ref!r} does not exist or you do not have permission to see it.")
    ctx.title = f"{issue['key']}: {issue['fields'].get('summary') or ''}"
    project = ctx.state.collection("projects").get(str(issue.get("projectId"))) or {}
    return h(
        "div",
        None,
        h(
            "p",
            None,
            ctx.id(issue["key"]),
            " id ",
            ctx.id(issue["id"]),
            " · ",
            ctx.link("board", f"{project.get('key', '')} board", project=project.get("key")) if project else None,
        ),
        h("h3", None, "Details"),
        _fields(ctx, issue),
        h("h3", None, "Linked issues"),
        _related(ctx, issue),
        h("h3", None, "Comments"),
        _comments(ctx, issue),
        h("h3", None, "History"),
        _history(ctx, issue),
        ctx.json(issue),
    )
