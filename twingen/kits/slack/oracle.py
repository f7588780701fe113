"""Slack's error code in an answer: the ``error`` of ``{"ok": false, "error": CODE}``, for ``twingen replay``.

Slack answers most errors with HTTP 200, so the code is read from the body whatever the status.
"""

from __future__ import annotations

from typing import Any


def error_code(status: int, body: Any) -> str:
    """``error`` when ``ok`` is false; else ""."""
    if not isinstance(body, dict) or body.get("ok") is not False:
        return ""
    code = body.get("error")
    return code if isinstance(code, str) else ""
