"""The control plane under ``/_twin/``: health, credentials, reset, coverage, faults, rate limits, the
request log, the clock and the TLS CA.

Kept apart from vendor routes (no vendor path starts with ``/_twin``) and answered in plain JSON,
never in a vendor envelope, because test harnesses rather than SDKs call it. Bad input is a 400 with
``{"error": "bad_request", "message": ...}``, never a 500.

- ``GET /_twin/health``, ``GET /_twin/credentials``, ``GET /_twin/coverage``
- ``POST /_twin/reset``: back to the seed (state, ids, clock); fault rules are cleared, rate-limit
  counts forgotten (their configuration stays), the request log kept.
- ``GET|POST|DELETE /_twin/faults``, ``DELETE /_twin/faults/{id}``: fault rules (see ``faults.py``).
  POST takes one rule, a list, or ``{"rules": [...], "seed": N}`` and answers ``{"rules": [added]}``.
- ``GET|POST /_twin/ratelimits``: ``{"enabled": true, "scale": 0.01, "methods": {"op": {"limit": n,
  "window": s}}}`` (see ``ratelimits.py``).
- ``GET /_twin/requests?limit=N&operation=OP``: recent requests, oldest first; ``DELETE`` clears.
- ``GET /_twin/clock``; ``POST /_twin/clock`` with ``{"advance": seconds}`` or ``{"set": epoch}``.
- ``GET /_twin/tls/ca.pem``: the CA that signed the twin's certificate (when serving ``--tls``).
- Twin-specific endpoints that behaviour declares with ``@control(path, method=...)`` (``behaviour.py``),
  e.g. Slack's ``POST /_twin/slack/socket``: the tenant is ``{"tenant"}`` in the body or ``?tenant=``.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

import orjson

from ..behaviour import Context
from ..dispatch.requests import Incoming
from ..dispatch.twin import Reply, Twin
from ..types import VendorError
from . import tenancy as control_state
from .faults import FaultError
from .ratelimits import RateLimitError

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
    # snapshots, tenants, and the per-tenant variants of /credentials and /reset (control_state.py)
    state_answer = control_state.handle(twin, route, incoming)
    if state_answer is not None:
        return state_answer
    if route == ("GET", "/health"):
        return _json({"status": "ok"})
    if route == ("GET", "/credentials"):
        return _json({"credentials": [c.public() for c in twin.credentials]})
    if route == ("POST", "/reset"):
        twin.reset()
        twin.faults.clear()
        return _json({"status": "ok"})
    if route == ("GET", "/coverage"):
        return _json(coverage(twin))
    try:
        found = _runtime_controls(twin, incoming, *route)
        if found is None and route in twin.registry.controls:
            found = _registered(twin, incoming, route)
    except (FaultError, RateLimitError, BadRequest) as error:
        return _json({"error": "bad_request", "message": str(error)}, 400)
    if found is not None:
        return found
    if route[1] == "" or route[1].startswith("/ui/"):
        from . import ui  # imported on first use: the page's code stays out of the twin's start-up

        page = ui.handle(twin, incoming, route[1])
        if page is not None:
            return page
    return _json({"error": "not_found", "message": f"no control endpoint {incoming.method} {incoming.path}"}, 404)


class BadRequest(ValueError):
    """A control request the twin cannot act on; answered 400 with the message."""


def _runtime_controls(twin: Twin, incoming: Incoming, method: str, path: str) -> Reply | None:
    """Faults, rate limits, the request log, the clock and the CA; None when no endpoint matches."""
    if path == "/faults":
        if method == "POST":
            return _json({"rules": [rule.public() for rule in twin.faults.add(_body(incoming))]})
        if method == "DELETE":
            removed = len(twin.faults.rules)
            twin.faults.clear()
            return _json({"status": "ok", "removed": removed})
        return _json(twin.faults.public()) if method == "GET" else None
    if path.startswith("/faults/") and method == "DELETE":
        rule_id = path[len("/faults/") :]
        if twin.faults.remove(rule_id):
            return _json({"status": "ok", "removed": 1})
        return _json({"error": "not_found", "message": f"no fault rule {rule_id!r}"}, 404)
    if path == "/ratelimits" and method in ("GET", "POST"):
        if method == "POST":
            twin.limits.configure(_body(incoming))
        return _json(twin.limits.public())
    if path == "/requests":
        if method == "DELETE":
            twin.requests.clear()
            return _json({"status": "ok"})
        if method == "GET":
            limit = _int_query(incoming, "limit")
            entries = twin.requests.recent(limit, incoming.query.get("operation") or None)
            return _json({"requests": entries, "capacity": twin.requests.size})
        return None
    if path == "/clock" and method in ("GET", "POST"):
        if method == "POST":
            _move_clock(twin, _body(incoming))
        return _json(twin.clock.describe())
    if path == "/tls/ca.pem" and method == "GET":
        ca = getattr(twin, "tls_ca", None)
        if not ca or not Path(ca).is_file():
            return _json({"error": "not_found", "message": "this twin is not serving TLS (start it with --tls)"}, 404)
        return 200, Path(ca).read_bytes(), {}, "application/x-pem-file"
    return None


def _registered(twin: Twin, incoming: Incoming, route: tuple[str, str]) -> Reply:
    """A behaviour's ``@control`` endpoint, called with a credential-less Context of the named tenant."""
    body = _body(incoming)
    params: dict[str, Any] = {**incoming.query, **(body if isinstance(body, dict) else {})}
    ref = str(params.get("tenant") or "default")
    tenant = twin.tenants.find(ref)
    if tenant is None:
        return _json({"error": "not_found", "message": f"no tenant {ref!r}"}, 404)
    ctx = Context(
        op={},
        params=params,
        body=body,
        raw_body=incoming.raw_body,
        headers=incoming.headers,
        content_type=incoming.content_type,
        principal=None,
        state=tenant.state,
        clock=twin.clock,
        ids=twin.ids,
        base_url="",
        path=incoming.path,
        tenant=tenant.id,
    )
    try:
        result = twin.registry.controls[route](ctx)
    except VendorError as error:
        answer = {"error": error.code, "message": error.message or error.code, **error.details}
        return _json(answer, error.status or 400)
    finally:
        twin.tenants.commit()
    return _json(result)


def _move_clock(twin: Twin, body: Any) -> None:
    if not isinstance(body, dict) or len(body) != 1 or not {"advance", "set"} & set(body):
        raise BadRequest('expected {"advance": seconds} or {"set": epoch seconds}')
    ((key, value),) = body.items()
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise BadRequest(f"{key} must be a number of seconds")
    if key == "set" and value < 0:
        raise BadRequest("set must be seconds since 1970-01-01T00:00:00Z")
    if key == "advance":
        twin.clock.advance(float(value))
    else:
        twin.clock.set(float(value))


def _body(incoming: Incoming) -> Any:
    try:
        return orjson.loads(incoming.raw_body) if incoming.raw_body.strip() else None
    except orjson.JSONDecodeError as error:
        raise BadRequest(f"the body is not valid JSON: {error}") from None


def _int_query(incoming: Incoming, name: str) -> int | None:
    raw = incoming.query.get(name)
    if raw is None or raw == "":
        return None
    if not raw.isdigit():
        raise BadRequest(f"{name} must be a non-negative integer")
    return int(raw)


def _json(body: Any, status: int = 200) -> Reply:
    return status, orjson.dumps(body), {}, "application/json"
