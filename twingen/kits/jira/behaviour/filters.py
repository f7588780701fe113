"""Saved filters: create (name unique per owner, JQL checked), read, update, delete, favourites, my filters.
Source: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-filters/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response
from ._api import api, body, rest, site
from ._errors import jira_error
from ._paging import page
from ._store import me, next_id
from ._views import user
from .jql_parse import parse


def filter_view(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    owner = ctx.state.collection("users").get(record["owner"])
    fid = record["id"]
    out = {
        "self": rest(ctx, f"filter/{fid}"),
        "id": fid,
        "name": record["name"],
        "owner": user(ctx, owner),
        "jql": record["jql"],
        "viewUrl": f"{site(ctx)}/issues/?filter={fid}",
        "searchUrl": rest(ctx, f"search?jql={record['jql']}"),
        "favourite": me(ctx)["accountId"] in record.get("favouritedBy", []),
        "favouritedCount": len(record.get("favouritedBy", [])),
        "sharePermissions": record.get("shares", []),
        "editPermissions": [],
        "isWritable": True,
        "subscriptions": {"size": 0, "items": []},
    }
    if record.get("description"):
        out["description"] = record["description"]
    return out


def _check(ctx: Context, sent: dict[str, Any], current: dict[str, Any] | None) -> None:
    name = sent.get("name") if "name" in sent else (current or {}).get("name")
    if not name:
        raise jira_error("field_invalid", errors={"filterName": "You must specify a name to save this filter as."})
    owner = me(ctx)["accountId"]
    for other in ctx.state.collection("filters").values():
        if other["owner"] == owner and other["name"] == name and other["id"] != (current or {}).get("id"):
            raise jira_error("field_invalid", errors={"filterName": "Filter with same name already exists."})
    if sent.get("jql"):
        parse(str(sent["jql"]))


@api("createFilter", "POST", "filter")
def create_filter(ctx: Context) -> dict[str, Any]:
    sent = body(ctx)
    _check(ctx, sent, None)
    owner = me(ctx)["accountId"]
    record = {
        "id": next_id(ctx.state, "filter"),
        "name": sent["name"],
        "description": sent.get("description") or "",
        "jql": sent.get("jql") or "",
        "owner": owner,
        "favouritedBy": [owner] if sent.get("favourite") else [],
        "shares": sent.get("sharePermissions") or [],
    }
    ctx.state.collection("filters").put(record["id"], record)
    return filter_view(ctx, record)


def _filter(ctx: Context) -> dict[str, Any]:
    found = ctx.state.collection("filters").get(str(ctx.params["id"]))
    if found is None:
        raise jira_error(
            "bad_request",
            "The selected filter is not available to you, perhaps it has been deleted or had its permissions changed.",
        )
    return found


@api("getFilter", "GET", "filter/{id}")
def get_filter(ctx: Context) -> dict[str, Any]:
    return filter_view(ctx, _filter(ctx))


@api("updateFilter", "PUT", "filter/{id}")
def update_filter(ctx: Context) -> dict[str, Any]:
    record = _filter(ctx)
    sent = body(ctx)
    _check(ctx, sent, record)
    for name in ("name", "description", "jql"):
        if name in sent:
            record[name] = sent[name] or ""
    if sent.get("favourite") is not None:
        account = me(ctx)["accountId"]
        others = [a for a in record.get("favouritedBy", []) if a != account]
        record["favouritedBy"] = [*others, account] if sent["favourite"] else others
    ctx.state.collection("filters").put(record["id"], record)
    return filter_view(ctx, record)


@api("deleteFilter", "DELETE", "filter/{id}")
def delete_filter(ctx: Context) -> Response:
    ctx.state.collection("filters").delete(_filter(ctx)["id"])
    return Response(204, None)


@api("getFavouriteFilters", "GET", "filter/favourite")
def favourites(ctx: Context) -> list[dict[str, Any]]:
    account = me(ctx)["accountId"]
    return [
        filter_view(ctx, f) for f in ctx.state.collection("filters").values() if account in f.get("favouritedBy", [])
    ]


@api("getMyFilters", "GET", "filter/my")
def my_filters(ctx: Context) -> list[dict[str, Any]]:
    account = me(ctx)["accountId"]
    return [filter_view(ctx, f) for f in ctx.state.collection("filters").values() if f["owner"] == account]


@api("getFiltersPaginated", "GET", "filter/search")
def search_filters(ctx: Context) -> dict[str, Any]:
    name = str(ctx.params.get("filterName") or "").lower()
    found = [filter_view(ctx, f) for f in ctx.state.collection("filters").values() if name in f["name"].lower()]
    return page(ctx, found, rest(ctx, "filter/search"))


@api("setFavouriteForFilter", "PUT", "filter/{id}/favourite")
def favourite(ctx: Context) -> dict[str, Any]:
    return update_filter_favourite(ctx, True)


@api("deleteFavouriteForFilter", "DELETE", "filter/{id}/favourite")
def unfavourite(ctx: Context) -> dict[str, Any]:
    return update_filter_favourite(ctx, False)


def update_filter_favourite(ctx: Context, on: bool) -> dict[str, Any]:
    record = _filter(ctx)
    account = me(ctx)["accountId"]
    others = [a for a in record.get("favouritedBy", []) if a != account]
    record["favouritedBy"] = [*others, account] if on else others
    ctx.state.collection("filters").put(record["id"], record)
    return filter_view(ctx, record)
