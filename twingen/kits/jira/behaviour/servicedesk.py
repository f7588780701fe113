"""Jira Service Management basics the jira client calls: ``/rest/servicedeskapi`` info, service desks, their
request types, customers and customer requests.

A service desk is a project of type ``service_desk``: JSM numbers desks from 1 in the order their projects were
made and gives each new desk the request types of the IT service management template. A customer request is an
issue of the desk's project, made with the request type's issue type.
Sources: https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/ ,
https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-post ,
https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-customer/#api-rest-servicedeskapi-customer-post ,
https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-info/ .
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response
from ._api import any_credential, body, site
from ._errors import jira_error
from ._store import find_user, next_id
from ._views import user as user_view

BASE = "/rest/servicedeskapi"
TEMPLATE_TYPES = (
    ("Get IT help", "Get assistance for general IT problems and questions."),
    ("Fix an account problem", "If you can't access an account, let us know."),
    ("Request a new account", "Request a new account for a system."),
    ("Report a system problem", "Let us know if something isn't working properly."),
)
"""The request types a new IT service management desk starts with."""


def _desks(ctx: Context) -> list[dict[str, Any]]:
    """Every desk, numbering the service desk projects that have none yet (in the order the projects came)."""
    desks = ctx.state.collection("servicedesks")
    known = {d["projectId"] for d in desks.values()}
    for project in ctx.state.collection("projects").values():
        if project.get("projectTypeKey") != "service_desk" or project["id"] in known:
            continue
        desk_id = next_id(ctx.state, "servicedesk", first=1)
        desks.put(desk_id, {"id": desk_id, "projectId": project["id"]})
        for name, description in TEMPLATE_TYPES:
            type_id = next_id(ctx.state, "requesttype", first=1)
            ctx.state.collection("requesttypes").put(
                type_id, {"id": type_id, "serviceDeskId": desk_id, "name": name, "description": description}
            )
    projects = ctx.state.collection("projects")
    return [d for d in desks.values() if projects.get(d["projectId"]) is not None]


def _desk_view(ctx: Context, desk: dict[str, Any]) -> dict[str, Any]:
    project = ctx.state.collection("projects").get(desk["projectId"]) or {}
    return {
        "id": desk["id"],
        "projectId": desk["projectId"],
        "projectName": project.get("name"),
        "projectKey": project.get("key"),
        "_links": {"self": f"{site(ctx)}{BASE}/servicedesk/{desk['id']}"},
    }


def _find_desk(ctx: Context, wanted: str | None = None) -> dict[str, Any]:
    """A desk by its id or its project's key, or JSM's 404."""
    if wanted is None:
        wanted = str(ctx.params.get("id") or ctx.params.get("service_desk") or ctx.params.get("id_0") or "")
    for desk in _desks(ctx):
        project = ctx.state.collection("projects").get(desk["projectId"]) or {}
        if wanted in (desk["id"], project.get("key")):
            return desk
    raise jira_error("not_found", f"The service desk '{wanted}' does not exist.")


def _page(ctx: Context, values: list[dict[str, Any]], path: str) -> dict[str, Any]:
    """JSM's paged answer: ``start``/``limit`` (50 by default), ``isLastPage`` and the page's links."""
    try:
        start = max(0, int(ctx.params.get("start", 0)))
        limit = max(1, min(100, int(ctx.params.get("limit", 50))))
    except ValueError:
        raise jira_error("bad_request", "start and limit must be whole numbers.") from None
    shown = values[start : start + limit]
    return {
        "size": len(shown),
        "start": start,
        "limit": limit,
        "isLastPage": start + limit >= len(values),
        "values": shown,
        "_links": {"base": site(ctx), "context": "", "self": f"{site(ctx)}{BASE}/{path}"},
    }


def _type_view(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": record["id"],
        "_links": {"self": f"{site(ctx)}{BASE}/servicedesk/{record['serviceDeskId']}/requesttype/{record['id']}"},
        "name": record["name"],
        "description": record["description"],
        "helpText": "",
        "issueTypeId": "10001",
        "serviceDeskId": record["serviceDeskId"],
        "groupIds": [],
    }


@any_credential("supports_service_desk")
def info(ctx: Context) -> dict[str, Any]:
    return {
        "version": "10.3.0",
        "platformVersion": "1001.0.0",
        "isLicensedForUse": True,
        "_links": {"self": f"{site(ctx)}{BASE}/info"},
    }


@any_credential("service_desks")
def service_desks(ctx: Context) -> dict[str, Any]:
    return _page(ctx, [_desk_view(ctx, d) for d in _desks(ctx)], "servicedesk")


@any_credential("service_desk")
def service_desk(ctx: Context) -> dict[str, Any]:
    return _desk_view(ctx, _find_desk(ctx))


@any_credential("request_types")
def request_types(ctx: Context) -> dict[str, Any]:
    desk = _find_desk(ctx)
    kinds = ctx.state.collection("requesttypes").values()
    listed = [_type_view(ctx, t) for t in kinds if t["serviceDeskId"] == desk["id"]]
    return _page(ctx, listed, f"servicedesk/{desk['id']}/requesttype")


@any_credential("create_customer")
def create_customer(ctx: Context) -> Response:
    sent = body(ctx)
    email, display = str(sent.get("email") or "").strip(), str(sent.get("displayName") or "").strip()
    if not email or "@" not in email:
        raise jira_error("bad_request", "Enter a valid email address.")
    if find_user(ctx.state, email) is not None:
        raise jira_error("bad_request", "An account already exists for this email.")
    account_id = "qm:" + ctx.new_id("", length=32, alphabet="0123456789abcdef")
    record = {
        "accountId": account_id,
        "accountType": "customer",
        "name": email,
        "key": account_id,
        "emailAddress": email,
        "displayName": display or email,
        "active": True,
        "timeZone": "Etc/UTC",
        "locale": "en_US",
        "groups": [],
        "properties": {},
    }
    ctx.state.collection("users").put(account_id, record)
    shown = user_view(ctx, record) or {}
    shown["_links"] = {"self": f"{site(ctx)}/rest/api/2/user?accountId={account_id}"}
    return Response(201, shown)


@any_credential("create_customer_request")
def create_request(ctx: Context) -> Response:
    from .issues import build_issue, store_new

    sent = body(ctx)
    desk = _find_desk(ctx, str(sent.get("serviceDeskId") or ""))
    kind = ctx.state.collection("requesttypes").get(str(sent.get("requestTypeId") or ""))
    if kind is None or kind["serviceDeskId"] != desk["id"]:
        raise jira_error("bad_request", f"The request type '{sent.get('requestTypeId')}' is not one of this desk's.")
    values = sent.get("requestFieldValues") or {}
    if not isinstance(values, dict):
        raise jira_error("bad_request", "requestFieldValues must be an object of field id to value.")
    project = ctx.state.collection("projects").get(desk["projectId"]) or {}
    fields = {**values, "project": {"id": project.get("id")}, "issuetype": {"id": "10001"}}
    issue, owner, comments = build_issue(ctx, {"fields": fields})
    made = store_new(ctx, issue, owner, comments)
    return Response(
        201,
        {
            "issueId": made["id"],
            "issueKey": made["key"],
            "requestTypeId": kind["id"],
            "serviceDeskId": desk["id"],
            "requestFieldValues": [{"fieldId": k, "value": v} for k, v in values.items()],
            "currentStatus": {"status": "To Do", "statusCategory": "NEW"},
            "_links": {"self": f"{site(ctx)}{BASE}/request/{made['id']}", "web": f"{site(ctx)}/browse/{made['key']}"},
        },
    )
