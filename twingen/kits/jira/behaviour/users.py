"""Users and groups: look-up by account id (Cloud) or username/key (Server), user search, assignable users, groups.

Search matches the start of the username, of each word of the display name, or of the email address, as Jira's
user picker does (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response
from ._api import api, rest
from ._errors import jira_error
from ._paging import page, window
from ._store import find_user
from ._views import user as user_view
from .issues_store import find_issue, find_project


def _matches(record: dict[str, Any], text: str) -> bool:
    text = text.lower().strip()
    if not text or text in ("*", "."):
        return True
    words = [record.get("name", ""), record["emailAddress"], *record["displayName"].split()]
    return any(word.lower().startswith(text) for word in words) or text == record["accountId"].lower()


def _search(ctx: Context, text: str) -> list[dict[str, Any]]:
    active = str(ctx.params.get("includeActive", "true")).lower() != "false"
    inactive = str(ctx.params.get("includeInactive", "false")).lower() == "true"
    found: list[dict[str, Any]] = []
    for record in ctx.state.collection("users").values():
        if (record.get("active", True) and not active) or (not record.get("active", True) and not inactive):
            continue
        shown = user_view(ctx, record) if _matches(record, text) else None
        if shown is not None:
            found.append(shown)
    return found


def _text(ctx: Context, *names: str) -> str:
    for name in names:
        value = ctx.params.get(name)
        if value:
            return str(value)
    raise jira_error("bad_request", "The query parameter 'query' or 'username' is required.")


def _listed(ctx: Context, items: list[Any]) -> list[Any]:
    start, limit = window(ctx, 50)
    return items[start : start + limit]


@api("findUsers", "GET", "user/search")
def search_users(ctx: Context) -> list[Any]:
    return _listed(ctx, _search(ctx, _text(ctx, "query", "username", "accountId")))


@api("findAssignableUsers", "GET", "user/assignable/search")
def assignable_users(ctx: Context) -> list[Any]:
    if ctx.params.get("issueKey"):
        find_issue(ctx, str(ctx.params["issueKey"]))
    elif ctx.params.get("project"):
        find_project(ctx, str(ctx.params["project"]))
    else:
        raise jira_error("bad_request", "A project, issue key or action descriptor is required.")
    return _listed(ctx, _search(ctx, str(ctx.params.get("query") or ctx.params.get("username") or "")))


@api("findBulkAssignableUsers", "GET", "user/assignable/multiProjectSearch")
def assignable_multi(ctx: Context) -> list[Any]:
    for key in str(ctx.params.get("projectKeys") or "").split(","):
        if key.strip():
            find_project(ctx, key.strip())
    return _listed(ctx, _search(ctx, str(ctx.params.get("query") or ctx.params.get("username") or "")))


@api("findUsersWithBrowsePermission", "GET", "user/viewissue/search")
def users_who_may_view(ctx: Context) -> list[Any]:
    if ctx.params.get("issueKey"):
        find_issue(ctx, str(ctx.params["issueKey"]))
    elif ctx.params.get("projectKey"):
        find_project(ctx, str(ctx.params["projectKey"]))
    return _listed(ctx, _search(ctx, str(ctx.params.get("query") or ctx.params.get("username") or "")))


@api("getUser", "GET", "user")
def get_user(ctx: Context) -> dict[str, Any] | None:
    ref = ctx.params.get("accountId") or ctx.params.get("username") or ctx.params.get("key")
    if not ref:
        raise jira_error("bad_request", "The query parameter 'accountId' is required.")
    found = find_user(ctx.state, str(ref))
    if found is None:
        raise jira_error("not_found", f"The user with account ID '{ref}' does not exist.")
    return user_view(ctx, found, full=True)


@api("getUserGroups", "GET", "user/groups")
def user_groups(ctx: Context) -> list[dict[str, Any]]:
    found = find_user(ctx.state, str(ctx.params.get("accountId") or ctx.params.get("username") or ""))
    if found is None:
        raise jira_error("not_found", "User does not exist.")
    return [_group(ctx, name) for name in found.get("groups", [])]


def _group(ctx: Context, name: str) -> dict[str, Any]:
    record = ctx.state.collection("groups").get(name) or {"name": name, "groupId": None}
    return {"name": name, "groupId": record.get("groupId"), "self": rest(ctx, f"group?groupname={name}")}


@api("findGroups", "GET", "groups/picker")
def group_picker(ctx: Context) -> dict[str, Any]:
    query = str(ctx.params.get("query") or "").lower()
    names = [g["name"] for g in ctx.state.collection("groups").values() if query in g["name"].lower()]
    limit = int(ctx.params.get("maxResults") or 20)
    shown = names[:limit]
    return {
        "header": f"Showing {len(shown)} of {len(names)} matching groups",
        "total": len(names),
        "groups": [{"name": n, "html": n, "labels": [], "groupId": _group(ctx, n)["groupId"]} for n in shown],
    }


@api("getUsersFromGroup", "GET", "group/member")
def group_members(ctx: Context) -> dict[str, Any]:
    name = str(ctx.params.get("groupname") or ctx.params.get("groupName") or "")
    if ctx.state.collection("groups").get(name) is None:
        raise jira_error("not_found", f"Group with name '{name}' does not exist.")
    inactive = str(ctx.params.get("includeInactiveUsers", "false")).lower() == "true"
    members = [
        user_view(ctx, u)
        for u in ctx.state.collection("users").values()
        if name in u.get("groups", []) and (inactive or u.get("active", True))
    ]
    return page(ctx, members, rest(ctx, f"group/member?groupname={name}"))


@api("getGroup", "GET", "group")
def get_group(ctx: Context) -> dict[str, Any]:
    name = str(ctx.params.get("groupname") or "")
    if ctx.state.collection("groups").get(name) is None:
        raise jira_error("not_found", f"Group with name '{name}' does not exist.")
    members = [user_view(ctx, u) for u in ctx.state.collection("users").values() if name in u.get("groups", [])]
    return {
        **_group(ctx, name),
        "users": {
            "size": len(members),
            "items": members,
            "max-results": 50,
            "start-index": 0,
            "end-index": max(0, len(members) - 1),
        },
    }


@api("createGroup", "POST", "group")
def create_group(ctx: Context) -> dict[str, Any]:
    name = str((ctx.body or {}).get("name") or "") if isinstance(ctx.body, dict) else ""
    if not name:
        raise jira_error("field_invalid", errors={"name": "You must specify a group name."})
    groups = ctx.state.collection("groups")
    if groups.get(name) is not None:
        raise jira_error("field_invalid", errors={"groupName": "A group or user with this name already exists."})
    groups.put(
        name,
        {
            "name": name,
            "groupId": ctx.new_id("", 8, "0123456789abcdef")
            + "-0000-4000-8000-"
            + ctx.new_id("", 12, "0123456789abcdef"),
        },
    )
    return _group(ctx, name)


@api("removeGroup", "DELETE", "group")
def remove_group(ctx: Context) -> Response:
    name = str(ctx.params.get("groupname") or "")
    if not ctx.state.collection("groups").delete(name):
        raise jira_error("not_found", f"Group with name '{name}' does not exist.")
    users = ctx.state.collection("users")
    for record in users.values():
        if name in record.get("groups", []):
            record["groups"] = [g for g in record["groups"] if g != name]
            users.put(record["accountId"], record)
    return Response(200, None)


@api("addUserToGroup", "POST", "group/user")
def add_to_group(ctx: Context) -> dict[str, Any]:
    name = str(ctx.params.get("groupname") or "")
    if ctx.state.collection("groups").get(name) is None:
        raise jira_error("not_found", f"Group with name '{name}' does not exist.")
    sent = ctx.body if isinstance(ctx.body, dict) else {}
    found = find_user(ctx.state, str(sent.get("accountId") or sent.get("name") or ""))
    if found is None:
        raise jira_error("field_invalid", errors={"accountId": "User does not exist."})
    if name not in found.get("groups", []):
        found["groups"] = [*found.get("groups", []), name]
        ctx.state.collection("users").put(found["accountId"], found)
    return get_group(ctx)


@api("removeUserFromGroup", "DELETE", "group/user")
def remove_from_group(ctx: Context) -> Response:
    name = str(ctx.params.get("groupname") or "")
    found = find_user(ctx.state, str(ctx.params.get("accountId") or ctx.params.get("username") or ""))
    if found is None or ctx.state.collection("groups").get(name) is None:
        raise jira_error("not_found", "The user or group does not exist.")
    found["groups"] = [g for g in found.get("groups", []) if g != name]
    ctx.state.collection("users").put(found["accountId"], found)
    return Response(200, None)
