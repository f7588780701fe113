"""``twingen check`` as a subprocess: the goal gate for the driver and the ``run_check`` tool.

A subprocess rather than a library call because the check starts a twin server and imports behaviour
modules the agent just wrote: a crash, a hang or a leaked import must not take the loop with it. It gets
a timeout and is killed with its process group.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from twingen.agent.tools.process import run
from twingen.agent.tools.workspace import ToolError
from twingen.check.runner import twin_package

PASSING = frozenset({"ok", "vendor-error-as-expected"})
CHECK_TIMEOUT = 300.0


@dataclass(frozen=True)
class CheckResult:
    """The part of a check report the loop uses (no timings: the same twin gives the same result)."""

    score: float
    total: int
    methods: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def passing(self) -> frozenset[str]:
        return frozenset(name for name, m in self.methods.items() if m["class"] in PASSING)

    def failing(self) -> list[str]:
        return [name for name, m in self.methods.items() if m["class"] not in PASSING]

    def to_data(self) -> dict[str, Any]:
        return {"score": self.score, "total": self.total, "methods": self.methods}


def run_check(twin_dir: Path, sdk: str, patterns: Sequence[str], timeout: float = CHECK_TIMEOUT) -> CheckResult:
    # absolute: the check runs with the twin folder as its working directory
    twin_dir = twin_dir.resolve()
    name = twin_package(twin_dir).removeprefix("twin_")  # the folder may be named otherwise (--out ./mytwin)
    argv = ["check", name, "--sdk", sdk, "--out", str(twin_dir), "--json", "--no-report"]
    argv += [a for p in patterns for a in ("--methods", p)]
    data = twingen_json(argv, twin_dir, timeout)
    methods = {
        str(m["name"]): {k: str(m.get(k, "")) for k in ("class", "detail", "call", "answer", "source", "operation")}
        for m in data["methods"]
    }
    return CheckResult(float(data["score"]), int(data["total"]), methods)


def twingen_json(argv: Sequence[str], cwd: Path, timeout: float) -> dict[str, Any]:
    """``twingen ARGV`` run as a tool subprocess from ``cwd``, its ``--json`` report read; ``ToolError`` when it
    timed out or wrote no JSON (with the end of what it said)."""
    done = run([sys.executable, "-m", "twingen", *argv], cwd=cwd, timeout=timeout)
    if done.timed_out:
        raise ToolError(f"twingen {argv[0]} timed out after {timeout:.0f} s (killed)")
    try:
        data: dict[str, Any] = json.loads(done.stdout)
    except ValueError:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise ToolError(f"twingen {argv[0]} failed (exit {done.returncode}):\n{tail}") from None
    return data


def describe(result: CheckResult, names: Sequence[str] | None = None) -> str:
    """A compact text for the model: the score and each chosen method's class, detail, call and answer."""
    lines = [f"score {result.score:.1%} over {result.total} methods"]
    for name in names if names is not None else list(result.methods):
        m = result.methods.get(name)
        if m is None:
            lines.append(f"- {name}: not in the check (unknown or excluded method)")
            continue
        lines.append(f"- {name} ({m['operation']}): {m['class']} [source: {m['source']}] {m['detail']}")
        lines.append(f"  call: {m['call']}")
        if m["answer"]:
            lines.append("  answer: " + m["answer"].replace("\n", "\n          "))
    return "\n".join(lines)
