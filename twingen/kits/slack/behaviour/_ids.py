"""Slack-shaped identifiers and message timestamps, kept in state so a reset starts them again."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

_B36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# a large odd step spreads consecutive ids over the alphabet (they look like Slack's) while keeping them
# strictly increasing, so "id order" is "creation order" and a cursor can resume at an id with bisect
_STEP = 7_919_113
_BASE = 36**8


def _b36(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = _B36[r] + out
    return out or "0"


def _meta(state: Any) -> Any:
    return state.collection("_slack_meta")


def new_id(state: Any, prefix: str) -> str:
    """``C0`` + 9 base-36 characters (11 in all, like ``C0123456789``), unique and increasing per prefix."""
    meta = _meta(state)
    counters = meta.get("counters") or {}
    n = int(counters.get(prefix, 0)) + 1
    counters[prefix] = n
    meta.put("counters", counters)
    # the prefix shifts the start so T, U, C... ids of the same rank do not share their digits
    offset = int.from_bytes(prefix.encode(), "big") * 104_729_003
    return f"{prefix}0{_b36(_BASE + offset + n * _STEP):0>9}"


def new_ts(state: Any, now: float) -> str:
    """A message ``ts``: ``"1700000000.000100"``; strictly greater than every ts issued before it.

    Slack uses the ts as the message's id, so two messages in the same microsecond must still differ.
    """
    meta = _meta(state)
    clock = meta.get("clock") or {"last": 0}
    micros = max(int(now * 1_000_000), int(clock["last"]) + 1)
    meta.put("clock", {"last": micros})
    return format_ts(micros)


def format_ts(micros: int) -> str:
    return f"{micros // 1_000_000:010d}.{micros % 1_000_000:06d}"


def normalise_ts(value: Any) -> str | None:
    """A client-given ts (``"1700000000"``, ``1700000000.5``, ``"1700000000.000100"``) in canonical form,
    so string comparison orders it against stored ts values; None when it is not a number."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0:
        return None
    return format_ts(int(number * 1_000_000))
