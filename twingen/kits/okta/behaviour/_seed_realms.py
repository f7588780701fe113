"""A new org's Default Realm (``isDefault``, named "Default Realm", no domains field), as the recorded org lists it.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Realm/
"""

from __future__ import annotations

import hashlib

from ..runtime import SeedContext
from ..runtime.clock import iso8601
from .realms import REALMS


def seed(ctx: SeedContext) -> None:
    now = iso8601(ctx.now())
    id_ = "guo" + hashlib.sha256(f"okta/{ctx.tenant}/realm".encode()).hexdigest()[:17]
    ctx.state.collection(REALMS.collection).put(
        id_, {"id": id_, "created": now, "lastUpdated": now, "profile": {"name": "Default Realm"}, "isDefault": True}
    )
