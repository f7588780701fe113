"""Issue search: ``/search`` (``startAt``, ``maxResults``, ``total``) and the newer ``/search/jql``
(``nextPageToken``, no total, only ids unless ``fields`` asks), ``/jql/parse``, the issue picker and the count.
Without ORDER BY, results come newest first (created DESC), as Jira's issue navigator lists them.
Sources: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-search/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, VendorError
from ._api import api
from ._errors import jira_error
from ._store import is_cloud
from .issue_view import issue_view
from .jql_eval import Env, compile_where, sort_key
from .jql_parse import parse
from .search_walk import ordered_matches, seal_token, unseal_token


def _arg(ctx: Context, name: str, default: Any = None) -> Any:
    if isinstance(ctx.body, dict) and name in ctx.body:
        return ctx.body[name]
    return ctx.params.get(name, default)


def run(ctx: Context, jql: str) -> tuple[Any, Any, Env]:
    env = Env(ctx.state, ctx.identity.get("accountId"), ctx.now())
    query = parse(jql)
    return query, compile_where(env, query.where), env


def _sorted(env: Env, query: Any, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keys, given = sort_key(env, query)
    found.sort(key=lambda i: int(i["id"]), reverse=True)
    if not given:
        found.sort(key=lambda i: i["created"], reverse=True)
        return found
    for fn, descending in reversed(keys):
        present = [i for i in found if fn(i) is not None]
        missing = [i for i in found if fn(i) is None]
        present.sort(key=fn, reverse=descending)
        found = present + missing if not descending else missing + present
    return found


def matching(ctx: Context, jql: str) -> list[dict[str, Any]]:
    query, predicate, env = run(ctx, jql)
    return _sorted(env, query, [i for i in ctx.state.collection("issues").values() if predicate(i)])


def _int(raw: Any, name: str, default: int) -> int:
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise jira_error("bad_request", f"The value '{raw}' is not valid for '{name}'.") from None


@api("searchForIssuesUsingJql", "GET", "search", lists=("fields", "properties"))
@api("searchForIssuesUsingJqlPost", "POST", "search")
def search(ctx: Context) -> dict[str, Any]:
    jql = str(_arg(ctx, "jql", "") or "")
    start = max(0, _int(_arg(ctx, "startAt"), "startAt", 0))
    cap = 100 if is_cloud(ctx.state) else 1000
    limit = min(max(0, _int(_arg(ctx, "maxResults"), "maxResults", 50)), cap)
    found = matching(ctx, jql)
    fields, expand = _arg(ctx, "fields"), _arg(ctx, "expand")
    if isinstance(expand, list):
        expand = ",".join(expand)
    chosen = [issue_view(ctx, i, fields, expand) for i in found[start : start + limit]]
    return {"expand": "schema,names", "startAt": start, "maxResults": limit, "total": len(found), "issues": chosen}


@api("searchAndReconsileIssuesUsingJql", "GET", "search/jql")
@api("searchAndReconsileIssuesUsingJqlPost", "POST", "search/jql")
def search_jql(ctx: Context) -> dict[str, Any]:
    jql = str(_arg(ctx, "jql", "") or "")
    limit = min(max(1, _int(_arg(ctx, "maxResults"), "maxResults", 50)), 5000)
    token = _arg(ctx, "nextPageToken")
    after = unseal_token(str(token), jql) if token else None
    query, predicate, env = run(ctx, jql)
    walked = ordered_matches(ctx.state, env, query, predicate, after, limit + 1)
    if walked is None:
        found = _sorted(env, query, [i for i in ctx.state.collection("issues").values() if predicate(i)])
        offset = after if isinstance(after, int) else 0
        window, position = found[offset : offset + limit + 1], offset + limit
    else:
        window, position = walked, None
    more = len(window) > limit
    window = window[:limit]
    fields, expand = _arg(ctx, "fields", "id"), _arg(ctx, "expand")
    if isinstance(expand, list):
        expand = ",".join(expand)
    out: dict[str, Any] = {"issues": [issue_view(ctx, i, fields, expand) for i in window], "isLast": not more}
    if more:
        last = window[-1]
        cursor = position if position is not None else [last[query.order[0][0].lower()], int(last["id"])]
        out["nextPageToken"] = seal_token(cursor, jql)
    return out


@api("parseJqlQueries", "POST", "jql/parse")
def parse_queries(ctx: Context) -> dict[str, Any]:
    sent = ctx.body if isinstance(ctx.body, dict) else {}
    out = []
    for text in sent.get("queries") or []:
        try:
            query = parse(str(text))
            out.append(
                {
                    "query": text,
                    "structure": {
                        "orderBy": {
                            "fields": [
                                {"field": {"name": n}, "direction": "desc" if d else "asc"} for n, d in query.order
                            ]
                        }
                    },
                }
            )
        except VendorError as refused:
            out.append({"query": text, "errors": list(refused.details.get("messages", []))})
    return {"queries": out}


@api("countIssues", "POST", "search/approximate-count")
def count(ctx: Context) -> dict[str, Any]:
    return {"count": len(matching(ctx, str(_arg(ctx, "jql", "") or "")))}


@api("getIssuePickerResource", "GET", "issue/picker")
def picker(ctx: Context) -> dict[str, Any]:
    text = str(ctx.params.get("query") or "").lower()
    found = [
        i
        for i in matching(ctx, str(ctx.params.get("currentJQL") or ""))
        if text in i["key"].lower() or text in (i["fields"].get("summary") or "").lower()
    ]
    issues = [
        {
            "key": i["key"],
            "keyHtml": i["key"],
            "summaryText": i["fields"].get("summary"),
            "summary": i["fields"].get("summary"),
            "id": int(i["id"]),
            "img": "",
        }
        for i in found[:50]
    ]
    return {
        "sections": [
            {
                "label": "Current Search",
                "sub": f"Showing {len(issues)} of {len(found)} matching issues",
                "id": "cs",
                "issues": issues,
            }
        ]
    }
