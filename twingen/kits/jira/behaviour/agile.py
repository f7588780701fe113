"""Jira Software's agile API: boards over saved filters, sprints (future -> active -> closed), moving issues into
sprints and the backlog, ranking, and the Sprint field of issues. Server answers the Sprint field as
greenhopper's serialised string, Cloud as objects.
Source: https://developer.atlassian.com/cloud/jira/software/rest/api-group-board/, .../api-group-sprint/
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..runtime import Context, Response
from ._api import any_credential, body, site
from ._errors import jira_error
from ._paging import page
from ._store import is_cloud, next_id
from .issue_view import issue_view, part
from .issues_store import issue_by_ref, project_by_ref, save_issue

F = TypeVar("F", bound=Callable[..., Any])

AGILE = "/rest/agile/1.0"


def agile(op_id: str) -> Callable[[F], F]:
    """An agile operation: its document lists only OAuth 2.0, yet it takes basic auth (``_api.any_credential``)."""
    return any_credential(op_id)


SPRINT_FIELD = "customfield_10020"


def _self(ctx: Context, tail: str) -> str:
    return f"{site(ctx)}{AGILE}/{tail}"


def board_view(ctx: Context, board: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": int(board["id"]),
        "self": _self(ctx, f"board/{board['id']}"),
        "name": board["name"],
        "type": board["type"],
    }
    project = project_by_ref(ctx.state, board.get("projectId") or "")
    if project:
        out["location"] = {
            "projectId": int(project["id"]),
            "projectKey": project["key"],
            "projectName": project["name"],
            "displayName": f"{project['name']} ({project['key']})",
            "projectTypeKey": project.get("projectTypeKey", "software"),
            "name": project["name"],
        }
    return out


@agile("createBoard")
def create_board(ctx: Context) -> Response:
    sent = body(ctx)
    errors = {}
    if not sent.get("name"):
        errors["name"] = "Board name is required."
    if sent.get("type") not in ("scrum", "kanban", "simple"):
        errors["type"] = "Board type must be scrum, kanban or simple."
    saved = ctx.state.collection("filters").get(str(sent.get("filterId")))
    if saved is None:
        errors["filterId"] = f"Filter with id {sent.get('filterId')} does not exist."
    if errors:
        raise jira_error("field_invalid", errors=errors)
    location = sent.get("location") or {}
    project = project_by_ref(ctx.state, str(location.get("projectKeyOrId") or "")) if location else None
    board = {
        "id": next_id(ctx.state, "board", first=1),
        "name": sent["name"],
        "type": sent["type"],
        "filterId": str(sent["filterId"]),
        "projectId": project["id"] if project else None,
    }
    ctx.state.collection("boards").put(board["id"], board)
    return Response(201, board_view(ctx, board))


def _board(ctx: Context) -> dict[str, Any]:
    found = ctx.state.collection("boards").get(str(ctx.params["boardId"]))
    if found is None:
        raise jira_error("not_found", "Board does not exist or you do not have permission to see it.")
    return found


@agile("getBoard")
def get_board(ctx: Context) -> dict[str, Any]:
    return board_view(ctx, _board(ctx))


@agile("deleteBoard")
def delete_board(ctx: Context) -> Response:
    ctx.state.collection("boards").delete(_board(ctx)["id"])
    return Response(204, None)


@agile("getAllBoards")
def all_boards(ctx: Context) -> dict[str, Any]:
    name = str(ctx.params.get("name") or "").lower()
    kind = ctx.params.get("type")
    project = ctx.params.get("projectKeyOrId")
    wanted = project_by_ref(ctx.state, str(project)) if project else None
    listed = [
        board_view(ctx, b)
        for b in ctx.state.collection("boards").values()
        if name in b["name"].lower()
        and (not kind or b["type"] == kind)
        and (not project or (wanted and b.get("projectId") == wanted["id"]))
    ]
    return page(ctx, listed, _self(ctx, "board"))


def sprint_view(ctx: Context, sprint: dict[str, Any]) -> dict[str, Any]:
    out = {
        "id": int(sprint["id"]),
        "self": _self(ctx, f"sprint/{sprint['id']}"),
        "state": sprint["state"],
        "name": sprint["name"],
        "originBoardId": int(sprint["boardId"]),
    }
    for key in ("startDate", "endDate", "completeDate", "goal"):
        if sprint.get(key) is not None:
            out[key] = sprint[key]
    return out


@agile("createSprint")
def create_sprint(ctx: Context) -> Response:
    sent = body(ctx)
    if not sent.get("name"):
        raise jira_error("field_invalid", errors={"name": "Sprint name is required."})
    board = ctx.state.collection("boards").get(str(sent.get("originBoardId")))
    if board is None:
        raise jira_error(
            "field_invalid", errors={"originBoardId": "Board does not exist or you do not have permission to see it."}
        )
    sprint = {
        "id": next_id(ctx.state, "sprint", first=1),
        "name": sent["name"],
        "state": "future",
        "boardId": board["id"],
        "startDate": sent.get("startDate"),
        "endDate": sent.get("endDate"),
        "goal": sent.get("goal"),
        "completeDate": None,
    }
    ctx.state.collection("sprints").put(sprint["id"], sprint)
    return Response(201, sprint_view(ctx, sprint))


def _sprint(ctx: Context) -> dict[str, Any]:
    found = ctx.state.collection("sprints").get(str(ctx.params["sprintId"]))
    if found is None:
        raise jira_error("not_found", "Sprint does not exist or you do not have permission to view it.")
    return found


@agile("getSprint")
def get_sprint(ctx: Context) -> dict[str, Any]:
    return sprint_view(ctx, _sprint(ctx))


@agile("updateSprint")
@agile("partiallyUpdateSprint")
def update_sprint(ctx: Context) -> dict[str, Any]:
    sprint = dict(_sprint(ctx))
    sent = body(ctx)
    for key in ("name", "startDate", "endDate", "goal"):
        if key in sent:
            sprint[key] = sent[key]
    state = str(sent.get("state") or sprint["state"]).lower()
    order = {"future": 0, "active": 1, "closed": 2}
    if state not in order or order[state] < order[sprint["state"]]:
        raise jira_error("bad_request", f"Sprint state cannot change from {sprint['state']} to {state}.")
    if state == "active" and sprint["state"] == "future" and not (sprint.get("startDate") and sprint.get("endDate")):
        raise jira_error("bad_request", "Sprint must have a start and end date before it is started.")
    if state == "closed" and sprint["state"] != "closed":
        from .issue_view import stamp

        sprint["completeDate"] = stamp(ctx)
    sprint["state"] = state
    ctx.state.collection("sprints").put(sprint["id"], sprint)
    return sprint_view(ctx, sprint)


@agile("deleteSprint")
def delete_sprint(ctx: Context) -> Response:
    sprint = _sprint(ctx)
    if sprint["state"] == "closed":
        raise jira_error("bad_request", "Closed sprints cannot be deleted.")
    for issue in ctx.state.collection("issues").values():
        if int(sprint["id"]) in (issue["fields"].get(SPRINT_FIELD) or []):
            issue["fields"][SPRINT_FIELD] = [s for s in issue["fields"][SPRINT_FIELD] if s != int(sprint["id"])] or None
            save_issue(ctx.state, issue)
    ctx.state.collection("sprints").delete(sprint["id"])
    return Response(204, None)


@agile("getAllSprints")
def board_sprints(ctx: Context) -> dict[str, Any]:
    board = _board(ctx)
    states = {s.strip() for s in str(ctx.params.get("state") or "").split(",") if s.strip()}
    listed = [
        sprint_view(ctx, s)
        for s in ctx.state.collection("sprints").values()
        if s["boardId"] == board["id"] and (not states or s["state"] in states)
    ]
    return page(ctx, listed, _self(ctx, f"board/{board['id']}/sprint"))


def _issues(ctx: Context) -> list[dict[str, Any]]:
    refs = body(ctx).get("issues")
    if not isinstance(refs, list) or not refs:
        raise jira_error("bad_request", "The request must name at least one issue.")
    found = []
    for ref in refs:
        issue = issue_by_ref(ctx.state, str(ref))
        if issue is None:
            raise jira_error("bad_request", f"Issue does not exist or you do not have permission to see it: {ref}")
        found.append(issue)
    return found


def _open_sprints(ctx: Context) -> set[int]:
    return {int(s["id"]) for s in ctx.state.collection("sprints").values() if s["state"] != "closed"}


@agile("moveIssuesToSprintAndRank")
def move_to_sprint(ctx: Context) -> Response:
    sprint = _sprint(ctx)
    if sprint["state"] == "closed":
        raise jira_error("bad_request", "Issues can not be moved to a closed sprint.")
    opened = _open_sprints(ctx)
    for issue in _issues(ctx):
        kept = [s for s in issue["fields"].get(SPRINT_FIELD) or [] if s not in opened]
        issue["fields"][SPRINT_FIELD] = [*kept, int(sprint["id"])]
        save_issue(ctx.state, issue)
    return Response(204, None)


@agile("moveIssuesToBacklog")
def move_to_backlog(ctx: Context) -> Response:
    opened = _open_sprints(ctx)
    for issue in _issues(ctx):
        kept = [s for s in issue["fields"].get(SPRINT_FIELD) or [] if s not in opened]
        issue["fields"][SPRINT_FIELD] = kept or None
        save_issue(ctx.state, issue)
    return Response(204, None)


@agile("getIssuesForSprint")
def sprint_issues(ctx: Context) -> dict[str, Any]:
    sprint = _sprint(ctx)
    found = [
        issue_view(ctx, i)
        for i in ctx.state.collection("issues").values()
        if int(sprint["id"]) in (i["fields"].get(SPRINT_FIELD) or [])
    ]
    out = page(ctx, found, _self(ctx, f"sprint/{sprint['id']}/issue"))
    out["issues"] = out.pop("values")
    return out


@part(SPRINT_FIELD)
def sprint_field(ctx: Context, issue: dict[str, Any]) -> Any:
    ids = issue["fields"].get(SPRINT_FIELD) or []
    sprints = [s for s in (ctx.state.collection("sprints").get(str(i)) for i in ids) if s]
    if not sprints:
        return None
    if is_cloud(ctx.state):
        return [
            {
                "id": int(s["id"]),
                "name": s["name"],
                "state": s["state"],
                "boardId": int(s["boardId"]),
                "goal": s.get("goal") or "",
                "startDate": s.get("startDate"),
                "endDate": s.get("endDate"),
            }
            for s in sprints
        ]
    return [_serialised(s) for s in sprints]


def _serialised(sprint: dict[str, Any]) -> str:
    # Jira Server's REST v2 shows the Sprint field as greenhopper's Sprint.toString()
    def shown(key: str) -> str:
        return str(sprint.get(key)) if sprint.get(key) is not None else "<null>"

    return (
        f"com.atlassian.greenhopper.service.sprint.Sprint@{int(sprint['id']) * 7919:x}[id={sprint['id']},"
        f"rapidViewId={sprint['boardId']},state={sprint['state'].upper()},name={sprint['name']},"
        f"startDate={shown('startDate')},endDate={shown('endDate')},completeDate={shown('completeDate')},"
        f"activatedDate={shown('startDate')},sequence={sprint['id']},goal={shown('goal')}]"
    )
