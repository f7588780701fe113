"""The control plane under ``/_twin/``: health, credentials, reset, coverage.

Kept apart from vendor routes (no vendor path starts with ``/_twin``) and answered in plain JSON,
never in a vendor envelope, because test harnesses rather than SDKs call it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import orjson

from .requests import Incoming
from .twin import Reply, Twin

PREFIX = "/_twin"


def coverage(twin: Twin) -> dict[str, Any]:
    """Each operation's source (behaviour / inferred / stub) and the counts; the README shows the same."""
    rows = []
    for op in [*twin.spec.operations.values(), *twin.extra_ops.values()]:
        rows.append({"id": op["id"], "method": op["method"], "path": op["path"], "source": twin.source_of(op["id"])})
    counts = Counter(row["source"] for row in rows)
    return {
        "operations": rows,
        "counts": {
            "behaviour": counts["behaviour"],
            "inferred": counts["inferred"],
            "stub": counts["stub"],
            "total": len(rows),
        },
    }


def handle(twin: Twin, incoming: Incoming) -> Reply:
    route = (incoming.method, incoming.path.rstrip("/")[len(PREFIX) :])
    if route == ("GET", "/health"):
        return _json({"status": "ok"})
    if route == ("GET", "/credentials"):
        return _json({"credentials": [c.public() for c in twin.credentials]})
    if route == ("POST", "/reset"):
        twin.reset()
        return _json({"status": "ok"})
    if route == ("GET", "/coverage"):
        return _json(coverage(twin))
    # TODO(issue 6): faults, snapshots, tenants, clock, request log, UI
    if route[1] == "" or route[1].startswith("/ui/"):
        from . import ui  # imported on first use: the page's code stays out of the twin's start-up

        page = ui.handle(twin, incoming, route[1])
        if page is not None:
            return page
    return _json({"error": "not_found", "message": f"no control endpoint {incoming.method} {incoming.path}"}, 404)


def _json(body: Any, status: int = 200) -> Reply:
    return status, orjson.dumps(body), {}, "application/json"
