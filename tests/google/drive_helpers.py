"""Helpers shared by the Google twin tests (a plain module: ``tests/google`` is not a package, because a
package named ``google`` would hide the real ``google`` namespace package)."""

from __future__ import annotations

import json
from typing import Any

from googleapiclient.errors import HttpError

FOLDER = "application/vnd.google-apps.folder"


def error_of(exc: HttpError) -> dict[str, Any]:
    """The ``error`` object of a Google error envelope."""
    body = json.loads(exc.content)
    assert set(body) == {"error"}, body
    error: dict[str, Any] = body["error"]
    assert error["code"] == exc.resp.status
    return error
