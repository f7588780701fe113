"""Jira's issue search: a JQL box, and the issues it finds (``/_twin/views/search?jql=...``) or the error Jira
answers for a query it cannot run ("Error in the JQL Query: ...", "Field 'x' does not exist ...").

The query runs through the same evaluator as ``/rest/api/*/search`` (``search.matching``: ``jql_parse`` then
``jql_eval``, newest first without ORDER BY), asked by no one in particular, so ``currentUser()`` matches no
one. Nothing here changes state.
"""

from __future__ import annotations

from typing import Any, cast

from ..runtime import Context, State, VendorError, view
from ..runtime.control.ui.html import Safe, h
from ..runtime.control.ui.views import ViewContext
from .search import matching
from .views_board import issue_link, named, person

Record = dict[str, Any]
SHOWN = 200
"""Issues listed at most (the rest are counted)."""


class _Asker:
    """What ``search.matching`` reads of a request: the state, who asks (no one) and the twin's clock."""

    def __init__(self, state: State, now: float) -> None:
        self.state, self._now = state, now
        self.identity: dict[str, Any] = {}

    def now(self) -> float:
        return self._now


def _form(ctx: ViewContext, jql: str) -> Safe:
    tenant = h("input", {"type": "hidden", "name": "tenant", "value": ctx.tenant}) if ctx.tenant != "default" else None
    return h(
        "form",
        {"method": "get", "class_": "row", "id": "jql-form"},
        tenant,
        h(
            "label",
            {"style": "flex:1"},
            "JQL",
            h(
                "input",
                {"name": "jql", "id": "jql", "value": jql, "style": "width:100%", "placeholder": "project = KEY"},
            ),
        ),
        h("button", {"class_": "primary"}, "Search"),
    )


def _refusal(refused: VendorError) -> Safe:
    messages = [str(m) for m in refused.details.get("messages") or []]
    messages += [f"{k}: {v}" for k, v in (refused.details.get("errors") or {}).items()]
    return h("div", {"class_": "bad", "id": "jql-error"}, [h("p", None, m) for m in messages or [refused.code]])


@view("search", title="Search issues")
def search_view(ctx: ViewContext) -> Safe:
    jql = ctx.params.get("jql", "")
    try:
        found = matching(cast(Context, _Asker(ctx.state, ctx.now())), jql)
    except VendorError as refused:
        return h("div", None, _form(ctx, jql), _refusal(refused))
    rows = [
        (
            issue_link(ctx, i),
            ctx.id(i["id"]),
            str(i["fields"].get("summary") or ""),
            named(ctx, "issuetypes", i["fields"].get("issuetype")),
            h("span", {"class_": "tag"}, named(ctx, "statuses", i["fields"].get("status"))),
            person(ctx, i["fields"].get("assignee")),
            named(ctx, "priorities", i["fields"].get("priority")),
            str(i.get("updated") or ""),
        )
        for i in found[:SHOWN]
    ]
    count = f"{len(found)} issue{'' if len(found) == 1 else 's'}" + (
        f", the first {SHOWN} shown" if len(found) > SHOWN else ""
    )
    return h(
        "div",
        None,
        _form(ctx, jql),
        h("p", {"class_": "muted", "id": "jql-count"}, count),
        ctx.table(("key", "id", "summary", "type", "status", "assignee", "priority", "updated"), rows, id="results"),
    )
