"""Rate-limit models, off by default: ``serve --rate-limits`` or ``POST /_twin/ratelimits``.

This module counts calls in fixed windows; each vendor's profile (in its kit's ``runtime/``) says which
counters a call takes and how a refusal looks, from the vendor's published numbers (sources beside them and
in ``api_docs/<vendor>/NOTES.md``).

``scale`` multiplies every allowance (at least one call per window) and per-operation overrides set a limit and
a window outright, so a test can hit a limit in a few calls and wait one second, not one minute.

Windows follow the monotonic clock, not the twin clock: back-off is real waiting by a real client.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..types import VendorError

if TYPE_CHECKING:
    from ..vendors import VendorProfile

Key = tuple[str, ...]

GENERIC_PER_CREDENTIAL = 600
"""Calls per minute per credential for vendors whose profile names no limits of its own."""


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


@dataclass(frozen=True, slots=True)
class Call:
    """One call to count: what a vendor profile's ``limit_call`` keys its counters on."""

    op_id: str
    method: str
    path: str
    params: dict[str, Any]
    who: str
    """The credential as sent (the ``Authorization`` header or ``token`` argument), or ``anonymous``."""
    now: float
    tenant: str
    """Buckets an org or project shares are per tenant: each tenant is its own org."""


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
        """Count one call; raise the vendor's rate-limit error when over, else return headers to add."""
        who = headers.get("authorization") or str(params.get("token") or "") or "anonymous"
        call = Call(op_id, method, path, params, who, time.monotonic(), tenant)
        return self.profile.limit_call(self, call)

    def limit(self, op_id: str, default: Limit) -> Limit:
        """The vendor's ``default`` scaled, unless the operation (or ``*``) is overridden."""
        found = self.overrides.get(op_id) or self.overrides.get("*")
        if found is not None:
            return found
        return Limit(max(1, math.floor(default.calls * self.scale)), default.window)

    def take(
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
                raise refuse(key, limit, window) if refuse is not None else self.refusal(limit, window, now)
            taken.append((limit, window))
        for _, window in taken:
            window.used += 1
        return taken

    def refusal(self, limit: Limit, window: Window, now: float, *, per_user: bool = False) -> VendorError:
        return self.profile.rate_limited(retry_after(limit, window, now), per_user=per_user)


def retry_after(limit: Limit, window: Window, now: float) -> int:
    return max(1, math.ceil(window.start + limit.window - now))


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
