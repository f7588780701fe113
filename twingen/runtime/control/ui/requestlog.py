"""The console's request log: the newest calls, filterable by operation and status, errors marked (the vendor
profile's verdict: a Slack ``ok: false`` inside a 200 is an error), and one call's bodies at ``?request=SEQ``.

The filters are a plain GET form, so a filtered log is a URL a user can reload or share.
"""

from __future__ import annotations

import base64
import time
from typing import Any
from urllib.parse import urlencode

import orjson

from ...dispatch.twin import Twin
from . import plane
from .html import Child, Safe, h, not_available, section

REQUESTS_SHOWN = 100
STATUS_CHOICES = (
    ("", "any status"),
    ("error", "errors"),
    ("ok", "not errors"),
    ("2xx", "2xx"),
    ("4xx", "4xx"),
    ("5xx", "5xx"),
)
_COLUMNS = ("seq", "time", "tenant", "operation", "method", "path", "status", "latency_ms", "fault")


def listing(twin: Twin, query: dict[str, str]) -> Safe:
    operation, status = query.get("op", ""), query.get("status", "")
    wanted = {"limit": str(REQUESTS_SHOWN), "operation": operation, "status": status}
    answer = plane.call(twin, "GET", "/requests", query={k: v for k, v in wanted.items() if v})
    if answer.missing:
        return section("requests", "Request log", not_available("the request log"))
    entries = [e for e in plane.items(answer.data, "requests") if isinstance(e, dict)]
    filters = _filters(twin, operation, status)
    if not entries:
        empty = "No requests match." if operation or status else "No requests yet."
        return section("requests", "Request log", filters, h("p", {"class_": "muted"}, empty))
    head = h("tr", None, [h("th", None, c) for c in (*_COLUMNS, "")])
    rows = [_row(entry, query) for entry in reversed(entries)]  # newest first: what just happened is at the top
    return section("requests", "Request log", filters, h("table", {"id": "request-log"}, head, rows))


def _row(entry: dict[str, Any], query: dict[str, str]) -> Safe:
    failed = bool(entry.get("error"))
    cells = []
    for column in _COLUMNS:
        value = entry.get(column)
        if column == "time" and isinstance(value, (int, float)):
            value = time.strftime("%H:%M:%S", time.gmtime(value)) + f".{int(value % 1 * 1000):03d}"
        elif column == "latency_ms" and isinstance(value, (int, float)):
            value = f"{value:.1f}"
        elif column == "status" and failed:
            value = f"{value} error"
        bad = (column == "status" and failed) or (column == "fault" and bool(value))
        cells.append(h("td", {"class_": f"{column} bad" if bad else column}, "" if value is None else str(value)))
    target = "?" + urlencode({**query, "request": str(entry.get("seq", ""))}) + "#request"
    cells.append(h("td", None, h("a", {"href": target, "class_": "bodies"}, "bodies")))
    return h("tr", {"class_": "error" if failed else None, "data_seq": entry.get("seq")}, cells)


def _filters(twin: Twin, operation: str, status: str) -> Safe:
    ops = sorted({*twin.spec.operations, *twin.extra_ops})
    op_options = [h("option", {"value": ""}, "every operation")]
    op_options += [h("option", {"value": o, "selected": o == operation}, o) for o in ops]
    status_options = [h("option", {"value": v, "selected": v == status}, label) for v, label in STATUS_CHOICES]
    if status and status not in dict(STATUS_CHOICES):
        status_options.append(h("option", {"value": status, "selected": True}, status))
    return h(
        "form",
        {"method": "get", "action": "/_twin/", "class_": "row", "id": "request-filter"},
        h("label", None, "operation", h("select", {"name": "op"}, op_options)),
        h("label", None, "status", h("select", {"name": "status"}, status_options)),
        h("button", {"type": "submit"}, "Filter"),
        h("a", {"href": "/_twin/#requests"}, "clear filters") if operation or status else None,
    )


def detail(twin: Twin, query: dict[str, str]) -> Child:
    """The request ``?request=SEQ`` names, with both bodies (pretty JSON where they are JSON)."""
    seq = query.get("request", "")
    if not seq:
        return None
    answer = plane.call(twin, "GET", f"/requests/{seq}")
    if not answer.ok or not isinstance(answer.data, dict):
        text = f"Request {seq}: " + ("not available in this twin's runtime" if answer.missing else answer.error())
        return section("request", f"Request {seq}", h("p", {"class_": "muted"}, text))
    entry = answer.data
    title = f"Request {seq}: {entry.get('method')} {entry.get('path')} → {entry.get('status')}"
    verdict = h("p", {"class_": "bad"}, "error") if entry.get("error") else None
    return section(
        "request",
        title,
        h("p", {"class_": "muted"}, f"operation {entry.get('operation')} · tenant {entry.get('tenant')}"),
        verdict,
        _body("Request body", entry, "request"),
        _body("Answer body", entry, "answer"),
    )


def _body(label: str, entry: dict[str, Any], key: str) -> Safe:
    raw, encoding = str(entry.get(f"{key}_body") or ""), entry.get(f"{key}_encoding")
    kind = str(entry.get(f"{key}_type") or "")
    note = " (first part only: the log keeps the first 16 KiB)" if entry.get(f"{key}_truncated") else ""
    if not raw:
        shown = "(empty)"
    elif encoding == "base64":
        shown = f"{len(base64.b64decode(raw)):,} bytes of binary data"
    else:
        shown = _pretty(raw)
    return h("div", {"class_": f"body-{key}"}, h("h3", None, f"{label} {kind}{note}"), h("pre", None, shown))


def _pretty(raw: str) -> str:
    try:
        return orjson.dumps(orjson.loads(raw), option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONDecodeError:
        return raw
