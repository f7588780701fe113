"""Dashboards: the site's system dashboard and the caller's own, listed (``filter=my|favourite``), read,
created, updated, copied and deleted. Gadgets are not kept.
Source: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-dashboards/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response
from ._api import api, body, rest, site
from ._errors import jira_error
from ._paging import window
from ._store import me, next_id
from ._views import user

SYSTEM = {
    "id": "10000",
    "name": "Default dashboard",
    "owner": None,
    "description": "",
    "favouritedBy": [],
    "sharePermissions": [{"type": "global"}],
    "system": True,
}


def _all(ctx: Context) -> list[dict[str, Any]]:
    return [SYSTEM, *ctx.state.collection("dashboards").values()]


def dashboard_view(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    account = me(ctx)["accountId"]
    out = {
        "id": record["id"],
        "isFavourite": account in record.get("favouritedBy", []),
        "name": record["name"],
        "popularity": len(record.get("favouritedBy", [])),
        "self": rest(ctx, f"dashboard/{record['id']}"),
        "sharePermissions": record.get("sharePermissions", []),
        "editPermissions": record.get("editPermissions", []),
        "view": f"{site(ctx)}/secure/Dashboard.jspa?selectPageId={record['id']}",
        "isWritable": not record.get("system"),
        "systemDashboard": bool(record.get("system")),
    }
    if record.get("owner"):
        out["owner"] = user(ctx, ctx.state.collection("users").get(record["owner"]))
    if record.get("description"):
        out["description"] = record["description"]
    return out


@api("getAllDashboards", "GET", "dashboard")
def list_dashboards(ctx: Context) -> dict[str, Any]:
    account = me(ctx)["accountId"]
    chosen = str(ctx.params.get("filter") or "")
    found = _all(ctx)
    if chosen == "my":
        found = [d for d in found if d.get("owner") == account]
    elif chosen == "favourite":
        found = [d for d in found if account in d.get("favouritedBy", [])]
    start, limit = window(ctx, 20, 1000)
    shown = [dashboard_view(ctx, d) for d in found[start : start + limit]]
    out: dict[str, Any] = {"startAt": start, "maxResults": limit, "total": len(found), "dashboards": shown}
    if start + limit < len(found):
        out["next"] = rest(ctx, f"dashboard?startAt={start + limit}&maxResults={limit}")
    return out


def _dashboard(ctx: Context) -> dict[str, Any]:
    wanted = str(ctx.params["id"])
    found = next((d for d in _all(ctx) if d["id"] == wanted), None)
    if found is None:
        raise jira_error("not_found", f"The dashboard with id '{wanted}' does not exist.")
    return found


@api("getDashboard", "GET", "dashboard/{id}")
def get_dashboard(ctx: Context) -> dict[str, Any]:
    return dashboard_view(ctx, _dashboard(ctx))


def _shares(raw: Any) -> list[dict[str, Any]]:
    # Cloud answers a share with all logged-in users as "loggedin" whether it was sent so or as "authenticated"
    if not isinstance(raw, list):
        raise jira_error("bad_request", "Share permissions must be a list.")
    return [
        {**s, "type": "loggedin" if s.get("type") == "authenticated" else s.get("type")}
        for s in raw
        if isinstance(s, dict)
    ]


def _details(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    sent = body(ctx)
    if not sent.get("name"):
        raise jira_error("field_invalid", errors={"name": "The dashboard name must be specified."})
    record.update(
        name=sent["name"],
        description=sent.get("description") or "",
        sharePermissions=_shares(sent.get("sharePermissions") or []),
        editPermissions=sent.get("editPermissions") or [],
    )
    return record


@api("createDashboard", "POST", "dashboard")
def create_dashboard(ctx: Context) -> dict[str, Any]:
    record = _details(
        ctx,
        {
            "id": next_id(ctx.state, "dashboard", first=10001),
            "owner": me(ctx)["accountId"],
            "favouritedBy": [me(ctx)["accountId"]],
        },
    )
    ctx.state.collection("dashboards").put(record["id"], record)
    return dashboard_view(ctx, record)


@api("copyDashboard", "POST", "dashboard/{id}/copy")
def copy_dashboard(ctx: Context) -> dict[str, Any]:
    from .gadgets import copy_gadgets

    source = _dashboard(ctx)
    copied = create_dashboard(ctx)
    copy_gadgets(ctx, source["id"], copied["id"])
    return copied


def _own(ctx: Context) -> dict[str, Any]:
    found = _dashboard(ctx)
    if found.get("system"):
        raise jira_error("bad_request", "The system dashboard cannot be changed.")
    return found


@api("updateDashboard", "PUT", "dashboard/{id}")
def update_dashboard(ctx: Context) -> dict[str, Any]:
    record = _details(ctx, _own(ctx))
    ctx.state.collection("dashboards").put(record["id"], record)
    return dashboard_view(ctx, record)


@api("deleteDashboard", "DELETE", "dashboard/{id}")
def delete_dashboard(ctx: Context) -> Response:
    ctx.state.collection("dashboards").delete(_own(ctx)["id"])
    return Response(204, None)
