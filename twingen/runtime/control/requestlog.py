"""The recent vendor requests, for assertions in tests and for the UI: ``GET /_twin/requests``.

A ring buffer of tuples: recording is one ``deque.append`` (the oldest entry falls out by itself), and
dicts are only built when someone reads the log, so the hot path pays next to nothing.
"""

from __future__ import annotations

from collections import deque
from typing import Any

DEFAULT_SIZE = 1000

_FIELDS = ("seq", "time", "tenant", "operation", "method", "path", "status", "latency_ms", "fault")

Entry = tuple[int, float, str, str, str, str, int, float, str]


class RequestLog:
    """The last ``size`` requests, oldest first; ``seq`` numbers them from 1 since the last clear."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self._entries: deque[Entry] = deque(maxlen=size)
        self._seq = 0

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
    ) -> None:
        self._seq += 1
        self._entries.append((self._seq, time, tenant, operation, method, path, status, latency_ms, fault))

    def recent(self, limit: int | None = None, operation: str | None = None) -> list[dict[str, Any]]:
        """The newest ``limit`` entries (oldest first), optionally only those of one operation."""
        entries = list(self._entries)
        if operation:
            entries = [e for e in entries if e[3] == operation]
        if limit is not None:
            entries = entries[-limit:] if limit > 0 else []
        return [dict(zip(_FIELDS, entry, strict=True)) for entry in entries]

    def clear(self) -> None:
        self._entries.clear()
        self._seq = 0

    @property
    def size(self) -> int:
        return self._entries.maxlen or 0

    def __len__(self) -> int:
        return len(self._entries)
