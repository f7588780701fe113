"""The twin's web UI: ``GET /_twin/`` and the form posts under ``/_twin/ui/...``.

Every action calls the JSON control plane (``plane.call``), then redirects back to the page with a
message (post/redirect/get), so reloading the page never repeats an action. Like every control request, the
page and its forms pass ``control/access.py`` first: a post from another site is refused there, and a twin with
a control token is opened once with ``/_twin/?token=TOKEN`` (a cookie carries it from then on). The page may not
be framed by another page, so no other site can trick a click on its buttons.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote
from weakref import WeakKeyDictionary

from ...dispatch.requests import Incoming, form_fields
from ...dispatch.twin import Reply, Twin
from . import page, plane

PAGE = "/_twin/"
_PAGE_HEADERS = {
    "cache-control": "no-store",
    "x-frame-options": "DENY",
    "content-security-policy": "frame-ancestors 'none'",
}

_snapshots_taken: WeakKeyDictionary[Twin, list[str]] = WeakKeyDictionary()
"""Ids of snapshots taken from the page, offered for restore when the runtime cannot list its own."""


def show(twin: Twin, incoming: Incoming) -> Reply:
    """``GET /_twin/``: the page."""
    body = page.render(twin, incoming.query, _snapshots_taken.get(twin, []))
    return 200, body, dict(_PAGE_HEADERS), "text/html; charset=utf-8"


def submit(twin: Twin, incoming: Incoming, action: str) -> Reply | None:
    """``POST /_twin/ui/{action}``: act, then redirect back to the page; None for an action there is not."""
    act = _ACTIONS.get(action)
    if act is None:
        return None
    fields = form_fields(incoming.raw_body.decode("utf-8", "replace"))
    return _back(act(twin, fields))


def _back(message: str) -> Reply:
    return 303, b"", {"location": f"{PAGE}?msg={quote(message)}"}, "text/plain; charset=utf-8"


def _result(answer: plane.Answer, done: str, what: str) -> str:
    if answer.missing:
        return f"{what} is not available in this twin's runtime"
    return done if answer.ok else f"{what} failed: {answer.error()}"


def _reset(twin: Twin, form: dict[str, str]) -> str:
    return _result(plane.call(twin, "POST", "/reset"), "State reset to the seed", "Reset")


def _snapshot(twin: Twin, form: dict[str, str]) -> str:
    answer = plane.call(twin, "POST", "/snapshot")
    if not answer.ok:
        return _result(answer, "", "Snapshot")
    found = answer.data.get("id") if isinstance(answer.data, dict) else answer.data
    _snapshots_taken.setdefault(twin, []).append(str(found))
    return f"Snapshot {found} taken"


def _restore(twin: Twin, form: dict[str, str]) -> str:
    snapshot_id = form.get("id", "").strip()
    if not snapshot_id:
        return "Restore needs a snapshot id"
    return _result(plane.call(twin, "POST", "/restore", {"id": snapshot_id}), f"Restored {snapshot_id}", "Restore")


def _clear_requests(twin: Twin, form: dict[str, str]) -> str:
    return _result(plane.call(twin, "DELETE", "/requests"), "Request log cleared", "Clearing the log")


def _switch(twin: Twin, form: dict[str, str]) -> str:
    presets = page.presets(twin)
    try:
        label, action = presets[int(form.get("preset", ""))]
    except (ValueError, IndexError):
        return "Unknown switch"
    if form.get("to") == "on":
        answer = plane.call(twin, "POST", "/faults", {"operation": "*", "action": action})
        return _result(answer, f"{label}: on", "Turning the fault on")
    listing = plane.call(twin, "GET", "/faults")
    removed = 0
    for rule in plane.items(listing.data, "rules"):
        if isinstance(rule, dict) and page.is_preset(rule, action):
            removed += plane.call(twin, "DELETE", f"/faults/{quote(str(rule.get('id')), safe='')}").ok
    return f"{label}: off" if removed or listing.ok else _result(listing, "", "Turning the fault off")


def _remove_fault(twin: Twin, form: dict[str, str]) -> str:
    rule_id = form.get("id", "")
    answer = plane.call(twin, "DELETE", f"/faults/{quote(rule_id, safe='')}")
    return _result(answer, f"Fault rule {rule_id} turned off", "Turning the rule off")


def _clear_faults(twin: Twin, form: dict[str, str]) -> str:
    return _result(plane.call(twin, "DELETE", "/faults"), "All fault rules off", "Clearing faults")


def _add_fault(twin: Twin, form: dict[str, str]) -> str:
    kind = form.get("kind", "error")
    action: dict[str, Any] = {}
    try:
        if form.get("latency_ms"):
            action["latency_ms"] = float(form["latency_ms"])
        if kind == "error":
            if not form.get("error", "").strip():
                return "An error rule needs the vendor's error code"
            action["error"] = form["error"].strip()
            if form.get("status"):
                action["status"] = int(form["status"])
        elif kind in ("timeout", "drop", "truncate"):
            action[kind] = True
        rule: dict[str, Any] = {"operation": form.get("operation") or "*", "action": action}
        if form.get("count"):
            rule["count"] = int(form["count"])
        if form.get("probability"):
            rule["probability"] = float(form["probability"])
    except ValueError:
        return "Numbers please: status, latency, count and probability"
    answer = plane.call(twin, "POST", "/faults", rule)
    return _result(answer, f"Fault rule added for {rule['operation']}", "Adding the rule")


_ACTIONS = {
    "reset": _reset,
    "snapshot": _snapshot,
    "restore": _restore,
    "requests/clear": _clear_requests,
    "faults/switch": _switch,
    "faults/remove": _remove_fault,
    "faults/clear": _clear_faults,
    "faults/add": _add_fault,
}
