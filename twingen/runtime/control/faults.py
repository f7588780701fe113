"""Fault injection: rules set through ``POST /_twin/faults`` that make chosen calls fail the way networks
and vendors fail (the vendor's own error, latency, a held connection, a dropped one, a truncated body).

A rule is ``{"operation": "chat.postMessage" | "*", "probability": 0.3 | "count": N, "action": {...}}``;
without ``probability`` it always fires, ``count`` caps how many times it fires. The first matching rule
that fires wins. Randomness comes from one ``random.Random`` seeded by ``"seed"`` or ``serve --seed``,
and rule ids are sequential, so a run with faults is repeatable.

Errors and latency act inside the twin (in-process clients see them too); ``timeout``, ``drop`` and
``truncate`` act on the connection and need the twin's own server (``serve``), which exposes a
``twin.close`` hook in the ASGI scope. Without it a drop raises ``DroppedConnection`` to the caller.
"""

from __future__ import annotations

import asyncio
import math
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from ..vendors import VendorProfile

MAX_LATENCY_MS = 60_000.0
MAX_HOLD_MS = 300_000.0
DEFAULT_HOLD_MS = 30_000.0
WIRE_KINDS = ("timeout", "drop", "truncate")

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class FaultError(ValueError):
    """A rule that cannot be understood; the control plane answers 400 with this message."""


class DroppedConnection(ConnectionError):
    """Raised to in-process callers for ``drop`` (and the end of ``timeout``): there is no socket to close."""


@dataclass(slots=True)
class Rule:
    id: str
    operation: str
    action: dict[str, Any]
    kind: str
    """``error``, ``latency``, ``timeout``, ``drop`` or ``truncate`` (latency may come with any of them)."""
    probability: float | None = None
    count: int | None = None
    hits: int = 0

    def public(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "operation": self.operation, "action": self.action, "hits": self.hits}
        if self.probability is not None:
            out["probability"] = self.probability
        if self.count is not None:
            out["count"] = self.count
            out["remaining"] = max(self.count - self.hits, 0)
        return out

    def label(self) -> str:
        """What the request log shows in ``fault``."""
        if self.kind == "error":
            return f"{self.id}:error:{self.action['error']}"
        return f"{self.id}:{self.kind}"


@dataclass(slots=True)
class Wire:
    """What the ASGI layer does instead of (or to) the answer."""

    kind: str
    hold: float = 0.0
    fraction: float = 0.5


@dataclass
class Faults:
    """The rule set of one twin; ``rules`` is empty when no fault is set (the hot path checks only that)."""

    seed: int | None = None
    rules: list[Rule] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)
        self._next_id = 0

    # -- control plane --------------------------------------------------------------------------------
    def add(self, payload: Any) -> list[Rule]:
        """Add the rules of a ``POST /_twin/faults`` body: one rule, a list, or ``{"rules": [...], "seed": N}``."""
        if isinstance(payload, dict) and ("rules" in payload or set(payload) == {"seed"}):
            if "seed" in payload:
                self.reseed(_integer(payload["seed"], "seed"))
            items = payload.get("rules") or []
        else:
            items = payload
        if isinstance(items, dict):
            items = [items]
        if not isinstance(items, list):
            raise FaultError('expected a rule object, a list of rules, or {"rules": [...], "seed": N}')
        parsed = [self._parse(item, n) for n, item in enumerate(items)]  # all or nothing
        for rule in parsed:
            self._next_id += 1
            rule.id = f"f{self._next_id}"
        self.rules.extend(parsed)
        return parsed

    def remove(self, rule_id: str) -> bool:
        before = len(self.rules)
        self.rules = [r for r in self.rules if r.id != rule_id]
        return len(self.rules) != before

    def clear(self) -> None:
        self.rules = []
        self.reseed(self.seed)

    def reseed(self, seed: int | None) -> None:
        self.seed = seed
        self._random = random.Random(seed)

    def public(self) -> dict[str, Any]:
        return {"seed": self.seed, "rules": [r.public() for r in self.rules]}

    # -- requests -------------------------------------------------------------------------------------
    def pick(self, op_id: str) -> Rule | None:
        """The rule that fires for this call, if any (counting its hit)."""
        for rule in self.rules:
            if rule.operation != "*" and rule.operation != op_id:
                continue
            if rule.count is not None and rule.hits >= rule.count:
                continue
            if rule.probability is not None and self._random.random() >= rule.probability:
                continue
            rule.hits += 1
            return rule
        return None

    def delay(self, rule: Rule) -> float:
        """Seconds of latency the rule adds (0 when it adds none)."""
        spec = rule.action.get("latency_ms")
        if spec is None:
            return 0.0
        if not isinstance(spec, dict):
            return float(spec) / 1000
        kind = spec["distribution"]
        if kind == "uniform":
            ms = self._random.uniform(float(spec.get("min_ms", 0)), float(spec["max_ms"]))
        elif kind == "normal":
            ms = self._random.gauss(float(spec["mean_ms"]), float(spec.get("stddev_ms", 0)))
        else:
            ms = self._random.expovariate(1 / float(spec["mean_ms"])) if float(spec["mean_ms"]) > 0 else 0.0
        return min(max(ms, 0.0), MAX_LATENCY_MS) / 1000

    async def apply(self, rule: Rule, profile: VendorProfile) -> Wire | None:
        """Sleep the rule's latency, then raise its vendor error or return what to do to the connection."""
        delay = self.delay(rule)
        if delay:
            await asyncio.sleep(delay)
        action = rule.action
        if rule.kind == "error":
            raise profile.fault(action["error"], action.get("status"), action.get("message"))
        if rule.kind not in WIRE_KINDS:
            return None
        hold = float(action.get("max_ms", DEFAULT_HOLD_MS)) / 1000
        return Wire(rule.kind, hold, float(action.get("fraction", 0.5)))

    # -- parsing --------------------------------------------------------------------------------------
    def _parse(self, item: Any, n: int) -> Rule:
        where = f"rule {n}"
        if not isinstance(item, dict):
            raise FaultError(f"{where}: expected an object")
        unknown = set(item) - {"operation", "probability", "count", "action"}
        if unknown:
            raise FaultError(f"{where}: unknown field(s) {sorted(unknown)}")
        operation = item.get("operation", "*")
        if not isinstance(operation, str) or not operation:
            raise FaultError(f'{where}: operation must be an operation id or "*"')
        probability = item.get("probability")
        if probability is not None and (not _number(probability) or not 0 <= probability <= 1):
            raise FaultError(f"{where}: probability must be a number from 0 to 1")
        count = item.get("count")
        if count is not None and (_integer(count, f"{where}: count") < 1):
            raise FaultError(f"{where}: count must be at least 1")
        action = item.get("action")
        if not isinstance(action, dict):
            raise FaultError(f'{where}: action must be an object, e.g. {{"error": "ratelimited"}}')
        kind = _check_action(action, where)
        return Rule("", operation, action, kind, probability, count)


def _check_action(action: dict[str, Any], where: str) -> str:
    kinds = [k for k in ("error", *WIRE_KINDS) if k in action]
    if len(kinds) > 1:
        raise FaultError(f"{where}: action takes one of error/timeout/drop/truncate, not {kinds}")
    known = {"error", "status", "message", "latency_ms", "max_ms", "fraction", *WIRE_KINDS}
    if set(action) - known:
        raise FaultError(f"{where}: unknown action field(s) {sorted(set(action) - known)}")
    if "latency_ms" in action:
        _check_latency(action["latency_ms"], where)
    if not kinds:
        if "latency_ms" not in action:
            raise FaultError(f"{where}: action needs error, latency_ms, timeout, drop or truncate")
        return "latency"
    kind = kinds[0]
    if kind == "error":
        if not isinstance(action["error"], str) or not action["error"]:
            raise FaultError(f'{where}: error must be the vendor\'s error code, e.g. "ratelimited"')
        status = action.get("status")
        if status is not None and (not isinstance(status, int) or not 100 <= status <= 599):
            raise FaultError(f"{where}: status must be an HTTP status code")
        if "message" in action and not isinstance(action["message"], str):
            raise FaultError(f"{where}: message must be a string")
    elif action[kind] is not True:
        raise FaultError(f"{where}: {kind} must be true")
    if "max_ms" in action and (not _number(action["max_ms"]) or not 0 <= action["max_ms"] <= MAX_HOLD_MS):
        raise FaultError(f"{where}: max_ms must be a number from 0 to {MAX_HOLD_MS:.0f}")
    if "fraction" in action and (not _number(action["fraction"]) or not 0 <= action["fraction"] < 1):
        raise FaultError(f"{where}: fraction must be a number from 0 up to (not including) 1")
    return kind


def _check_latency(spec: Any, where: str) -> None:
    if _number(spec):
        if not 0 <= spec <= MAX_LATENCY_MS:
            raise FaultError(f"{where}: latency_ms must be from 0 to {MAX_LATENCY_MS:.0f}")
        return
    if not isinstance(spec, dict):
        raise FaultError(f'{where}: latency_ms must be a number or {{"distribution": ...}}')
    needs = {"uniform": ("max_ms",), "normal": ("mean_ms",), "exponential": ("mean_ms",)}
    kind = spec.get("distribution")
    if kind not in needs:
        raise FaultError(f"{where}: distribution must be uniform, normal or exponential")
    for key, value in spec.items():
        if key != "distribution" and (not _number(value) or not 0 <= value <= MAX_LATENCY_MS):
            raise FaultError(f"{where}: {key} must be a number of milliseconds from 0 to {MAX_LATENCY_MS:.0f}")
    missing = [k for k in needs[kind] if k not in spec]
    if missing:
        raise FaultError(f"{where}: a {kind} distribution needs {missing}")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _integer(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise FaultError(f"{what} must be an integer")
    return value


# -- acting on the connection -------------------------------------------------------------------------
async def act(
    wire: Wire, scope: dict[str, Any], receive: Receive, send: Send, head: dict[str, Any], body: bytes
) -> None:
    """Hold, drop or truncate one answer; ``head`` is the ``http.response.start`` message it would send."""
    close = (scope.get("extensions") or {}).get("twin.close")
    if wire.kind == "truncate":
        await send(head)
        await send({"type": "http.response.body", "body": body[: int(len(body) * wire.fraction)], "more_body": True})
    elif wire.kind == "timeout" and await _client_gave_up(receive, wire.hold):
        return  # the client closed first, as it would on its own timeout: nothing left to do
    if close is None:
        raise DroppedConnection(f"twin fault: {wire.kind}")
    close()
    # let the server see the connection is gone before the app returns, so it does not answer a 500
    await asyncio.sleep(0)


async def _client_gave_up(receive: Receive, hold: float) -> bool:
    """Wait until the client disconnects (True) or ``hold`` seconds pass (False)."""

    async def disconnected() -> None:
        while (await receive())["type"] != "http.disconnect":
            pass

    try:
        await asyncio.wait_for(disconnected(), hold)
    except asyncio.TimeoutError:
        return False
    return True
