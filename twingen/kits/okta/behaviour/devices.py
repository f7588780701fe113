"""Devices: the phones and computers Okta Verify registered for the org's users, with their lifecycle (ACTIVE,
SUSPENDED, DEACTIVATED) and the users each belongs to.

A device comes into being when Okta Verify enrolls it, never through this API, so a new org has none; what the
API does to devices the twin does to those in its state (collection ``devices``; user links in ``device_users``
keyed ``deviceId/userId``).
What Okta does (recorded answers of okta-sdk-python's cassettes, and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Device/):
- lifecycle calls answer 204 with no body; activate takes a DEACTIVATED device to ACTIVE, deactivate an ACTIVE or
  SUSPENDED one to DEACTIVATED, suspend ACTIVE to SUSPENDED, unsuspend SUSPENDED to ACTIVE; only a DEACTIVATED
  device can be deleted;
- an unknown id is 404 ``(Device)``, and for its users ``(GenericUDObject)``;
- ``search`` takes Okta's expression language on ``id``, ``status``, ``lastUpdated`` and ``profile.*``.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _search, _store
from ._errors import not_found, okta_error

DEVICES = _store.Kind(
    "devices", "Device", "/api/v1/devices/{id}", prefix="guo", id_param="deviceId", event="device", lifecycle=()
)
LINKS = "device_users"
# action: (allowed from, goes to)
_MOVES = {
    "activate": (("DEACTIVATED",), "ACTIVE"),
    "deactivate": (("ACTIVE", "SUSPENDED"), "DEACTIVATED"),
    "suspend": (("ACTIVE",), "SUSPENDED"),
    "unsuspend": (("SUSPENDED",), "ACTIVE"),
}


def _fields(path: str) -> bool:
    return path in ("id", "status", "created", "lastUpdated") or path.startswith("profile.")


@behaviour("listDevices")
def list_(ctx: Context) -> Response:
    text = str(ctx.params.get("search") or "")
    try:
        keep = _search.parse(text, fields=_fields) if text else (lambda r: True)
    except _search.SearchError as error:
        raise _search.invalid(error) from None
    return _store.listed(ctx, DEVICES, keep=keep, default_limit=200)


@behaviour("getDevice")
def get(ctx: Context) -> Any:
    return _store.render(ctx, DEVICES, _store.find(ctx, DEVICES))


@behaviour("listDeviceUsers")
def users(ctx: Context) -> Any:
    device_id = str(ctx.params.get("deviceId") or "")
    if _store.collection(ctx, DEVICES).get(device_id) is None:
        raise not_found(device_id, "GenericUDObject")
    found = []
    for key, link in ctx.state.collection(LINKS).scan():
        if key.startswith(device_id + "/"):
            user = ctx.state.collection("users").get(link["userId"])
            if user is not None:
                shown = {k: v for k, v in link.items() if k != "userId"}
                found.append({**shown, "user": {k: v for k, v in user.items() if not k.startswith("_")}})
    return found


@behaviour("listUserDevices")
def user_devices(ctx: Context) -> Any:
    user_id = str(ctx.params.get("userId") or "")
    if ctx.state.collection("users").get(user_id) is None:
        raise not_found(user_id, "User")
    found = []
    for key, link in ctx.state.collection(LINKS).scan():
        if key.endswith("/" + user_id):
            device = _store.collection(ctx, DEVICES).get(key.split("/", 1)[0])
            if device is not None:
                shown = {k: v for k, v in link.items() if k != "userId"}
                found.append({**shown, "device": _store.render(ctx, DEVICES, device)})
    return found


def _move(ctx: Context, action: str) -> Response:
    record = _store.find(ctx, DEVICES)
    allowed, status = _MOVES[action]
    if record.get("status") not in allowed:
        raise okta_error(
            "E0000001",
            "Api validation failed: status",
            causes=[f"status: A {record.get('status')} device cannot be {action}d."],
        )
    _store.set_status(ctx, DEVICES, record, status, action)
    return Response(204, None)


@behaviour("activateDevice")
def activate(ctx: Context) -> Response:
    return _move(ctx, "activate")


@behaviour("deactivateDevice")
def deactivate(ctx: Context) -> Response:
    return _move(ctx, "deactivate")


@behaviour("suspendDevice")
def suspend(ctx: Context) -> Response:
    return _move(ctx, "suspend")


@behaviour("unsuspendDevice")
def unsuspend(ctx: Context) -> Response:
    return _move(ctx, "unsuspend")


@behaviour("deleteDevice")
def delete(ctx: Context) -> Response:
    record = _store.find(ctx, DEVICES)
    if record.get("status") != "DEACTIVATED":
        raise okta_error(
            "E0000001", "Api validation failed: status", causes=["status: Only a DEACTIVATED device can be deleted."]
        )
    _store.collection(ctx, DEVICES).delete(record["id"])
    links = ctx.state.collection(LINKS)
    for key in [k for k in links if k.startswith(record["id"] + "/")]:
        links.delete(key)
    _store.log(ctx, DEVICES, "delete", record)
    return Response(204, None)
