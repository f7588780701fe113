"""Okta's error code in an answer: ``errorCode`` of its error body (``E0000007``), for ``twingen replay``."""

from __future__ import annotations

from typing import Any


def error_code(status: int, body: Any) -> str:
    """``errorCode`` of ``{errorCode, errorSummary, errorLink, errorId, errorCauses}``; an OAuth error body
    (``/oauth2/v1/token``: ``{"error": "invalid_grant", ...}``) gives its ``error``; else ""."""
    if not isinstance(body, dict):
        return ""
    code = body.get("errorCode")
    if isinstance(code, str) and code:
        return code
    oauth = body.get("error")
    return oauth if isinstance(oauth, str) and status >= 400 else ""
