"""``admin.workflows.*`` and ``admin.functions.*``: platform automation the org's admins govern
(``admin.slackbot.skills.*``: ``admin_skills``).

The seed deploys one function (``org_functions``) of the workspace's own app and one published Workflow
Builder workflow that runs it (``org_workflows``; ``admin_seed``); admins search, unpublish and share them
and set who may use the function. Ids the twin cannot resolve get Slack's own code (docs: each method's
error table).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _paging
from ._auth import Caller
from ._errors import invalid_arguments, slack_error
from .admin_base import admin_method, need, need_list, team

Record = dict[str, Any]

WF_READ = ("admin.workflows:read",)
WF_WRITE = ("admin.workflows:write",)
WORKFLOWS = "org_workflows"
FUNCTIONS = "org_functions"
MAX_IDS = 50
VISIBILITY = ("everyone", "app_collaborators", "named_entities", "no_one")


def _ids(ctx: Context, name: str) -> list[str]:
    found = need_list(ctx, name)
    if len(found) > MAX_IDS:
        raise invalid_arguments(f"at most 50 {name}")
    return found


def _check_sort(ctx: Context, sorts: tuple[str, ...]) -> None:
    sort = _args.text(ctx, "sort").strip()
    direction = _args.text(ctx, "sort_dir").strip().lower()
    if (sort and sort not in sorts) or (direction and direction not in ("asc", "desc")):
        raise invalid_arguments("invalid sort")


def _workflow(ctx: Context, workflow_id: str) -> Record | None:
    found: Record | None = ctx.state.collection(WORKFLOWS).get(workflow_id)
    return found


def _shown(record: Record) -> Record:
    return {k: v for k, v in record.items() if not k.startswith("_")}


@admin_method("admin.workflows.search", WF_READ)
def admin_workflows_search(ctx: Context, caller: Caller) -> Record:
    """The org's workflows (seeded: one published Workflow Builder workflow), paged by id. Filters (docs):
    ``query`` in the title or description, ``source``, ``app_id``, ``collaborator_ids`` (all of them),
    ``no_collaborators``, ``step_function_ids`` (all of them), ``publish_status``
    (``published``/``unpublished``)."""
    _check_sort(ctx, ("premium_runs",))
    source = _args.text(ctx, "source").strip()
    if source and source not in ("code", "workflow_builder"):
        raise invalid_arguments("invalid source")
    status = _args.text(ctx, "publish_status").strip().lower()
    if status and status not in ("published", "unpublished"):
        raise invalid_arguments("invalid publish_status")
    query = _args.text(ctx, "query").strip().lower()
    app_id = _args.text(ctx, "app_id").strip()
    collaborators = set(_args.id_list(ctx, "collaborator_ids"))
    steps = set(_args.id_list(ctx, "step_function_ids"))
    alone = _args.flag(ctx, "no_collaborators")
    stored = ctx.state.collection(WORKFLOWS)
    rows = {
        k: r
        for k, r in ((k, stored.get(k)) for k in stored)
        if r is not None
        and (not query or query in f"{r.get('title', '')} {r.get('description', '')}".lower())
        and (not source or r.get("source") == source)
        and (not app_id or r.get("app_id") == app_id)
        and collaborators <= set(r.get("collaborators") or ())
        and (not alone or not r.get("collaborators"))
        and steps <= {step.get("function_id") for step in r.get("steps") or ()}
        and (not status or bool(r.get("is_published")) == (status == "published"))
    }
    keys = sorted(rows)
    page, next_cursor = _paging.page_of_keys(ctx, keys, "workflow", 100)
    return {"workflows": [_shown(rows[k]) for k in page], "total_found": len(keys), **_paging.metadata(next_cursor)}


@admin_method("admin.workflows.permissions.lookup", WF_READ, required=("workflow_ids",))
def admin_workflows_permissions_lookup(ctx: Context, caller: Caller) -> Record:
    """Permissions of the workflows found among ``workflow_ids``: who can run them (the seeded one has no
    trigger limiting it: everyone, ``complete``); unknown ids are left out."""
    ids = _ids(ctx, "workflow_ids")
    if _args.integer(ctx, "max_workflow_triggers", 100) > 1000:
        raise invalid_arguments("max 1000 triggers")
    found = {w: _workflow(ctx, w) for w in ids}
    runs = {"who_can_run": {"permission_type": "everyone"}, "complete": True}  # docs: the answer example
    return {"permissions": {w: dict(runs) for w, r in found.items() if r}}


def _collaborators(ctx: Context, code: str, add: bool) -> Record:
    """Known workflows change; unknown ones are named in ``errors`` under ``code`` (docs: the error table)."""
    users = _ids(ctx, "collaborator_ids")
    workflows = _ids(ctx, "workflow_ids")
    missing = [{"workflow_id": w, "error": "workflow_not_found"} for w in workflows if _workflow(ctx, w) is None]
    if missing:
        raise slack_error(code, errors=missing)
    for workflow_id in workflows:
        record = _workflow(ctx, workflow_id) or {}
        current = list(record.get("collaborators") or ())
        changed = [*current, *(u for u in users if u not in current)] if add else [u for u in current if u not in users]
        record.update(collaborators=changed, date_updated=int(ctx.now()))
        ctx.state.collection(WORKFLOWS).put(workflow_id, record)
    return {}


@admin_method("admin.workflows.collaborators.add", WF_WRITE, required=("collaborator_ids", "workflow_ids"))
def admin_workflows_collaborators_add(ctx: Context, caller: Caller) -> Record:
    return _collaborators(ctx, "error_adding_collaborators", add=True)


@admin_method("admin.workflows.collaborators.remove", WF_WRITE, required=("collaborator_ids", "workflow_ids"))
def admin_workflows_collaborators_remove(ctx: Context, caller: Caller) -> Record:
    return _collaborators(ctx, "error_removing_collaborators", add=False)


@admin_method("admin.workflows.unpublish", WF_WRITE, required=("workflow_ids",))
def admin_workflows_unpublish(ctx: Context, caller: Caller) -> Record:
    workflows = _ids(ctx, "workflow_ids")
    missing = [{"workflow_id": w, "error": "workflow_not_found"} for w in workflows if _workflow(ctx, w) is None]
    if missing:
        raise slack_error("error_unpublishing_workflows", errors=missing)
    for workflow_id in workflows:
        record = _workflow(ctx, workflow_id) or {}
        record.update(is_published=False, date_updated=int(ctx.now()))
        ctx.state.collection(WORKFLOWS).put(workflow_id, record)
    return {}


def _function(ctx: Context, function_id: str) -> Record | None:
    found: Record | None = ctx.state.collection(FUNCTIONS).get(function_id)
    return found


@admin_method("admin.functions.list", WF_READ, required=("app_ids",))
def admin_functions_list(ctx: Context, caller: Caller) -> Record:
    """Functions the apps in ``app_ids`` deployed (seeded: one, by the workspace's own app), paged by id."""
    apps = set(need_list(ctx, "app_ids"))
    team_id = _args.text(ctx, "team_id").strip()
    if team_id:
        team(ctx, team_id)
    stored = ctx.state.collection(FUNCTIONS)
    rows = {k: r for k, r in ((k, stored.get(k)) for k in stored) if r is not None and r.get("app_id") in apps}
    page, next_cursor = _paging.page_of_keys(ctx, sorted(rows), "function", 100)
    return {"functions": [_shown(rows[k]) for k in page], **_paging.metadata(next_cursor)}


def _function_permissions(record: Record) -> Record:
    """As the docs' answer example: what the app distributes it to, what an admin set (``unset`` until
    ``admin.functions.permissions.set``), and who may use it as a result (the admin's choice wins)."""
    distribution: Record = {"type": "everyone"}
    by_admin: Record | None = record.get("_permission")
    allowed = dict(by_admin) if by_admin else dict(distribution)
    return {
        "distribution": distribution,
        "allowed_entities": allowed,
        "allowed_by_admin": by_admin or {"type": "unset"},
    }


@admin_method("admin.functions.permissions.lookup", WF_READ, required=("function_ids",))
def admin_functions_permissions_lookup(ctx: Context, caller: Caller) -> Record:
    """Ids it cannot resolve are named in ``errors`` beside ``permissions`` (docs: the answer example)."""
    permissions: Record = {}
    errors: Record = {}
    for function_id in need_list(ctx, "function_ids"):
        record = _function(ctx, function_id)
        if record is None:
            errors[function_id] = "function_not_found"
            continue
        permissions[function_id] = _function_permissions(record)
    return {"permissions": permissions, "errors": errors}


@admin_method("admin.functions.permissions.set", WF_WRITE, required=("function_id", "visibility"))
def admin_functions_permissions_set(ctx: Context, caller: Caller) -> Record:
    """Who may use the function in workflows; ``named_entities`` takes ``user_ids``."""
    function_id = need(ctx, "function_id")
    visibility = need(ctx, "visibility")
    if visibility not in VISIBILITY:
        raise slack_error("invalid_visibility")
    record = _function(ctx, function_id)
    if record is None:
        raise slack_error("function_not_found")
    user_ids = _args.id_list(ctx, "user_ids") if visibility == "named_entities" else []
    users = ctx.state.collection("users")
    if any(users.get(u) is None for u in user_ids):
        raise slack_error("user_not_found")
    record["_permission"] = {"type": visibility, **({"user_ids": user_ids} if user_ids else {})}
    record["date_updated"] = int(ctx.now())
    ctx.state.collection(FUNCTIONS).put(function_id, record)
    return {}
