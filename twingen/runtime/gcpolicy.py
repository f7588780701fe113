"""Keep the cyclic garbage collector off the twin's long-lived state.

A twin holds its state (seed, millions of stored records, loaded modules) for its whole life, and those
objects are acyclic JSON-like dicts that reference counting frees. CPython's full collections nevertheless
walk every tracked object, so as state grows each one stalls all requests for longer (256 ms at 1M Slack
messages, measured by benchmarks/bench_runtime.py). Freezing moves everything alive into the permanent
generation, which collections skip; re-freezing after each full collection keeps it that way while young
request garbage (where cycles actually occur) is still collected as usual.
"""

from __future__ import annotations

import gc
from typing import Any

__all__ = ["keep_state_out_of_gc"]


def _refreeze(phase: str, info: dict[str, Any]) -> None:
    if phase == "stop" and info.get("generation") == 2:
        gc.freeze()


def keep_state_out_of_gc() -> None:
    """Freeze what is alive now (called once the twin is seeded) and after every full collection."""
    gc.freeze()
    if _refreeze not in gc.callbacks:
        gc.callbacks.append(_refreeze)
