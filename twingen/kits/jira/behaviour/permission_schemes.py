"""Permission schemes beside the site's default: create one (name required and unique among schemes), read one,
delete one (its projects go back to the default scheme, as Jira's administration says before a delete).
Sources: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-permission-schemes/
(#api-rest-api-2-permissionscheme-post, #api-rest-api-2-permissionscheme-schemeid-get,
#api-rest-api-2-permissionscheme-schemeid-delete),
https://confluence.atlassian.com/adminjiraserver/managing-project-permissions-938847145.html (deleting a scheme).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response
from ._api import api, body, rest
from ._errors import field_error, jira_error
from ._store import me, next_id

DEFAULT = "0"


def _view(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    return {
        "self": rest(ctx, f"permissionscheme/{record['id']}"),
        "expand": "permissions,user,group,projectRole,field,all",
        **record,
    }


def _find(ctx: Context) -> dict[str, Any]:
    wanted = str(ctx.params.get("schemeId"))
    found = ctx.state.collection("permissionschemes").get(wanted)
    if found is None:
        raise jira_error("not_found", f"Permission scheme with id {wanted} not found.")
    return found


@api("createPermissionScheme", "POST", "permissionscheme")
def create(ctx: Context) -> Response:
    me(ctx)
    sent = body(ctx)
    name = str(sent.get("name") or "").strip()
    if not name:
        raise field_error("name", "The name of the permission scheme must not be empty.")
    schemes = ctx.state.collection("permissionschemes")
    if any(s["name"].lower() == name.lower() for s in schemes.values()):
        raise field_error("name", f"A permission scheme with the name '{name}' already exists.")
    permissions = sent.get("permissions") or []
    if not isinstance(permissions, list):
        raise jira_error("bad_request", "permissions must be a list of permission grants.")
    scheme_id = int(next_id(ctx.state, "permissionscheme"))
    grants: list[dict[str, Any]] = []
    for grant in permissions:
        if isinstance(grant, dict) and grant.get("permission"):
            grant_id = int(next_id(ctx.state, "permissiongrant"))
            grants.append({"id": grant_id, "holder": grant.get("holder"), "permission": grant["permission"]})
    description = str(sent.get("description") or "")
    record = {"id": scheme_id, "name": name, "description": description, "permissions": grants}
    schemes.put(str(scheme_id), record)
    return Response(201, _view(ctx, record))


@api("getPermissionScheme", "GET", "permissionscheme/{schemeId}")
def read(ctx: Context) -> dict[str, Any]:
    return _view(ctx, _find(ctx))


@api("deletePermissionScheme", "DELETE", "permissionscheme/{schemeId}")
def delete(ctx: Context) -> Response:
    me(ctx)
    found = _find(ctx)
    wanted = str(found["id"])
    if wanted == DEFAULT:
        # the twin's rule: the default scheme is where other schemes' projects go, so it stays (Jira's
        # administration offers no delete for it)
        raise jira_error("forbidden", "The default permission scheme cannot be deleted.")
    ctx.state.collection("permissionschemes").delete(wanted)
    projects = ctx.state.collection("projects")
    for project in projects.values():
        if str(project.get("permissionScheme")) == wanted:
            project["permissionScheme"] = 0
            projects.put(project["id"], project)
    return Response(204, None)
