"""What every custom authorization server starts with: Okta's system scopes (OpenID Connect's and
``offline_access``, ``device_sso``) and system claims (``sub`` and the OpenID Connect identity claims), and the
``default`` server's default access policy and rule.
Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/AuthorizationServerScopes/ ,
.../tag/AuthorizationServerClaims/ and the recorded answers of a new server.
"""

from __future__ import annotations

from ..runtime import Context, SeedContext
from . import _store

SCOPES = "authz_scopes"
CLAIMS = "authz_claims"
POLICIES = "authz_policies"
RULES = "authz_rules"

SYSTEM_SCOPES = (
    ("openid", "Signals that a request is an OpenID request."),
    (
        "profile",
        "Allows this application to access your profile information, such as your name, time zone, "
        "picture, or birthday.",
    ),
    ("email", "Allows this application to access your email address."),
    ("address", "Allows this application to access your address, such as: street address, city, state, and zip code."),
    ("phone", "Allows this application to access your phone number."),
    ("offline_access", "Keeps you signed in to the app, even when you are not using it."),
    ("device_sso", "Allows this application to use device single sign-on."),
)
# (name, scope the identity claim comes with, whether it is always in the ID token)
IDENTITY_CLAIMS = (
    ("address", "address", False),
    ("birthdate", "profile", False),
    ("email", "email", True),
    ("email_verified", "email", False),
    ("family_name", "profile", False),
    ("gender", "profile", False),
    ("given_name", "profile", False),
    ("locale", "profile", False),
    ("middle_name", "profile", False),
    ("name", "profile", True),
    ("nickname", "profile", False),
    ("phone_number", "phone", False),
    ("picture", "profile", False),
    ("preferred_username", "profile", True),
    ("profile", "profile", False),
    ("updated_at", "profile", False),
    ("website", "profile", False),
    ("zoneinfo", "profile", False),
)


def _new_id(ctx: Context | SeedContext, prefix: str) -> str:
    if isinstance(ctx, SeedContext):
        from ..runtime.clock import BASE62_ALPHABET

        return prefix + ctx.new_id("", 20 - len(prefix), BASE62_ALPHABET)
    return _store.new_id(ctx, prefix)


def system_objects(ctx: Context | SeedContext, server_id: str) -> None:
    """Put a new server's system scopes and claims in state."""
    scopes = ctx.state.collection(SCOPES)
    for name, description in SYSTEM_SCOPES:
        id_ = _new_id(ctx, "scp")
        scopes.put(
            f"{server_id}/{id_}",
            {
                "id": id_,
                "name": name,
                "displayName": name,
                "description": description,
                "system": True,
                "metadataPublish": "ALL_CLIENTS",
                "consent": "REQUIRED",
                "optional": False,
                "default": False,
                "_server": server_id,
            },
        )
    claims = ctx.state.collection(CLAIMS)
    id_ = _new_id(ctx, "ocl")
    claims.put(
        f"{server_id}/{id_}",
        {
            "id": id_,
            "name": "sub",
            "status": "ACTIVE",
            "claimType": "RESOURCE",
            "valueType": "EXPRESSION",
            "value": "(appuser != null) ? appuser.userName : app.clientId",
            "conditions": {"scopes": []},
            "system": True,
            "alwaysIncludeInToken": True,
            "_server": server_id,
        },
    )
    for name, scope, always in IDENTITY_CLAIMS:
        id_ = _new_id(ctx, "ocl")
        claims.put(
            f"{server_id}/{id_}",
            {
                "id": id_,
                "name": name,
                "status": "ACTIVE",
                "claimType": "IDENTITY",
                "valueType": "SYSTEM",
                "conditions": {"scopes": [scope]},
                "system": True,
                "alwaysIncludeInToken": always,
                "_server": server_id,
            },
        )


def default_policy(ctx: SeedContext, server_id: str, now: str) -> None:
    """The ``default`` server's access policy for all clients, with a rule allowing every grant and scope to
    everyone (what a new org's default server has)."""
    policy_id = _new_id(ctx, "00p")
    ctx.state.collection(POLICIES).put(
        f"{server_id}/{policy_id}",
        {
            "type": "OAUTH_AUTHORIZATION_POLICY",
            "id": policy_id,
            "status": "ACTIVE",
            "name": "Default Policy",
            "description": "Default policy description",
            "priority": 1,
            "system": False,
            "conditions": {"clients": {"include": ["ALL_CLIENTS"]}},
            "created": now,
            "lastUpdated": now,
            "_server": server_id,
        },
    )
    rule_id = _new_id(ctx, "0pr")
    ctx.state.collection(RULES).put(
        f"{server_id}/{policy_id}/{rule_id}",
        {
            "type": "RESOURCE_ACCESS",
            "id": rule_id,
            "status": "ACTIVE",
            "name": "Default Policy Rule",
            "priority": 1,
            "created": now,
            "lastUpdated": now,
            "system": False,
            "conditions": {
                "people": {"groups": {"include": ["EVERYONE"]}},
                "grantTypes": {"include": ["implicit", "client_credentials", "authorization_code", "password"]},
                "scopes": {"include": ["*"]},
            },
            "actions": {
                "token": {
                    "accessTokenLifetimeMinutes": 60,
                    "refreshTokenLifetimeMinutes": 0,
                    "refreshTokenWindowMinutes": 10080,
                }
            },
            "_server": server_id,
            "_policy": policy_id,
        },
    )
