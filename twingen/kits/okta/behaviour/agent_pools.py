"""Agent pools and their auto-update jobs: the on-premises agents (AD, LDAP, RADIUS...) an org installed, grouped in
pools, and the scheduled updates of each pool's agents.

A pool comes into being when an agent is installed and registers itself, never through this API, so a new org has
none (the recorded org lists ``[]``). What the API does to pools the twin does to the pools in its state: list them
by ``poolType``, and keep each pool's update jobs and update settings.

Recorded answers this follows (okta-sdk-python's cassettes of a real org): listing the updates of a pool nobody
knows is ``200 []``; reading its settings is 404 naming the pool as an ``AppInstance``; creating an update without
``name``, ``agentType`` and ``agentList`` is E0000001 for those fields before the pool is even looked up.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/AgentPools/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, arguments, behaviour
from . import _store
from ._errors import okta_error

POOLS = _store.Kind("agent_pools", "AppInstance", "/api/v1/agentPools/{id}", status=None, lifecycle=())
UPDATES = _store.Kind(
    "agent_pool_updates",
    "AgentPoolUpdate",
    "/api/v1/agentPools/{poolId}/updates/{id}",
    status=None,
    scope=("poolId",),
    id_param="updateId",
    lifecycle=(),
    stamp_created=False,
)
SETTINGS = "agent_pool_update_settings"

_REQUIRED = ("name", "agentType", "agentList")
# each action's new job status, and the statuses it may start from (Okta: "Pauses running or queued", "Resumes
# running or queued", "Retries", "Stops", "Activates/Deactivates scheduled" updates)
_ACTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "activate": ("Scheduled", ("Cancelled", "Scheduled")),
    "deactivate": ("Cancelled", ("Scheduled", "Cancelled")),
    "pause": ("Paused", ("InProgress", "Scheduled", "Paused")),
    "resume": ("InProgress", ("Paused", "InProgress")),
    "retry": ("InProgress", ("Failed", "Cancelled", "InProgress")),
    "stop": ("Cancelled", ("InProgress", "Paused", "Scheduled", "Cancelled")),
}


def pool(ctx: Context) -> dict[str, Any]:
    return _store.find(ctx, POOLS, str(ctx.params.get("poolId") or ""))


@behaviour("listAgentPools")
def list_agent_pools(ctx: Context) -> Response:
    wanted = str(ctx.params.get("poolType") or "")
    per_type = arguments.integer(
        ctx.params,
        "limitPerPoolType",
        200,
        lambda v: okta_error(
            "E0000001", "Api validation failed: limitPerPoolType", causes=["limitPerPoolType: must be a number"]
        ),
    )
    return _store.listed(
        ctx,
        POOLS,
        keep=lambda p: not wanted or str(p.get("type", "")).upper() == wanted.upper(),
        default_limit=max(per_type, 1),
    )


@behaviour("listAgentPoolsUpdates")
def list_updates(ctx: Context) -> Response:
    # an unknown pool has no updates: Okta answers 200 [] (recorded), not 404
    scheduled = ctx.params.get("scheduled")
    want = None if scheduled in (None, "") else str(scheduled).lower() == "true"
    return _store.listed(ctx, UPDATES, keep=lambda u: want is None or _scheduled(u) == want)


def _scheduled(update: dict[str, Any]) -> bool:
    return (update.get("schedule") or {}).get("cron") is not None


@behaviour("createAgentPoolsUpdate")
def create_update(ctx: Context) -> Any:
    given = _store.body_object(ctx)
    missing = [name for name in _REQUIRED if name not in given or given[name] in (None, "", [])]
    # the recorded answer names agentList, which the request model calls agents
    if "agentList" in missing and given.get("agents"):
        missing.remove("agentList")
    if missing:
        raise okta_error(
            "E0000001",
            f"Api validation failed: {missing[0]}",
            causes=[f"errors in the field: {name}" for name in missing],
        )
    found = pool(ctx)
    given.pop("agentList", None)
    given.setdefault("agents", [a for a in found.get("agents") or []])
    given.setdefault("enabled", True)
    given.setdefault("notifyAdmin", False)
    status = "Scheduled" if (given.get("schedule") or {}).get("cron") else "InProgress"
    record = _store.insert(ctx, UPDATES, given, status=status)
    return Response(201, _store.render(ctx, UPDATES, record))


@behaviour("getAgentPoolsUpdateInstance")
def get_update(ctx: Context) -> Any:
    pool(ctx)
    return _store.render(ctx, UPDATES, _store.find(ctx, UPDATES))


@behaviour("updateAgentPoolsUpdate")
def update_update(ctx: Context) -> Any:
    pool(ctx)
    record = _store.find(ctx, UPDATES)
    given = {k: v for k, v in _store.body_object(ctx).items() if k not in ("id", "status", "_links", "agentList")}
    record.update(given)
    _store.save(ctx, UPDATES, record)
    _store.log(ctx, UPDATES, "update", record)
    return Response(201, _store.render(ctx, UPDATES, record))


@behaviour("deleteAgentPoolsUpdate")
def delete_update(ctx: Context) -> Response:
    pool(ctx)
    record = _store.find(ctx, UPDATES)
    _store.collection(ctx, UPDATES).delete(f"{record['_scope']['poolId']}/{record['id']}")
    return Response(204, None)


def _act(ctx: Context, name: str) -> Any:
    status, allowed = _ACTIONS[name]
    pool(ctx)
    record = _store.find(ctx, UPDATES)
    if record.get("status") not in allowed:
        raise okta_error(
            "E0000001",
            "Api validation failed: status",
            causes=[f"status: The update is {record.get('status')}; it cannot {name}."],
        )
    record["status"] = status
    _store.save(ctx, UPDATES, record)
    return _store.render(ctx, UPDATES, record)


@behaviour("activateAgentPoolsUpdate")
def activate_update(ctx: Context) -> Any:
    return _act(ctx, "activate")


@behaviour("deactivateAgentPoolsUpdate")
def deactivate_update(ctx: Context) -> Any:
    return _act(ctx, "deactivate")


@behaviour("pauseAgentPoolsUpdate")
def pause_update(ctx: Context) -> Any:
    return _act(ctx, "pause")


@behaviour("resumeAgentPoolsUpdate")
def resume_update(ctx: Context) -> Any:
    return _act(ctx, "resume")


@behaviour("retryAgentPoolsUpdate")
def retry_update(ctx: Context) -> Any:
    return _act(ctx, "retry")


@behaviour("stopAgentPoolsUpdate")
def stop_update(ctx: Context) -> Any:
    return _act(ctx, "stop")


@behaviour("getAgentPoolsUpdateSettings")
def get_settings(ctx: Context) -> Any:
    return _settings_of(ctx, pool(ctx))


@behaviour("updateAgentPoolsUpdateSettings")
def update_settings(ctx: Context) -> Any:
    found = pool(ctx)
    given = _store.body_object(ctx)
    current = _settings_of(ctx, found)
    for name in ("continueOnError", "releaseChannel"):
        if name in given:
            current[name] = given[name]
    ctx.state.collection(SETTINGS).put(found["id"], current)
    return Response(201, current)


def _settings_of(ctx: Context, found: dict[str, Any]) -> dict[str, Any]:
    kept = ctx.state.collection(SETTINGS).get(found["id"])
    if kept is not None:
        return kept
    # Okta's defaults for a pool nobody configured: the GA channel, stop on the first failure
    versions = [str(a.get("version")) for a in found.get("agents") or [] if a.get("version")]
    return {
        "agentType": found.get("type"),
        "continueOnError": False,
        "latestVersion": max(versions, default=None),
        "minimalSupportedVersion": min(versions, default=None),
        "poolId": found["id"],
        "poolName": found.get("name"),
        "releaseChannel": "GA",
    }
