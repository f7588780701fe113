"""``twingen check``: measure a twin against an SDK, per method (issue 3)."""

from __future__ import annotations

from twingen.check.classes import PASSING, PRECEDENCE, CheckReport, Excluded, MethodResult, ResultClass
from twingen.check.engine import CheckOptions, run_check

__all__ = [
    "PASSING",
    "PRECEDENCE",
    "CheckOptions",
    "CheckReport",
    "Excluded",
    "MethodResult",
    "ResultClass",
    "run_check",
]
