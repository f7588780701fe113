"""Dashboard gadgets (the site's catalogue, a dashboard's gadgets with colour and position), dashboard item
properties, and a dashboard's automatic refresh.
Source: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-dashboards/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response
from ._api import any_credential, api, body, rest
from ._errors import jira_error
from ._properties import drop_property, read_property, write_property
from ._store import next_id
from .dashboards import _dashboard, _own

CATALOGUE = [
    # (title, module key): a few of the gadgets every Cloud site offers
    ("Filter Results", "com.atlassian.jira.gadgets:filter-results-gadget"),
    ("Assigned to Me", "com.atlassian.jira.gadgets:assigned-to-me-gadget"),
    ("Activity Stream", "com.atlassian.streams.streams-jira-plugin:activitystream-gadget"),
    ("Created vs Resolved Chart", "com.atlassian.jira.gadgets:created-vs-resolved-issues-chart-gadget"),
    ("Pie Chart", "com.atlassian.jira.gadgets:pie-chart-gadget"),
    ("Sprint Burndown Gadget", "com.pyxis.greenhopper.jira:greenhopper-gadget-sprint-burndown"),
]
COLORS = ("blue", "red", "yellow", "green", "cyan", "purple", "gray", "white")


def _uri(module_key: str) -> str:
    plugin, _, gadget = module_key.partition(":")
    return f"rest/gadgets/1.0/g/{plugin}:{gadget}/gadgets/{gadget}.xml"


@api("getAllAvailableDashboardGadgets", "GET", "dashboard/gadgets")
def available(ctx: Context) -> dict[str, Any]:
    return {"gadgets": [{"moduleKey": key, "uri": _uri(key), "title": title} for title, key in CATALOGUE]}


def gadgets_of(ctx: Context, dashboard_id: str) -> list[dict[str, Any]]:
    return [g for g in ctx.state.collection("gadgets").values() if g["dashboardId"] == dashboard_id]


def _view(gadget: dict[str, Any]) -> dict[str, Any]:
    out = {k: gadget[k] for k in ("id", "color", "position", "title") if gadget.get(k) is not None}
    for key in ("moduleKey", "uri"):
        if gadget.get(key):
            out[key] = gadget[key]
    return out


@api("getAllGadgets", "GET", "dashboard/{dashboardId}/gadget")
def dashboard_gadgets(ctx: Context) -> dict[str, Any]:
    ctx.params["id"] = ctx.params["dashboardId"]
    dashboard = _dashboard(ctx)
    return {"gadgets": [_view(g) for g in gadgets_of(ctx, dashboard["id"])]}


def _settings(sent: dict[str, Any], gadget: dict[str, Any]) -> None:
    color = sent.get("color", gadget.get("color") or "blue")
    if color not in COLORS:
        raise jira_error("bad_request", f"The color '{color}' is not a valid gadget color.")
    gadget["color"] = color
    if sent.get("title") is not None:
        gadget["title"] = str(sent["title"])
    if sent.get("position") is not None:
        position = sent["position"]
        if not isinstance(position, dict) or not all(isinstance(position.get(k), int) for k in ("row", "column")):
            raise jira_error("bad_request", "The gadget position must have a row and a column.")
        gadget["position"] = {"row": position["row"], "column": position["column"]}


@api("addGadget", "POST", "dashboard/{dashboardId}/gadget")
def add_gadget(ctx: Context) -> dict[str, Any]:
    ctx.params["id"] = ctx.params["dashboardId"]
    dashboard = _own(ctx)
    sent = body(ctx)
    key, uri = sent.get("moduleKey") or sent.get("module_key"), sent.get("uri")
    if bool(key) == bool(uri):
        raise jira_error("bad_request", "Either the gadget's moduleKey or its uri must be given, not both.")
    known = {k: title for title, k in CATALOGUE}
    by_uri = {_uri(k): k for k in known}
    if not sent.get("ignoreUriAndModuleKeyValidation") and (key not in known and uri not in by_uri):
        raise jira_error("bad_request", "The gadget module key or URI is not valid.")
    found = key or by_uri.get(str(uri))
    taken = [g["position"]["row"] for g in gadgets_of(ctx, dashboard["id"]) if g["position"]["column"] == 0]
    gadget: dict[str, Any] = {
        "id": int(next_id(ctx.state, "gadget")),
        "dashboardId": dashboard["id"],
        "moduleKey": key,
        "uri": uri,
        "title": known.get(str(found), ""),
        "position": {"row": max(taken, default=-1) + 1, "column": 0},
        "properties": {},
    }
    _settings(sent, gadget)
    ctx.state.collection("gadgets").put(str(gadget["id"]), gadget)
    return _view(gadget)


def _gadget(ctx: Context) -> dict[str, Any]:
    ctx.params["id"] = ctx.params["dashboardId"]
    dashboard = _dashboard(ctx)
    gadget_id = ctx.params.get("gadgetId") or ctx.params.get("itemId")
    found = ctx.state.collection("gadgets").get(str(gadget_id))
    if found is None or found["dashboardId"] != dashboard["id"]:
        raise jira_error("not_found", f"The gadget with id {gadget_id} does not exist on this dashboard.")
    return found


@api("updateGadget", "PUT", "dashboard/{dashboardId}/gadget/{gadgetId}")
def update_gadget(ctx: Context) -> Response:
    gadget = _gadget(ctx)
    _settings(body(ctx), gadget)
    ctx.state.collection("gadgets").put(str(gadget["id"]), gadget)
    return Response(204, None)


@api("removeGadget", "DELETE", "dashboard/{dashboardId}/gadget/{gadgetId}")
def remove_gadget(ctx: Context) -> Response:
    ctx.state.collection("gadgets").delete(str(_gadget(ctx)["id"]))
    return Response(204, None)


def copy_gadgets(ctx: Context, source: str, target: str) -> None:
    """A copied dashboard gets copies of the original's gadgets, in the same places."""
    for gadget in gadgets_of(ctx, source):
        copied = {**gadget, "id": int(next_id(ctx.state, "gadget")), "dashboardId": target}
        ctx.state.collection("gadgets").put(str(copied["id"]), copied)


@api("getDashboardItemPropertyKeys", "GET", "dashboard/{dashboardId}/items/{itemId}/properties")
def item_property_keys(ctx: Context) -> dict[str, Any]:
    gadget = _gadget(ctx)
    base = f"dashboard/{gadget['dashboardId']}/items/{gadget['id']}/properties"
    return {"keys": [{"key": k, "self": rest(ctx, f"{base}/{k}")} for k in gadget.get("properties", {})]}


@api("getDashboardItemProperty", "GET", "dashboard/{dashboardId}/items/{itemId}/properties/{propertyKey}")
def item_property(ctx: Context) -> dict[str, Any]:
    return read_property(ctx, _gadget(ctx))


@api("setDashboardItemProperty", "PUT", "dashboard/{dashboardId}/items/{itemId}/properties/{propertyKey}")
def set_item_property(ctx: Context) -> Response:
    gadget = _gadget(ctx)
    created = write_property(ctx, gadget)
    ctx.state.collection("gadgets").put(str(gadget["id"]), gadget)
    return Response(201 if created else 200, None)


@api("deleteDashboardItemProperty", "DELETE", "dashboard/{dashboardId}/items/{itemId}/properties/{propertyKey}")
def delete_item_property(ctx: Context) -> Response:
    gadget = _gadget(ctx)
    drop_property(ctx, gadget)
    ctx.state.collection("gadgets").put(str(gadget["id"]), gadget)
    return Response(204, None)


@any_credential("update_dashboard_automatic_refresh_minutes")
def automatic_refresh(ctx: Context) -> Response:
    dashboard = _own(ctx)
    value = body(ctx).get("automaticRefreshMs")
    # null turns the refresh off
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
        raise jira_error("bad_request", "automaticRefreshMs must be a positive number of milliseconds, or null.")
    dashboard["automaticRefreshMs"] = value
    ctx.state.collection("dashboards").put(dashboard["id"], dashboard)
    return Response(204, None)
