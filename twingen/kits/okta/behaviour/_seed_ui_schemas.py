"""A new org's UI schema: the default sign-up form (first name, last name, email) its default profile enrollment
policy shows, as ``GET /api/v1/meta/uischemas`` lists it on a fresh org (recorded).
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UISchema/
"""

from __future__ import annotations

import hashlib

from ..runtime import SeedContext
from ..runtime.clock import iso8601
from .ui_schemas import SCHEMAS


def default_id(tenant: str) -> str:
    return "uis" + hashlib.sha256(f"okta/{tenant}/uischema".encode()).hexdigest()[:17]


def seed(ctx: SeedContext) -> None:
    now = iso8601(ctx.now())
    fields = (("firstName", "First name"), ("lastName", "Last name"), ("email", "Email"))
    elements = [
        {"type": "Control", "scope": f"#/properties/{name}", "label": label, "options": {"format": "text"}}
        for name, label in fields
    ]
    id_ = default_id(ctx.tenant)
    ctx.state.collection(SCHEMAS.collection).put(
        id_, {"id": id_, "uiSchema": {"type": "Group", "elements": elements}, "created": now, "lastUpdated": now}
    )
