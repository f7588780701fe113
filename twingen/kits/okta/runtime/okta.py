"""Okta management API: ``{errorCode, errorSummary, errorLink, errorId, errorCauses}`` and ``SSWS`` tokens."""

from __future__ import annotations

import math
import time
from typing import Any

from ..catalogue import Declared
from ..clock import URLSAFE_ALPHABET, IdFactory
from ..control.ratelimits import Call, Key, Limit, RateLimits, Window
from ..types import JSON, Credential, Problem, VendorError
from .base import ErrorWithHeaders, VendorProfile, title
from .okta_ratelimits import OKTA_BUCKETS, OKTA_TOKEN_SHARE, okta_bucket

ERROR_CODES = "https://developer.okta.com/docs/reference/error-codes/"
CATALOGUE: dict[str, Declared] = {
    code: Declared(status, summary, ERROR_CODES)
    for code, status, summary in (
        ("E0000001", 400, "Api validation failed"),
        ("E0000003", 400, "The request body was not well-formed."),
        ("E0000004", 401, "Authentication failed"),
        ("E0000005", 403, "Invalid session"),
        ("E0000006", 403, "You do not have permission to perform the requested action"),
        ("E0000007", 404, "Not found: Resource not found"),
        ("E0000009", 500, "Internal Server Error"),
        ("E0000011", 401, "Invalid token provided"),
        ("E0000022", 405, "The endpoint does not support the provided HTTP method"),
        ("E0000038", 403, "This operation is not allowed in the current authorization server status."),
        ("E0000047", 429, "API call exceeded rate limit due to too many requests."),
    )
}
"""Okta's error codes the twin answers: the HTTP status and the ``errorSummary`` Okta's error code reference gives
(sent when a raise words none)."""
_ID_PREFIX = {"users": "00u", "groups": "00g", "apps": "0oa", "factors": "mbl", "policies": "00p"}


class OktaProfile(VendorProfile):
    name = "okta"
    default_page_size = 200
    token_prefix = "00"

    def status_of(self, code: str) -> int:
        declared = CATALOGUE.get(code)
        return declared.status if declared else 400

    def render(self, error: VendorError) -> tuple[int, JSON, dict[str, str]]:
        declared = CATALOGUE.get(error.code)
        status, summary = (declared.status, declared.message) if declared else (error.status or 400, error.code)
        body = {
            "errorCode": error.code,
            "errorSummary": error.message or summary,
            "errorLink": error.code,
            # Okta's errorId is an opaque per-request id starting "oae"
            "errorId": "oae" + self.ids.token(22, URLSAFE_ALPHABET),
            "errorCauses": list(error.details.get("causes") or ()),
        }
        return error.status or status, body, {}

    def not_authed(self) -> VendorError:
        return VendorError("E0000011")

    def authorize(self, op: dict[str, Any], principal: Credential | None) -> None:
        # an OAuth access token (the only credential with scopes) must hold one of the operation's scopes; a
        # ".manage" scope covers its ".read"; Okta answers 403 E0000006 and says why in WWW-Authenticate
        # (https://developer.okta.com/docs/guides/implement-oauth-for-okta/main/#scopes-and-supported-endpoints)
        needed = op.get("scopes") or ()
        if principal is None or not principal.scopes or not needed:
            return
        held = set(principal.scopes)
        if any(s in held or (s.endswith(".read") and s[:-5] + ".manage" in held) for s in needed):
            return
        challenge = (
            f'Bearer scope="{" ".join(needed)}", error="insufficient_scope", '
            'error_description="The access token provided does not contain the required scopes.", '
            f'resource="{op.get("path", "")}"'
        )
        raise ErrorWithHeaders("E0000006", 403, headers={"www-authenticate": challenge})

    def invalid_auth(self) -> VendorError:
        return VendorError("E0000011")

    def unknown_route(self, method: str, path: str) -> VendorError:
        return VendorError("E0000007", message=f"Not found: Resource not found: {path} (Resource)")

    def method_not_allowed(self, method: str, path: str) -> VendorError:
        return VendorError("E0000022")

    def validation(self, problems: list[Problem], op: dict[str, Any]) -> VendorError:
        causes = [{"errorSummary": f"{p.name}: {_cause(p)}"} for p in problems]
        return VendorError("E0000001", message=f"Api validation failed: {problems[0].name}", causes=causes)

    def invalid_body(self) -> VendorError:
        return VendorError("E0000003")

    def not_found(self, resource: dict[str, Any], id: str, op: dict[str, Any]) -> VendorError:
        return VendorError("E0000007", message=f"Not found: Resource not found: {id} ({title(resource)})")

    def internal(self) -> VendorError:
        return VendorError("E0000009")

    rate_limit_codes = frozenset({"E0000047", "rate_limited"})

    def rate_limited(self, retry_after: int, *, per_user: bool = False) -> VendorError:
        # Okta clients wait on X-Rate-Limit-Reset; the rate-limit model adds the three X-Rate-Limit-* headers
        return ErrorWithHeaders("E0000047", 429)

    def new_id(self, ids: IdFactory, resource: dict[str, Any]) -> str:
        prefix = _ID_PREFIX.get(str(resource.get("name") or ""), "00o")
        return prefix + ids.mixed(20 - len(prefix))

    def limit_call(self, limits: RateLimits, call: Call) -> dict[str, str]:
        # org-wide buckets per endpoint family and method, each token capped at half a bucket (Okta's default);
        # X-Rate-Limit-Limit/Remaining/Reset (UTC epoch seconds, what okta-sdk-python's retry subtracts Date
        # from) on every limited answer
        method = call.method or ("GET" if call.op_id.startswith(("get", "list")) else "POST")
        bucket = okta_bucket(method, call.path)
        if bucket is None:
            return {}
        org = limits.limit(call.op_id, Limit(OKTA_BUCKETS[bucket], 60.0))
        # an override is the client's own number, taken whole
        overridden = call.op_id in limits.overrides or "*" in limits.overrides
        token = org if overridden else Limit(max(1, math.floor(org.calls * OKTA_TOKEN_SHARE)), org.window)

        def refuse(key: Key, limit: Limit, window: Window) -> VendorError:
            error = limits.refusal(limit, window, call.now)
            if isinstance(error, ErrorWithHeaders):
                error.headers.update(_rate_headers(limit, window, call.now))
            return error

        counters = [(("okta", bucket, call.who), token), (("okta", bucket, call.tenant), org)]
        taken = limits.take(call.now, counters, refuse)
        limit, window = min(taken, key=lambda pair: pair[0].calls - pair[1].used)  # the nearer ceiling
        return _rate_headers(limit, window, call.now)


def _cause(problem: Problem) -> str:
    return "The field cannot be left blank" if problem.kind == "required" else f"Invalid value '{problem.value}'"


def _rate_headers(limit: Limit, window: Window, now: float) -> dict[str, str]:
    reset = time.time() + (window.start + limit.window - now)  # Okta's Reset is UTC epoch seconds
    return {
        "x-rate-limit-limit": str(limit.calls),
        "x-rate-limit-remaining": str(max(limit.calls - window.used, 0)),
        "x-rate-limit-reset": str(math.ceil(reset)),
    }


PROFILE = OktaProfile
