"""A new org's ``default`` custom authorization server: audience ``api://default``, a signing key, the system
scopes and claims, and a default policy and rule. Source:
https://developer.okta.com/docs/concepts/auth-servers/#default-custom-authorization-server
"""

from __future__ import annotations

from ..runtime import SeedContext
from ..runtime.clock import iso8601
from ._authz_defaults import default_policy, system_objects
from ._authz_keys import new_key

SERVERS = "authz_servers"
ROTATION_SECONDS = 90 * 86400


def seed(ctx: SeedContext) -> None:
    now = iso8601(ctx.now())
    key = new_key(ctx.tenant, "default", 0)
    ctx.state.collection(SERVERS).put(
        "default",
        {
            "id": "default",
            "name": "default",
            "description": "Default Authorization Server",
            "audiences": ["api://default"],
            "issuerMode": "DYNAMIC",
            "status": "ACTIVE",
            "created": now,
            "lastUpdated": now,
            "credentials": {
                "signing": {
                    "kid": key["kid"],
                    "rotationMode": "AUTO",
                    "lastRotated": now,
                    "nextRotation": iso8601(ctx.now() + ROTATION_SECONDS),
                }
            },
            "default": True,
            "_keys": [key],
            "_trusted": [],
        },
    )
    system_objects(ctx, "default")
    default_policy(ctx, "default", now)
