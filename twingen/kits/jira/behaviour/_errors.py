"""Jira's error catalogue: every error the twin's Jira behaviour answers, with its status and Jira's wording.

Jira sends no code of its own, only the status and ``{"errorMessages": [...], "errors": {field: message}}``;
the codes here are the twin's names. ``raise jira_error(code, ...)`` is the one way behaviour refuses a call:
``messages`` go to ``errorMessages``, ``errors`` to ``errors`` (field -> message), as Jira words each case.
A code nobody declared raises ``UndeclaredError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..runtime import Declared, UndeclaredError, VendorError, look_up

__all__ = ["CATALOGUE", "Declared", "UndeclaredError", "field_error", "issue_not_found", "jira_error"]

STATUS = "https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#status-codes"
ISSUE = "https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get"
JQL = "https://support.atlassian.com/jira-software-cloud/docs/use-advanced-search-with-jira-query-language-jql/"

CATALOGUE: dict[str, Declared] = {
    "bad_request": Declared(400, "The request is not valid.", STATUS),
    "field_invalid": Declared(400, "A field of the request is not valid.", STATUS),
    "jql_invalid": Declared(400, "Error in the JQL Query.", JQL),
    "unauthorized": Declared(
        401, "You are not authenticated. Authentication required to perform this operation.", STATUS
    ),
    "forbidden": Declared(403, "You do not have permission to perform this operation.", STATUS),
    "issue_not_found": Declared(404, "Issue does not exist or you do not have permission to see it.", ISSUE),
    "not_found": Declared(404, "The resource does not exist or the caller may not see it.", STATUS),
    "conflict": Declared(409, "The request conflicts with the resource's current state.", STATUS),
    "method_not_allowed": Declared(405, "The resource does not take this HTTP method.", STATUS),
}


def jira_error(
    code: str,
    *messages: str,
    errors: Mapping[str, str] | None = None,
    status: int | None = None,
) -> VendorError:
    """The VendorError Jira answers: ``messages`` as ``errorMessages``, ``errors`` as field -> message."""
    declared = look_up(CATALOGUE, code, "the jira kit's _errors.py")
    listed: Iterable[str] = messages if messages or errors else (declared.message,)
    return VendorError(code, status=status or declared.status, messages=list(listed), errors=dict(errors or {}))


def field_error(field: str, message: str) -> VendorError:
    """400 with one field's message, as Jira refuses a bad field of an issue or project body."""
    return jira_error("field_invalid", errors={field: message})


def issue_not_found() -> VendorError:
    return jira_error("issue_not_found")
