"""A suite run's report three ways: a terminal table, one JSON object, and ``SUITE-NAME.md`` in the twin's folder.

Per test: passed, failed (the test's assertion did not hold), error (its setup or teardown broke, it could
not be collected, or it never finished), skipped (the suite skipped it: listed, never counted as passed) or
excluded (the driver's list of tests needing a real vendor feature, not run, with the reason).

Score = passed / (passed + failed + errors), as issue #13 defines it: skipped tests are listed, never counted
as passed; excluded tests are listed with their reasons and counted in the total, and a test joins the
exclusions only for a reason a reviewer can check (a retired method, a real channel, a second workspace).

``SUITE-NAME.md`` may be committed beside the twin, so it holds nothing that changes from run to run on the
same twin and suite: no timings, no ports, no temporary paths.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from twingen.check.report import cell

OUTCOMES = ("passed", "failed", "error", "skipped", "excluded")
_STYLE = {"passed": "green", "failed": "red", "error": "red", "skipped": "yellow", "excluded": "dim"}


@dataclass(frozen=True)
class SuiteTest:
    nodeid: str
    outcome: str
    cause: str = ""
    """One line: the assertion or exception that ended it, the skip reason, or the exclusion's reason."""
    answer: str = ""
    """The twin's last refusal (or last answer) during a failed test: ``GET /api/v1/users/x -> 404 (getUser)``."""
    seconds: float = 0.0

    def to_data(self) -> dict[str, Any]:
        return {"nodeid": self.nodeid, "outcome": self.outcome, "cause": self.cause, "answer": self.answer,
                "seconds": self.seconds}  # fmt: skip


@dataclass
class SuiteReport:
    twin: str
    suite: str
    source: str
    """Where the tests came from: ``sdist okta 3.4.6`` or ``checkout DIR``."""
    tests: list[SuiteTest] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    """Every non-loopback lookup or connection the suite tried, refused (``nodeid: what``)."""
    stopped: str = ""
    """Why the run ended before every test reported (the overall timeout), else ""."""
    seconds: float = 0.0
    rate_limits: bool = False
    """Whether the twin enforced its vendor's rate limits during the run."""

    def counts(self) -> Counter[str]:
        return Counter({outcome: 0 for outcome in OUTCOMES}) + Counter(t.outcome for t in self.tests)

    @property
    def scored(self) -> int:
        counts = self.counts()
        return counts["passed"] + counts["failed"] + counts["error"]

    @property
    def score(self) -> float:
        return self.counts()["passed"] / self.scored if self.scored else 0.0

    def to_data(self) -> dict[str, Any]:
        counts = self.counts()
        return {
            "twin": self.twin,
            "suite": self.suite,
            "source": self.source,
            "score": round(self.score, 4),
            "passed": counts["passed"],
            "failed": counts["failed"],
            "errors": counts["error"],
            "skipped": counts["skipped"],
            "excluded": counts["excluded"],
            "total": len(self.tests),
            "refused": self.refused,
            "stopped": self.stopped,
            "seconds": round(self.seconds, 1),
            "rate_limits": self.rate_limits,
            "tests": [t.to_data() for t in self.tests],
        }


def summary(report: SuiteReport) -> str:
    counts = report.counts()
    shown = ", ".join(f"{outcome} {counts[outcome]}" for outcome in OUTCOMES)
    return (
        f"{report.twin} against the {report.suite} suite ({report.source}): score {report.score:.1%} "
        f"({counts['passed']}/{report.scored}); {shown}; {len(report.tests)} tests; rate limits {_mode(report)}"
    )


def _mode(report: SuiteReport) -> str:
    return "on" if report.rate_limits else "off"


def _flag(report: SuiteReport) -> str:
    return "--rate-limits" if report.rate_limits else "--no-rate-limits"


def print_table(report: SuiteReport, console: Console, failures_only: bool = False) -> None:
    table = Table(title=f"{report.twin} against the {report.suite} suite")
    for column in ("test", "outcome", "cause"):
        table.add_column(column, overflow="fold")
    for test in report.tests:
        if failures_only and test.outcome == "passed":
            continue
        cause = f"{test.cause}; twin: {test.answer}" if test.answer else test.cause
        table.add_row(test.nodeid, f"[{_STYLE[test.outcome]}]{test.outcome}[/]", cause)
    console.print(table)
    for refusal in report.refused:
        console.print(f"refused: {refusal}")
    if report.stopped:
        console.print(f"[red]stopped[/]: {report.stopped}")
    console.print(summary(report) + f" in {report.seconds:.1f} s")


def to_json(report: SuiteReport) -> str:
    return json.dumps(report.to_data(), indent=2, ensure_ascii=False)


def report_file(suite: str) -> str:
    return f"SUITE-{suite}.md"


def markdown(report: SuiteReport) -> str:
    counts = report.counts()
    lines = [
        f"# `{report.twin}` against the `{report.suite}` suite",
        "",
        f"Written by `twingen check`; regenerate it with `twingen check {report.twin} --suite {report.suite}"
        f" {_flag(report)}` (plus `--suite-path DIR` for a suite that is not in its sdist); do not edit it by hand.",
        "",
        f"Tests from: {report.source}.",
        "",
        f"Rate limits: {_mode(report)} (the twin {'enforced' if report.rate_limits else 'did not enforce'} its "
        "vendor's rate limits during the run).",
        "",
        f"**Score: {report.score:.1%}** ({counts['passed']} passed of {report.scored}: passed + failed + errors; "
        "skipped and excluded tests are listed, not counted as passed).",
        "",
        "| outcome | tests |",
        "|---|---|",
        *(f"| {outcome} | {counts[outcome]} |" for outcome in OUTCOMES),
        f"| total | {len(report.tests)} |",
        "",
    ]
    if report.stopped:
        lines += [f"Stopped early: {report.stopped}.", ""]
    if report.refused:
        lines += ["## Refused network access", "", *(f"- {cell(r)}" for r in report.refused), ""]
    excluded = [t for t in report.tests if t.outcome == "excluded"]
    if excluded:
        lines += ["## Excluded (need a real vendor feature)", "", "| test | reason |", "|---|---|"]
        lines += [f"| `{t.nodeid}` | {cell(t.cause)} |" for t in excluded] + [""]
    lines += ["## Tests", "", "| test | outcome | cause | twin's answer |", "|---|---|---|---|"]
    lines += [f"| `{t.nodeid}` | {t.outcome} | {cell(t.cause)} | {cell(t.answer)} |"
              for t in report.tests if t.outcome != "excluded"]  # fmt: skip
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(report: SuiteReport, twin_dir: Path) -> Path:
    path = twin_dir / report_file(report.suite)
    path.write_text(markdown(report), encoding="utf-8")
    return path
