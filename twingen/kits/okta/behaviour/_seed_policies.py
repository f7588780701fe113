"""A new Identity Engine org's default policies, one per type, each with its default rule, all system ones that
apply to Everyone: Okta sign-on, password, authenticator enrollment, IdP discovery, the default authentication
(access) policy and the default user profile (enrollment) policy.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Policy/ and
https://help.okta.com/oie/en-us/content/topics/identity-engine/policies/about-default-policies.htm
"""

from __future__ import annotations

from typing import Any

from ..runtime import SeedContext
from ..runtime.clock import iso8601
from ._policies_shapes import policy_defaults, prefixes, rule_defaults, rule_type

POLICIES = "policies"
RULES = "policy_rules"

# (type, policy name, description, rule name, whether the policy has conditions on people)
DEFAULTS = (
    (
        "OKTA_SIGN_ON",
        "Default Policy",
        "The default policy applies in all situations if no other policy applies.",
        "Default Rule",
        True,
    ),
    (
        "PASSWORD",
        "Default Policy",
        "The default policy applies in all situations if no other policy applies.",
        "Default Rule",
        True,
    ),
    (
        "MFA_ENROLL",
        "Default Policy",
        "The default policy applies in all situations if no other policy applies.",
        "Default Rule",
        True,
    ),
    ("IDP_DISCOVERY", "Idp Discovery Policy", "The default IdP discovery policy.", "Default Rule", False),
    ("ACCESS_POLICY", "Default Policy", "The default authentication policy for apps.", "Catch-all Rule", False),
    ("PROFILE_ENROLLMENT", "Default Policy", "The default user profile policy.", "Catch-all Rule", False),
)


def _stable_id(prefix: str, stem: str, tenant: str) -> str:
    return (prefix + stem + ("" if tenant == "default" else tenant) + "0" * 20)[:20]


def seed(ctx: SeedContext) -> None:
    from . import policies_behaviors  # the behavior detection rules sign-on policies read

    policies_behaviors.seed(ctx)
    now = iso8601(ctx.now())
    everyone = (ctx.state.collection("org").get("everyone") or {}).get("id")
    for number, (kind, name, description, rule_name, people) in enumerate(DEFAULTS):
        policy_prefix, rule_prefix = prefixes(kind)
        given: dict[str, Any] = {}
        if people and everyone:
            given["conditions"] = {"people": {"groups": {"include": [everyone]}}}
        policy_id = _stable_id(policy_prefix, f"Default{number}", ctx.tenant)
        ctx.state.collection(POLICIES).put(
            policy_id,
            {
                "type": kind,
                "id": policy_id,
                "status": "ACTIVE",
                "name": name,
                "description": description,
                "priority": 1,
                "system": True,
                **policy_defaults(kind, given),
                "created": now,
                "lastUpdated": now,
            },
        )
        rule_id = _stable_id(rule_prefix, f"Default{number}", ctx.tenant)
        ctx.state.collection(RULES).put(
            f"{policy_id}/{rule_id}",
            {
                "type": rule_type(kind),
                "id": rule_id,
                "status": "ACTIVE",
                "name": rule_name,
                "priority": 1,
                "created": now,
                "lastUpdated": now,
                "system": True,
                **rule_defaults(rule_type(kind), {}),
                "_policy": policy_id,
            },
        )
