"""Jira Cloud: ``{"errorMessages": [...], "errors": {field: message}}`` and basic auth with email + API token."""

from __future__ import annotations

import math
import time
from typing import Any

from ..catalogue import Declared
from ..clock import IdFactory
from ..control.ratelimits import Call, Key, Limit, RateLimits, Window
from ..types import JSON, Problem, VendorError
from .base import ErrorWithHeaders, VendorProfile, title

# -- Jira Cloud ----------------------------------------------------------------------------------------
# https://developer.atlassian.com/cloud/jira/platform/rate-limiting/. API-token traffic (basic auth) meets
# only the per-second burst limits, counted per site, per endpoint and per HTTP method; Atlassian does not
# publish the per-second number, so BURST_PER_SECOND is our approximation (set your own with
# ``methods``). OAuth 2.0 (3LO), Forge and Connect apps also draw on an hourly points quota: the Tier 1
# global pool is 65,000 points per hour per app, and every request costs at least the 1-point base.
BURST_PER_SECOND = 100
POINTS_PER_HOUR = 65_000
NEAR_LIMIT = 0.2  # X-RateLimit-NearLimit: true once less than 20% of a budget remains

STATUS_CODES = "https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#status-codes"
CATALOGUE: dict[str, Declared] = {
    "conflict": Declared(409, "The request conflicts with the resource's current state.", STATUS_CODES),
    "forbidden": Declared(403, "You do not have permission to perform this operation.", STATUS_CODES),
    "internal_error": Declared(500, "Internal server error", STATUS_CODES),
    "invalid_request": Declared(400, "The request is not valid: a parameter or the body is wrong.", STATUS_CODES),
    "method_not_allowed": Declared(405, "The resource does not support the HTTP method.", STATUS_CODES),
    "not_found": Declared(404, "The resource does not exist or the caller may not see it.", STATUS_CODES),
    "rate_limited": Declared(
        429,
        "Too many requests: wait for Retry-After.",
        "https://developer.atlassian.com/cloud/jira/platform/rate-limiting/",
    ),
    "unauthorized": Declared(
        401, "You are not authenticated. Authentication required to perform this operation.", STATUS_CODES
    ),
}
"""The twin's names for the errors Jira answers (Jira sends no code of its own: only the status and messages),
with the status and what each means; for 401, 403 and 500 the message is what Jira sends when nothing else is said."""
_MESSAGES = {
    CATALOGUE[code].status: CATALOGUE[code].message for code in ("unauthorized", "forbidden", "internal_error")
}


class JiraProfile(VendorProfile):
    name = "jira"
    media_type = "application/json;charset=UTF-8"
    default_page_size = 50
    token_prefix = "ATATT3x-"
    behaviour_validates = True  # behaviour words Jira's own field errors; v2 routes have no spec parameters

    def status_of(self, code: str) -> int:
        declared = CATALOGUE.get(code)
        return declared.status if declared else 400

    def render(self, error: VendorError) -> tuple[int, JSON, dict[str, str]]:
        status = error.status or self.status_of(error.code)
        errors = dict(error.details.get("errors") or {})
        messages = list(error.details.get("messages") or ())
        if not messages and not errors:
            messages = [error.message or _MESSAGES.get(status, error.code)]
        elif error.message and error.message not in messages and not errors:
            messages.insert(0, error.message)
        headers = {"www-authenticate": 'Basic realm="protected-area"'} if status == 401 else {}
        return status, {"errorMessages": messages, "errors": errors}, headers

    def not_authed(self) -> VendorError:
        return VendorError("unauthorized", 401)

    def invalid_auth(self) -> VendorError:
        return VendorError("unauthorized", 401)

    def unknown_route(self, method: str, path: str) -> VendorError:
        return VendorError("not_found", 404, f"null for uri: {path}")

    def validation(self, problems: list[Problem], op: dict[str, Any]) -> VendorError:
        errors = {p.name: _message(p) for p in problems}
        return VendorError("invalid_request", 400, errors=errors)

    def invalid_body(self) -> VendorError:
        return VendorError(
            "invalid_request", 400, "Invalid request payload. Refer to the REST API documentation and try again."
        )

    def not_found(self, resource: dict[str, Any], id: str, op: dict[str, Any]) -> VendorError:
        message = f"{title(resource)} does not exist or you do not have permission to see it."
        return VendorError("not_found", 404, message)

    def internal(self) -> VendorError:
        return VendorError("internal_error", 500)

    def rate_limited(self, retry_after: int, *, per_user: bool = False) -> VendorError:
        # the wording of a real 429 from Jira Cloud (2026); API-token traffic meets only the burst limits
        headers = {"retry-after": str(retry_after), "ratelimit-reason": "jira-burst-based"}
        return ErrorWithHeaders(
            "rate_limited", 429, "The request has been rate-limited. Please try again later.", headers=headers
        )

    def new_id(self, ids: IdFactory, resource: dict[str, Any]) -> str:
        return ids.number()

    def limit_call(self, limits: RateLimits, call: Call) -> dict[str, str]:
        # per-second burst limits per endpoint and method for every caller, plus the hourly points quota for
        # OAuth callers; 429 + Retry-After, X-RateLimit-* and RateLimit-Reason; NearLimit under 20%
        burst = limits.limit(call.op_id, Limit(BURST_PER_SECOND, 1.0))
        counters: list[tuple[Key, Limit]] = [(("burst", call.op_id, call.tenant), burst)]
        if call.who.lower().startswith("bearer "):  # OAuth 2.0 (3LO) apps also spend the hourly points quota
            points = Limit(max(1, math.floor(POINTS_PER_HOUR * limits.scale)), 3600.0)
            counters.append((("points", call.who), points))

        def refuse(key: Key, limit: Limit, window: Window) -> VendorError:
            error = limits.refusal(limit, window, call.now)
            if isinstance(error, ErrorWithHeaders):
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

        taken = limits.take(call.now, counters, refuse)
        near = any(limit.calls - window.used < NEAR_LIMIT * limit.calls for limit, window in taken)
        return {"x-ratelimit-nearlimit": "true"} if near else {}


def _message(problem: Problem) -> str:
    if problem.kind == "required":
        return f"The '{problem.name}' parameter is required."
    return f"The value '{problem.value}' is not valid for '{problem.name}'."


PROFILE = JiraProfile
