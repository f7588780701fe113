"""A Jira project's board as its team sees it: one column per status category (To Do, In Progress, Done), a card
per issue with its key, summary, type, priority and assignee (``/_twin/views/board?project=KEY``).

Issues are read from ``issues`` (fields hold ids: ``status`` -> ``statuses`` -> its ``category``); the column
is the status's category, as a simplified (team-managed) board maps statuses to columns
(https://support.atlassian.com/jira-software-cloud/docs/what-are-issue-statuses-priorities-and-resolutions/).
Nothing here changes state.
"""

from __future__ import annotations

from typing import Any

from ..runtime import view
from ..runtime.control.ui.html import Child, Safe, h
from ..runtime.control.ui.views import ViewContext
from .issues_store import project_by_ref

Record = dict[str, Any]
COLUMNS = ((2, "To Do"), (4, "In Progress"), (3, "Done"))
"""Status category ids and names (``_seed_config.CATEGORIES``), in the board's order."""
NO_CATEGORY = 1


def named(ctx: ViewContext, collection: str, ref: object) -> str:
    """The name of the status, priority, issue type... an issue field holds by id (the id when it is gone)."""
    if ref in (None, ""):
        return ""
    found = ctx.state.collection(collection).get(str(ref))
    return str(found.get("name") or ref) if found else str(ref)


def category_of(ctx: ViewContext, issue: Record) -> int:
    status = ctx.state.collection("statuses").get(str(issue["fields"].get("status"))) or {}
    return int(status.get("category") or NO_CATEGORY)


def person(ctx: ViewContext, account_id: object) -> Child:
    """A user's display name, linking to the issues assigned to them (the JQL search view)."""
    if not account_id:
        return h("span", {"class_": "muted"}, "Unassigned")
    found = ctx.state.collection("users").get(str(account_id))
    name = str(found.get("displayName") or account_id) if found else str(account_id)
    return ctx.link("search", name, jql=f'assignee = "{account_id}"')


def issue_link(ctx: ViewContext, issue: Record) -> Safe:
    return ctx.link("issue", str(issue["key"]), key=issue["key"])


def _card(ctx: ViewContext, issue: Record) -> Safe:
    fields = issue["fields"]
    return h(
        "div",
        {"class_": "msg card", "data-key": issue["key"]},
        h(
            "div",
            {"class_": "body"},
            h("div", None, issue_link(ctx, issue), " ", ctx.id(issue["key"]), " ", ctx.id(issue["id"])),
            h("div", {"class_": "text"}, str(fields.get("summary") or "")),
            h(
                "div",
                {"class_": "muted"},
                named(ctx, "issuetypes", fields.get("issuetype")),
                " · ",
                named(ctx, "priorities", fields.get("priority")),
                " · ",
                h("span", {"class_": "tag"}, named(ctx, "statuses", fields.get("status"))),
                " · ",
                person(ctx, fields.get("assignee")),
            ),
        ),
    )


def _projects_nav(ctx: ViewContext, chosen: Record | None) -> Safe:
    links = [
        h(
            "span",
            None,
            h("strong", None, p["key"])
            if chosen and p["id"] == chosen["id"]
            else ctx.link("board", str(p["key"]), project=p["key"]),
            " ",
        )
        for p in ctx.state.collection("projects").values()
    ]
    return h("p", {"id": "projects"}, "Projects: ", links or h("span", {"class_": "muted"}, "none yet"))


@view("board", title="Board")
def board_view(ctx: ViewContext) -> Safe:
    ref = ctx.params.get("project", "")
    projects = list(ctx.state.collection("projects").values())
    project = project_by_ref(ctx.state, ref) if ref else (projects[0] if projects else None)
    if ref and project is None:
        ctx.missing(f"No project could be found with key '{ref}'.")
    if project is None:
        return h("div", None, _projects_nav(ctx, None), h("p", {"class_": "muted"}, "This site has no projects."))
    ctx.title = f"{project['key']} board · {project.get('name', '')}"
    issues = sorted(
        (i for i in ctx.state.collection("issues").values() if i.get("projectId") == project["id"]),
        key=lambda i: int(i["id"]),
    )
    by_column: dict[int, list[Record]] = {}
    for issue in issues:
        category = category_of(ctx, issue)
        by_column.setdefault(category, []).append(issue)
    columns = list(COLUMNS) + ([(NO_CATEGORY, "No Category")] if by_column.get(NO_CATEGORY) else [])
    cells = [
        h(
            "div",
            {"class_": "column", "id": "column-" + name.lower().replace(" ", "-"), "data-category": category},
            h("h3", None, f"{name} ({len(by_column.get(category, []))})"),
            [_card(ctx, i) for i in by_column.get(category, [])],
        )
        for category, name in columns
    ]
    grid = f"display:grid;grid-template-columns:repeat({len(columns)},1fr);gap:12px"
    return h(
        "div",
        None,
        _projects_nav(ctx, project),
        h(
            "p",
            None,
            ctx.id(project["key"]),
            " ",
            ctx.id(project["id"]),
            " · lead ",
            person(ctx, project.get("lead")),
            " · ",
            ctx.link("search", "all issues", jql=f"project = {project['key']}"),
        ),
        h("div", {"id": "board", "style": grid}, cells),
    )
