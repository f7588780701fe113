"""A new org's network zones, all ``system``: LegacyIpZone (the IP zone policies refer to, empty until an admin
adds gateways), BlockedIpZone (the IP blocklist) and DefaultEnhancedDynamicZone (blocks anonymizing proxies),
as ``GET /api/v1/zones`` lists them on a fresh org.
Sources: the recorded org's list, and https://developer.okta.com/docs/guides/network-zones/ (default zones)
"""

from __future__ import annotations

import hashlib

from ..runtime import SeedContext
from ..runtime.clock import iso8601
from .network_zones import ZONES


def zone_id(tenant: str, name: str) -> str:
    return "nzo" + hashlib.sha256(f"okta/{tenant}/zone/{name}".encode()).hexdigest()[:17]


def seed(ctx: SeedContext) -> None:
    now = iso8601(ctx.now())
    zones = ctx.state.collection(ZONES.collection)
    defaults = (
        ("BlockedIpZone", "IP", "BLOCKLIST", {"gateways": None, "proxies": None}),
        ("LegacyIpZone", "IP", "POLICY", {"gateways": None, "proxies": None}),
        # only what it blocks: empty ``asns``/``locations`` lists are left out (okta-sdk-python 3.4.6 models their
        # ``include`` as an object and could not read a new org's zone list otherwise)
        (
            "DefaultEnhancedDynamicZone",
            "DYNAMIC_V2",
            "BLOCKLIST",
            {"ipServiceCategories": {"include": ["ALL_ANONYMIZERS"]}},
        ),
    )
    for name, kind, usage, extra in defaults:
        id_ = zone_id(ctx.tenant, name)
        zones.put(
            id_,
            {
                "type": kind,
                "id": id_,
                "name": name,
                "status": "ACTIVE",
                "usage": usage,
                "created": now,
                "lastUpdated": now,
                "system": True,
                **extra,
            },
        )
