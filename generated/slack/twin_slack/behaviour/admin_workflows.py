"""``admin.workflows.*``, ``admin.functions.*`` and ``admin.slackbot.skills.*``: platform automation the
org's admins govern.

The twin runs no Workflow Builder, no deployed functions and no Slackbot skills, so searches and lists
are empty and every id names nothing; each method still checks its arguments and answers with Slack's
own code for ids it cannot resolve (docs: each method's error table). Function permissions set on a
known function would be stored in ``org_function_permissions``; none exists to set.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, VendorError
from . import _args, _paging
from ._auth import Caller
from .admin_base import admin_method, need, need_list, team

Record = dict[str, Any]

WF_READ = ("admin.workflows:read",)
WF_WRITE = ("admin.workflows:write",)
SKILLS_READ = ("admin.skills:read",)
SKILLS_WRITE = ("admin.skills:write",)
MAX_IDS = 50
VISIBILITY = ("everyone", "app_collaborators", "named_entities", "no_one")


def _ids(ctx: Context, name: str) -> list[str]:
    found = need_list(ctx, name)
    if len(found) > MAX_IDS:
        raise VendorError("invalid_arguments", response_metadata={"messages": [f"[ERROR] at most 50 {name}"]})
    return found


def _check_sort(ctx: Context, sorts: tuple[str, ...]) -> None:
    sort = _args.text(ctx, "sort").strip()
    direction = _args.text(ctx, "sort_dir").strip().lower()
    if (sort and sort not in sorts) or (direction and direction not in ("asc", "desc")):
        raise VendorError("invalid_arguments", response_metadata={"messages": ["[ERROR] invalid sort"]})


@admin_method("admin.workflows.search", WF_READ)
def admin_workflows_search(ctx: Context, caller: Caller) -> Record:
    _check_sort(ctx, ("premium_runs",))
    source = _args.text(ctx, "source").strip()
    if source and source not in ("code", "workflow_builder"):
        raise VendorError("invalid_arguments", response_metadata={"messages": ["[ERROR] invalid source"]})
    _paging.decode(ctx, "workflow")
    return {"workflows": [], "total_found": 0, **_paging.metadata("")}


@admin_method("admin.workflows.permissions.lookup", WF_READ, required=("workflow_ids",))
def admin_workflows_permissions_lookup(ctx: Context, caller: Caller) -> Record:
    """Permissions of the workflows found among ``workflow_ids``: none here."""
    _ids(ctx, "workflow_ids")
    if _args.integer(ctx, "max_workflow_triggers", 100) > 1000:
        raise VendorError("invalid_arguments", response_metadata={"messages": ["[ERROR] max 1000 triggers"]})
    return {"permissions": {}}


@admin_method("admin.workflows.collaborators.add", WF_WRITE, required=("collaborator_ids", "workflow_ids"))
def admin_workflows_collaborators_add(ctx: Context, caller: Caller) -> Record:
    _ids(ctx, "collaborator_ids")
    workflows = _ids(ctx, "workflow_ids")
    errors = [{"workflow_id": w, "error": "workflow_not_found"} for w in workflows]
    raise VendorError("error_adding_collaborators", errors=errors)


@admin_method("admin.workflows.collaborators.remove", WF_WRITE, required=("collaborator_ids", "workflow_ids"))
def admin_workflows_collaborators_remove(ctx: Context, caller: Caller) -> Record:
    _ids(ctx, "collaborator_ids")
    workflows = _ids(ctx, "workflow_ids")
    errors = [{"workflow_id": w, "error": "workflow_not_found"} for w in workflows]
    raise VendorError("error_removing_collaborators", errors=errors)


@admin_method("admin.workflows.unpublish", WF_WRITE, required=("workflow_ids",))
def admin_workflows_unpublish(ctx: Context, caller: Caller) -> Record:
    workflows = _ids(ctx, "workflow_ids")
    errors = [{"workflow_id": w, "error": "workflow_not_found"} for w in workflows]
    raise VendorError("error_unpublishing_workflows", errors=errors)


@admin_method("admin.functions.list", WF_READ, required=("app_ids",))
def admin_functions_list(ctx: Context, caller: Caller) -> Record:
    """Functions of ``app_ids``: the twin's apps declare none."""
    need_list(ctx, "app_ids")
    team_id = _args.text(ctx, "team_id").strip()
    if team_id:
        team(ctx, team_id)
    _paging.decode(ctx, "function")
    return {"functions": [], **_paging.metadata("")}


@admin_method("admin.functions.permissions.lookup", WF_READ, required=("function_ids",))
def admin_functions_permissions_lookup(ctx: Context, caller: Caller) -> Record:
    """Ids it cannot resolve are named in ``errors`` beside ``permissions`` (docs: the answer example)."""
    return {"permissions": {}, "errors": {f: "function_not_found" for f in need_list(ctx, "function_ids")}}


@admin_method("admin.functions.permissions.set", WF_WRITE, required=("function_id", "visibility"))
def admin_functions_permissions_set(ctx: Context, caller: Caller) -> Record:
    need(ctx, "function_id")
    if need(ctx, "visibility") not in VISIBILITY:
        raise VendorError("invalid_visibility")
    raise VendorError("function_not_found")


# -- Slackbot skills ---------------------------------------------------------------------------------


@admin_method("admin.slackbot.skills.list", SKILLS_READ)
def admin_slackbot_skills_list(ctx: Context, caller: Caller) -> Record:
    _check_sort(ctx, ("date_created", "date_updated", "name"))
    _paging.decode(ctx, "skill")
    return {"skills": [], **_paging.metadata("")}


def _skills(ctx: Context) -> Record:
    """ "Successful items are not rolled back if other items fail": unknown ids come back in ``failed_skills``
    (docs: admin.slackbot.skills.publish)."""
    ids = list(dict.fromkeys(_ids(ctx, "skill_ids")))
    return {"failed_skills": [{"skill_id": s, "error": "skill_not_found"} for s in ids]}


@admin_method("admin.slackbot.skills.publish", SKILLS_WRITE, required=("skill_ids",))
def admin_slackbot_skills_publish(ctx: Context, caller: Caller) -> Record:
    return _skills(ctx)


@admin_method("admin.slackbot.skills.unpublish", SKILLS_WRITE, required=("skill_ids",))
def admin_slackbot_skills_unpublish(ctx: Context, caller: Caller) -> Record:
    return _skills(ctx)


@admin_method("admin.slackbot.skills.setAutoEnabled", SKILLS_WRITE, required=("skill_id", "permission_type"))
def admin_slackbot_skills_set_auto_enabled(ctx: Context, caller: Caller) -> Record:
    need(ctx, "skill_id")
    need(ctx, "permission_type")
    raise VendorError("skill_not_found")
