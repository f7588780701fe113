"""Google's error code in an answer, for ``twingen replay``.

``{"error": {"code", "message", "errors": [{"reason", ...}], "status"}}``: the first ``reason`` (Drive's
``notFound``, ``insufficientFilePermissions``), else ``status`` (``NOT_FOUND``: newer APIs such as Sheets v4
carry no ``errors``); an OAuth error body (``{"error": "invalid_grant"}``) gives its ``error``.
"""

from __future__ import annotations

from typing import Any


def error_code(status: int, body: Any) -> str:
    if not isinstance(body, dict):
        return ""
    error = body.get("error")
    if isinstance(error, str):
        return error if status >= 400 else ""
    if not isinstance(error, dict):
        return ""
    errors = error.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        reason = errors[0].get("reason")
        if isinstance(reason, str) and reason:
            return reason
    code = error.get("status")
    return code if isinstance(code, str) else ""
