"""Vendor rate-limit models, off by default: ``serve --rate-limits`` or ``POST /_twin/ratelimits``.

Each vendor counts calls in fixed windows, keyed the way its docs describe (numbers and sources in
``ratelimit_tables.py`` and ``api_docs/<vendor>/NOTES.md``):

- Slack: per method per token, in tiers; ``chat.postMessage`` one per second per channel. 429 + Retry-After.
- Google: per user and per project; 403 ``userRateLimitExceeded`` / 429 ``rateLimitExceeded``.
- Okta: org-wide buckets per endpoint family and method (``GET /api/v1/users/{id}`` is not the list's bucket),
  each token capped at half a bucket (Okta's default); ``X-Rate-Limit-Limit/Remaining/Reset`` (UTC epoch
  seconds, what okta-sdk-python's retry subtracts ``Date`` from) on every limited answer; 429 ``E0000047``.
- Jira Cloud: per-second burst limits per endpoint and method for every caller, plus the hourly points quota
  for OAuth callers; 429 + Retry-After, ``X-RateLimit-Limit/Remaining/Reset`` (ISO minute) and
  ``RateLimit-Reason``; ``X-RateLimit-NearLimit: true`` once under 20% of a budget remains.

``scale`` multiplies every allowance (at least one call per window) and per-operation overrides set a limit and
a window outright, so a test can hit a limit in a few calls and wait one second, not one minute. Not modelled:
concurrent-request limits, per-username sign-in limits, Jira's per-issue write limit and per-object point costs.

Windows follow the monotonic clock, not the twin clock: back-off is real waiting by a real client.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .ratelimit_tables import (
    GENERIC_PER_CREDENTIAL,
    GOOGLE_PER_USER,
    JIRA_BURST_PER_SECOND,
    JIRA_NEAR_LIMIT,
    JIRA_POINTS_PER_HOUR,
    OKTA_BUCKETS,
    OKTA_TOKEN_SHARE,
    SLACK_DEFAULT_TIER,
    SLACK_TIERS,
    TIER,
    okta_bucket,
)
from .types import VendorError
from .vendors import VendorProfile

Key = tuple[str, ...]


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
    def check(
        self,
        op_id: str,
        path: str,
        params: dict[str, Any],
        headers: dict[str, str],
        *,
        method: str = "",
        tenant: str = "default",
    ) -> dict[str, str]:
        """Count one call; raise the vendor's rate-limit error when over, else return headers to add.

        Buckets per credential are keyed by the credential; buckets an org or project shares (Okta's org
        buckets, Google's project quota, Jira's burst limits) by ``tenant``, each tenant being its own org.
        """
        now = time.monotonic()
        who = headers.get("authorization") or str(params.get("token") or "") or "anonymous"
        vendor = self.profile.name
        if vendor == "slack":
            tier = Limit(TIER[SLACK_TIERS.get(op_id, SLACK_DEFAULT_TIER)], 60.0)
            counters: list[tuple[Key, Limit]] = [(("method", who, op_id), self._limit(op_id, tier))]
            if op_id == "chat.postMessage":  # "one message per second per channel", short bursts allowed
                channel = str(params.get("channel", ""))
                counters.insert(0, (("post", who, channel), self._limit(op_id, Limit(1, 1.0))))
            self._take(now, counters)
            return {}
        if vendor == "google":
            allowance = Limit(GOOGLE_PER_USER, 60.0)
            counters = [
                (("user", who), self._limit(op_id, allowance)),
                (("project", tenant), self._limit("*", allowance)),
            ]
            self._take(now, counters, lambda key, lim, win: self._refusal(lim, win, now, per_user=key[0] == "user"))
            return {}
        if vendor == "okta":
            return self._okta(op_id, method or _okta_method(op_id), path, who, now, tenant)
        if vendor == "jira":
            return self._jira(op_id, who, now, tenant)
        self._take(now, [(("user", who), self._limit(op_id, Limit(GENERIC_PER_CREDENTIAL, 60.0)))])
        return {}

    def _okta(self, op_id: str, method: str, path: str, who: str, now: float, tenant: str) -> dict[str, str]:
        bucket = okta_bucket(method, path)
        if bucket is None:
            return {}
        org = self._limit(op_id, Limit(OKTA_BUCKETS[bucket], 60.0))
        # a token may use half of each bucket by default; an override is the client's own number, taken whole
        overridden = op_id in self.overrides or "*" in self.overrides
        token = org if overridden else Limit(max(1, math.floor(org.calls * OKTA_TOKEN_SHARE)), org.window)

        def refuse(key: Key, limit: Limit, window: Window) -> VendorError:
            error = self._refusal(limit, window, now)
            if hasattr(error, "headers"):
                error.headers.update(_okta_headers(limit, window, now))
            return error

        taken = self._take(now, [(("okta", bucket, who), token), (("okta", bucket, tenant), org)], refuse)
        limit, window = min(taken, key=lambda pair: pair[0].calls - pair[1].used)  # the nearer ceiling
        return _okta_headers(limit, window, now)

    def _jira(self, op_id: str, who: str, now: float, tenant: str) -> dict[str, str]:
        burst = self._limit(op_id, Limit(JIRA_BURST_PER_SECOND, 1.0))
        counters: list[tuple[Key, Limit]] = [(("burst", op_id, tenant), burst)]
        if who.lower().startswith("bearer "):  # OAuth 2.0 (3LO) apps also spend the hourly points quota
            points = Limit(max(1, math.floor(JIRA_POINTS_PER_HOUR * self.scale)), 3600.0)
            counters.append((("points", who), points))

        def refuse(key: Key, limit: Limit, window: Window) -> VendorError:
            error = self._refusal(limit, window, now)
            if hasattr(error, "headers"):
                retry_after = error.headers.get("retry-after", "1")
                reset = time.gmtime(time.time() + int(retry_after))
                error.headers.update(
                    {
                        "ratelimit-reason": "jira-burst-based" if key[0] == "burst" else "jira-quota-global-based",
                        "x-ratelimit-limit": str(limit.calls),
                        "x-ratelimit-remaining": "0",
                        "x-ratelimit-reset": time.strftime("%Y-%m-%dT%H:%MZ", reset),  # request time + Retry-After
                    }
                )
            return error

        taken = self._take(now, counters, refuse)
        near = any(limit.calls - window.used < JIRA_NEAR_LIMIT * limit.calls for limit, window in taken)
        return {"x-ratelimit-nearlimit": "true"} if near else {}

    def _limit(self, op_id: str, default: Limit) -> Limit:
        found = self.overrides.get(op_id) or self.overrides.get("*")
        if found is not None:
            return found
        return Limit(max(1, math.floor(default.calls * self.scale)), default.window)

    def _take(
        self,
        now: float,
        counters: Sequence[tuple[Key, Limit]],
        refuse: Callable[[Key, Limit, Window], VendorError] | None = None,
    ) -> list[tuple[Limit, Window]]:
        """Count one call in every counter, or in none: the first full one is refused with ``refuse`` (else
        with the vendor's plain rate-limit error)."""
        taken = []
        for key, limit in counters:
            window = self._windows.get(key)
            if window is None or now - window.start >= limit.window:
                if len(self._windows) > 100_000:
                    self._windows.clear()  # bounded memory: forgetting counts only makes the twin more lenient
                window = self._windows[key] = Window(now, 0)
            if window.used >= limit.calls:
                raise refuse(key, limit, window) if refuse is not None else self._refusal(limit, window, now)
            taken.append((limit, window))
        for _, window in taken:
            window.used += 1
        return taken

    def _refusal(self, limit: Limit, window: Window, now: float, *, per_user: bool = False) -> VendorError:
        return self.profile.rate_limited(_retry_after(limit, window, now), per_user=per_user)


def _retry_after(limit: Limit, window: Window, now: float) -> int:
    return max(1, math.ceil(window.start + limit.window - now))


def _okta_method(op_id: str) -> str:
    """The HTTP method of an Okta operation when the caller did not say: Okta names its reads get*/list*."""
    return "GET" if op_id.startswith(("get", "list")) else "POST"


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
