"""Network zones: named sets of IP addresses (IP), of locations, ASNs and proxy types (DYNAMIC), or of those and IP
service categories (DYNAMIC_V2), which policies use to allow or block sign-ins.

What Okta does beyond the common rules (recorded answers of okta-sdk-python's cassettes, and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/NetworkZone/):
- ``type`` is the discriminator the SDK parses by and cannot change on replace; ids start ``nzo``; create answers
  200 with ``usage`` POLICY unless BLOCKLIST is asked, ``system`` false;
- an IP zone needs ``gateways`` or ``proxies`` (CIDR or RANGE values, checked); a dynamic zone at least one of
  ``asns``, ``locations``, ``proxyType`` (DYNAMIC) or ``ipServiceCategories`` (DYNAMIC_V2);
- ``_links.self`` allows GET, PUT, DELETE, with ``activate`` or ``deactivate``; on an Identity Engine org an
  ACTIVE zone cannot be deleted (403 E0000006), nor can a system zone; an unknown id is 404 ``(Zone)``;
- ``filter`` on ``id``, ``usage`` and ``system`` (eq, or/and).
A new org has its system zones (``_seed_network_zones.py``).
"""

from __future__ import annotations

import ipaddress
from typing import Any

from ..runtime import Context, Response, behaviour
from . import _log, _search, _store
from ._errors import okta_error, validation_failed
from ._links import link

ZONES = _store.Kind("network_zones", "Zone", "/api/v1/zones/{id}", prefix="nzo", id_param="zoneId")
TYPES = ("IP", "DYNAMIC", "DYNAMIC_V2")
_READ_ONLY = ("id", "created", "lastUpdated", "system", "_links")


def _logged(ctx: Context, verb: str, record: dict[str, Any]) -> None:
    # Okta's zone event types are zone.create, zone.update, zone.delete, zone.activate, zone.deactivate
    _log.record(ctx, f"zone.{verb}", [_log.target("Zone", record["id"], record.get("name", ""))])


def render(ctx: Context, _kind: _store.Kind, record: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    path = f"/api/v1/zones/{record['id']}"
    action = "deactivate" if record.get("status") == "ACTIVE" else "activate"
    self_link = link(ctx, path, "GET", "PUT", "DELETE")
    lifecycle = link(ctx, f"{path}/lifecycle/{action}", "POST")
    shown["_links"] = (
        {"self": self_link, action: lifecycle} if action == "deactivate" else {action: lifecycle, "self": self_link}
    )
    return shown


def _addresses(field: str, values: Any) -> list[dict[str, Any]] | None:
    if values is None:
        return None
    if not isinstance(values, list):
        raise validation_failed(field, "The field must be a list of addresses.")
    for entry in values:
        kind, value = (entry.get("type"), str(entry.get("value") or "")) if isinstance(entry, dict) else (None, "")
        try:
            if kind == "CIDR":
                ipaddress.ip_network(value, strict=False)
            elif kind == "RANGE":
                low_text, _, high_text = value.partition("-")
                low = ipaddress.ip_address(low_text.strip())
                high = ipaddress.ip_address((high_text or low_text).strip())
                if low.version != high.version or int(low) > int(high):
                    raise ValueError(value)
            else:
                raise ValueError(value)
        except ValueError:
            raise validation_failed(field, f"'{value}' is not a valid {kind or 'CIDR or RANGE'} address.") from None
    return values


def _checked(body: dict[str, Any], *, replacing: dict[str, Any] | None = None) -> dict[str, Any]:
    given = {k: v for k, v in body.items() if k not in _READ_ONLY}
    kind = given.get("type")
    if kind not in TYPES:
        raise validation_failed("type", "The type must be IP, DYNAMIC or DYNAMIC_V2.")
    if replacing is not None and kind != replacing.get("type"):
        raise validation_failed("type", "The type of a network zone cannot be changed.")
    if not isinstance(given.get("name"), str) or not given["name"].strip():
        raise validation_failed("name", "The field cannot be left blank.")
    if given.setdefault("usage", "POLICY") not in ("POLICY", "BLOCKLIST"):
        raise validation_failed("usage", "The usage must be POLICY or BLOCKLIST.")
    if kind == "IP":
        given["gateways"] = _addresses("gateways", given.get("gateways"))
        given["proxies"] = _addresses("proxies", given.get("proxies"))
        if not given["gateways"] and not given["proxies"] and not (replacing or {}).get("system"):
            raise validation_failed("gateways", "An IP zone needs gateways or proxies.")
    else:
        needed = (
            ("asns", "locations", "proxyType") if kind == "DYNAMIC" else ("asns", "locations", "ipServiceCategories")
        )
        if not any(given.get(name) for name in needed) and not (replacing or {}).get("system"):
            raise validation_failed("asns", f"A {kind} zone needs at least one of {', '.join(needed)}.")
    return given


def _ordered(record: dict[str, Any]) -> dict[str, Any]:
    first = ("type", "id", "name", "status", "usage", "created", "lastUpdated", "system")
    return {**{k: record[k] for k in first if k in record}, **record}


@behaviour("createNetworkZone")
def create(ctx: Context) -> Any:
    body = _store.body_object(ctx)
    status = body.get("status") if body.get("status") in ("ACTIVE", "INACTIVE") else "ACTIVE"
    record = _store.insert(ctx, ZONES, {**_checked(body), "system": False}, status=status)
    record = _ordered(record)
    _store.save(ctx, ZONES, record, touched=False)
    _logged(ctx, "create", record)
    return render(ctx, ZONES, record)


@behaviour("getNetworkZone")
def get(ctx: Context) -> Any:
    return render(ctx, ZONES, _store.find(ctx, ZONES))


@behaviour("listNetworkZones")
def list_(ctx: Context) -> Response:
    text = str(ctx.params.get("filter") or "")
    try:
        keep = (
            _search.parse(
                text,
                fields=lambda p: p in ("id", "usage", "system"),
                operators=lambda p, op: op == "eq",
                ignore_case=False,
            )
            if text
            else (lambda r: True)
        )
    except _search.SearchError as error:
        raise _search.invalid(error) from None
    return _store.listed(ctx, ZONES, keep=keep, default_limit=1000, render_with=render)


@behaviour("replaceNetworkZone")
def replace(ctx: Context) -> Any:
    record = _store.find(ctx, ZONES)
    given = _checked(_store.body_object(ctx), replacing=record)
    given.pop("status", None)
    kept: dict[str, Any] = {k: record[k] for k in ("id", "status", "created", "system") if k in record}
    updated = _ordered({**kept, **given})
    _store.save(ctx, ZONES, updated)
    _logged(ctx, "update", updated)
    return render(ctx, ZONES, updated)


@behaviour("deleteNetworkZone")
def delete(ctx: Context) -> Response:
    record = _store.find(ctx, ZONES)
    if record.get("system") or record.get("status") == "ACTIVE":
        why = "A system zone cannot be deleted." if record.get("system") else "Deactivate the zone first."
        raise okta_error("E0000006", "You do not have permission to perform the requested action", causes=[why])
    _store.collection(ctx, ZONES).delete(record["id"])
    _logged(ctx, "delete", record)
    return Response(204, None)


@behaviour("activateNetworkZone")
def activate(ctx: Context) -> Any:
    record = _store.set_status(ctx, ZONES, _store.find(ctx, ZONES), "ACTIVE", "activate")
    _logged(ctx, "activate", record)
    return render(ctx, ZONES, record)


@behaviour("deactivateNetworkZone")
def deactivate(ctx: Context) -> Any:
    record = _store.set_status(ctx, ZONES, _store.find(ctx, ZONES), "INACTIVE", "deactivate")
    _logged(ctx, "deactivate", record)
    return render(ctx, ZONES, record)
