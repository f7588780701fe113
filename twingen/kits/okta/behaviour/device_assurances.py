"""Device assurance policies: the conditions a device must meet (OS version, disk encryption, screen lock, secure
hardware, no jailbreak...) for authentication policies that require an assured device; ``platform`` is the
discriminator the SDK parses by.

What Okta does (recorded answers of okta-sdk-python's cassettes, and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/DeviceAssurance/):
- ids start ``dae``; an answer is the policy as sent (``name``, ``platform``, ``id``, then its conditions), with
  ``createdDate``/``createdBy``/``lastUpdate``/``lastUpdatedBy`` (a replace answers without the created pair),
  ``resourceType`` "DeviceAssurancePolicyEntity", ``resourceDisplayName``, ``resourceId`` and ``_links.self``
  allowing GET, PUT, DELETE; create answers 200;
- a policy with no condition is E0000001 "Api validation failed: deviceAssuranceMediated" ("Please select at least
  one device condition before saving");
- an unknown id is 404 ``(DeviceAssuranceRuleManagerImpl)`` when read, ``(DeviceAssuranceEntity)`` when deleted.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _log, _store
from ._errors import okta_error, validation_failed
from ._links import link

COLLECTION = "device_assurances"
PLATFORMS = ("ANDROID", "CHROMEOS", "IOS", "MACOS", "WINDOWS")
CONDITIONS = (
    "osVersion",
    "osVersionConstraints",
    "jailbreak",
    "diskEncryptionType",
    "screenLockType",
    "secureHardwarePresent",
    "thirdPartySignalProviders",
    "devicePostureChecks",
    "gracePeriod",
)
_READ_ONLY = (
    "id",
    "createdDate",
    "createdBy",
    "lastUpdate",
    "lastUpdatedBy",
    "resourceType",
    "resourceDisplayName",
    "resourceId",
    "_links",
)


def _view(ctx: Context, record: dict[str, Any], *, created: bool = True) -> dict[str, Any]:
    shown = {
        k: v for k, v in record.items() if not k.startswith("_") and (created or k not in ("createdDate", "createdBy"))
    }
    shown.update(
        {
            "resourceType": "DeviceAssurancePolicyEntity",
            "resourceDisplayName": {"value": record["name"], "sensitive": False},
            "resourceId": record["id"],
            "_links": {
                "self": {
                    **link(ctx, f"/api/v1/device-assurances/{record['id']}"),
                    "hints": {"allow": ["GET", "PUT", "DELETE"]},
                }
            },
        }
    )
    return shown


def _find(ctx: Context, title: str) -> dict[str, Any]:
    return _store.stored(ctx, COLLECTION, "deviceAssuranceId", title)


def _checked(body: dict[str, Any], old: dict[str, Any] | None = None) -> dict[str, Any]:
    given = {k: v for k, v in body.items() if k not in _READ_ONLY}
    if not isinstance(given.get("name"), str) or not given["name"].strip():
        raise validation_failed("name", "The field cannot be left blank.")
    if given.get("platform") not in PLATFORMS or (old is not None and given["platform"] != old["platform"]):
        raise validation_failed(
            "platform", "The platform must be one of " + ", ".join(PLATFORMS) + " and cannot change."
        )
    if not any(given.get(name) is not None for name in CONDITIONS):
        raise okta_error(
            "E0000001",
            "Api validation failed: deviceAssuranceMediated",
            causes=["Please select at least one device condition before saving"],
        )
    return given


def _ordered(id_: str, given: dict[str, Any], stamps: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": given["name"],
        "platform": given["platform"],
        "id": id_,
        **{k: v for k, v in given.items() if k not in ("name", "platform")},
        **stamps,
    }


@behaviour("createDeviceAssurancePolicy")
def create(ctx: Context) -> Any:
    given = _checked(_store.body_object(ctx))
    now, who = iso8601(ctx.now()), str(ctx.identity.get("user_id") or "")
    record = _ordered(
        _store.new_id(ctx, "dae"),
        given,
        {"createdDate": now, "createdBy": who, "lastUpdate": now, "lastUpdatedBy": who},
    )
    ctx.state.collection(COLLECTION).put(record["id"], record)
    _log.record(ctx, "device.assurance.policy.add", [_log.target("DeviceAssurance", record["id"], record["name"])])
    return _view(ctx, record)


@behaviour("getDeviceAssurancePolicy")
def get(ctx: Context) -> Any:
    return _view(ctx, _find(ctx, "DeviceAssuranceRuleManagerImpl"))


@behaviour("listDeviceAssurancePolicies")
def list_(ctx: Context) -> Any:
    return [_view(ctx, r) for r in ctx.state.collection(COLLECTION).values()]


@behaviour("replaceDeviceAssurancePolicy")
def replace(ctx: Context) -> Any:
    old = _find(ctx, "DeviceAssuranceRuleManagerImpl")
    given = _checked(_store.body_object(ctx), old)
    stamps = {
        "createdDate": old["createdDate"],
        "createdBy": old["createdBy"],
        "lastUpdate": iso8601(ctx.now()),
        "lastUpdatedBy": str(ctx.identity.get("user_id") or ""),
    }
    record = _ordered(old["id"], given, stamps)
    ctx.state.collection(COLLECTION).put(record["id"], record)
    _log.record(ctx, "device.assurance.policy.update", [_log.target("DeviceAssurance", record["id"], record["name"])])
    return _view(ctx, record, created=False)


@behaviour("deleteDeviceAssurancePolicy")
def delete(ctx: Context) -> Response:
    record = _find(ctx, "DeviceAssuranceEntity")
    ctx.state.collection(COLLECTION).delete(record["id"])
    _log.record(ctx, "device.assurance.policy.delete", [_log.target("DeviceAssurance", record["id"], record["name"])])
    return Response(204, None)
