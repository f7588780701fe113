"""Google APIs: ``{"error": {"code", "message", "errors": [...], "status"}}`` with canonical status names."""

from __future__ import annotations

from typing import Any

from ..clock import IdFactory
from ..control.ratelimits import Call, Limit, RateLimits
from ..types import JSON, Problem, VendorError
from .base import VendorProfile, title

PER_USER_PER_MINUTE = 12_000
"""Drive queries per minute per user, and per project (https://developers.google.com/drive/api/guides/limits)."""

_STATUS_NAME = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ALREADY_EXISTS",
    412: "FAILED_PRECONDITION",
    429: "RESOURCE_EXHAUSTED",
    499: "CANCELLED",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}
_STATUS_OF_NAME = {name: status for status, name in _STATUS_NAME.items()} | {"ABORTED": 409, "OUT_OF_RANGE": 400}
_REASON_OF_STATUS = {
    400: "badRequest",
    401: "authError",
    403: "forbidden",
    404: "notFound",
    409: "conflict",
    429: "rateLimitExceeded",
    500: "backendError",
    503: "backendError",
}
# reasons as Google's JSON APIs send them, and the HTTP status each comes with
_STATUS_OF_REASON = {
    "required": 400,
    "invalid": 400,
    "badRequest": 400,
    "parseError": 400,
    "invalidParameter": 400,
    "authError": 401,
    "forbidden": 403,
    "insufficientPermissions": 403,
    "userRateLimitExceeded": 403,
    "dailyLimitExceeded": 403,
    "notFound": 404,
    "conflict": 409,
    "duplicate": 409,
    "rateLimitExceeded": 429,
    "internalError": 500,
    "backendError": 500,
}
_FAULT_STATUS = {"backendError": 503, "internalError": 500, "deadlineExceeded": 504}
_SEE = "See https://developers.google.com/identity/sign-in/web/devconsole-project."
_EXPECTED = "Expected OAuth 2 access token, login cookie or other valid authentication credential."
_MISSING = f"Request is missing required authentication credential. {_EXPECTED} {_SEE}"
_INVALID = f"Request had invalid authentication credentials. {_EXPECTED} {_SEE}"
_ITEM_KEYS = ("domain", "reason", "location", "locationType")


class GoogleProfile(VendorProfile):
    name = "google"
    media_type = "application/json; charset=UTF-8"
    default_page_size = 100
    token_prefix = "ya29.twin-"
    # an HTTP header every Google API takes (https://cloud.google.com/apis/docs/system-parameters);
    # google-api-python-client turns a GET longer than 2,000 characters into such a POST
    method_override = True
    max_body = 5120 * 2**30
    """Drive's largest upload, 5,120 GB (https://developers.google.com/drive/api/reference/rest/v3/files/create); a
    simple or multipart upload is meant for 5 MB or less (https://developers.google.com/drive/api/guides/manage-uploads),
    which the twin does not enforce."""

    def status_of(self, code: str) -> int:
        return _STATUS_OF_NAME.get(code) or _STATUS_OF_REASON.get(code, 400)

    def render(self, error: VendorError) -> tuple[int, JSON, dict[str, str]]:
        status = error.status or self.status_of(error.code)
        is_status_name = error.code in _STATUS_OF_NAME
        details = dict(error.details)
        message = error.message or details.pop("item_message", None) or _default_message(status)
        item = {"message": details.pop("item_message", message), "domain": details.pop("domain", "global")}
        item["reason"] = details.pop(
            "reason", _REASON_OF_STATUS.get(status, "badRequest") if is_status_name else error.code
        )
        for key in _ITEM_KEYS[2:]:
            if key in details:
                item[key] = details.pop(key)
        status_name = error.code if is_status_name else _STATUS_NAME.get(status, "UNKNOWN")
        body: dict[str, Any] = {"error": {"code": status, "message": message, "errors": [item], "status": status_name}}
        if is_status_name and not set(error.details) & {"reason", "domain", "location", "locationType", "item_message"}:
            # the newer (gRPC-transcoded) APIs, Sheets v4 and Docs v1, answer a canonical status with no
            # ``errors`` list (recorded Sheets answers: {"error": {"code", "message", "status"}})
            del body["error"]["errors"]
        body["error"].update(details)
        headers = {"www-authenticate": 'Bearer realm="https://accounts.google.com/"'} if status == 401 else {}
        return status, body, headers

    def not_authed(self) -> VendorError:
        return VendorError(
            "required", 401, _MISSING, item_message="Login Required.", location="Authorization", locationType="header"
        )

    def invalid_auth(self) -> VendorError:
        return VendorError(
            "authError",
            401,
            _INVALID,
            item_message="Invalid Credentials",
            location="Authorization",
            locationType="header",
        )

    def unknown_route(self, method: str, path: str) -> VendorError:
        return VendorError("notFound", 404, "Method not found.")

    def method_not_allowed(self, method: str, path: str) -> VendorError:
        return self.unknown_route(method, path)

    def validation(self, problems: list[Problem], op: dict[str, Any]) -> VendorError:
        p = problems[0]
        if p.kind == "required":
            return VendorError(
                "required", 400, f"Required parameter: {p.name}", location=p.name, locationType="parameter"
            )
        return VendorError(
            "invalid", 400, f"Invalid value at '{p.name}', \"{p.value}\"", location=p.name, locationType="parameter"
        )

    def invalid_body(self) -> VendorError:
        return VendorError("parseError", 400, "Invalid JSON payload received.")

    def not_found(self, resource: dict[str, Any], id: str, op: dict[str, Any]) -> VendorError:
        id_param = str(resource.get("id_param") or "id")
        return VendorError(
            "notFound", 404, f"{title(resource)} not found: {id}.", location=id_param, locationType="parameter"
        )

    def internal(self) -> VendorError:
        return VendorError("backendError", 500, "Internal error encountered.")

    def unavailable(self) -> VendorError:
        # the transient 503 Google's clients retry (googleapiclient's num_retries, the Go and Java backoffs)
        return VendorError("backendError", 503, "The service is currently unavailable.")

    def http_refusal(self, status: int, message: str) -> VendorError:
        # the global domain's 413 reason (https://developers.google.com/youtube/v3/docs/core_errors); the status
        # names are gRPC's for a message over the limit and a deadline passed
        if status == 413:
            return VendorError("RESOURCE_EXHAUSTED", 413, message, reason="uploadTooLarge")
        if status == 431:
            return VendorError("RESOURCE_EXHAUSTED", 431, message, reason="badRequest")
        if status == 408:
            return VendorError("DEADLINE_EXCEEDED", 408, message)
        return VendorError("badRequest", 400, message)

    def upload_session_gone(self) -> VendorError:
        # Drive: a 404 on a session URI means "start the upload again from the beginning"
        return VendorError("notFound", 404, "Upload session not found.")

    rate_limit_codes = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})

    def rate_limited(self, retry_after: int, *, per_user: bool = False) -> VendorError:
        # Google sends no Retry-After: its client libraries back off exponentially on 403/429 rate reasons
        if per_user:
            return VendorError("userRateLimitExceeded", 403, "User rate limit exceeded.", domain="usageLimits")
        return VendorError("rateLimitExceeded", 429, "Rate limit exceeded.", domain="usageLimits")

    def fault_status(self, code: str) -> int:
        # an injected backendError is the transient 503 that clients retry, not the 500 of a twin's crash
        return _FAULT_STATUS.get(code) or self.status_of(code)

    def new_id(self, ids: IdFactory, resource: dict[str, Any]) -> str:
        return "1" + ids.mixed(32)

    def limit_call(self, limits: RateLimits, call: Call) -> dict[str, str]:
        # per user and per project; 403 userRateLimitExceeded / 429 rateLimitExceeded
        allowance = Limit(PER_USER_PER_MINUTE, 60.0)
        counters = [
            (("user", call.who), limits.limit(call.op_id, allowance)),
            (("project", call.tenant), limits.limit("*", allowance)),
        ]
        limits.take(
            call.now, counters, lambda key, lim, win: limits.refusal(lim, win, call.now, per_user=key[0] == "user")
        )
        return {}


def _default_message(status: int) -> str:
    return {404: "Requested entity was not found.", 500: "Internal error encountered."}.get(status, "Bad Request")


PROFILE = GoogleProfile
