"""The generic vendor profile; each vendor's profile overrides only what that vendor does differently."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..clock import HEX_ALPHABET, IdFactory
from ..control.ratelimits import GENERIC_PER_CREDENTIAL, Limit
from ..types import JSON, Problem, VendorError

if TYPE_CHECKING:
    from ..control.ratelimits import Call, RateLimits
    from ..types import Credential

_CAMEL_ID = re.compile(r"(Id|_id|ID|Key|_key|IdOrKey|Name)$")


class ErrorWithHeaders(VendorError):
    """A vendor error whose answer carries extra headers (``Retry-After``, ``X-Rate-Limit-*``)."""

    def __init__(
        self,
        code: str,
        status: int | None = None,
        message: str | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        **details: Any,
    ) -> None:
        super().__init__(code, status, message, **details)
        self.headers = dict(headers or {})


class VendorProfile:
    """How one vendor words errors, where it looks for credentials, how its ids and pages look."""

    name = "generic"
    media_type = "application/json"
    json_body_params = False
    """Whether top-level fields of a JSON body are arguments (Slack's JSON posts) and join ``params``."""
    auth_params: frozenset[str] = frozenset()
    """Request parameters that carry credentials: read by auth, never validated as arguments."""
    any_method = False
    """Whether every path accepts GET and POST alike (Slack's Web API)."""
    behaviour_validates = False
    """Whether an operation with behaviour checks its own arguments: the runtime then validates only stubs
    and inferred operations, so the vendor's per-argument error codes (Slack ``invalid_ts_oldest``) stay
    in behaviour code."""
    default_page_size = 50
    token_prefix = "twin-"
    method_override = False
    """Whether ``X-HTTP-Method-Override`` on a POST names the real method (Google's APIs take it)."""
    unlisted_path = ""
    """Where an operation only behaviour knows is routed when it names no path (Slack: ``/api/{op}``)."""
    max_body: int | None = None
    """The largest request body the vendor documents, in bytes (None: it documents none). The twin's own cap
    (``serving/limits.py``, ``serve --max-body``) never goes above it."""

    def __init__(self, ids: IdFactory | None = None) -> None:
        self.ids = ids or IdFactory()
        """The twin's id factory, for ids inside error bodies (Okta's ``errorId``): repeatable under ``--seed``."""

    # -- rendering -------------------------------------------------------------------------------
    def status_of(self, code: str) -> int:
        return _GENERIC_STATUS.get(code, 400)

    def render(self, error: VendorError) -> tuple[int, JSON, dict[str, str]]:
        """Status, body and extra headers of the vendor's error envelope."""
        status = error.status or self.status_of(error.code)
        body: dict[str, Any] = {"error": error.code, "message": error.message or error.code.replace("_", " ")}
        body.update(error.details)
        return status, body, {}

    def success(self, body: JSON) -> JSON:
        return body

    def answer_failed(self, status: int, body: bytes, media_type: str) -> bool:
        """Whether an answer is an error (the request log marks it): by status, unless the vendor says
        otherwise inside a 2xx body. ``status`` 0: the client never got an answer (a dropped connection)."""
        return status >= 400 or status == 0

    # -- errors the runtime raises ------------------------------------------------------------------
    def not_authed(self) -> VendorError:
        return VendorError("unauthorized", 401, "Authentication required")

    def invalid_auth(self) -> VendorError:
        return VendorError("unauthorized", 401, "Invalid credentials")

    def authorize(self, op: dict[str, Any], principal: Credential | None) -> None:
        """Raise the vendor's refusal when the authenticated credential may not make this call (a token whose
        OAuth scopes lack the operation's); by default any credential that authenticates may."""

    def unknown_route(self, method: str, path: str) -> VendorError:
        return VendorError("not_found", 404, f"No route for {method} {path}")

    def method_not_allowed(self, method: str, path: str) -> VendorError:
        return VendorError("method_not_allowed", 405, f"{method} is not allowed on {path}")

    def validation(self, problems: list[Problem], op: dict[str, Any]) -> VendorError:
        first = problems[0]
        return VendorError("invalid_request", 400, describe(first), problems=[describe(p) for p in problems])

    def invalid_body(self) -> VendorError:
        return VendorError("invalid_request", 400, "The request body is not valid JSON")

    def not_found(self, resource: dict[str, Any], id: str, op: dict[str, Any]) -> VendorError:
        return VendorError("not_found", 404, f"{title(resource)} {id} not found")

    def internal(self) -> VendorError:
        return VendorError("internal_error", 500, "Internal server error")

    def unavailable(self) -> VendorError:
        """The answer when a change could not be made durable (``--state``: a full disk, a read-only file); the
        change was undone, so a client may retry it."""
        return VendorError("service_unavailable", 503, "The service is temporarily unavailable")

    def too_deep(self, name: str, limit: int, op: dict[str, Any]) -> VendorError:
        """A JSON body whose field ``name`` ("" for the body itself) nests more than ``limit`` levels deep."""
        problem = Problem(name or "body", "body", "invalid", f"nested more than {limit} levels deep")
        return self.validation([problem], op)

    def http_refusal(self, status: int, message: str) -> VendorError:
        """A request the HTTP layer refuses before the twin sees it: 400 (not HTTP), 408 (too slow), 413 (body over
        the limit) or 431 (head over the limit); the connection closes after the answer."""
        return VendorError(_HTTP_REFUSALS.get(status, "invalid_request"), status, message)

    def upload_session_gone(self) -> VendorError:
        """A resumable upload session that is finished, unknown, or another tenant's."""
        return VendorError("not_found", 404, "No such upload session")

    # -- faults and rate limits -----------------------------------------------------------------------
    rate_limit_codes: frozenset[str] = frozenset({"rate_limited"})
    """Error codes that mean "slow down": a fault with one of them is rendered as ``rate_limited``."""

    def rate_limited(self, retry_after: int, *, per_user: bool = False) -> VendorError:
        """The vendor's answer to too many calls; ``per_user`` for vendors that tell the two limits apart."""
        return ErrorWithHeaders("rate_limited", 429, "Too many requests", headers={"retry-after": str(retry_after)})

    def fault(self, code: str, status: int | None = None, message: str | None = None) -> VendorError:
        """The error an injected fault answers with: the vendor's own, by its code."""
        if code in self.rate_limit_codes and status is None and message is None:
            return self.rate_limited(1, per_user=code.startswith("user"))
        return VendorError(code, status or self.fault_status(code), message)

    def fault_status(self, code: str) -> int:
        return self.status_of(code)

    def limit_call(self, limits: RateLimits, call: Call) -> dict[str, str]:
        """Count ``call`` in the vendor's counters, raising its rate-limit error when one is full; answer headers."""
        limits.take(call.now, [(("user", call.who), limits.limit(call.op_id, Limit(GENERIC_PER_CREDENTIAL, 60.0)))])
        return {}

    # -- identities ---------------------------------------------------------------------------------
    def seed_token(self, api_name: str, scheme: str) -> str:
        """A deterministic token, so the default seed's credentials are the same on every start."""
        digest = hashlib.sha256(f"{api_name}:{scheme}".encode()).digest()
        return self.token_prefix + base64.b32encode(digest).decode().rstrip("=").lower()[:32]

    def new_id(self, ids: IdFactory, resource: dict[str, Any]) -> str:
        return ids.token(24, HEX_ALPHABET)


def describe(problem: Problem) -> str:
    if problem.kind == "required":
        return f"missing required field: {problem.name}"
    return f"invalid value for {problem.name}: {problem.value!r}"


def singular(resource: dict[str, Any]) -> str:
    """``files`` -> ``file``, ``fileId`` -> ``file``: the word vendors use in not-found messages."""
    id_param = str(resource.get("id_param") or "")
    base = _CAMEL_ID.sub("", id_param) if id_param and _CAMEL_ID.search(id_param) else ""
    if not base:
        name = str(resource.get("name") or "resource")
        base = name[:-3] + "y" if name.endswith("ies") else name[:-1] if name.endswith("s") else name
    return base


def title(resource: dict[str, Any]) -> str:
    word = str(resource.get("schema") or "") or singular(resource)
    return word[:1].upper() + word[1:]


_HTTP_REFUSALS = {
    400: "invalid_request",
    408: "request_timeout",
    413: "payload_too_large",
    431: "request_header_fields_too_large",
}

_GENERIC_STATUS = {
    "not_found": 404,
    "unauthorized": 401,
    "forbidden": 403,
    "conflict": 409,
    "method_not_allowed": 405,
    "rate_limited": 429,
    "internal_error": 500,
}
