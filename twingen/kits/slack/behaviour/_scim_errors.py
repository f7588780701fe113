"""The SCIM API's refusals, in each version's envelope, declared as the Web API's are (``Declared`` + ``look_up``).

SCIM 1.1 answers ``{"Errors": {"description": CODE, "code": STATUS}}``; SCIM 2.0 answers RFC 7644's
``{"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "detail": CODE, "status": STATUS}``
(docs.slack.dev/reference/scim-api, "Errors", v1.1 and v2.0 tabs). Slack puts its short error code where SCIM
has a description; ``no_filters (is_aggregate_call=1)`` is Slack's own wording for a filter it cannot read
(recorded in slack_sdk's ``integration_tests/scim``, which assert it against real Slack).
"""

from __future__ import annotations

from ..runtime import Declared, Response, look_up
from ._audit_errors import answer

_REF = "https://docs.slack.dev/reference/scim-api"
_V2_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"

CATALOGUE: dict[str, Declared] = {
    "invalid_authentication": Declared(401, "No token, or one Slack does not know (or revoked).", _REF),
    "missing_scope": Declared(403, "The token lacks the admin scope SCIM needs.", _REF),
    "permission_denied": Declared(403, "The token's user is not an admin or owner of the org.", _REF),
    "no_filters (is_aggregate_call=1)": Declared(400, "The filter could not be read.", _REF),
    "invalid_json": Declared(400, "The body is not a JSON object.", _REF),
    "missing_user_name": Declared(400, "userName is required.", _REF),
    "missing_email": Declared(400, "At least one email is required.", _REF),
    "bad_email_address": Declared(400, "An email is not an email address.", _REF),
    "invalid_user_name": Declared(400, "userName: a-z, 0-9, periods, hyphens, underscores; 21 at most.", _REF),
    "username_taken": Declared(409, "Another user has this userName.", _REF),
    "email_taken": Declared(409, "Another user has this email.", _REF),
    "missing_display_name": Declared(400, "displayName is required for a group.", _REF),
    "group_name_taken": Declared(409, "Another group has this displayName.", _REF),
    "invalid_members": Declared(400, "A member is not a user of the org.", _REF),
    "invalid_operation": Declared(400, "A PATCH operation is not add, replace or remove, or names no path.", _REF),
    "cannot_disable_primary_owner": Declared(403, "The primary owner cannot be deactivated.", _REF),
    "user_not_found": Declared(404, "No user has this id.", _REF),
    "group_not_found": Declared(404, "No group has this id.", _REF),
    "not_found": Declared(404, "No such SCIM endpoint.", _REF),
}  # fmt: skip


class ScimRefusal(Exception):
    """A refusal on its way out; behaviour catches it and answers it in the request's SCIM version."""

    def __init__(self, code: str) -> None:
        self.declared = look_up(CATALOGUE, code, "twin_slack.behaviour._scim_errors.CATALOGUE")
        super().__init__(code)
        self.code = code

    def response(self, version: str) -> Response:
        status = self.declared.status
        if version == "v2":
            return answer({"schemas": [_V2_ERROR], "detail": self.code, "status": status}, status)
        return answer({"Errors": {"description": self.code, "code": status}}, status)
