"""Project avatars and the site's system avatars: list a project's (system + custom), upload a temporary image,
confirm it with its cropping (a custom avatar of the project), delete a custom one; system avatars by type.
Sources: https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-project-avatars/ ,
https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-avatars/#api-rest-api-2-avatar-type-system-get ,
https://docs.atlassian.com/software/jira/docs/api/REST/8.20.0/#api/2/project/{projectIdOrKey}/avatar-storeTemporaryAvatar
(the temporary upload and its confirmation the jira client uses).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response
from ._api import any_credential, api, site
from ._errors import jira_error
from .avatars import SYSTEM as USER_SYSTEM
from .avatars import avatar_view, check_xsrf, confirmed, uploaded_image
from .issues_store import find_project

PROJECT_SYSTEM = [str(10400 + n) for n in range(26)]
"""The site's system project avatars (ids are the twin's; Jira numbers them per site)."""
ISSUETYPE_SYSTEM = [str(10300 + n) for n in range(20)]
SYSTEM_BY_TYPE = {"project": PROJECT_SYSTEM, "user": USER_SYSTEM, "issuetype": ISSUETYPE_SYSTEM}


def _view(ctx: Context, kind: str, avatar_id: str, owner: str | None, selected: str = "") -> dict[str, Any]:
    url = f"{site(ctx)}/rest/api/2/universal_avatar/view/type/{kind}/avatar/{avatar_id}?"
    return avatar_view(avatar_id, url, owner, selected)


def _owner(project: dict[str, Any]) -> str:
    return f"project:{project['id']}"


@api("getAllSystemAvatars", "GET", "avatar/{type}/system")
def system_avatars(ctx: Context) -> dict[str, Any]:
    kind = str(ctx.params.get("type") or "")
    if kind not in SYSTEM_BY_TYPE:
        raise jira_error("bad_request", f"Avatar type '{kind}' is not one of project, user, issuetype.")
    return {"system": [_view(ctx, kind, a, None) for a in SYSTEM_BY_TYPE[kind]]}


@api("getAllProjectAvatars", "GET", "project/{projectIdOrKey}/avatars")
def project_avatars(ctx: Context) -> dict[str, Any]:
    project = find_project(ctx, str(ctx.params.get("projectIdOrKey")))
    selected = str(project.get("avatarId") or PROJECT_SYSTEM[0])
    custom = [a for a in ctx.state.collection("avatars").values() if a["owner"] == _owner(project)]
    return {
        "system": [_view(ctx, "project", a, None, selected) for a in PROJECT_SYSTEM],
        "custom": [_view(ctx, "project", a["id"], project["id"], selected) for a in custom],
    }


@any_credential("create_temp_project_avatar")
def upload_temporary(ctx: Context) -> dict[str, Any]:
    check_xsrf(ctx)
    project = find_project(ctx, str(ctx.params.get("project")))
    project["tempAvatar"] = uploaded_image(ctx)
    ctx.state.collection("projects").put(project["id"], project)
    return {"cropperWidth": 48, "cropperOffsetX": 0, "cropperOffsetY": 0, "needsCropping": True}


@any_credential("confirm_project_avatar")
def confirm(ctx: Context) -> Response:
    project = find_project(ctx, str(ctx.params.get("project")))
    avatar = confirmed(ctx, project, _owner(project), "project")
    ctx.state.collection("projects").put(project["id"], project)
    return Response(201, _view(ctx, "project", avatar["id"], project["id"], str(project.get("avatarId") or "")))


@api("deleteProjectAvatar", "DELETE", "project/{projectIdOrKey}/avatar/{id}")
def delete(ctx: Context) -> Response:
    project = find_project(ctx, str(ctx.params.get("projectIdOrKey")))
    wanted = str(ctx.params.get("id"))
    if wanted in PROJECT_SYSTEM:
        raise jira_error("forbidden", "System avatars cannot be deleted.")
    custom = ctx.state.collection("avatars").get(wanted)
    if custom is None or custom["owner"] != _owner(project):
        raise jira_error("not_found", f"Avatar with id '{wanted}' not found.")
    ctx.state.collection("avatars").delete(wanted)
    if project.get("avatarId") == wanted:
        project.pop("avatarId")
        ctx.state.collection("projects").put(project["id"], project)
    return Response(204, None)
