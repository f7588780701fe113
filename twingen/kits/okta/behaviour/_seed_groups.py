"""A new org's one group: Everyone (type BUILT_IN), which every user of the org belongs to.

Its id is kept in collection ``org`` record ``everyone`` so the users area adds each new user to it.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Group/ (group types) and the
recorded answers (Everyone's profile: "Everyone", "All users in your organization").
"""

from __future__ import annotations

from ..runtime import SeedContext
from ..runtime.clock import iso8601


def seed(ctx: SeedContext) -> None:
    now = iso8601(ctx.now())
    suffix = "" if ctx.tenant == "default" else ctx.tenant
    # a fixed id per tenant, like the org's own, so a reset org keeps the same Everyone
    group_id = ("00geveryone" + suffix + "000000000")[:20]
    ctx.state.collection("groups").put(
        group_id,
        {
            "id": group_id,
            "created": now,
            "lastUpdated": now,
            "lastMembershipUpdated": now,
            "objectClass": ["okta:user_group"],
            "type": "BUILT_IN",
            "profile": {"name": "Everyone", "description": "All users in your organization"},
        },
    )
    ctx.state.collection("org").put("everyone", {"id": group_id})
