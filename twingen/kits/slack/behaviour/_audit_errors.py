"""The Audit Logs API's refusals: ``{"ok": false, "error": CODE}`` with a real HTTP status (not the Web API's 200).

Declared here as the Web API's are in ``_errors.py`` (``Declared`` + ``look_up``): a code nobody declared is an
``UndeclaredError``. Source: docs.slack.dev/reference/audit-logs-api/methods-actions-reference ("Errors") and
docs.slack.dev/admins/audit-logs-api (who may call: an Enterprise org owner's ``xoxp`` token with
``auditlogs:read``; a workspace that is not on Enterprise gets ``feature_not_enabled``).
"""

from __future__ import annotations

import json

from ..runtime import Declared, Response, look_up

_REF = "https://docs.slack.dev/reference/audit-logs-api/methods-actions-reference"
_GUIDE = "https://docs.slack.dev/admins/audit-logs-api"

CATALOGUE: dict[str, Declared] = {
    "not_authed": Declared(401, "No token was given.", _REF),
    "invalid_authentication": Declared(401, "The token is not valid (unknown, revoked, or its user is gone).", _REF),
    "not_allowed_token_type": Declared(403, "Only a user (xoxp) token of an org owner can read audit logs.", _GUIDE),
    "missing_scope": Declared(403, "The token lacks the auditlogs:read scope.", _REF),
    "user_not_authorized": Declared(403, "The token's user is not an owner of the Enterprise organization.", _REF),
    "feature_not_enabled": Declared(403, "The Audit Logs API is for Enterprise organizations only.", _GUIDE),
    "invalid_cursor": Declared(400, "The cursor was not one this API gave.", _REF),
    "invalid_range": Declared(400, "oldest is later than latest.", _REF),
    "invalid_arguments": Declared(400, "An argument is malformed (limit, latest or oldest not a number).", _REF),
}


class AuditRefusal(Exception):
    """A refusal on its way out: behaviour catches it and answers its ``response``."""

    def __init__(self, code: str, **details: object) -> None:
        declared = look_up(CATALOGUE, code, "twin_slack.behaviour._audit_errors.CATALOGUE")
        super().__init__(code)
        self.response = answer({"ok": False, "error": code, **details}, declared.status)


def answer(body: object, status: int = 200) -> Response:
    """Compact JSON exactly as given: the Audit Logs API has no ``ok: true`` on success (``{"entries":[...``)."""
    raw = json.dumps(body, separators=(",", ":")).encode()
    return Response(status, raw, media_type="application/json; charset=utf-8")
