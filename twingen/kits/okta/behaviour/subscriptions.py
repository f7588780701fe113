"""Admin e-mail notification subscriptions: for each admin role (and each admin user), which of Okta's notification
types (agent outages, rate limit warnings, Okta updates...) are e-mailed.

A role's subscriptions start at Okta's defaults (the recorded org's SUPER_ADMIN: agent and rate limit alerts, Okta
announcements, updates and suspicious activity reports on; lockouts, app imports and deprovisioning off); a user's
start at their role's. subscribe/unsubscribe answer 200 with no body (recorded). Changes are kept per role or user
in state collection ``subscriptions``.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Subscription/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _log
from ._errors import not_found, validation_failed
from ._links import link

COLLECTION = "subscriptions"
ROLES = (
    "SUPER_ADMIN",
    "ORG_ADMIN",
    "APP_ADMIN",
    "USER_ADMIN",
    "HELP_DESK_ADMIN",
    "READ_ONLY_ADMIN",
    "MOBILE_ADMIN",
    "API_ACCESS_MANAGEMENT_ADMIN",
    "REPORT_ADMIN",
    "GROUP_MEMBERSHIP_ADMIN",
)
# in the order Okta lists them (recorded), with each one's default
DEFAULTS: tuple[tuple[str, str], ...] = (
    ("IWA_AGENT", "subscribed"),
    ("CONNECTOR_AGENT", "subscribed"),
    ("USER_LOCKED_OUT", "unsubscribed"),
    ("APP_IMPORT", "unsubscribed"),
    ("AD_AGENT", "subscribed"),
    ("LDAP_AGENT", "subscribed"),
    ("RATELIMIT_NOTIFICATION", "subscribed"),
    ("OKTA_ANNOUNCEMENT", "subscribed"),
    ("OKTA_UPDATE", "subscribed"),
    ("USER_DEPROVISION", "unsubscribed"),
    ("REPORT_SUSPICIOUS_ACTIVITY", "subscribed"),
    ("AGENT_AUTO_UPDATE_NOTIFICATION", "subscribed"),
    ("AGENT_AUTO_UPDATE_NOTIFICATION_LDAP", "subscribed"),
)
TYPES = tuple(name for name, _ in DEFAULTS)


def _owner(ctx: Context) -> tuple[str, str]:
    """(state key, path) of the role or user the call is about; Okta's 404 for one that does not exist."""
    if "roleRef" in ctx.params:
        ref = str(ctx.params.get("roleRef") or "")
        if ref not in ROLES:
            raise not_found(ref, "Role")
        return f"role/{ref}", f"/api/v1/roles/{ref}/subscriptions"
    user_id = str(ctx.params.get("userId") or "")
    if ctx.state.collection("users").get(user_id) is None:
        raise not_found(user_id, "User")
    return f"user/{user_id}", f"/api/v1/users/{user_id}/subscriptions"


def _statuses(ctx: Context, key: str) -> dict[str, str]:
    return {**dict(DEFAULTS), **(ctx.state.collection(COLLECTION).get(key) or {})}


def _view(ctx: Context, path: str, kind: str, status: str) -> dict[str, Any]:
    action = "unsubscribe" if status == "subscribed" else "subscribe"
    return {
        "notificationType": kind,
        "channels": ["email"],
        "status": status,
        "_links": {action: link(ctx, f"{path}/{kind}/{action}", "POST"), "self": link(ctx, f"{path}/{kind}")},
    }


def _type(ctx: Context) -> str:
    kind = str(ctx.params.get("notificationType") or "")
    if kind not in TYPES:
        raise validation_failed("notificationType", f"'{kind}' is not a notification type.")
    return kind


@behaviour("listSubscriptionsRole")
@behaviour("listSubscriptionsUser")
def list_(ctx: Context) -> Any:
    key, path = _owner(ctx)
    return [_view(ctx, path, kind, status) for kind, status in _statuses(ctx, key).items()]


@behaviour("getSubscriptionsNotificationTypeRole")
@behaviour("getSubscriptionsNotificationTypeUser")
def get(ctx: Context) -> Any:
    key, path = _owner(ctx)
    kind = _type(ctx)
    return _view(ctx, path, kind, _statuses(ctx, key)[kind])


def _set(ctx: Context, status: str) -> Response:
    key, _ = _owner(ctx)
    kind = _type(ctx)
    kept = dict(ctx.state.collection(COLLECTION).get(key) or {})
    kept[kind] = status
    ctx.state.collection(COLLECTION).put(key, kept)
    verb = "subscribe" if status == "subscribed" else "unsubscribe"
    _log.record(ctx, f"system.notification.{verb}", [_log.target("Subscription", f"{key}/{kind}", kind, kind)])
    # Okta answers with no body and no Content-Type (recorded)
    return Response(200, b"", media_type="application/octet-stream")


@behaviour("subscribeByNotificationTypeRole")
@behaviour("subscribeByNotificationTypeUser")
def subscribe(ctx: Context) -> Response:
    return _set(ctx, "subscribed")


@behaviour("unsubscribeByNotificationTypeRole")
@behaviour("unsubscribeByNotificationTypeUser")
def unsubscribe(ctx: Context) -> Response:
    return _set(ctx, "unsubscribed")
