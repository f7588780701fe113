"""Drive's own errors, worded as Drive words them (reasons and messages seen in its answers).

Every helper returns a ``VendorError`` for the caller to ``raise``; the runtime's Google profile turns it
into ``{"error": {"code", "message", "errors": [{domain, reason, message, locationType, location}], ...}}``.
"""

from __future__ import annotations

from ..runtime import VendorError

__all__ = [
    "bad_request",
    "duplicate",
    "failed_precondition",
    "file_not_found",
    "forbidden",
    "insufficient_permissions",
    "invalid",
    "invalid_fields",
    "not_downloadable",
    "not_found",
    "required",
]


def _param(reason: str, status: int, message: str, location: str) -> VendorError:
    return VendorError(reason, status, message, location=location, locationType="parameter")


def file_not_found(file_id: str) -> VendorError:
    """Drive answers 404 (never 403) for a file the caller cannot see, so its existence does not leak."""
    return _param("notFound", 404, f"File not found: {file_id}.", "fileId")


def not_found(message: str, location: str) -> VendorError:
    return _param("notFound", 404, message, location)


def insufficient_permissions() -> VendorError:
    message = "The user does not have sufficient permissions for this file."
    return VendorError("insufficientFilePermissions", 403, message)


def forbidden(reason: str, message: str) -> VendorError:
    return VendorError(reason, 403, message)


def invalid(location: str, message: str = "Invalid Value", reason: str = "invalid") -> VendorError:
    return _param(reason, 400, message, location)


def required(location: str, message: str | None = None) -> VendorError:
    return _param("required", 400, message or f"Required parameter: {location}", location)


def invalid_fields(name: str) -> VendorError:
    return _param("invalidParameter", 400, f"Invalid field selection {name}", "fields")


def duplicate(message: str) -> VendorError:
    return VendorError("duplicate", 409, message)


def not_downloadable() -> VendorError:
    return VendorError(
        "fileNotDownloadable",
        403,
        "Only files with binary content can be downloaded. Use Export with Docs Editors files.",
        location="alt",
        locationType="parameter",
    )


def bad_request(message: str, reason: str = "badRequest") -> VendorError:
    return VendorError(reason, 400, message)


def failed_precondition(message: str) -> VendorError:
    """The object is in the wrong state for the request (an approval that is no longer in progress).

    Not confirmed: no Drive answer of this kind was found quoted; the reason follows Google's canonical
    ``FAILED_PRECONDITION`` (400), which the newer, gRPC-transcoded Drive methods use.
    """
    return VendorError("failedPrecondition", 400, message)
