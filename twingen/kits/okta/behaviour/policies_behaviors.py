"""Behavior detection rules (``/api/v1/behaviors``), which sign-on policies use to spot unusual sign-ins: a new
org has Okta's defaults (new country, state, city, device, IP, and velocity); a created or replaced rule is ACTIVE
whatever status it was sent with (recorded); lifecycle calls answer the rule; an unknown id is Okta's 404 naming
``BehaviorSettings``. Okta writes these timestamps as ``YYYY-MM-DD HH:MM:SS.0`` (recorded), not ISO 8601.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Behavior/
"""

from __future__ import annotations

import datetime
from typing import Any

from ..runtime import Context, Response, SeedContext, behaviour
from . import _log, _store
from ._errors import not_found, validation_failed
from ._links import link

COLLECTION = "behaviors"
TYPES = ("ANOMALOUS_LOCATION", "ANOMALOUS_DEVICE", "ANOMALOUS_IP", "VELOCITY", "ANOMALOUS_ASN")
DEFAULTS = (
    (
        "New Country",
        "ANOMALOUS_LOCATION",
        {"minEventsNeededForEvaluation": 0, "maxEventsUsedForEvaluation": 20, "granularity": "COUNTRY"},
    ),
    (
        "New State",
        "ANOMALOUS_LOCATION",
        {"minEventsNeededForEvaluation": 0, "maxEventsUsedForEvaluation": 20, "granularity": "SUBDIVISION"},
    ),
    (
        "New City",
        "ANOMALOUS_LOCATION",
        {"minEventsNeededForEvaluation": 0, "maxEventsUsedForEvaluation": 20, "granularity": "CITY"},
    ),
    ("New Device", "ANOMALOUS_DEVICE", {"minEventsNeededForEvaluation": 0, "maxEventsUsedForEvaluation": 20}),
    ("New IP", "ANOMALOUS_IP", {"minEventsNeededForEvaluation": 0, "maxEventsUsedForEvaluation": 50}),
    ("Velocity", "VELOCITY", {"velocityKph": 805}),
)


def stamp(seconds: float) -> str:
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.0")


def seed(ctx: SeedContext) -> None:
    now = stamp(ctx.now())
    suffix = "" if ctx.tenant == "default" else ctx.tenant
    for number, (name, kind, settings) in enumerate(DEFAULTS):
        id_ = (f"bhvTwinDefault{number}{suffix}" + "0" * 20)[:20]
        ctx.state.collection(COLLECTION).put(
            id_,
            {
                "id": id_,
                "name": name,
                "status": "ACTIVE",
                "settings": settings,
                "type": kind,
                "created": now,
                "lastUpdated": now,
            },
        )


def _render(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/behaviors/{record['id']}"
    action = "deactivate" if record["status"] == "ACTIVE" else "activate"
    return {
        **record,
        "_links": {
            "self": link(ctx, path, "GET", "PUT", "DELETE"),
            action: link(ctx, f"{path}/lifecycle/{action}", "POST"),
        },
    }


def _find(ctx: Context) -> dict[str, Any]:
    id_ = str(ctx.params.get("behaviorId") or "")
    found = ctx.state.collection(COLLECTION).get(id_)
    if found is None:
        raise not_found(id_, "BehaviorSettings")
    return found


def _fields(ctx: Context, body: dict[str, Any], own_id: str = "") -> dict[str, Any]:
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise validation_failed("name", "The field cannot be left blank")
    if any(r["name"] == name and r["id"] != own_id for r in ctx.state.collection(COLLECTION).values()):
        raise validation_failed("name", "A behavior with this name already exists.")
    if body.get("type") not in TYPES:
        raise validation_failed("type", f"Invalid value '{body.get('type')}'")
    settings = body.get("settings") or {}
    if not isinstance(settings, dict):
        raise validation_failed("settings", "Invalid value")
    return {"name": name, "settings": settings, "type": body["type"]}


@behaviour("listBehaviorDetectionRules")
def list_behavior_detection_rules(ctx: Context) -> Any:
    return [_render(ctx, r) for r in ctx.state.collection(COLLECTION).values()]


@behaviour("createBehaviorDetectionRule")
def create_behavior_detection_rule(ctx: Context) -> Any:
    fields = _fields(ctx, _store.body_object(ctx))
    now = stamp(ctx.now())
    record = {
        "id": _store.new_id(ctx, "bhv"),
        "name": fields["name"],
        "status": "ACTIVE",
        "settings": fields["settings"],
        "type": fields["type"],
        "created": now,
        "lastUpdated": now,
    }
    ctx.state.collection(COLLECTION).put(record["id"], record)
    _log.record(ctx, "security.behavior.create", [_log.target("Behavior", record["id"], record["name"])])
    return _render(ctx, record)


@behaviour("getBehaviorDetectionRule")
def get_behavior_detection_rule(ctx: Context) -> Any:
    return _render(ctx, _find(ctx))


@behaviour("replaceBehaviorDetectionRule")
def replace_behavior_detection_rule(ctx: Context) -> Any:
    record = _find(ctx)
    fields = _fields(ctx, _store.body_object(ctx), record["id"])
    if fields["type"] != record["type"]:
        raise validation_failed("type", "The type of a behavior cannot be changed.")
    record.update(name=fields["name"], settings=fields["settings"], lastUpdated=stamp(ctx.now()))
    ctx.state.collection(COLLECTION).put(record["id"], record)
    _log.record(ctx, "security.behavior.update", [_log.target("Behavior", record["id"], record["name"])])
    return _render(ctx, record)


@behaviour("deleteBehaviorDetectionRule")
def delete_behavior_detection_rule(ctx: Context) -> Any:
    record = _find(ctx)
    ctx.state.collection(COLLECTION).delete(record["id"])
    _log.record(ctx, "security.behavior.delete", [_log.target("Behavior", record["id"], record["name"])])
    return Response(204, None)


def _lifecycle(status: str) -> Any:
    def change(ctx: Context) -> Any:
        record = _find(ctx)
        record.update(status=status, lastUpdated=stamp(ctx.now()))
        ctx.state.collection(COLLECTION).put(record["id"], record)
        return _render(ctx, record)

    return change


# the registry reads module globals: each behaviour made by a factory is bound to a name
activate_behavior = behaviour("activateBehaviorDetectionRule")(_lifecycle("ACTIVE"))
deactivate_behavior = behaviour("deactivateBehaviorDetectionRule")(_lifecycle("INACTIVE"))
