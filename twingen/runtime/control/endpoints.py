"""The twin-wide control endpoints: health, credentials, reset, coverage, faults, rate limits, the request log,
the clock and the TLS CA.

- ``GET /_twin/health``, ``GET /_twin/credentials`` (``?tenant=ID``: that tenant's), ``GET /_twin/coverage``
- ``POST /_twin/reset``: back to the seed (state, ids, clock); fault rules are cleared, rate-limit counts
  forgotten (their configuration stays), the request log kept. ``{"tenant": ID}`` (or ``?tenant=``) resets
  that tenant alone.
- ``GET|POST|DELETE /_twin/faults``, ``DELETE /_twin/faults/{id}``: fault rules (see ``faults.py``).
  POST takes one rule, a list, or ``{"rules": [...], "seed": N}`` and answers ``{"rules": [added]}``.
- ``GET|POST /_twin/ratelimits``: ``{"enabled": true, "scale": 0.01, "methods": {"op": {"limit": n,
  "window": s}}}`` (see ``ratelimits.py``).
- ``GET /_twin/requests?limit=N&operation=OP&status=error|ok|404|4xx``: recent requests, oldest first;
  ``DELETE`` clears; ``GET /_twin/requests/{seq}``: one with its request and answer bodies.
- ``GET /_twin/clock``; ``POST /_twin/clock`` with ``{"advance": seconds}`` or ``{"set": epoch}``.
- ``GET /_twin/tls/ca.pem``: the CA that signed the twin's certificate (when serving ``--tls``).
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

from ..clock import ClockError
from ..dispatch.twin import Reply, Twin
from .routing import BadRequest, Call, Route, error_reply, json_reply
from .tenancy import named_tenant


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


def _health(call: Call) -> Reply:
    return json_reply({"status": "ok"})


def _credentials(call: Call) -> Reply:
    tenant = named_tenant(call)
    if tenant is not None:
        return json_reply({"credentials": tenant.public()["credentials"]})
    return json_reply({"credentials": [c.public() for c in call.twin.credentials]})


def _reset(call: Call) -> Reply:
    tenant = named_tenant(call, in_body=True)
    if tenant is not None:
        call.twin.tenants.reset_tenant(tenant)
        return json_reply({"status": "ok", "tenant": tenant.id})
    call.twin.reset()
    call.twin.faults.clear()
    return json_reply({"status": "ok"})


def _coverage(call: Call) -> Reply:
    return json_reply(coverage(call.twin))


def _faults(call: Call) -> Reply:
    return json_reply(call.twin.faults.public())


def _add_faults(call: Call) -> Reply:
    return json_reply({"rules": [rule.public() for rule in call.twin.faults.add(call.json())]})


def _clear_faults(call: Call) -> Reply:
    removed = len(call.twin.faults.rules)
    call.twin.faults.clear()
    return json_reply({"status": "ok", "removed": removed})


def _remove_fault(call: Call) -> Reply:
    rule_id = call.params["id"]
    if call.twin.faults.remove(rule_id):
        return json_reply({"status": "ok", "removed": 1})
    return error_reply("not_found", f"no fault rule {rule_id!r}", 404)


def _ratelimits(call: Call) -> Reply:
    return json_reply(call.twin.limits.public())


def _configure_ratelimits(call: Call) -> Reply:
    call.twin.limits.configure(call.json())
    return json_reply(call.twin.limits.public())


def _requests(call: Call) -> Reply:
    log = call.twin.requests
    query = call.query
    entries = log.recent(_int_query(call, "limit"), query.get("operation") or None, query.get("status") or None)
    return json_reply({"requests": entries, "capacity": log.size})


def _request(call: Call) -> Reply:
    """``GET /_twin/requests/{seq}``: one logged request with its request and answer bodies."""
    seq = call.params["seq"]
    found = call.twin.requests.find(int(seq)) if seq.isdigit() else None
    if found is None:
        return error_reply("not_found", f"no logged request {seq!r} (the log keeps the newest ones)", 404)
    return json_reply(found)


def _clear_requests(call: Call) -> Reply:
    call.twin.requests.clear()
    return json_reply({"status": "ok"})


def _clock(call: Call) -> Reply:
    return json_reply(call.twin.clock.describe())


def _move_clock(call: Call) -> Reply:
    body = call.json()
    if not isinstance(body, dict) or len(body) != 1 or not {"advance", "set"} & set(body):
        raise BadRequest('expected {"advance": seconds} or {"set": epoch seconds}')
    ((key, value),) = body.items()
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise BadRequest(f"{key} must be a number of seconds")
    if key == "set" and value < 0:
        raise BadRequest("set must be seconds since 1970-01-01T00:00:00Z")
    try:
        if key == "advance":
            call.twin.clock.advance(float(value))
        else:
            call.twin.clock.set(float(value))
    except ClockError as error:  # the clock did not move
        raise BadRequest(str(error)) from None
    return json_reply(call.twin.clock.describe())


def _tls_ca(call: Call) -> Reply:
    ca = getattr(call.twin, "tls_ca", None)
    if not ca or not Path(ca).is_file():
        return error_reply("not_found", "this twin is not serving TLS (start it with --tls)", 404)
    return 200, Path(ca).read_bytes(), {}, "application/x-pem-file"


def _int_query(call: Call, name: str) -> int | None:
    raw = call.query.get(name)
    if raw is None or raw == "":
        return None
    if not raw.isdigit():
        raise BadRequest(f"{name} must be a non-negative integer")
    return int(raw)


ROUTES = (
    Route("GET", "/health", _health),
    Route("GET", "/credentials", _credentials),
    Route("POST", "/reset", _reset),
    Route("GET", "/coverage", _coverage),
    Route("GET", "/faults", _faults),
    Route("POST", "/faults", _add_faults),
    Route("DELETE", "/faults", _clear_faults),
    Route("DELETE", "/faults/{id:path}", _remove_fault),
    Route("GET", "/ratelimits", _ratelimits),
    Route("POST", "/ratelimits", _configure_ratelimits),
    Route("GET", "/requests", _requests),
    Route("DELETE", "/requests", _clear_requests),
    Route("GET", "/requests/{seq}", _request),
    Route("GET", "/clock", _clock),
    Route("POST", "/clock", _move_clock),
    Route("GET", "/tls/ca.pem", _tls_ca),
)
"""The twin-wide endpoints, in the order they are tried."""
