"""What an admin says about a user beside its profile: its classification (STANDARD or LITE) and its risk level
(an admin override HIGH or LOW; NONE until one is set).

Kept on the user's record under ``_classification`` / ``_risk`` (not part of the User answer). Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserClassification/ and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserRisk/ (a first override is 201,
a later one 200; the reason Okta records for an admin's override is ``override.by.admin``).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _users
from ._errors import validation_failed
from ._links import link
from ._store import body_object

Record = dict[str, Any]

CLASSIFICATIONS = ("STANDARD", "LITE")
RISK_LEVELS = ("HIGH", "LOW")


@behaviour("getUserClassification")
def get_user_classification(ctx: Context) -> Any:
    user = _users.find(ctx)
    return user.get("_classification") or {"type": "STANDARD", "lastUpdated": user.get("created")}


@behaviour("replaceUserClassification")
def replace_user_classification(ctx: Context) -> Any:
    user = _users.find(ctx)
    wanted = body_object(ctx).get("type")
    if wanted not in CLASSIFICATIONS:
        raise validation_failed("type", "The field has an invalid value")
    user["_classification"] = {"type": wanted, "lastUpdated": iso8601(ctx.now())}
    _users.save(ctx, user, touched=False)
    _users.log(ctx, "user.account.update_profile", user, "User classification changed")
    return user["_classification"]


def _risk(ctx: Context, user: Record) -> Record:
    path = f"/api/v1/users/{user['id']}"
    links = {
        "self": link(ctx, path + "/risk", "GET", "PUT"),
        "user": link(ctx, path, "GET"),
    }
    return {**(user.get("_risk") or {"riskLevel": "NONE"}), "_links": links}


@behaviour("getUserRisk")
def get_user_risk(ctx: Context) -> Any:
    return _risk(ctx, _users.find(ctx))


@behaviour("upsertUserRisk")
def upsert_user_risk(ctx: Context) -> Any:
    user = _users.find(ctx)
    level = body_object(ctx).get("riskLevel")
    if level not in RISK_LEVELS:
        raise validation_failed("riskLevel", "The field has an invalid value")
    created = "_risk" not in user
    user["_risk"] = {"riskLevel": level, "reason": "override.by.admin"}
    _users.save(ctx, user, touched=False)
    _users.log(ctx, "user.risk.change", user, f"User risk set to {level}")
    return Response(201 if created else 200, _risk(ctx, user))
