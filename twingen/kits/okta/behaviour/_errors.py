"""Okta's error catalogue: every ``errorCode`` the twin's Okta behaviour answers, with its HTTP status, Okta's
``errorSummary`` wording and where Okta says so.

``raise okta_error(code, summary)`` is the one way behaviour refuses a call. The runtime's Okta profile renders it as
``{errorCode, errorSummary, errorLink, errorId, errorCauses}``; the summary sent is the raise's own (Okta words most
summaries per case, e.g. "Not found: Resource not found: 00u... (User)"), else ``Declared.message``. A code nobody
declared raises ``UndeclaredError``.

Source for every code: https://developer.okta.com/docs/reference/error-codes/ (and the recorded answers of
okta-sdk-python's integration cassettes for the exact per-case wording).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..runtime import Declared, UndeclaredError, VendorError, look_up

__all__ = ["CATALOGUE", "Declared", "UndeclaredError", "cause", "not_found", "okta_error", "validation_failed"]

CODES = "https://developer.okta.com/docs/reference/error-codes/"

CATALOGUE: dict[str, Declared] = {
    code: Declared(status, summary, CODES)
    for code, status, summary in (
        ("E0000001", 400, "Api validation failed"),
        ("E0000003", 400, "The request body was not well-formed."),
        ("E0000004", 401, "Authentication failed"),
        ("E0000005", 403, "Invalid session"),
        ("E0000006", 403, "You do not have permission to perform the requested action"),
        ("E0000007", 404, "Not found: Resource not found"),
        ("E0000011", 401, "Invalid token provided"),
        ("E0000014", 403, "Update of credentials failed"),
        ("E0000015", 401, "You do not have permission to access the feature you are requesting"),
        ("E0000016", 403, "Activation failed because the user is already active"),
        ("E0000017", 403, "Password reset failed"),
        ("E0000019", 400, "Bad request. Accept and/or Content-Type headers likely do not match supported values."),
        ("E0000022", 405, "The endpoint does not support the provided HTTP method"),
        ("E0000028", 400, "The request is missing a required parameter."),
        ("E0000029", 400, "Invalid paging request."),
        ("E0000030", 400, "Bad request. Invalid date. Dates must be of the form yyyy-MM-dd'T'HH:mm:ss.SSSZZ"),
        ("E0000031", 400, "Invalid search criteria."),
        ("E0000032", 403, "Unlock is not allowed for this user."),
        ("E0000034", 403, "Forgot password not allowed on specified user."),
        ("E0000038", 403, "This operation is not allowed in the user's current status."),
        ("E0000056", 403, "Delete application forbidden."),
        ("E0000068", 403, "Invalid Passcode/Answer"),
        ("E0000080", 400, "The password does not meet the complexity requirements of the current password policy."),
        ("E0000090", 409, "The role specified is already assigned to the user."),
        ("E0000091", 400, "The provided user status is invalid."),
        (
            "E0000124",
            400,
            "Could not create user. To create a user and expire their password immediately, "
            "a password must be specified.",
        ),
        (
            "E0000125",
            400,
            "Could not create user. To create a user and expire their password immediately, `activate` must be true.",
        ),
        ("E0000092", 400, "Access to this application requires an access policy."),
        ("E0000166", 403, "CAPTCHA count limit reached. At most one CAPTCHA instance is allowed per Org."),
        ("E0000182", 409, "A default email template customization already exists."),
        ("E0000183", 409, "An email template customization for that language already exists."),
        ("E0000185", 409, "The isDefault parameter of the default email template customization can't be set to false."),
        # SSFTransmitter/createSsfStream's documented 409
        ("E0000195", 409, "Api validation failed due to conflict"),
        ("E0000112", 400, "Unable to update the requested app. The app is not active."),
    )
}


def okta_error(code: str, summary: str | None = None, *, causes: Iterable[str] = ()) -> VendorError:
    """The VendorError Okta answers with ``code``; ``summary`` is Okta's wording for this case, ``causes`` the
    ``errorCauses`` summaries."""
    declared = look_up(CATALOGUE, code, "the okta kit's _errors.py")
    listed = [{"errorSummary": text} for text in causes]
    return VendorError(code, status=declared.status, message=summary or declared.message, causes=listed)


def cause(field: str, reason: str) -> str:
    """One ``errorCauses`` summary as Okta words them: ``login: An object with this field already exists ...``."""
    return f"{field}: {reason}"


def validation_failed(field: str, reason: str) -> VendorError:
    """E0000001 "Api validation failed: FIELD" with the cause, as Okta answers a bad profile or body field."""
    return okta_error("E0000001", f"Api validation failed: {field}", causes=[cause(field, reason)])


def not_found(id_: str, kind: str) -> VendorError:
    """E0000007 as Okta words it: ``Not found: Resource not found: ID (Kind)``."""
    return okta_error("E0000007", f"Not found: Resource not found: {id_} ({kind})")
