"""Worklogs: time strings (``1d 2h``) or seconds, ``started``, the remaining estimate adjusted as asked
(``adjustEstimate`` auto/leave/new/manual) and the issue's ``timespent`` kept as the sum of its worklogs.
Source: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-worklogs/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response
from ._adf import from_adf, to_adf
from ._api import api, body, rest, version
from ._errors import jira_error
from ._paging import window
from ._store import next_id
from ._views import user
from .issue_view import part, stamp
from .issues_store import find_issue, save_issue
from .worklog_time import format_duration, parse_duration


def _seconds(sent: dict[str, Any]) -> int:
    if sent.get("timeSpentSeconds") is not None:
        try:
            seconds = int(sent["timeSpentSeconds"])
        except (TypeError, ValueError):
            seconds = 0
    elif sent.get("timeSpent") is not None:
        seconds = parse_duration(str(sent["timeSpent"])) or 0
    else:
        raise jira_error("field_invalid", errors={"timeLogged": "You must indicate the time spent working."})
    if seconds <= 0:
        raise jira_error("field_invalid", errors={"timeLogged": "Invalid time duration entered."})
    return seconds


def _comment(ctx: Context, sent: dict[str, Any]) -> str | None:
    raw = sent.get("comment")
    return from_adf(raw, "comment") if version(ctx) == 3 and raw is not None else raw


def _adjust(ctx: Context, issue: dict[str, Any], spent: int, refund: int = 0) -> None:
    """Move the remaining estimate as ``adjustEstimate`` says; ``refund`` gives time back (a deleted worklog)."""
    mode = str(ctx.params.get("adjustEstimate") or "auto")
    fields = issue["fields"]
    remaining = fields.get("timeestimate")
    if mode == "leave":
        return
    if mode == "new":
        new = parse_duration(str(ctx.params.get("newEstimate") or ""))
        if new is None:
            raise jira_error("bad_request", "You must supply a valid new estimate.")
        fields["timeestimate"] = new
    elif mode == "manual":
        by = parse_duration(str(ctx.params.get("reduceBy") or ctx.params.get("increaseBy") or ""))
        if by is None:
            raise jira_error("bad_request", "You must supply a valid amount to reduce the estimate by.")
        sign = 1 if ctx.params.get("increaseBy") else -1
        fields["timeestimate"] = max(0, (remaining or 0) + sign * by)
    elif mode == "auto":
        # no estimate counts as none left: logging 3h leaves 0m, and deleting that worklog gives the 3h back
        fields["timeestimate"] = max(0, (remaining or 0) - spent + refund)
    else:
        raise jira_error("bad_request", f"Invalid value for adjustEstimate: '{mode}'.")


def _total(ctx: Context, issue: dict[str, Any]) -> None:
    spent = sum(w["seconds"] for w in worklogs_of(ctx, issue))
    issue["fields"]["timespent"] = spent or None


def worklogs_of(ctx: Context, issue: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in ctx.state.collection("worklogs").values() if w["issueId"] == issue["id"]]


def add_worklog_record(ctx: Context, issue: dict[str, Any], sent: dict[str, Any]) -> dict[str, Any]:
    seconds = _seconds(sent)
    now = stamp(ctx)
    record = {
        "id": next_id(ctx.state, "worklog"),
        "issueId": issue["id"],
        "seconds": seconds,
        "comment": _comment(ctx, sent),
        "started": sent.get("started") or now,
        "created": now,
        "updated": now,
        "author": ctx.identity.get("accountId"),
        "updateAuthor": ctx.identity.get("accountId"),
        "visibility": sent.get("visibility"),
    }
    _adjust(ctx, issue, seconds)
    ctx.state.collection("worklogs").put(record["id"], record)
    _total(ctx, issue)
    save_issue(ctx.state, issue)
    return record


def worklog_view(ctx: Context, worklog: dict[str, Any]) -> dict[str, Any]:
    people = ctx.state.collection("users")
    out = {
        "self": rest(ctx, f"issue/{worklog['issueId']}/worklog/{worklog['id']}"),
        "author": user(ctx, people.get(worklog.get("author") or "")),
        "updateAuthor": user(ctx, people.get(worklog.get("updateAuthor") or "")),
        "created": worklog["created"],
        "updated": worklog["updated"],
        "started": worklog["started"],
        "timeSpent": format_duration(worklog["seconds"]),
        "timeSpentSeconds": worklog["seconds"],
        "id": worklog["id"],
        "issueId": worklog["issueId"],
    }
    if worklog.get("comment") is not None:
        out["comment"] = to_adf(worklog["comment"]) if version(ctx) == 3 else worklog["comment"]
    if worklog.get("visibility"):
        out["visibility"] = worklog["visibility"]
    return out


@part("worklog")
def worklog_field(ctx: Context, issue: dict[str, Any]) -> dict[str, Any]:
    listed = [worklog_view(ctx, w) for w in worklogs_of(ctx, issue)]
    return {"startAt": 0, "maxResults": 20, "total": len(listed), "worklogs": listed[:20]}


@api("getIssueWorklog", "GET", "issue/{issueIdOrKey}/worklog")
def list_worklogs(ctx: Context) -> dict[str, Any]:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    found = worklogs_of(ctx, issue)
    start, limit = window(ctx, 5000, 5000)
    return {
        "startAt": start,
        "maxResults": limit,
        "total": len(found),
        "worklogs": [worklog_view(ctx, w) for w in found[start : start + limit]],
    }


@api("addWorklog", "POST", "issue/{issueIdOrKey}/worklog")
def add_worklog(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    return Response(201, worklog_view(ctx, add_worklog_record(ctx, issue, body(ctx))))


def _worklog(ctx: Context, issue: dict[str, Any]) -> dict[str, Any]:
    found = ctx.state.collection("worklogs").get(str(ctx.params["id"]))
    if found is None or found["issueId"] != issue["id"]:
        raise jira_error("not_found", f"Cannot find worklog with id: '{ctx.params['id']}'.")
    return found


@api("getWorklog", "GET", "issue/{issueIdOrKey}/worklog/{id}")
def get_worklog(ctx: Context) -> dict[str, Any]:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    return worklog_view(ctx, _worklog(ctx, issue))


@api("updateWorklog", "PUT", "issue/{issueIdOrKey}/worklog/{id}")
def update_worklog(ctx: Context) -> dict[str, Any]:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    record = _worklog(ctx, issue)
    sent = body(ctx)
    if "timeSpent" in sent or "timeSpentSeconds" in sent:
        seconds = _seconds(sent)
        _adjust(ctx, issue, seconds, refund=record["seconds"])
        record["seconds"] = seconds
    if "comment" in sent:
        record["comment"] = _comment(ctx, sent)
    for name in ("started", "visibility"):
        if name in sent:
            record[name] = sent[name]
    record["updated"], record["updateAuthor"] = stamp(ctx), ctx.identity.get("accountId")
    ctx.state.collection("worklogs").put(record["id"], record)
    _total(ctx, issue)
    save_issue(ctx.state, issue)
    return worklog_view(ctx, record)


@api("deleteWorklog", "DELETE", "issue/{issueIdOrKey}/worklog/{id}")
def delete_worklog(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    record = _worklog(ctx, issue)
    _adjust(ctx, issue, 0, refund=record["seconds"])
    ctx.state.collection("worklogs").delete(record["id"])
    _total(ctx, issue)
    save_issue(ctx.state, issue)
    return Response(204, None)
