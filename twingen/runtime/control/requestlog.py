"""The recent vendor requests, for assertions in tests and for the UI: ``GET /_twin/requests``.

A ring buffer of tuples: recording is one ``deque.append`` (the oldest entry falls out by itself), and
dicts are only built when someone reads the log, so the hot path pays next to nothing. Each entry keeps the
first ``BODY_LIMIT`` bytes of the request and answer bodies (slicing a shorter ``bytes`` returns it uncopied),
so the log holds at most ``size * 2 * BODY_LIMIT`` bytes of bodies.

Whether an answer failed is the vendor profile's call (``answer_failed``): Slack answers most errors with
HTTP 200 ``{"ok": false}``. It is asked when the log is read, not when a request is recorded.
"""

from __future__ import annotations

import base64
from collections import deque
from collections.abc import Callable
from typing import Any

DEFAULT_SIZE = 1000
BODY_LIMIT = 16 * 1024

_FIELDS = ("seq", "time", "tenant", "operation", "method", "path", "status", "latency_ms", "fault")

Entry = tuple[int, float, str, str, str, str, int, float, str, bytes, bytes, str, str]
Judge = Callable[[int, bytes, str], bool]
"""``(status, answer body, media type) -> failed``: the vendor profile's ``answer_failed``."""


def _by_status(status: int, body: bytes, media_type: str) -> bool:
    return status >= 400 or status == 0


class RequestLog:
    """The last ``size`` requests, oldest first; ``seq`` numbers them from 1 since the last clear."""

    def __init__(self, size: int = DEFAULT_SIZE, failed: Judge | None = None) -> None:
        self._entries: deque[Entry] = deque(maxlen=size)
        self._seq = 0
        self.failed: Judge = failed or _by_status

    def record(
        self,
        time: float,
        operation: str,
        method: str,
        path: str,
        status: int,
        latency_ms: float,
        fault: str = "",
        tenant: str = "",
        request_body: bytes = b"",
        answer_body: bytes = b"",
        request_type: str = "",
        answer_type: str = "",
    ) -> None:
        self._seq += 1
        self._entries.append(
            (
                self._seq,
                time,
                tenant,
                operation,
                method,
                path,
                status,
                latency_ms,
                fault,
                bytes(request_body[:BODY_LIMIT]),
                bytes(answer_body[:BODY_LIMIT]),
                request_type,
                answer_type,
            )
        )

    def recent(
        self, limit: int | None = None, operation: str | None = None, status: str | None = None
    ) -> list[dict[str, Any]]:
        """The newest ``limit`` entries (oldest first), optionally only those of one operation and of one
        ``status``: ``error`` (the vendor's verdict, an ``ok: false`` in a 200 included), ``ok``, a code
        (``404``) or a class (``4xx``)."""
        # newest first, stopping at ``limit``: only the entries answered are judged (a Slack judge parses bodies)
        wanted = status.strip().lower() if status else ""
        shown: list[dict[str, Any]] = []
        for entry in reversed(self._entries):
            if limit is not None and len(shown) >= limit:
                break
            if operation and entry[3] != operation:
                continue
            public = self._public(entry)
            if not wanted or _status_matches(public, wanted):
                shown.append(public)
        return shown[::-1]

    def find(self, seq: int) -> dict[str, Any] | None:
        """One entry with its bodies: text when they are UTF-8, else ``base64``; ``*_truncated`` when the
        log kept only the first ``BODY_LIMIT`` bytes (the sizes it saw are not kept)."""
        for entry in self._entries:
            if entry[0] == seq:
                found = self._public(entry)
                for key, body, kind in (("request", entry[9], entry[11]), ("answer", entry[10], entry[12])):
                    found[f"{key}_type"] = kind
                    found[f"{key}_truncated"] = len(body) >= BODY_LIMIT
                    found[f"{key}_body"], found[f"{key}_encoding"] = _readable(body)
                return found
        return None

    def _public(self, entry: Entry) -> dict[str, Any]:
        found = dict(zip(_FIELDS, entry[:9], strict=True))
        found["error"] = bool(entry[8]) or self.failed(entry[6], entry[10], entry[12])
        return found

    def clear(self) -> None:
        self._entries.clear()
        self._seq = 0

    @property
    def size(self) -> int:
        return self._entries.maxlen or 0

    def __len__(self) -> int:
        return len(self._entries)


def _status_matches(entry: dict[str, Any], wanted: str) -> bool:
    if wanted == "error":
        return bool(entry["error"])
    if wanted == "ok":
        return not entry["error"]
    code = str(entry["status"])
    if len(wanted) == 3 and wanted.endswith("xx"):
        return code[:1] == wanted[:1]
    return code == wanted


def _readable(body: bytes) -> tuple[str, str]:
    try:
        return body.decode("utf-8"), "text"
    except UnicodeDecodeError as error:
        # the cut at BODY_LIMIT can split a character: text that only fails in its last 3 bytes is still text
        if len(body) >= BODY_LIMIT and error.start >= len(body) - 3:
            return body[: error.start].decode("utf-8"), "text"
        return base64.b64encode(body).decode("ascii"), "base64"
