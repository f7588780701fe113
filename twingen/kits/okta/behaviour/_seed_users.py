"""A new org's one user: the super admin who created it (the seeded API token acts as this user), ACTIVE, with a
password credential, in Everyone, assigned SUPER_ADMIN; and the org's default user type with its schema, unless the
user types area seeded it already (``org`` record ``default_user_type``).
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/ (the User object) and the
recorded answers (a user's ``type`` and ``schema`` links name the org's default type and its schema).
"""

from __future__ import annotations

import base64

from ..runtime import SeedContext
from ..runtime.clock import iso8601
from . import seed as org_seed
from ._users import LOGINS, MEMBERS, SHORTNAMES, USERS, shortname


def seed(ctx: SeedContext) -> None:
    now = iso8601(ctx.now())
    suffix = "" if ctx.tenant == "default" else ctx.tenant
    org = ctx.state.collection("org")
    if org.get("default_user_type") is None:
        # fixed ids per tenant, as the org's own: a reset org keeps the same default type
        org.put(
            "default_user_type",
            {
                "id": ("otydefault" + suffix + "0000000000")[:20],
                "schemaId": ("oscdefault" + suffix + "0000000000")[:20],
            },
        )
    type_id = (org.get("default_user_type") or {})["id"]
    user_id = "00uadmin" + suffix
    login = org_seed.ADMIN_LOGIN
    ctx.state.collection(USERS).put(
        user_id,
        {
            "id": user_id,
            "status": "ACTIVE",
            "created": now,
            "activated": now,
            "statusChanged": now,
            "lastLogin": now,
            "lastUpdated": now,
            "passwordChanged": now,
            "type": {"id": type_id},
            "profile": {
                "firstName": "Twin",
                "lastName": "Admin",
                "mobilePhone": None,
                "secondEmail": None,
                "login": login,
                "email": login,
            },
            "credentials": {
                "password": {},
                "emails": [{"value": login, "status": "VERIFIED", "type": "PRIMARY"}],
                # an org's creator picks a recovery question at sign-up (the recorded admins all have one)
                "recovery_question": {"question": "What is the food you least liked as a child?"},
                "provider": {"type": "OKTA", "name": "OKTA"},
            },
        },
    )
    ctx.state.collection(LOGINS).put(login.lower(), {"id": user_id})
    ctx.state.collection(SHORTNAMES).put(shortname(login), {"ids": [user_id]})
    # the org's creator is its super admin (the role assignment a new org has)
    role_id = base64.b32encode(b"SUPER_ADMIN").decode().rstrip("=")
    ctx.state.collection("role_assignments").put(
        f"USER/{user_id}/{role_id}",
        {
            "id": role_id,
            "label": "Super Administrator",
            "type": "SUPER_ADMIN",
            "status": "ACTIVE",
            "created": now,
            "lastUpdated": now,
            "assignmentType": "USER",
            "_assignee": user_id,
            "_targets": [],
        },
    )
    everyone = org.get("everyone")
    if everyone:
        ctx.state.collection(MEMBERS).put(f"{everyone['id']}/{user_id}", {"groupId": everyone["id"], "userId": user_id})
