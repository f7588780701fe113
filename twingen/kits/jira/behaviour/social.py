"""Watchers and votes. The reporter watches a new issue; a user may not vote on an issue they reported, and
removing a vote that was never cast succeeds, as Jira answers both
(https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-votes/,
https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-watchers/).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response
from ._api import api, rest
from ._errors import jira_error
from ._store import find_user, me
from ._views import user
from .issues_store import find_issue, save_issue


def _who(ctx: Context, ref: Any) -> dict[str, Any]:
    found = find_user(ctx.state, str(ref)) if ref else None
    if found is None:
        raise jira_error("not_found", f"The user '{ref}' does not exist.")
    return found


@api("getIssueWatchers", "GET", "issue/{issueIdOrKey}/watchers")
def watchers(ctx: Context) -> dict[str, Any]:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    people = ctx.state.collection("users")
    listed = [user(ctx, people.get(a)) for a in issue.get("watchers", []) if people.get(a)]
    return {
        "self": rest(ctx, f"issue/{issue['key']}/watchers"),
        "isWatching": me(ctx)["accountId"] in issue.get("watchers", []),
        "watchCount": len(listed),
        "watchers": listed,
    }


@api("addWatcher", "POST", "issue/{issueIdOrKey}/watchers")
def add_watcher(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    sent = ctx.body if ctx.raw_body.strip() else None
    account = _who(ctx, sent)["accountId"] if sent else me(ctx)["accountId"]
    if account not in issue.get("watchers", []):
        issue["watchers"] = [*issue.get("watchers", []), account]
        save_issue(ctx.state, issue)
    return Response(204, None)


@api("removeWatcher", "DELETE", "issue/{issueIdOrKey}/watchers")
def remove_watcher(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    ref = ctx.params.get("accountId") or ctx.params.get("username")
    if not ref:
        raise jira_error("bad_request", "Either accountId or username must be provided.")
    account = _who(ctx, ref)["accountId"]
    issue["watchers"] = [a for a in issue.get("watchers", []) if a != account]
    save_issue(ctx.state, issue)
    return Response(204, None)


@api("getVotes", "GET", "issue/{issueIdOrKey}/votes")
def votes(ctx: Context) -> dict[str, Any]:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    people = ctx.state.collection("users")
    voters = [user(ctx, people.get(a)) for a in issue.get("votes", []) if people.get(a)]
    return {
        "self": rest(ctx, f"issue/{issue['key']}/votes"),
        "votes": len(voters),
        "hasVoted": me(ctx)["accountId"] in issue.get("votes", []),
        "voters": voters,
    }


@api("addVote", "POST", "issue/{issueIdOrKey}/votes")
def add_vote(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    account = me(ctx)["accountId"]
    if issue["fields"].get("reporter") == account:
        raise jira_error("not_found", "You cannot vote for an issue you have reported.")
    if issue["fields"].get("resolution"):
        raise jira_error("not_found", "You cannot vote for a resolved issue.")
    if account not in issue.get("votes", []):
        issue["votes"] = [*issue.get("votes", []), account]
        save_issue(ctx.state, issue)
    return Response(204, None)


@api("removeVote", "DELETE", "issue/{issueIdOrKey}/votes")
def remove_vote(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    account = me(ctx)["accountId"]
    issue["votes"] = [a for a in issue.get("votes", []) if a != account]
    save_issue(ctx.state, issue)
    return Response(204, None)
