"""Sheets' refusals, worded as Sheets words them; declared in ``_errors.CATALOGUE`` under Google's canonical
status names (Sheets' error bodies name a status, never a Drive-style reason)."""

from __future__ import annotations

from ..runtime import VendorError
from ._errors import google_error

__all__ = ["bad", "field_violation", "not_found", "permission_denied", "unparsable"]


def bad(message: str) -> VendorError:
    return google_error("INVALID_ARGUMENT", message)


def field_violation(field: str, message: str) -> VendorError:
    """A body value of the wrong type: Sheets names the field again in a ``google.rpc.BadRequest`` detail."""
    violation = {"field": field, "description": message}
    detail = {"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [violation]}
    return google_error("INVALID_ARGUMENT", message, details=[detail])


def unparsable(text: str) -> VendorError:
    return bad(f"Unable to parse range: {text}")


def not_found(message: str = "Requested entity was not found.") -> VendorError:
    return google_error("NOT_FOUND", message)


def permission_denied() -> VendorError:
    return google_error("PERMISSION_DENIED", "The caller does not have permission")
