"""Drive's error catalogue: every reason the twin's Drive behaviour answers, with its HTTP status, what it means and
where Google says so.

``raise google_error(reason, message)`` is the one way behaviour refuses a call; the helpers below word Drive's
frequent answers (``file_not_found``, ``invalid``...) through it. A reason nobody declared raises
``UndeclaredError`` (a ``KeyError``), so a test that reaches it fails instead of an SDK seeing an invented reason.
The runtime's Google profile renders the ``VendorError``: ``{"error": {"code", "message", "errors": [{domain,
reason, message, locationType, location}], "status"}}``; the message sent is the one the raise gives (Drive's own
wording for that case); ``Declared.message`` says what the reason means and is never sent.

Sources: Drive's "Resolve errors" guide for the reasons it lists; Google's list of global-domain reasons (the
``global`` domain every Google API shares) for the generic ones; for reasons Drive answers but documents in no table
(seen in its answers), the reference page of the method the twin raises them from.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Declared, UndeclaredError, VendorError, look_up

__all__ = [
    "CATALOGUE",
    "Declared",
    "UndeclaredError",
    "bad_request",
    "duplicate",
    "failed_precondition",
    "file_not_found",
    "forbidden",
    "google_error",
    "insufficient_permissions",
    "invalid",
    "invalid_credentials",
    "invalid_fields",
    "not_downloadable",
    "not_found",
    "required",
]

GUIDE = "https://developers.google.com/drive/api/guides/handle-errors"
GLOBAL = "https://developers.google.com/youtube/v3/docs/core_errors"
"""Google APIs' global-domain errors (published under YouTube's docs; the reasons are every API's)."""
METHODS = "https://developers.google.com/drive/api/reference/rest/v3/"
SHEETS = "https://developers.google.com/sheets/api/limits#errors"


def _guide(status: int, message: str) -> Declared:
    return Declared(status, message, GUIDE)


def _global(status: int, message: str) -> Declared:
    return Declared(status, message, GLOBAL)


def _on(method: str, status: int, message: str) -> Declared:
    return Declared(status, message, METHODS + method)


CATALOGUE: dict[str, Declared] = {
    # the runtime's own refusal of an unknown token, raised by behaviour for a token whose user the Directory
    # suspended or deleted
    "authError": _global(401, "The credential is not valid (unknown, expired, or its user suspended)."),
    "badContent": _global(400, "The content of the request (or of one part of a multipart request) is not accepted."),
    "badRequest": _guide(400, "The request is invalid: a value or a combination of fields cannot be used."),
    "cannotAddParent": _on("files/update", 403, "The item cannot be given this parent (or another parent)."),
    "cannotCopyFile": _on("files/copy", 403, "The user cannot copy this file."),
    "cannotDeleteOnlyRevision": _on("revisions/delete", 400, "The last remaining revision cannot be deleted."),
    "cannotRemoveOwner": _on("permissions/delete", 403, "The owner's permission cannot be removed or changed."),
    "duplicate": _global(409, "The item the request would create already exists."),
    "failedPrecondition": Declared(
        400,
        "The object is in the wrong state for the request (Google's canonical FAILED_PRECONDITION).",
        "https://cloud.google.com/apis/design/errors",
    ),
    "fieldNotWritable": _on("files/update", 403, "The request body sets a field that is not directly writable."),
    "fileNotCopyable": _on("files/copy", 403, "The file's owner does not let readers and commenters copy it."),
    "fileNotDownloadable": Declared(
        403,
        "Only files with binary content can be downloaded; Docs Editors files are exported.",
        "https://developers.google.com/drive/api/guides/manage-downloads",
    ),
    "fileNotExportable": _on("files/export", 403, "Only Docs Editors files can be exported."),
    "forbidden": _global(403, "The caller may not do this."),
    "illegalKeepForeverModification": _guide(400, "A revision kept forever cannot be set back to false."),
    "insufficientFilePermissions": _guide(403, "The user does not have the access to the file this needs."),
    "insufficientPermissions": _global(403, "The token lacks a scope the method needs (the Admin SDK Directory)."),
    "invalid": _global(400, "A parameter or body field has a value that is not valid."),
    "invalidParameter": _global(400, "A parameter is not valid (an unknown field selection)."),
    "invalidParent": _on("files/update", 400, "The parent would make a cycle in the folder hierarchy."),
    # Drive's guide shows this reason as a 400 (a sharing notification not delivered); the ownership changes the
    # twin refuses with it are answered 403, as Drive answers them
    "invalidSharingRequest": _guide(403, "The sharing change is not allowed for this user or this item."),
    # Google's global domain: a request kind the twin does not apply yet (Docs batchUpdate), never a made-up answer
    "notImplemented": _global(501, "The operation is not implemented."),
    "notFound": _guide(404, "The file (or the item the request names) does not exist or the user cannot see it."),
    "parseError": _global(400, "The request body is not valid JSON."),
    "push.webhookUrlNotHttps": _on("files/watch", 400, "A notification channel's address must be HTTPS."),
    "required": _global(400, "A required parameter or field is missing."),
    # Sheets answers with Google's canonical status names (its errors carry no Drive-style reason)
    "INVALID_ARGUMENT": Declared(400, "Sheets: a range, request or value it cannot use.", SHEETS),
    "NOT_FOUND": Declared(404, "Sheets: no such spreadsheet (or sheet, or metadata).", SHEETS),
    "PERMISSION_DENIED": Declared(403, "Sheets: the caller may not read or edit this spreadsheet.", SHEETS),
    "revisionsNotSupported": _on("revisions/get", 400, "The file has no revisions (a Docs Editors file or folder)."),
}
"""Every reason the twin's Drive behaviour raises, by reason."""


def google_error(reason: str, message: str, **details: Any) -> VendorError:
    """Drive's ``reason`` with its declared status and ``message`` (Drive's wording for this case); ``details``
    join the error item (``location``, ``locationType``)."""
    declared = look_up(CATALOGUE, reason, "twin_google.behaviour._errors.CATALOGUE")
    return VendorError(reason, declared.status, message, **details)


def _param(reason: str, message: str, location: str) -> VendorError:
    return google_error(reason, message, location=location, locationType="parameter")


def file_not_found(file_id: str) -> VendorError:
    """Drive answers 404 (never 403) for a file the caller cannot see, so its existence does not leak."""
    return _param("notFound", f"File not found: {file_id}.", "fileId")


def not_found(message: str, location: str) -> VendorError:
    return _param("notFound", message, location)


def invalid_credentials() -> VendorError:
    """401 as Google answers a token it does not take (the runtime's Google profile words the same answer)."""
    expected = "Expected OAuth 2 access token, login cookie or other valid authentication credential."
    see = "See https://developers.google.com/identity/sign-in/web/devconsole-project."
    return google_error(
        "authError", f"Request had invalid authentication credentials. {expected} {see}",
        item_message="Invalid Credentials", location="Authorization", locationType="header",
    )  # fmt: skip


def insufficient_permissions() -> VendorError:
    return google_error("insufficientFilePermissions", "The user does not have sufficient permissions for this file.")


def forbidden(reason: str, message: str) -> VendorError:
    return google_error(reason, message)


def invalid(location: str, message: str = "Invalid Value", reason: str = "invalid") -> VendorError:
    return _param(reason, message, location)


def required(location: str, message: str | None = None) -> VendorError:
    return _param("required", message or f"Required parameter: {location}", location)


def invalid_fields(name: str) -> VendorError:
    return _param("invalidParameter", f"Invalid field selection {name}", "fields")


def duplicate(message: str) -> VendorError:
    return google_error("duplicate", message)


def not_downloadable() -> VendorError:
    message = "Only files with binary content can be downloaded. Use Export with Docs Editors files."
    return _param("fileNotDownloadable", message, "alt")


def bad_request(message: str, reason: str = "badRequest") -> VendorError:
    return google_error(reason, message)


def failed_precondition(message: str) -> VendorError:
    """The object is in the wrong state for the request (an approval that is no longer in progress).

    Not confirmed: no Drive answer of this kind was found quoted; the reason follows Google's canonical
    ``FAILED_PRECONDITION`` (400), which the newer, gRPC-transcoded Drive methods use.
    """
    return google_error("failedPrecondition", message)
