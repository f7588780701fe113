"""Device posture checks: custom osquery checks that device assurance policies can require (macOS, Windows).

What Okta documents (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/DevicePostureCheck/;
create is GA): a check needs ``name``, ``platform`` (MACOS, WINDOWS), ``query``, ``variableName`` (unique in the org)
and ``mappingType`` (CHECKBOX, TEXTBOX); it answers ``id`` (``dch``), ``type`` CUSTOM, ``createdBy`` /
``lastUpdatedBy`` (the admin), ``createdDate`` / ``lastUpdate`` and ``_links.self`` with its allowed methods.
``/default`` lists Okta's BUILTIN checks: the twin's org has none recorded, so it lists none (a known gap). The
developer org the SDK's suite was recorded on lacked the feature (401 E0000015); the reference makes it GA.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _log, _store
from ._errors import validation_failed
from ._links import href

CHECKS = "device_posture_checks"
TITLE = "DevicePostureCheck"
_ENUMS = {"platform": ("MACOS", "WINDOWS"), "mappingType": ("CHECKBOX", "TEXTBOX")}
_FIELDS = ("name", "description", "platform", "query", "variableName", "mappingType", "remediationSettings")


def _view(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/device-posture-checks/{record['id']}"
    return {**record, "_links": {"self": {"href": href(ctx, path), "hints": {"allow": ["DELETE", "GET", "PUT"]}}}}


def _admin(ctx: Context) -> str | None:
    user = ctx.identity.get("user_id")
    return str(user) if user else None


def _find(ctx: Context) -> dict[str, Any]:
    return _store.stored(ctx, CHECKS, "postureCheckId", TITLE)


def _valid(ctx: Context, body: dict[str, Any], own_id: str = "") -> dict[str, Any]:
    for field in ("name", "query", "variableName"):
        if not isinstance(body.get(field), str) or not body[field].strip():
            raise validation_failed(field, "The field cannot be left blank")
    for field, allowed in _ENUMS.items():
        if body.get(field) not in allowed:
            raise validation_failed(field, f"The field must be one of {', '.join(allowed)}")
    if any(
        r["variableName"] == body["variableName"] and r["id"] != own_id for r in ctx.state.collection(CHECKS).values()
    ):
        raise validation_failed("variableName", "A device posture check with this variable name already exists")
    return {k: body.get(k) for k in _FIELDS if k in body}


@behaviour("listDevicePostureChecks")
def list_(ctx: Context) -> Any:
    return [_view(ctx, r) for r in ctx.state.collection(CHECKS).values()]


@behaviour("listDefaultDevicePostureChecks")
def list_defaults(ctx: Context) -> Any:
    return []


@behaviour("createDevicePostureCheck")
def create(ctx: Context) -> Any:
    given = _valid(ctx, _store.body_object(ctx))
    now = iso8601(ctx.now())
    admin = _admin(ctx)
    record = {
        "id": _store.new_id(ctx, "dch"),
        **given,
        "type": "CUSTOM",
        "createdBy": admin,
        "createdDate": now,
        "lastUpdate": now,
        "lastUpdatedBy": admin,
    }
    ctx.state.collection(CHECKS).put(record["id"], record)
    _log.record(ctx, "device.posture_check.create", [_log.target("DevicePostureCheck", record["id"], record["name"])])
    return _view(ctx, record)


@behaviour("getDevicePostureCheck")
def get(ctx: Context) -> Any:
    return _view(ctx, _find(ctx))


@behaviour("replaceDevicePostureCheck")
def replace(ctx: Context) -> Any:
    record = _find(ctx)
    given = _valid(ctx, _store.body_object(ctx), record["id"])
    kept = {k: record[k] for k in ("id", "type", "createdBy", "createdDate")}
    record = {**kept, **given, "lastUpdate": iso8601(ctx.now()), "lastUpdatedBy": _admin(ctx)}
    ctx.state.collection(CHECKS).put(record["id"], record)
    _log.record(ctx, "device.posture_check.update", [_log.target("DevicePostureCheck", record["id"], record["name"])])
    return _view(ctx, record)


@behaviour("deleteDevicePostureCheck")
def delete(ctx: Context) -> Response:
    record = _find(ctx)
    ctx.state.collection(CHECKS).delete(record["id"])
    _log.record(ctx, "device.posture_check.delete", [_log.target("DevicePostureCheck", record["id"], record["name"])])
    return Response(204, None)
