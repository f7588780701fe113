"""Issue links (typed, between two issues, shown on both with the other issue) and remote links (to a URL,
created again under the same ``globalId`` as an update).
Sources: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-links/,
https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-remote-links/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response
from ._api import api, body, rest
from ._errors import jira_error
from ._store import next_id
from ._views import named
from .issue_view import issue_ref, part
from .issues_store import find_issue, issue_by_ref, subtasks_of


def _type(ctx: Context, ref: Any) -> dict[str, Any]:
    types = ctx.state.collection("linktypes")
    if isinstance(ref, dict):
        for record in types.values():
            if str(ref.get("id")) == record["id"] or (ref.get("name") or "").lower() == record["name"].lower():
                return record
    raise jira_error(
        "not_found",
        f"No issue link type with name '{(ref or {}).get('name') if isinstance(ref, dict) else ref}' found.",
    )


def _end(ctx: Context, ref: Any) -> dict[str, Any]:
    key = (ref.get("key") or ref.get("id")) if isinstance(ref, dict) else None
    found = issue_by_ref(ctx.state, str(key)) if key else None
    if found is None:
        raise jira_error("not_found", f"Issue Does Not Exist: {key}")
    return found


def link_view(ctx: Context, link: dict[str, Any], seen_from: str | None = None) -> dict[str, Any]:
    kind = ctx.state.collection("linktypes").get(link["type"]) or {"id": link["type"], "name": ""}
    out: dict[str, Any] = {
        "id": link["id"],
        "self": rest(ctx, f"issueLink/{link['id']}"),
        "type": named(ctx, "issueLinkType", kind),
    }
    issues = ctx.state.collection("issues")
    inward, outward = issues.get(link["inward"]), issues.get(link["outward"])
    if seen_from != link["inward"] and inward:
        out["inwardIssue"] = issue_ref(ctx, inward)
    if seen_from != link["outward"] and outward:
        out["outwardIssue"] = issue_ref(ctx, outward)
    return out


@part("issuelinks")
def links_field(ctx: Context, issue: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        link_view(ctx, link, issue["id"])
        for link in ctx.state.collection("issuelinks").values()
        if issue["id"] in (link["inward"], link["outward"])
    ]


@part("subtasks")
def subtasks_field(ctx: Context, issue: dict[str, Any]) -> list[dict[str, Any]]:
    return [issue_ref(ctx, sub) for sub in subtasks_of(ctx.state, issue)]


@api("linkIssues", "POST", "issueLink")
def link_issues(ctx: Context) -> Response:
    sent = body(ctx)
    kind = _type(ctx, sent.get("type"))
    inward, outward = _end(ctx, sent.get("inwardIssue")), _end(ctx, sent.get("outwardIssue"))
    link = {"id": next_id(ctx.state, "issuelink"), "type": kind["id"], "inward": inward["id"], "outward": outward["id"]}
    ctx.state.collection("issuelinks").put(link["id"], link)
    if isinstance(sent.get("comment"), dict):
        from .comments import add_comment_record

        add_comment_record(ctx, outward, sent["comment"])
    return Response(201, None, headers={"location": rest(ctx, f"issueLink/{link['id']}")})


def _link(ctx: Context) -> dict[str, Any]:
    found = ctx.state.collection("issuelinks").get(str(ctx.params["linkId"]))
    if found is None:
        raise jira_error("not_found", f"No issue link with id '{ctx.params['linkId']}' exists.")
    return found


@api("getIssueLink", "GET", "issueLink/{linkId}")
def get_link(ctx: Context) -> dict[str, Any]:
    return link_view(ctx, _link(ctx))


@api("deleteIssueLink", "DELETE", "issueLink/{linkId}")
def delete_link(ctx: Context) -> Response:
    ctx.state.collection("issuelinks").delete(_link(ctx)["id"])
    return Response(204, None)


# -- remote links -------------------------------------------------------------------------------------------


def remote_view(ctx: Context, issue: dict[str, Any], link: dict[str, Any]) -> dict[str, Any]:
    out = {"id": int(link["id"]), "self": rest(ctx, f"issue/{issue['key']}/remotelink/{link['id']}")}
    for name in ("globalId", "application", "relationship", "object"):
        if link.get(name) is not None:
            out[name] = link[name]
    return out


def _remotes(ctx: Context, issue: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in ctx.state.collection("remotelinks").values() if r["issueId"] == issue["id"]]


def _check_object(sent: dict[str, Any]) -> dict[str, Any]:
    obj = sent.get("object")
    if not isinstance(obj, dict) or not obj.get("url") or not obj.get("title"):
        raise jira_error(
            "field_invalid",
            errors={"url": "'url' is required.", "title": "'title' is required."}
            if not isinstance(obj, dict)
            else {k: f"'{k}' is required." for k in ("url", "title") if not obj.get(k)},
        )
    return obj


@api("getRemoteIssueLinks", "GET", "issue/{issueIdOrKey}/remotelink")
def remote_links(ctx: Context) -> list[dict[str, Any]]:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    wanted = ctx.params.get("globalId")
    return [remote_view(ctx, issue, r) for r in _remotes(ctx, issue) if not wanted or r.get("globalId") == wanted]


@api("createOrUpdateRemoteIssueLink", "POST", "issue/{issueIdOrKey}/remotelink")
def add_remote_link(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    sent = body(ctx)
    _check_object(sent)
    existing = next(
        (r for r in _remotes(ctx, issue) if sent.get("globalId") and r.get("globalId") == sent["globalId"]), None
    )
    record = existing or {"id": next_id(ctx.state, "remotelink"), "issueId": issue["id"]}
    for name in ("globalId", "application", "relationship", "object"):
        record[name] = sent.get(name)
    ctx.state.collection("remotelinks").put(record["id"], record)
    return Response(
        200 if existing else 201, {"id": int(record["id"]), "self": remote_view(ctx, issue, record)["self"]}
    )


def _remote(ctx: Context, issue: dict[str, Any]) -> dict[str, Any]:
    found = ctx.state.collection("remotelinks").get(str(ctx.params["linkId"]))
    if found is None or found["issueId"] != issue["id"]:
        raise jira_error("not_found", f"No remote link with id '{ctx.params['linkId']}' exists on this issue.")
    return found


@api("deleteRemoteIssueLinkByGlobalId", "DELETE", "issue/{issueIdOrKey}/remotelink")
def delete_remote_by_global_id(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    wanted = ctx.params.get("globalId")
    if not wanted:
        raise jira_error("bad_request", "The globalId parameter is required.")
    found = [r for r in _remotes(ctx, issue) if r.get("globalId") == wanted]
    if not found:
        raise jira_error("not_found", f"No remote link with global id '{wanted}' exists on this issue.")
    for record in found:
        ctx.state.collection("remotelinks").delete(record["id"])
    return Response(204, None)


@api("getRemoteIssueLinkById", "GET", "issue/{issueIdOrKey}/remotelink/{linkId}")
def get_remote_link(ctx: Context) -> dict[str, Any]:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    return remote_view(ctx, issue, _remote(ctx, issue))


@api("updateRemoteIssueLink", "PUT", "issue/{issueIdOrKey}/remotelink/{linkId}")
def update_remote_link(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    record = _remote(ctx, issue)
    sent = body(ctx)
    _check_object(sent)
    for name in ("globalId", "application", "relationship", "object"):
        if name in sent:
            record[name] = sent[name]
    ctx.state.collection("remotelinks").put(record["id"], record)
    return Response(204, None)


@api("deleteRemoteIssueLinkById", "DELETE", "issue/{issueIdOrKey}/remotelink/{linkId}")
def delete_remote_link(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    ctx.state.collection("remotelinks").delete(_remote(ctx, issue)["id"])
    return Response(204, None)
