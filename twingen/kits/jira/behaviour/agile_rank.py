"""Issue rank (the ``Rank`` field, a LexoRank-like string that sorts as the board orders issues): new issues go
last; ``PUT /rest/agile/1.0/issue/rank`` moves issues before or after another.
Source: https://developer.atlassian.com/cloud/jira/software/rest/api-group-issue/#api-rest-agile-1-0-issue-rank-put
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, State
from ._api import body
from ._errors import jira_error
from ._store import next_id
from .agile import agile
from .issues_store import issue_by_ref, save_issue

RANK_FIELD = "customfield_10019"
GAP = 1 << 16


def rank_text(value: int) -> str:
    return f"0|i{value:010x}:"


def rank_value(issue: dict[str, Any]) -> int:
    text = issue["fields"].get(RANK_FIELD) or rank_text(0)
    return int(text[3:-1], 16)


def new_rank(state: State) -> str:
    """Last on every board: ranks are handed out in creation order with room between them."""
    return rank_text(int(next_id(state, "rank", first=1)) * GAP)


def _renumber(state: State) -> None:
    ranked = sorted(state.collection("issues").values(), key=rank_value)
    for index, issue in enumerate(ranked, start=1):
        issue["fields"][RANK_FIELD] = rank_text(index * GAP)
        save_issue(state, issue)
    state.collection("counters").put("rank", {"next": len(ranked) + 1})


def _place(state: State, moving: dict[str, Any], anchor: dict[str, Any], before: bool) -> None:
    ranked = sorted((i for i in state.collection("issues").values() if i["id"] != moving["id"]), key=rank_value)
    at = next(index for index, issue in enumerate(ranked) if issue["id"] == anchor["id"])
    low = rank_value(ranked[at - 1]) if before and at > 0 else (rank_value(ranked[at]) if not before else 0)
    high = (
        rank_value(ranked[at])
        if before
        else (rank_value(ranked[at + 1]) if at + 1 < len(ranked) else rank_value(ranked[at]) + 2 * GAP)
    )
    if high - low < 2:
        _renumber(state)
        _place(state, issue_by_ref(state, moving["id"]) or moving, issue_by_ref(state, anchor["id"]) or anchor, before)
        return
    moving["fields"][RANK_FIELD] = rank_text((low + high) // 2)
    save_issue(state, moving)


@agile("rankIssues")
def rank_issues(ctx: Context) -> Response:
    sent = body(ctx)
    before, after = sent.get("rankBeforeIssue"), sent.get("rankAfterIssue")
    if bool(before) == bool(after):
        raise jira_error("bad_request", "Exactly one of rankBeforeIssue or rankAfterIssue must be given.")
    anchor = issue_by_ref(ctx.state, str(before or after))
    refs = sent.get("issues") or []
    if anchor is None or not isinstance(refs, list) or not refs:
        raise jira_error("bad_request", "Issue does not exist or you do not have permission to see it.")
    moving = [issue_by_ref(ctx.state, str(ref)) for ref in refs]
    if any(issue is None for issue in moving):
        raise jira_error("bad_request", "Issue does not exist or you do not have permission to see it.")
    for issue in moving if before else reversed(moving):
        assert issue is not None
        fresh = issue_by_ref(ctx.state, issue["id"]) or issue
        _place(ctx.state, fresh, issue_by_ref(ctx.state, anchor["id"]) or anchor, bool(before))
    return Response(204, None)
