"""Vendor rate-limit models, off by default: ``serve --rate-limits`` or ``POST /_twin/ratelimits``.

Each vendor counts calls in fixed windows per key, the way its docs describe: Slack per method per token
in tiers (chat.postMessage per channel per second), Google per user and per project, Okta per endpoint
for the whole org (with ``X-Rate-Limit-*`` headers on every answer), Jira per user. The numbers are the
documented allowances (or, where a vendor does not publish one, a stated approximation); ``scale``
multiplies every allowance (at least one call per window) and per-operation overrides set a limit and a
window outright, so a test can hit a limit in a few calls and wait one second, not one minute.

Windows follow the monotonic clock, not the twin clock: back-off is real waiting by a real client.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

from .vendors import VendorProfile

# Slack's published tiers (calls per minute): https://api.slack.com/docs/rate-limits
TIER = {1: 1, 2: 20, 3: 50, 4: 100}
SLACK_TIERS = {
    "api.test": 4,
    "auth.test": 4,  # listed as "special"; it allows bursts well above Tier 3
    "chat.delete": 3,
    "chat.getPermalink": 4,
    "chat.postEphemeral": 4,
    "chat.scheduleMessage": 3,
    "chat.update": 3,
    "conversations.archive": 2,
    "conversations.create": 2,
    "conversations.history": 3,
    "conversations.info": 3,
    "conversations.invite": 3,
    "conversations.join": 3,
    "conversations.kick": 3,
    "conversations.leave": 3,
    "conversations.list": 2,
    "conversations.members": 4,
    "conversations.open": 3,
    "conversations.rename": 2,
    "conversations.replies": 3,
    "conversations.setTopic": 2,
    "files.completeUploadExternal": 4,
    "files.delete": 3,
    "files.getUploadURLExternal": 4,
    "files.info": 4,
    "files.list": 3,
    "files.upload": 2,
    "pins.add": 2,
    "pins.list": 2,
    "pins.remove": 2,
    "reactions.add": 3,
    "reactions.get": 3,
    "reactions.list": 2,
    "reactions.remove": 2,
    "team.info": 3,
    "users.conversations": 3,
    "users.info": 4,
    "users.list": 2,
    "users.lookupByEmail": 3,
    "users.profile.get": 4,
    "users.profile.set": 3,
}
SLACK_DEFAULT_TIER = 2  # "most methods allow at least 20 requests per minute"
# Okta's per-endpoint org limits (calls per minute) for a standard org; they vary by plan and add-ons
OKTA_ENDPOINTS = {"/api/v1/users": 600, "/api/v1/groups": 500, "/api/v1/apps": 100, "/api/v1/logs": 120}
OKTA_DEFAULT = 600
GOOGLE_PER_USER = 12_000  # Drive: queries per minute per user, and per project
JIRA_PER_USER = 100  # Jira Cloud's budget is cost-based and unpublished; an approximation per minute
GENERIC_PER_CREDENTIAL = 600


class RateLimitError(ValueError):
    """A bad ``POST /_twin/ratelimits`` body (answered 400)."""


@dataclass(frozen=True, slots=True)
class Limit:
    calls: int
    window: float
    """seconds"""


@dataclass(slots=True)
class Window:
    start: float
    used: int


class RateLimits:
    """The rate-limit model of one twin; ``enabled`` is the only thing the hot path reads when off."""

    def __init__(self, profile: VendorProfile, *, enabled: bool = False) -> None:
        self.profile = profile
        self.enabled = enabled
        self.scale = 1.0
        self.overrides: dict[str, Limit] = {}
        self._windows: dict[tuple[str, ...], Window] = {}

    # -- control plane --------------------------------------------------------------------------------
    def configure(self, payload: Any) -> None:
        """Apply ``{"enabled": bool, "scale": float, "methods": {op: {"limit": n, "window": s}}}``."""
        if not isinstance(payload, dict):
            raise RateLimitError('expected an object like {"enabled": true, "scale": 0.01}')
        unknown = set(payload) - {"enabled", "scale", "methods"}
        if unknown:
            raise RateLimitError(f"unknown field(s) {sorted(unknown)}")
        enabled, scale, methods = payload.get("enabled", True), payload.get("scale", self.scale), payload.get("methods")
        if not isinstance(enabled, bool):
            raise RateLimitError("enabled must be true or false")
        if not _number(scale) or not 0 < scale <= 1000:
            raise RateLimitError("scale must be a number above 0 (0.01 = a hundredth of the vendor's allowance)")
        overrides = dict(self.overrides)
        if methods is not None:
            if not isinstance(methods, dict):
                raise RateLimitError('methods must map operation ids to {"limit": n, "window": seconds}')
            for op_id, spec in methods.items():
                overrides[op_id] = _limit(op_id, spec)
        self.enabled, self.scale, self.overrides = enabled, float(scale), overrides
        self._windows.clear()

    def reset(self) -> None:
        """Forget the calls counted so far (limits stay as configured)."""
        self._windows.clear()

    def public(self) -> dict[str, Any]:
        methods = {op: {"limit": lim.calls, "window": lim.window} for op, lim in self.overrides.items()}
        return {"enabled": self.enabled, "vendor": self.profile.name, "scale": self.scale, "methods": methods}

    # -- requests -------------------------------------------------------------------------------------
    def check(self, op_id: str, path: str, params: dict[str, Any], headers: dict[str, str]) -> dict[str, str]:
        """Count one call; raise the vendor's rate-limit error when over, else return headers to add."""
        now = time.monotonic()
        who = headers.get("authorization") or str(params.get("token") or "") or "anonymous"
        vendor = self.profile.name
        if vendor == "slack":
            if op_id == "chat.postMessage":  # "one message per second per channel", short bursts allowed
                self._count(("post", who, str(params.get("channel", ""))), self._limit(op_id, Limit(1, 1.0)), now)
            tier = TIER[SLACK_TIERS.get(op_id, SLACK_DEFAULT_TIER)]
            self._count(("method", who, op_id), self._limit(op_id, Limit(tier, 60.0)), now)
            return {}
        if vendor == "google":
            self._count(("user", who), self._limit(op_id, Limit(GOOGLE_PER_USER, 60.0)), now, per_user=True)
            self._count(("project",), self._limit("*", Limit(GOOGLE_PER_USER, 60.0)), now)
            return {}
        if vendor == "okta":
            family = "/".join(path.split("?", 1)[0].split("/")[:4])
            limit = self._limit(op_id, Limit(OKTA_ENDPOINTS.get(family, OKTA_DEFAULT), 60.0))
            window = self._count(("endpoint", family), limit, now, okta=True)
            return _okta_headers(limit, window, now)
        per_credential = JIRA_PER_USER if vendor == "jira" else GENERIC_PER_CREDENTIAL
        self._count(("user", who), self._limit(op_id, Limit(per_credential, 60.0)), now)
        return {}

    def _limit(self, op_id: str, default: Limit) -> Limit:
        found = self.overrides.get(op_id) or self.overrides.get("*")
        if found is not None:
            return found
        return Limit(max(1, math.floor(default.calls * self.scale)), default.window)

    def _count(
        self, key: tuple[str, ...], limit: Limit, now: float, *, per_user: bool = False, okta: bool = False
    ) -> Window:
        window = self._windows.get(key)
        if window is None or now - window.start >= limit.window:
            if len(self._windows) > 100_000:
                self._windows.clear()  # bounded memory: forgetting counts only makes the twin more lenient
            window = self._windows[key] = Window(now, 0)
        if window.used >= limit.calls:
            retry_after = max(1, math.ceil(window.start + limit.window - now))
            error = self.profile.rate_limited(retry_after, per_user=per_user)
            if okta and hasattr(error, "headers"):
                error.headers.update(_okta_headers(limit, window, now))
            raise error
        window.used += 1
        return window


def _okta_headers(limit: Limit, window: Window, now: float) -> dict[str, str]:
    reset = time.time() + (window.start + limit.window - now)  # Okta's Reset is UTC epoch seconds
    return {
        "x-rate-limit-limit": str(limit.calls),
        "x-rate-limit-remaining": str(max(limit.calls - window.used, 0)),
        "x-rate-limit-reset": str(math.ceil(reset)),
    }


def _limit(op_id: str, spec: Any) -> Limit:
    if not isinstance(spec, dict) or set(spec) - {"limit", "window"} or "limit" not in spec:
        raise RateLimitError(f'methods[{op_id!r}] must be {{"limit": n, "window": seconds}}')
    calls, window = spec["limit"], spec.get("window", 60)
    if not isinstance(calls, int) or isinstance(calls, bool) or calls < 1:
        raise RateLimitError(f"methods[{op_id!r}].limit must be an integer of at least 1")
    if not _number(window) or not 0 < window <= 86_400:
        raise RateLimitError(f"methods[{op_id!r}].window must be a number of seconds above 0")
    return Limit(calls, float(window))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
