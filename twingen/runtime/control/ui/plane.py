"""The UI's way to the twin: the JSON control plane's own handler, so the page and a test harness act
through the same functions, and a control endpoint this runtime lacks shows as "not available"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from ...dispatch.requests import Incoming
from ...dispatch.twin import Twin
from .. import routes


@dataclass(frozen=True)
class Answer:
    status: int
    data: Any

    @property
    def missing(self) -> bool:
        """The runtime has no such control endpoint (an older twin, or a feature not built yet)."""
        message = self.data.get("message", "") if isinstance(self.data, dict) else ""
        return self.status == 404 and str(message).startswith("no control endpoint")

    @property
    def ok(self) -> bool:
        return self.status < 400

    def error(self) -> str:
        if isinstance(self.data, dict):
            return str(self.data.get("message") or self.data.get("error") or self.status)
        return str(self.status)


def call(twin: Twin, method: str, path: str, body: Any = None, query: dict[str, str] | None = None) -> Answer:
    """``METHOD /_twin{path}`` answered by the control routes (``routes.handle``) in this process."""
    raw = orjson.dumps(body) if body is not None else b""
    headers = {"content-type": "application/json"} if body is not None else {}
    incoming = Incoming(method, routes.PREFIX + path, query or {}, headers, headers.get("content-type", ""), raw)
    status, payload, _, media_type = routes.handle(twin, incoming)
    data: Any = None
    if payload and media_type.startswith("application/json"):
        data = orjson.loads(payload)
    return Answer(status, data)


def items(data: Any, *keys: str) -> list[Any]:
    """The list in an answer that is a list or ``{"<key>": [...]}``."""
    if isinstance(data, list):
        return data
    for key in keys:
        if isinstance(data, dict) and isinstance(data.get(key), list):
            return list(data[key])
    return []
