"""The org's rate limit settings: whether admins are e-mailed when a limit is hit, per-client rate limiting (its
default mode and per use case overrides), and the percentage of a limit at which Okta warns.

A new org's values are the recorded developer org's (notifications on, per-client limits enforced, warning at
60%: Okta's default for customer identity orgs; workforce orgs start at 90). Each setting is one record in state
collection ``rate_limit_settings``.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RateLimitSettings/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, SeedContext, behaviour
from . import _log
from ._errors import okta_error, validation_failed

COLLECTION = "rate_limit_settings"
MODES = ("ENFORCE", "DISABLE", "PREVIEW")
USE_CASES = ("LOGIN_PAGE", "OAUTH2_AUTHORIZE", "OIE_APP_INTENT")
DEFAULTS: dict[str, dict[str, Any]] = {
    "admin-notifications": {"notificationsEnabled": True},
    "per-client": {"defaultMode": "ENFORCE"},
    "warning-threshold": {"warningThreshold": 60},
}


def seed(ctx: SeedContext) -> None:
    settings = ctx.state.collection(COLLECTION)
    for name, value in DEFAULTS.items():
        settings.put(name, dict(value))


def _get(ctx: Context, name: str) -> dict[str, Any]:
    return ctx.state.collection(COLLECTION).get(name) or dict(DEFAULTS[name])


def _put(ctx: Context, name: str, value: dict[str, Any]) -> dict[str, Any]:
    ctx.state.collection(COLLECTION).put(name, value)
    _log.record(ctx, "system.org.rate_limit.settings.update", [_log.target("RateLimitSettings", name, name, name)])
    return value


def _body(ctx: Context) -> dict[str, Any]:
    if not isinstance(ctx.body, dict):
        raise okta_error("E0000003")
    return ctx.body


@behaviour("getRateLimitSettingsAdminNotifications")
def get_notifications(ctx: Context) -> Any:
    return _get(ctx, "admin-notifications")


@behaviour("replaceRateLimitSettingsAdminNotifications")
def replace_notifications(ctx: Context) -> Any:
    enabled = _body(ctx).get("notificationsEnabled")
    if not isinstance(enabled, bool):
        raise validation_failed("notificationsEnabled", "The field must be true or false.")
    return _put(ctx, "admin-notifications", {"notificationsEnabled": enabled})


@behaviour("getRateLimitSettingsPerClient")
def get_per_client(ctx: Context) -> Any:
    return _get(ctx, "per-client")


@behaviour("replaceRateLimitSettingsPerClient")
def replace_per_client(ctx: Context) -> Any:
    body = _body(ctx)
    if body.get("defaultMode") not in MODES:
        raise validation_failed("defaultMode", "The mode must be ENFORCE, DISABLE or PREVIEW.")
    value: dict[str, Any] = {"defaultMode": body["defaultMode"]}
    overrides = body.get("useCaseModeOverrides")
    if overrides is not None:
        if not isinstance(overrides, dict) or any(k not in USE_CASES or v not in MODES for k, v in overrides.items()):
            raise validation_failed(
                "useCaseModeOverrides",
                f"Each use case must be one of {', '.join(USE_CASES)} with a mode of ENFORCE, DISABLE or PREVIEW.",
            )
        if overrides:
            value["useCaseModeOverrides"] = dict(overrides)
    return _put(ctx, "per-client", value)


@behaviour("getRateLimitSettingsWarningThreshold")
def get_warning_threshold(ctx: Context) -> Any:
    return _get(ctx, "warning-threshold")


@behaviour("replaceRateLimitSettingsWarningThreshold")
def replace_warning_threshold(ctx: Context) -> Any:
    threshold = _body(ctx).get("warningThreshold")
    if isinstance(threshold, bool) or not isinstance(threshold, int) or not 30 <= threshold <= 90:
        raise validation_failed("warningThreshold", "The threshold must be a whole number from 30 to 90.")
    return _put(ctx, "warning-threshold", {"warningThreshold": threshold})
