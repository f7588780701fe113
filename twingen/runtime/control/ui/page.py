"""The page at ``GET /_twin/``: controls, fault switches, the request log, resources and coverage.

Server-rendered from the twin's state and the JSON control plane; every button is a plain form posting
to ``/_twin/ui/...``, so the page works without JavaScript. A control endpoint the runtime lacks is shown
as "not available" rather than hiding the section, so a user sees what this twin cannot do.
"""

from __future__ import annotations

import time
from typing import Any

import orjson

from ...dispatch.twin import Twin
from ..endpoints import coverage
from . import plane, requestlog, views
from .html import Child, Safe, button_form, document, h, not_available, section

RECORDS_SHOWN = 20
UI = "/_twin/ui"


def presets(twin: Twin) -> list[tuple[str, dict[str, Any]]]:
    """One-click fault switches, in the vendor's own words (rate-limit code, internal error)."""
    profile = twin.profile
    rate_codes = sorted(getattr(profile, "rate_limit_codes", ()) or ())
    rate_code = "ratelimited" if "ratelimited" in rate_codes else (rate_codes[0] if rate_codes else "rate_limited")
    internal = profile.internal()
    server_error: dict[str, Any] = {"error": internal.code, "status": internal.status or 500}
    return [
        (f"Rate limited ({rate_code})", {"error": rate_code}),
        (f"Server error ({internal.code})", server_error),
        ("Slow (+500 ms)", {"latency_ms": 500}),
        ("Drop connections", {"drop": True}),
    ]


def render(twin: Twin, query: dict[str, str], snapshots_taken: list[str]) -> bytes:
    spec = twin.spec
    title = str(spec.data.get("title") or spec.name)
    header = h(
        "header",
        None,
        h("h1", None, f"{title} twin"),
        h("span", {"class_": "meta"}, f"vendor {spec.vendor}"),
        h("span", {"class_": "meta"}, spec.base_url or ""),
        _clock(twin),
        h("a", {"href": "/_twin/", "style": "color:#90cdf4"}, "refresh"),
    )
    flash: Child = None
    if query.get("msg"):
        flash = h("div", {"class_": "flash", "role": "status"}, query["msg"])
    body = h(
        "main",
        None,
        flash,
        _views(twin),
        _controls(twin, snapshots_taken),
        _faults(twin),
        requestlog.detail(twin, query),
        requestlog.listing(twin, query),
        _resources(twin),
        _coverage(twin),
    )
    return document(f"{title} twin", [header, body])


def _clock(twin: Twin) -> Child:
    answer = plane.call(twin, "GET", "/clock")
    now = answer.data.get("now") if answer.ok and isinstance(answer.data, dict) else None
    seconds = float(now) if isinstance(now, (int, float)) else twin.clock.now()
    stamp = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(seconds))
    return h("span", {"class_": "meta", "id": "clock"}, f"twin clock {stamp}")


def _controls(twin: Twin, snapshots_taken: list[str]) -> Safe:
    listed = plane.call(twin, "GET", "/snapshots")
    known = [str(s.get("id")) for s in plane.items(listed.data, "snapshots") if isinstance(s, dict)]
    ids = known or list(reversed(snapshots_taken))
    restore = h(
        "form",
        {"method": "post", "action": f"{UI}/restore", "class_": "row"},
        h(
            "label",
            None,
            "snapshot id",
            h("input", {"name": "id", "list": "snapshot-ids", "value": ids[0] if ids else "", "required": True}),
        ),
        h("datalist", {"id": "snapshot-ids"}, [h("option", {"value": i}) for i in ids]),
        h("button", {"type": "submit", "id": "restore"}, "Restore"),
    )
    return section(
        "controls",
        "State",
        h(
            "div",
            {"class_": "switches"},
            button_form(f"{UI}/reset", "Reset to seed", id="reset", class_="primary"),
            button_form(f"{UI}/snapshot", "Take snapshot", id="snapshot"),
            button_form(f"{UI}/requests/clear", "Clear request log", id="clear-log"),
        ),
        restore,
    )


def _faults(twin: Twin) -> Safe:
    answer = plane.call(twin, "GET", "/faults")
    if answer.missing:
        return section("faults", "Faults", not_available("fault rules"))
    rules = [r for r in plane.items(answer.data, "rules") if isinstance(r, dict)]
    switches = []
    for n, (label, action) in enumerate(presets(twin)):
        on = any(is_preset(rule, action) for rule in rules)
        state = "on" if on else "off"
        switches.append(
            button_form(
                f"{UI}/faults/switch",
                f"{label}: {state.upper()}",
                {"preset": str(n), "to": "off" if on else "on"},
                class_=state,
                id=f"switch-{n}",
                aria_pressed="true" if on else "false",
            )
        )
    rows = [
        h(
            "tr",
            None,
            h("td", None, str(rule.get("id", ""))),
            h("td", None, str(rule.get("operation", "*"))),
            h("td", None, h("pre", None, _json(rule.get("action")))),
            h("td", {"class_": "num"}, _blank(rule.get("probability"))),
            h("td", {"class_": "num"}, _blank(rule.get("remaining", rule.get("count")))),
            h("td", {"class_": "num"}, _blank(rule.get("hits"))),
            h("td", None, button_form(f"{UI}/faults/remove", "Turn off", {"id": str(rule.get("id", ""))})),
        )
        for rule in rules
    ]
    table: Child = h("p", {"class_": "muted"}, "No fault rules: every call is answered normally.")
    if rows:
        head = h(
            "tr", None, [h("th", None, c) for c in ("id", "operation", "action", "probability", "left", "hits", "")]
        )
        table = h("table", {"id": "fault-rules"}, head, rows)
    return section(
        "faults",
        "Faults",
        h("div", {"class_": "switches"}, switches, button_form(f"{UI}/faults/clear", "All off", id="faults-off")),
        table,
        _fault_form(twin),
    )


def _fault_form(twin: Twin) -> Safe:
    ops = sorted([*twin.spec.operations, *twin.extra_ops])
    options = [h("option", {"value": "*"}, "* (every operation)"), [h("option", {"value": o}, o) for o in ops]]
    kinds = [h("option", {"value": k}, k) for k in ("error", "latency", "timeout", "drop", "truncate")]
    example = presets(twin)[0][1]["error"]
    return h(
        "form",
        {"method": "post", "action": f"{UI}/faults/add", "class_": "row", "id": "add-fault"},
        h("label", None, "operation", h("select", {"name": "operation"}, options)),
        h("label", None, "kind", h("select", {"name": "kind"}, kinds)),
        h("label", None, "error code", h("input", {"name": "error", "placeholder": f"e.g. {example}"})),
        h("label", None, "HTTP status", h("input", {"name": "status", "type": "number", "min": 100, "max": 599})),
        h("label", None, "latency ms", h("input", {"name": "latency_ms", "type": "number", "min": 0})),
        h("label", None, "next N calls", h("input", {"name": "count", "type": "number", "min": 1})),
        h("label", None, "probability", h("input", {"name": "probability", "type": "number", "step": "any"})),
        h("button", {"type": "submit", "class_": "primary"}, "Add rule"),
    )


def is_preset(rule: dict[str, Any], action: dict[str, Any]) -> bool:
    plain = rule.get("probability") is None and rule.get("count") is None
    return plain and rule.get("operation", "*") == "*" and rule.get("action") == action


def _views(twin: Twin) -> Child:
    """Links to the behaviour's views (the state as the vendor's users see it), one row per tenant."""
    marks = views.listed(twin)
    if not marks:
        return None
    rows = []
    for tenant in twin.tenants.all():
        query = "" if tenant.id == "default" else f"?tenant={tenant.id}"
        links = [h("a", {"href": f"{views.PREFIX}{m.name}{query}", "class_": "view-link"}, m.title) for m in marks]
        rows.append(h("tr", None, h("td", None, tenant.name), h("td", {"class_": "links"}, _joined(links))))
    head = h("tr", None, h("th", None, "tenant"), h("th", None, "views"))
    return section("views", "Views", h("table", {"id": "view-links"}, head, rows))


def _joined(parts: list[Safe]) -> list[Child]:
    joined: list[Child] = []
    for n, part in enumerate(parts):
        joined.extend([" · "] if n else [])
        joined.append(part)
    return joined


def _resources(twin: Twin) -> Safe:
    parts: list[Child] = []
    for tenant, state in _states(twin):
        names = sorted(state.names())
        if not names:
            continue
        parts.append(h("h3", None, f"tenant {tenant}"))
        for name in names:
            collection = state.collection(name)
            total = len(collection)
            shown = collection.page(0, RECORDS_SHOWN)
            more = f" (first {len(shown)} shown)" if total > len(shown) else ""
            records = [h("pre", {"class_": "record"}, _json(record)) for record in shown]
            summary = h("summary", None, f"{name}: {total:,}{more}")
            parts.append(h("details", {"class_": "collection"}, summary, records))
    if not parts:
        parts.append(h("p", {"class_": "muted"}, "No stored objects."))
    return section("resources", "Resources", parts)


def _states(twin: Twin) -> list[tuple[str, Any]]:
    """Every tenant's state where the runtime has tenants, else the twin's one state."""
    tenants = getattr(twin, "tenants", None)
    listing = getattr(tenants, "all", None)
    if callable(listing):
        return [(str(getattr(t, "name", "") or getattr(t, "id", "")), t.state) for t in listing()]
    return [("default", twin.state)]


def _coverage(twin: Twin) -> Safe:
    found = coverage(twin)
    counts = found["counts"]
    summary = f"{counts['behaviour']} behaviour, {counts['inferred']} inferred, {counts['stub']} stub"
    rows = [
        h(
            "tr",
            None,
            h("td", None, op["id"]),
            h("td", None, op["method"]),
            h("td", None, op["path"]),
            h("td", {"class_": "ok" if op["source"] == "behaviour" else "muted"}, op["source"]),
        )
        for op in found["operations"]
    ]
    head = h("tr", None, [h("th", None, c) for c in ("operation", "method", "path", "source")])
    table = h("table", {"id": "coverage-table"}, head, rows)
    return section(
        "coverage",
        "Coverage",
        h("details", None, h("summary", None, f"{counts['total']} operations: {summary}"), table),
    )


def _json(value: Any) -> str:
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:
        return repr(value)


def _blank(value: Any) -> str:
    return "" if value is None else str(value)
