"""What Okta fills in for each policy type and its rules when a client leaves it out: the rule type a policy's
rules take, the id prefixes (Identity Engine access policies are ``rst``/``rul``), and default conditions, actions
and settings. Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Policy/ (the
policy and rule objects per type) and the recorded answers.
"""

from __future__ import annotations

import copy
from typing import Any

POLICY_TYPES = (
    "OKTA_SIGN_ON",
    "PASSWORD",
    "MFA_ENROLL",
    "IDP_DISCOVERY",
    "ACCESS_POLICY",
    "PROFILE_ENROLLMENT",
    "POST_AUTH_SESSION",
    "ENTITY_RISK",
    "DEVICE_SIGNAL_COLLECTION",
)
RULE_TYPE = {"OKTA_SIGN_ON": "SIGN_ON"}
ACCESS_PREFIXES = ("rst", "rul")
CLASSIC_PREFIXES = ("00p", "0pr")

PASSWORD_SETTINGS: dict[str, Any] = {
    "password": {
        "complexity": {
            "minLength": 8,
            "minLowerCase": 1,
            "minUpperCase": 1,
            "minNumber": 1,
            "minSymbol": 0,
            "excludeUsername": True,
            "dictionary": {"common": {"exclude": False}},
            "excludeAttributes": [],
        },
        "age": {"maxAgeDays": 0, "expireWarnDays": 0, "minAgeMinutes": 0, "historyCount": 4},
        "lockout": {
            "maxAttempts": 10,
            "autoUnlockMinutes": 0,
            "userLockoutNotificationChannels": [],
            "showLockoutFailures": False,
        },
    },
    "recovery": {
        "factors": {
            "recovery_question": {"status": "ACTIVE", "properties": {"complexity": {"minLength": 4}}},
            "okta_email": {"status": "ACTIVE", "properties": {"recoveryToken": {"tokenLifetimeMinutes": 60}}},
            "okta_sms": {"status": "INACTIVE"},
            "okta_call": {"status": "INACTIVE"},
        }
    },
    "delegation": {"options": {"skipUnlock": False}},
}
MFA_ENROLL_SETTINGS: dict[str, Any] = {
    "type": "AUTHENTICATORS",
    "authenticators": [
        {"key": "okta_email", "enroll": {"self": "REQUIRED"}},
        {"key": "okta_password", "enroll": {"self": "REQUIRED"}},
        {"key": "okta_verify", "enroll": {"self": "OPTIONAL"}},
    ],
}

RULE_ACTIONS: dict[str, dict[str, Any]] = {
    "SIGN_ON": {
        "signon": {
            "access": "ALLOW",
            "requireFactor": False,
            "primaryFactor": "PASSWORD_IDP",
            "rememberDeviceByDefault": False,
            "session": {"usePersistentCookie": False, "maxSessionIdleMinutes": 720, "maxSessionLifetimeMinutes": 0},
        }
    },
    "PASSWORD": {
        "passwordChange": {"access": "ALLOW"},
        "selfServicePasswordReset": {"access": "ALLOW"},
        # the recorded answers fill ALLOW for an unlock action the client left out
        "selfServiceUnlock": {"access": "ALLOW"},
    },
    "MFA_ENROLL": {"enroll": {"self": "CHALLENGE"}},
    "ACCESS_POLICY": {
        "appSignOn": {
            "access": "ALLOW",
            "verificationMethod": {
                "factorMode": "1FA",
                "type": "ASSURANCE",
                "reauthenticateIn": "PT12H",
                "constraints": [],
            },
        }
    },
    "PROFILE_ENROLLMENT": {
        "profileEnrollment": {
            "access": "ALLOW",
            "targetGroupIds": [],
            "unknownUserAction": "DENY",
            "activationRequirements": {"emailVerification": True},
            "profileAttributes": [{"name": "email", "label": "Email", "required": True}],
        }
    },
    "IDP_DISCOVERY": {"idp": {"providers": [{"type": "OKTA"}]}},
}
RULE_CONDITIONS: dict[str, dict[str, Any]] = {
    "SIGN_ON": {
        "people": {"users": {"exclude": []}},
        "network": {"connection": "ANYWHERE"},
        "authContext": {"authType": "ANY"},
    },
    "PASSWORD": {"people": {"users": {"exclude": []}}, "network": {"connection": "ANYWHERE"}},
    "MFA_ENROLL": {"people": {"users": {"exclude": []}}, "network": {"connection": "ANYWHERE"}},
    "IDP_DISCOVERY": {"network": {"connection": "ANYWHERE"}},
}


def rule_type(policy_type: str) -> str:
    return RULE_TYPE.get(policy_type, policy_type)


def prefixes(policy_type: str) -> tuple[str, str]:
    """The id prefixes of a policy of this type and of its rules."""
    return ACCESS_PREFIXES if policy_type in ("ACCESS_POLICY", "PROFILE_ENROLLMENT") else CLASSIC_PREFIXES


def merged(default: Any, given: Any) -> Any:
    """``given`` over ``default``, object by object (what the client sent wins; what it left out is Okta's)."""
    if isinstance(default, dict) and isinstance(given, dict):
        out = copy.deepcopy(default)
        for key, value in given.items():
            out[key] = merged(out.get(key), value) if key in out else value
        return out
    return copy.deepcopy(given if given is not None else default)


def policy_defaults(policy_type: str, given: dict[str, Any]) -> dict[str, Any]:
    """The server-filled parts of a new policy of ``policy_type``."""
    filled: dict[str, Any] = {"conditions": given.get("conditions")}
    if policy_type == "PASSWORD":
        conditions = dict(given.get("conditions") or {})
        conditions.setdefault("authProvider", {"provider": "OKTA"})
        filled["conditions"] = conditions
        filled["settings"] = merged(PASSWORD_SETTINGS, given.get("settings"))
    elif policy_type == "MFA_ENROLL":
        filled["settings"] = merged(MFA_ENROLL_SETTINGS, given.get("settings"))
    elif given.get("settings") is not None:
        filled["settings"] = given["settings"]
    return filled


def rule_defaults(kind: str, given: dict[str, Any]) -> dict[str, Any]:
    conditions = merged(RULE_CONDITIONS.get(kind), given.get("conditions"))
    actions = merged(RULE_ACTIONS.get(kind), given.get("actions"))
    return {"conditions": conditions, "actions": actions}
