"""What ``iterate`` measures a twin against (``--goal``): the SDK check, the SDK's own suite, or recorded traffic.

Each goal runs its ``twingen`` command as a sandboxed subprocess (the twin imports code the model just wrote;
the sandbox has no network, so a suite's sources are fetched beforehand, outside it) and reads its ``--json``
report into a ``CheckResult``: one item per SDK method, suite test or recorded operation, so the driver's gate
(score up, nothing that passed now fails) and its task list work the same for all three.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from twingen.agent.tools import checking
from twingen.agent.tools.checking import CHECK_TIMEOUT, CheckResult, twingen_json
from twingen.agent.tools.workspace import ToolError
from twingen.check.runner import twin_package

GoalKind = Literal["check", "suite", "replay"]
GOALS: tuple[GoalKind, ...] = ("check", "suite", "replay")
SUITE_TIMEOUT = 1800.0
"""A whole vendor suite runs in minutes; its own runner stops a hung test."""
_json_of = twingen_json  # the seam tests replace


@dataclass(frozen=True)
class Goal:
    """The report ``iterate`` gates on and takes its tasks from."""

    kind: GoalKind = "check"
    sdk: str = ""
    suite: str = ""
    suite_path: Path | None = None
    cassettes: Path | None = None

    @property
    def items(self) -> str:
        """What one task is, in the model's words."""
        return {"check": "SDK methods", "suite": "tests of the SDK's own suite", "replay": "recorded operations"}[
            self.kind
        ]

    def to_data(self) -> dict[str, Any]:
        return {"kind": self.kind, "sdk": self.sdk, "suite": self.suite,
                "suite_path": str(self.suite_path) if self.suite_path else None,
                "cassettes": str(self.cassettes) if self.cassettes else None}  # fmt: skip

    @classmethod
    def from_data(cls, data: dict[str, Any] | None, sdk: str) -> Goal:
        """A recorded run's goal; runs recorded before goals existed measured the check."""
        if not data:
            return cls("check", sdk)
        path, cassettes = data.get("suite_path"), data.get("cassettes")
        return cls(data["kind"], data.get("sdk") or sdk, data.get("suite") or "",
                   Path(path) if path else None, Path(cassettes) if cassettes else None)  # fmt: skip

    def measure(self, twin_dir: Path, patterns: Sequence[str], timeout: float | None = None) -> CheckResult:
        """Run the goal's report on the twin, narrowed to the items ``patterns`` match (all when none)."""
        if self.kind == "check":
            return checking.run_check(twin_dir, self.sdk, patterns, timeout or CHECK_TIMEOUT)
        twin_dir = twin_dir.resolve()
        name = twin_package(twin_dir).removeprefix("twin_")
        if self.kind == "suite":
            self.prepare_suite()
            argv = ["check", name, "--suite", self.suite, "--json", "--no-report"]
            argv += ["--suite-path", str(self.suite_path)] if self.suite_path else []
        else:
            argv = ["replay", name, "--cassettes", str(self.cassettes), "--json"]
        data = _json_of([*argv, "--out", str(twin_dir)], twin_dir, timeout or SUITE_TIMEOUT)
        items = _suite_items(data) if self.kind == "suite" else _replay_items(data)
        return _narrowed(items, patterns)

    def prepare_suite(self) -> None:
        """Fetch the suite's sdist and install its test plugins here: the sandboxed run has no network."""
        from twingen.oracle.suite import driver_class
        from twingen.oracle.suite_driver import SuiteError
        from twingen.oracle.suite_source import cache_dir, suite_python, suite_root

        try:
            driver = driver_class(self.suite)
            suite_root(driver, self.suite_path, cache_dir())
            suite_python(self.suite, driver.requirements, cache_dir())
        except SuiteError as exc:
            raise ToolError(f"the {self.suite} suite cannot be prepared: {exc}") from None


def _item(passing: bool, outcome: str, detail: str, call: str, answer: str, operation: str) -> dict[str, str]:
    return {"class": "ok" if passing else outcome, "detail": detail, "call": call, "answer": answer,
            "source": "", "operation": operation}  # fmt: skip


def _suite_items(data: dict[str, Any]) -> dict[str, dict[str, str]]:
    # skipped and excluded tests are no task: the suite or the driver set them aside, with a reason
    return {
        str(t["nodeid"]): _item(t["outcome"] == "passed", str(t["outcome"]), str(t.get("cause") or ""),
                                str(t["nodeid"]), str(t.get("answer") or ""), "")
        for t in data["tests"] if t["outcome"] in ("passed", "failed", "error")
    }  # fmt: skip


def _replay_items(data: dict[str, Any]) -> dict[str, dict[str, str]]:
    differences: dict[str, list[dict[str, Any]]] = {}
    for difference in data.get("differences", []):
        differences.setdefault(str(difference.get("operation") or ""), []).append(difference)
    items = {}
    for op, row in data["operations"].items():
        if not row["interactions"]:
            continue  # every interaction set apart (not routed, or objects only the recorded account had)
        first = differences.get(op, [])[:3]
        detail = "; ".join(
            f"{d['method']} {d['path']}: status {d['status'][0]} vs twin {d['status'][1]}, "
            f"error code {d['error_code'][0]!r} vs {d['error_code'][1]!r}, "
            f"{d['missing_keys']} keys missing, {d['extra_keys']} extra"
            for d in first
        )
        items[op] = _item(row["passed"] == 100.0, "mismatch", detail, f"{row['interactions']} recorded interactions",
                          "", op)  # fmt: skip
    return items


def _narrowed(items: dict[str, dict[str, str]], patterns: Sequence[str]) -> CheckResult:
    if patterns:
        items = {name: item for name, item in items.items() if any(fnmatch.fnmatchcase(name, p) for p in patterns)}
    passing = sum(1 for item in items.values() if item["class"] in checking.PASSING)
    return CheckResult(passing / len(items) if items else 0.0, len(items), items)
