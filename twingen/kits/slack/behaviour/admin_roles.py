"""``admin.roles.*`` (system role assignments scoped to the org, a workspace or a channel) and
``admin.auth.policy.*`` (who may sign in with email and password).

Assignments live in ``org_role_assignments``, policy members in ``org_auth_policy``. Role ids are
Slack's built-in system roles, seeded in ``org_roles`` (``admin_seed``: Channel Admin ``Rl01``, Channel
Manager ``Rl0A``...); any other id is ``invalid_role_id`` ("The role type passed does not exist").
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _paging
from ._auth import Caller
from ._errors import invalid_arguments, slack_error
from .admin_base import admin_method, need, need_list, org

Record = dict[str, Any]

ASSIGNMENTS = "org_role_assignments"
POLICY = "org_auth_policy"
POLICIES = ("email_password",)
MAX_ENTITIES = 10  # "More than 10 role scopes were passed" (docs: admin.roles.addAssignments)


def _entity_known(ctx: Context, entity_id: str) -> bool:
    if entity_id == org(ctx).get("id"):
        return True
    return entity_id in ctx.state.collection("org_teams") or entity_id in ctx.state.collection("channels")


def _targets(ctx: Context) -> tuple[str, list[str], list[str], list[Record], list[Record]]:
    role_id = need(ctx, "role_id")
    if ctx.state.collection("org_roles").get(role_id) is None:
        raise slack_error("invalid_role_id")
    entity_ids = need_list(ctx, "entity_ids")
    user_ids = need_list(ctx, "user_ids")
    if len(entity_ids) > MAX_ENTITIES:
        raise slack_error("too_many_entities")
    users = ctx.state.collection("users")
    rejected_users = [{"id": u, "error": "invalid_user"} for u in user_ids if (users.get(u) or {}).get("deleted", True)]
    rejected_entities = [{"id": e, "error": "invalid_entity"} for e in entity_ids if not _entity_known(ctx, e)]
    if len(rejected_users) == len(user_ids):
        raise slack_error("no_valid_users")
    if len(rejected_entities) == len(entity_ids):
        raise slack_error("no_valid_entities")
    good_users = [u for u in user_ids if u not in {r["id"] for r in rejected_users}]
    good_entities = [e for e in entity_ids if e not in {r["id"] for r in rejected_entities}]
    return role_id, good_entities, good_users, rejected_users, rejected_entities


def _rejections(rejected_users: list[Record], rejected_entities: list[Record]) -> Record:
    return {"rejected_users": rejected_users, "rejected_entities": rejected_entities}


@admin_method("admin.roles.addAssignments", ("admin.roles:write",), required=("role_id", "entity_ids", "user_ids"))
def admin_roles_add_assignments(ctx: Context, caller: Caller) -> Record:
    role_id, entities, users, rejected_users, rejected_entities = _targets(ctx)
    stored = ctx.state.collection(ASSIGNMENTS)
    for entity_id in entities:
        for user_id in users:
            key = f"{role_id}/{entity_id}/{user_id}"
            if key not in stored:
                record = {"role_id": role_id, "entity_id": entity_id, "user_id": user_id}
                stored.put(key, {**record, "date_create": int(ctx.now())})
    return _rejections(rejected_users, rejected_entities)


@admin_method("admin.roles.removeAssignments", ("admin.roles:write",), required=("role_id", "entity_ids", "user_ids"))
def admin_roles_remove_assignments(ctx: Context, caller: Caller) -> Record:
    role_id, entities, users, rejected_users, rejected_entities = _targets(ctx)
    stored = ctx.state.collection(ASSIGNMENTS)
    for entity_id in entities:
        for user_id in users:
            stored.delete(f"{role_id}/{entity_id}/{user_id}")
    return _rejections(rejected_users, rejected_entities)


@admin_method("admin.roles.listAssignments", ("admin.roles:read",))
def admin_roles_list_assignments(ctx: Context, caller: Caller) -> Record:
    """Newest first unless ``sort_dir=ASC``; filtered by any of ``role_ids`` and ``entity_ids``."""
    direction = _args.text(ctx, "sort_dir", "DESC").strip().upper() or "DESC"
    if direction not in ("ASC", "DESC"):
        raise slack_error("invalid_sort")
    limit = _args.integer(ctx, "limit", 100)
    if not 1 <= limit <= 100:
        raise invalid_arguments("limit must be 1-100")
    roles = set(_args.id_list(ctx, "role_ids"))
    entities = set(_args.id_list(ctx, "entity_ids"))
    rows = [
        r
        for r in ctx.state.collection(ASSIGNMENTS).values()
        if (not roles or r["role_id"] in roles) and (not entities or r["entity_id"] in entities)
    ]
    # a cursor position is "date_create/key", so equal creation times still page in one fixed order
    keyed = {f"{r['date_create']:012d}/{r['role_id']}/{r['entity_id']}/{r['user_id']}": r for r in rows}
    order = sorted(keyed, reverse=direction == "DESC")
    if direction == "DESC":
        page, next_cursor = _paging.page_of_keys_desc(ctx, order, "role_assignment", 100)
    else:
        page, next_cursor = _paging.page_of_keys(ctx, order, "role_assignment", 100)
    return {"role_assignments": [keyed[k] for k in page], **_paging.metadata(next_cursor)}


# -- authentication policies ---------------------------------------------------------------------------


def _policy(ctx: Context) -> str:
    name = need(ctx, "policy_name")
    if name not in POLICIES:
        raise slack_error("policy_not_found")
    return name


def _entity_type(ctx: Context, required: bool = True) -> str:
    value = _args.text(ctx, "entity_type").strip().upper()
    if (required or value) and value != "USER":
        # "Currently, USER is supported" (docs: admin.auth.policy.assignEntities)
        raise invalid_arguments("entity_type must be USER")
    return "USER"


def _users(ctx: Context) -> list[str]:
    ids = need_list(ctx, "entity_ids")
    users = ctx.state.collection("users")
    if any(users.get(i) is None for i in ids):
        raise slack_error("entity_not_found")
    return ids


@admin_method(
    "admin.auth.policy.assignEntities", ("admin.users:write",), required=("entity_ids", "policy_name", "entity_type")
)
def admin_auth_policy_assign_entities(ctx: Context, caller: Caller) -> Record:
    name, kind = _policy(ctx), _entity_type(ctx)
    stored = ctx.state.collection(POLICY)
    for user_id in _users(ctx):
        key = f"{name}/{user_id}"
        if key not in stored:
            stored.put(key, {"entity_id": user_id, "entity_type": kind, "date_added": int(ctx.now())})
    return {"entity_total_count": _count(ctx, name)}


@admin_method(
    "admin.auth.policy.removeEntities", ("admin.users:write",), required=("entity_ids", "policy_name", "entity_type")
)
def admin_auth_policy_remove_entities(ctx: Context, caller: Caller) -> Record:
    name, _ = _policy(ctx), _entity_type(ctx)
    for user_id in _users(ctx):
        ctx.state.collection(POLICY).delete(f"{name}/{user_id}")
    return {"entity_total_count": _count(ctx, name)}


def _count(ctx: Context, name: str) -> int:
    """How many entities the policy holds: assign and remove answer it (docs: admin.auth.policy.assignEntities)."""
    return sum(1 for key in ctx.state.collection(POLICY) if key.startswith(f"{name}/"))


@admin_method("admin.auth.policy.getEntities", ("admin.users:read",), required=("policy_name",))
def admin_auth_policy_get_entities(ctx: Context, caller: Caller) -> Record:
    name = _policy(ctx)
    _entity_type(ctx, required=False)
    stored = {k: v for k, v in ((k, ctx.state.collection(POLICY).get(k)) for k in ctx.state.collection(POLICY)) if v}
    keys = sorted(k for k in stored if k.startswith(f"{name}/"))
    page, next_cursor = _paging.page_of_keys(ctx, keys, "entity", 100)
    return {"entities": [stored[k] for k in page], "entity_total_count": len(keys), **_paging.metadata(next_cursor)}
