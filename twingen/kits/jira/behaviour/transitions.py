"""Workflow transitions of the site's default workflow: every status reachable from every other (global
transitions 11 To Do, 21 In Progress, 31 Done). Moving into a Done-category status sets the resolution (the one
sent, else Done) and ``resolutiondate``; moving out of it clears both, as Jira's default workflow does
(https://support.atlassian.com/jira-cloud-administration/docs/best-practices-for-using-the-resolution-field/).
"""

from __future__ import annotations

import copy
from typing import Any

from ..runtime import Context, Response
from ._api import api, body, version
from ._errors import jira_error
from ._views import status
from .issue_fields import Changes, apply, apply_updates
from .issue_view import stamp
from .issues import record_change
from .issues_store import find_issue, save_issue

DONE_RESOLUTION = "10000"


def _workflow(ctx: Context) -> list[dict[str, Any]]:
    workflow = ctx.state.collection("workflows").get("classic") or {"transitions": []}
    return list(workflow["transitions"])


def available(ctx: Context, issue: dict[str, Any]) -> list[dict[str, Any]]:
    current = issue["fields"].get("status")
    return [t for t in _workflow(ctx) if t["to"] != current]


def transition_view(ctx: Context, transition: dict[str, Any], fields: bool) -> dict[str, Any]:
    target = ctx.state.collection("statuses").get(transition["to"]) or {}
    out = {
        "id": transition["id"],
        "name": transition["name"],
        "to": status(ctx, target),
        "hasScreen": False,
        "isGlobal": True,
        "isInitial": False,
        "isAvailable": True,
        "isConditional": False,
        "isLooped": False,
    }
    if fields:
        out["fields"] = {}
    return out


@api("getTransitions", "GET", "issue/{issueIdOrKey}/transitions")
def list_transitions(ctx: Context) -> dict[str, Any]:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    wanted = str(ctx.params.get("transitionId") or "")
    expand = "transitions.fields" in str(ctx.params.get("expand") or "")
    listed = [transition_view(ctx, t, expand) for t in available(ctx, issue) if not wanted or t["id"] == wanted]
    return {"expand": "transitions", "transitions": listed}


def _category(ctx: Context, status_id: Any) -> int:
    record = ctx.state.collection("statuses").get(str(status_id)) or {}
    return int(record.get("category", 1))


@api("doTransition", "POST", "issue/{issueIdOrKey}/transitions")
def do_transition(ctx: Context) -> Response:
    issue = find_issue(ctx, ctx.params["issueIdOrKey"])
    sent = body(ctx)
    chosen: dict[str, Any] = sent["transition"] if isinstance(sent.get("transition"), dict) else {}
    ref = str(chosen.get("id") or "")
    transition = next(
        (t for t in available(ctx, issue) if t["id"] == ref or (not ref and t["name"] == chosen.get("name"))), None
    )
    if transition is None:
        if not ref and not chosen.get("name"):
            raise jira_error("bad_request", "Missing 'transition' identifier")
        raise jira_error("bad_request", f"Transition id '{ref or chosen.get('name')}' is not valid for this issue.")
    draft = copy.deepcopy(issue)
    changes = Changes()
    update = dict(sent.get("update") or {})
    worklogs = update.pop("worklog", [])
    apply(ctx, draft, sent.get("fields") or {}, version(ctx), changes)
    comments = apply_updates(ctx, draft, update, version(ctx), changes)
    if changes.errors:
        raise jira_error("field_invalid", errors=changes.errors)
    before = draft["fields"].get("status")
    draft["fields"]["status"] = transition["to"]
    names = ctx.state.collection("statuses")
    changes.record(
        "status",
        before,
        transition["to"],
        (names.get(str(before)) or {}).get("name"),
        (names.get(transition["to"]) or {}).get("name"),
    )
    done_before, done_after = _category(ctx, before) == 3, _category(ctx, transition["to"]) == 3
    if done_after and not draft["fields"].get("resolution"):
        draft["fields"]["resolution"] = DONE_RESOLUTION
        changes.record("resolution", None, DONE_RESOLUTION, None, "Done")
    if done_after and not done_before:
        draft["fields"]["resolutiondate"] = stamp(ctx)
    if not done_after and done_before:
        old = draft["fields"].get("resolution")
        draft["fields"]["resolution"], draft["fields"]["resolutiondate"] = None, None
        changes.record("resolution", old, None)
    if _category(ctx, before) != _category(ctx, transition["to"]):
        draft["statusChanged"] = stamp(ctx)
    record_change(ctx, draft, changes.items)
    save_issue(ctx.state, draft)
    from .comments import add_comment_record
    from .worklogs import add_worklog_record

    for comment in comments:
        add_comment_record(ctx, draft, comment if isinstance(comment, dict) else {"body": comment})
    for entry in worklogs:
        if isinstance(entry, dict) and isinstance(entry.get("add"), dict):
            add_worklog_record(ctx, find_issue(ctx, draft["id"]), entry["add"])
    return Response(204, None)
