"""``admin.apps.*``: app approvals for the org (approve, restrict, clear, requests, lists), uninstalling,
connector configs, the activity log, and MCP server access.

Apps are the ones the twin knows: the seeded app (``apps`` collection, written by the platform module)
and apps people asked for (``org_app_requests``, one seeded). Decisions live in ``org_app_resolutions``;
uninstalling the seeded app revokes its bot token, so the ``bot`` credential then answers ``invalid_auth``,
as a token of an uninstalled app does on Slack.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _paging, _platform_tokens, _tokens
from ._auth import Caller
from ._errors import invalid_arguments, slack_error
from .admin_base import admin_method, need, need_list, org, team, team_ids

Record = dict[str, Any]

READ = ("admin.apps:read",)
WRITE = ("admin.apps:write",)
REQUESTS = "org_app_requests"
RESOLUTIONS = "org_app_resolutions"
CONFIGS = "org_app_configs"
CATALOG = "org_apps"
STRATEGIES = ("builder_choice", "end_user_only")


def app_shape(record: Record) -> Record:
    """An app as the admin listings show it (docs: admin.apps.approved.list example)."""
    app_id = str(record.get("id", ""))
    return {
        "id": app_id,
        "name": record.get("name", ""),
        "description": record.get("description", ""),
        "help_url": record.get("help_url", ""),
        "privacy_policy_url": record.get("privacy_policy_url", ""),
        "app_homepage_url": record.get("app_homepage_url", ""),
        "app_directory_url": f"https://twin-org.enterprise.slack.com/apps/{app_id}",
        "is_app_directory_approved": False,
        "is_internal": bool(record.get("is_internal", True)),
        "developer_type": record.get("developer_type", "internal"),
        "icons": record.get("icons") or {},
        "additional_info": "",
    }


def _known_app(ctx: Context, app_id: str) -> Record | None:
    found: Record | None = ctx.state.collection("apps").get(app_id)
    if found is not None:
        return found
    for request in ctx.state.collection(REQUESTS).values():
        if request["app"]["id"] == app_id:
            app: Record = request["app"]
            return app
    # an app admins have decided on stays known, even once the decision is cleared
    seen: Record | None = ctx.state.collection(CATALOG).get(app_id)
    return seen


def _scope(ctx: Context) -> Record:
    """Where a decision applies: ``team_id`` or ``enterprise_id`` (not both), the org by default."""
    team_id = _args.text(ctx, "team_id").strip()
    enterprise_id = _args.text(ctx, "enterprise_id").strip()
    if team_id and enterprise_id:
        raise slack_error("too_many_teams_provided")
    if team_id:
        return {"team_id": team(ctx, team_id)["id"]}
    if enterprise_id and enterprise_id != org(ctx).get("id"):
        raise slack_error("team_not_found")
    return {"enterprise_id": org(ctx).get("id", "")}


def _resolve(ctx: Context, caller: Caller, status: str) -> Record:
    app_id = _args.text(ctx, "app_id").strip()
    request_id = _args.text(ctx, "request_id").strip()
    if app_id and request_id:
        raise slack_error("too_many_ids_provided")
    if not app_id and not request_id:
        raise slack_error("request_id_or_app_id_is_required")
    where = _scope(ctx)
    requests = ctx.state.collection(REQUESTS)
    if request_id:
        request = requests.get(request_id)
        if request is None:
            raise slack_error("invalid_request_id")
        app = request["app"]
        requests.delete(request_id)  # a resolved request leaves the pending list
    else:
        found = _known_app(ctx, app_id)
        if found is None:
            raise slack_error("invalid_app_id")
        app = app_shape(found)
        for pending in [r for r in requests.values() if r["app"]["id"] == app_id]:
            requests.delete(pending["id"])
    previous = ctx.state.collection(RESOLUTIONS).get(app["id"]) or {}
    if status == "approved" and previous.get("status") == "restricted" and "enterprise_id" in previous:
        raise slack_error("app_restricted_org_wide")
    record = {
        "app": app,
        "status": status,
        "scopes": previous.get("scopes", []),
        "date_updated": int(ctx.now()),
        "last_resolved_by": {"actor_id": caller.user_id, "actor_type": "user"},
        **where,
    }
    ctx.state.collection(RESOLUTIONS).put(app["id"], record)
    ctx.state.collection(CATALOG).put(app["id"], app)
    return {}


@admin_method("admin.apps.approve", WRITE)
def admin_apps_approve(ctx: Context, caller: Caller) -> Record:
    return _resolve(ctx, caller, "approved")


@admin_method("admin.apps.restrict", WRITE)
def admin_apps_restrict(ctx: Context, caller: Caller) -> Record:
    return _resolve(ctx, caller, "restricted")


def _resolved(ctx: Context, status: str, key: str) -> Record:
    where = _scope(ctx) if _args.text(ctx, "team_id") or _args.text(ctx, "enterprise_id") else {}
    rows = {
        r["app"]["id"]: {k: r[k] for k in ("app", "scopes", "date_updated", "last_resolved_by")}
        for r in ctx.state.collection(RESOLUTIONS).values()
        if r["status"] == status and all(r.get(k) == v for k, v in where.items())
    }
    ids, next_cursor = _paging.page_of_keys(ctx, sorted(rows), "app", 100)
    return {key: [rows[i] for i in ids], **_paging.metadata(next_cursor)}


@admin_method("admin.apps.approved.list", READ)
def admin_apps_approved_list(ctx: Context, caller: Caller) -> Record:
    return _resolved(ctx, "approved", "approved_apps")


@admin_method("admin.apps.restricted.list", READ)
def admin_apps_restricted_list(ctx: Context, caller: Caller) -> Record:
    return _resolved(ctx, "restricted", "restricted_apps")


@admin_method("admin.apps.requests.list", READ)
def admin_apps_requests_list(ctx: Context, caller: Caller) -> Record:
    team_id = _args.text(ctx, "team_id").strip()
    if team_id:
        team(ctx, team_id)
    rows = {
        r["id"]: {k: v for k, v in r.items() if not k.startswith("_")}
        for r in ctx.state.collection(REQUESTS).values()
        if not team_id or r["team"]["id"] == team_id
    }
    ids, next_cursor = _paging.page_of_keys(ctx, sorted(rows), "request", 100)
    return {"app_requests": [rows[i] for i in ids], **_paging.metadata(next_cursor)}


@admin_method("admin.apps.requests.cancel", WRITE, required=("request_id",))
def admin_apps_requests_cancel(ctx: Context, caller: Caller) -> Record:
    request_id = need(ctx, "request_id")
    _scope(ctx)
    if not ctx.state.collection(REQUESTS).delete(request_id):
        raise slack_error("invalid_request_id")
    return {}


@admin_method("admin.apps.clearResolution", WRITE, required=("app_id",))
def admin_apps_clear_resolution(ctx: Context, caller: Caller) -> Record:
    app_id = need(ctx, "app_id")
    _scope(ctx)
    if _known_app(ctx, app_id) is None and app_id not in ctx.state.collection(RESOLUTIONS):
        raise slack_error("invalid_app_id")
    if not ctx.state.collection(RESOLUTIONS).delete(app_id):
        raise slack_error("no_resolution_found")
    return {}


@admin_method("admin.apps.uninstall", WRITE, required=("app_id",))
def admin_apps_uninstall(ctx: Context, caller: Caller) -> Record:
    """Exactly one of ``enterprise_id`` and ``team_ids``; the app's bot token stops working."""
    app_id = need(ctx, "app_id")
    enterprise_id = _args.text(ctx, "enterprise_id").strip()
    teams = _args.id_list(ctx, "team_ids")
    if bool(enterprise_id) == bool(teams):
        raise slack_error("specify_enterprise_or_teams")
    if enterprise_id and enterprise_id != org(ctx).get("id"):
        raise slack_error("enterprise_not_found")
    if len(teams) > 100:
        raise slack_error("too_many_teams")
    if set(teams) - set(team_ids(ctx)):
        raise slack_error("teams_not_found")
    app: Record | None = ctx.state.collection("apps").get(app_id)
    if app is None:
        raise slack_error("app_not_found")
    bot_id = app.get("bot_id")
    for credential, _ in _tokens.live(ctx):
        if bot_id and credential.principal.get("bot_id", "") == bot_id:
            _platform_tokens.revoke(ctx, credential.token)
    return {}


@admin_method("admin.apps.activities.list", ("admin.app_activities:read",))
def admin_apps_activities_list(ctx: Context, caller: Caller) -> Record:
    """Logs of apps built on the Slack platform (functions, workflows); the twin runs none, so the log is
    empty, with the arguments still checked as Slack checks them."""
    allowed = {
        "min_log_level": ("trace", "debug", "info", "warn", "error", "fatal"),
        "sort_direction": ("asc", "desc"),
        "source": ("slack", "developer"),
        "component_type": ("events_api", "workflows", "functions", "tables"),
    }
    for name, values in allowed.items():
        value = _args.text(ctx, name).strip()
        if value and value not in values:
            raise invalid_arguments(f"invalid {name}")
    team_id = _args.text(ctx, "team_id").strip()
    if team_id:
        team(ctx, team_id)
    _paging.decode(ctx, "activity")
    return {"activities": [], **_paging.metadata("")}


@admin_method("admin.apps.config.lookup", READ, required=("app_ids",))
def admin_apps_config_lookup(ctx: Context, caller: Caller) -> Record:
    """Configs of the known apps among ``app_ids`` (connectors); unknown ids are left out."""
    configs = []
    for app_id in need_list(ctx, "app_ids"):
        if _known_app(ctx, app_id) is None:
            continue
        stored: Record = ctx.state.collection(CONFIGS).get(app_id) or {}
        configs.append(
            {
                "app_id": app_id,
                "workflow_auth_strategy": stored.get("workflow_auth_strategy", "builder_choice"),
                "domain_restrictions": stored.get("domain_restrictions", {"emails": [], "urls": []}),
            }
        )
    return {"configs": configs}


@admin_method("admin.apps.config.set", WRITE, required=("app_id",))
def admin_apps_config_set(ctx: Context, caller: Caller) -> Record:
    app_id = need(ctx, "app_id")
    if _known_app(ctx, app_id) is None:
        raise slack_error("app_not_found")
    stored: Record = ctx.state.collection(CONFIGS).get(app_id) or {}
    strategy = _args.text(ctx, "workflow_auth_strategy").strip()
    if strategy:
        if strategy not in STRATEGIES:
            raise invalid_arguments("workflow_auth_strategy")
        stored["workflow_auth_strategy"] = strategy
    restrictions = _args.json_value(ctx, "domain_restrictions")
    if restrictions is not None:
        if not isinstance(restrictions, dict):
            raise invalid_arguments("domain_restrictions")
        stored["domain_restrictions"] = {"emails": restrictions.get("emails", []), "urls": restrictions.get("urls", [])}
    ctx.state.collection(CONFIGS).put(app_id, stored)
    return {}


# MCP servers belong to apps that declare them; none of the twin's apps does (docs name no scope for
# these methods: the twin asks for admin.apps:read / admin.apps:write)


def _servers(ctx: Context, app_id: str = "") -> list[Record]:
    """MCP servers apps expose (seeded: one, of the workspace's own app; ``admin_seed``), by id."""
    stored = ctx.state.collection("org_mcp_servers")
    rows = [r for r in (stored.get(k) for k in sorted(stored)) if r is not None]
    return [r for r in rows if not app_id or r.get("app_id") == app_id]


def _server_shown(record: Record) -> Record:
    return {
        "id": record["id"],
        "app_id": record["app_id"],
        "name": record["name"],
        "permission_type": record["_permission"],
    }


@admin_method("admin.apps.mcp.servers.list", READ)
def admin_apps_mcp_servers_list(ctx: Context, caller: Caller) -> Record:
    rows = {r["id"]: r for r in _servers(ctx)}
    page, next_cursor = _paging.page_of_keys(ctx, sorted(rows), "mcp", 100)
    return {"servers": [_server_shown(rows[k]) for k in page], **_paging.metadata(next_cursor)}


@admin_method("admin.apps.mcp.servers.permissions.list", READ, required=("app_id",))
def admin_apps_mcp_servers_permissions_list(ctx: Context, caller: Caller) -> Record:
    app_id = need(ctx, "app_id")
    if _known_app(ctx, app_id) is None:
        raise slack_error("app_not_found")
    return {"app_id": app_id, "servers": [_server_shown(r) for r in _servers(ctx, app_id)]}


@admin_method("admin.apps.mcp.servers.permissions.set", WRITE, required=("app_id", "server_id", "permission_type"))
def admin_apps_mcp_servers_permissions_set(ctx: Context, caller: Caller) -> Record:
    app_id = need(ctx, "app_id")
    server_id = need(ctx, "server_id")
    permission = need(ctx, "permission_type")
    if _known_app(ctx, app_id) is None:
        raise slack_error("app_not_found")
    found = next((r for r in _servers(ctx, app_id) if r["id"] == server_id), None)
    if found is None:
        raise slack_error("server_not_found")
    found["_permission"] = permission
    ctx.state.collection("org_mcp_servers").put(server_id, found)
    return {}
