"""A new org's API token: the seeded SSWS token (seed.py's ``apikey`` credential) as ``GET /api/v1/api-tokens`` lists
it, acting as the super admin, with its principal rate limit entity (every token gets one: 50% of the org's limits,
as the recorded org's tokens show).
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApiToken/ and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/PrincipalRateLimit/
"""

from __future__ import annotations

import hashlib

from ..runtime import SeedContext
from ..runtime.clock import iso8601
from . import seed as org_seed
from ._seed_org import admin_id
from .api_tokens import TOKENS, digest
from .principal_rate_limits import ENTITIES, entity

WINDOW_SECONDS = 30 * 24 * 3600
"""``tokenWindow`` P30D: a token unused for 30 days expires (Okta's default)."""


def token_id(tenant: str) -> str:
    return "00T" + hashlib.sha256(f"okta/{tenant}/api-token".encode()).hexdigest()[:17]


def seed(ctx: SeedContext) -> None:
    now = ctx.now()
    id_ = token_id(ctx.tenant)
    ctx.state.collection(TOKENS.collection).put(
        id_,
        {
            "id": id_,
            "name": "Twin API token",
            "userId": admin_id(ctx),
            "clientName": "Okta API",
            "tokenWindow": "P30D",
            "network": {"connection": "ANYWHERE"},
            "expiresAt": iso8601(now + WINDOW_SECONDS),
            "created": iso8601(now),
            "lastUpdated": iso8601(now),
            "_digest": digest(org_seed.token(ctx, "apikey")),
        },
    )
    record = entity(ctx, "prl" + id_[3:], id_, "SSWS_TOKEN", admin_id(ctx))
    ctx.state.collection(ENTITIES).put(record["id"], record)
