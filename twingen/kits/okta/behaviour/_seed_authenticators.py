"""The authenticators a new Okta Identity Engine org has, each with its methods: Email, Okta Verify, Password,
Phone (inactive until an admin turns it on), Security Key or Biometric (inactive) and Security Question.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Authenticator/ (the
authenticator keys and method types) and the recorded answers of a new org.
"""

from __future__ import annotations

from typing import Any

from ..runtime import SeedContext
from ..runtime.clock import iso8601

COLLECTION = "authenticators"

Method = tuple[str, str, dict[str, Any] | None]
# (key, type, name, status, settings, methods: (type, status, settings))
DEFAULTS: tuple[tuple[str, str, str, str, dict[str, Any] | None, tuple[Method, ...]], ...] = (
    (
        "okta_email",
        "email",
        "Email",
        "ACTIVE",
        {"allowedFor": "any", "tokenLifetimeInMinutes": 5},
        (("email", "ACTIVE", None),),
    ),
    (
        "okta_verify",
        "app",
        "Okta Verify",
        "ACTIVE",
        {
            "compliance": {"fips": "OPTIONAL"},
            "channelBinding": {"style": "NUMBER_CHALLENGE", "required": "NEVER"},
            "userVerification": "PREFERRED",
            "userVerificationMethods": ["BIOMETRICS", "PIN"],
            "appInstanceId": "",
        },
        (
            (
                "totp",
                "ACTIVE",
                {"timeIntervalInSeconds": 30, "encoding": "Base32", "algorithm": "HMACSHA1", "passCodeLength": 6},
            ),
            (
                "push",
                "INACTIVE",
                {"algorithms": ["ES256", "RS256"], "keyProtection": "ANY", "transactionTypes": ["LOGIN"]},
            ),
            (
                "signed_nonce",
                "INACTIVE",
                {"algorithms": ["ES256", "RS256"], "keyProtection": "ANY", "showSignInWithOV": "NEVER"},
            ),
        ),
    ),
    ("okta_password", "password", "Password", "ACTIVE", None, (("password", "ACTIVE", None),)),
    (
        "phone_number",
        "phone",
        "Phone",
        "INACTIVE",
        {"allowedFor": "recovery"},
        (("sms", "INACTIVE", None), ("voice", "INACTIVE", None)),
    ),
    (
        "webauthn",
        "security_key",
        "Security Key or Biometric",
        "INACTIVE",
        None,
        (("webauthn", "ACTIVE", {"userVerification": "DISCOURAGED", "attachment": "ANY"}),),
    ),
    (
        "security_question",
        "security_question",
        "Security Question",
        "ACTIVE",
        {"allowedFor": "recovery"},
        (("security_question", "ACTIVE", None),),
    ),
)


def authenticator_id(tenant: str, key: str) -> str:
    """A stable "aut" id per authenticator key, the same on every start."""
    stem = "aut" + "".join(part.capitalize() for part in key.split("_")) + ("" if tenant == "default" else tenant)
    return (stem + "0" * 20)[:20]


def seed(ctx: SeedContext) -> None:
    now = iso8601(ctx.now())
    stored = ctx.state.collection(COLLECTION)
    for key, type_, name, status, settings, methods in DEFAULTS:
        id_ = authenticator_id(ctx.tenant, key)
        record: dict[str, Any] = {
            "type": type_,
            "id": id_,
            "key": key,
            "status": status,
            "name": name,
            "created": now,
            "lastUpdated": now,
        }
        if settings is not None:
            record["settings"] = settings
        record["_methods"] = [
            {"type": m, "status": s, **({"settings": conf} if conf else {})} for m, s, conf in methods
        ]
        stored.put(id_, record)
