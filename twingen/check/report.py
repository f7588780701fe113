"""The check's report three ways: a terminal table, one JSON object, and the twin's ``COMPATIBILITY.md``.

``COMPATIBILITY.md`` is meant to be committed beside the twin, so it holds nothing that changes from run
to run on the same twin (no timings, no ports): the same twin and SDK give the same file.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from twingen.check.classes import PASSING, PRECEDENCE, CheckReport, MethodResult

REPORT_FILE = "COMPATIBILITY.md"
_STYLE = {
    "ok": "green",
    "vendor-error-as-expected": "green",
    "wrong-error": "yellow",
    "stub": "magenta",
    "sdk-raised": "red",
    "server-error": "red",
    "not-routed": "dim",
}


def summary(report: CheckReport) -> str:
    counts = report.counts()
    shown = ", ".join(f"{cls} {counts[cls]}" for cls in (*PRECEDENCE, "excluded") if counts[cls])
    return (
        f"{report.twin} against {report.sdk} {report.sdk_version}: score {report.score:.1%} "
        f"({report.passed}/{report.total}); {shown}"
    )


def by_client(report: CheckReport) -> list[tuple[str, list[MethodResult]]]:
    """The methods grouped by SDK client in first-seen order (one group, named "", for single-client SDKs)."""
    groups: dict[str, list[MethodResult]] = {}
    for result in report.methods:
        groups.setdefault(result.client, []).append(result)
    return list(groups.items())


def client_summary(report: CheckReport) -> list[str]:
    """One line per client when there are several: how many of its methods pass."""
    groups = by_client(report)
    if len(groups) < 2:
        return []
    return [f"  {client}: {sum(r.cls in PASSING for r in rs)}/{len(rs)}" for client, rs in groups]


def print_table(report: CheckReport, console: Console, failures_only: bool = False) -> None:
    table = Table(title=f"{report.twin} against {report.sdk}", show_lines=False)
    for column in ("method", "class", "source", "detail"):
        table.add_column(column, overflow="fold")
    for result in [r for _, rs in by_client(report) for r in rs]:
        if failures_only and result.cls in PASSING:
            continue
        style = _STYLE.get(result.cls, "")
        table.add_row(result.name, f"[{style}]{result.cls}[/]", result.source, result.detail)
    for item in report.excluded:
        table.add_row(item.name, "[dim]excluded[/]", "", item.reason)
    console.print(table)
    console.print(summary(report) + f" in {report.seconds:.1f} s")
    for line in client_summary(report):
        console.print(line)


def to_json(report: CheckReport) -> str:
    return json.dumps(report.to_data(), indent=2, ensure_ascii=False)


def markdown(report: CheckReport) -> str:
    counts = report.counts()
    lines = [
        f"# Compatibility of `{report.twin}` with `{report.sdk}` {report.sdk_version}",
        "",
        "Written by `twingen check`; regenerate it with "
        f"`twingen check {report.twin} --sdk {report.sdk}`, do not edit it by hand.",
        "",
        f"**Score: {report.score:.1%}** ({report.passed} of {report.total} SDK methods are `ok` or "
        "`vendor-error-as-expected`; excluded methods count in the total).",
        "",
        "| class | methods |",
        "|---|---|",
        *(f"| `{cls}` | {counts[cls]} |" for cls in (*PRECEDENCE, "excluded")),
        "",
        "Classes, in precedence order: not-routed > server-error > stub > sdk-raised > wrong-error > "
        "vendor-error-as-expected > ok (see `twingen/check/classes.py`).",
        "",
    ]
    groups = by_client(report) or [("", [])]
    for client, results in groups:
        heading = f"## Methods of `{client}`" if len(groups) > 1 else "## Methods"
        passed = sum(r.cls in PASSING for r in results)
        intro = [f"{passed} of {len(results)} pass.", ""] if len(groups) > 1 else []
        lines += [heading, "", *intro, "| method | operation | class | source | detail |", "|---|---|---|---|---|"]
        lines += [*(_row(r) for r in results), ""]
    lines = lines[:-1]
    if report.excluded:
        lines += ["", "## Excluded", "", "| method | reason |", "|---|---|"]
        lines += [f"| `{e.name}` | {cell(e.reason)} |" for e in report.excluded]
    lines += ["", "## Calls and answers", ""]
    for result in [r for _, rs in groups for r in rs]:
        lines += _details(result)
    return "\n".join(lines).rstrip() + "\n"


def _row(result: MethodResult) -> str:
    return f"| `{result.name}` | `{result.operation}` | {result.cls} | {result.source} | {cell(result.detail)} |"


def _details(result: MethodResult) -> list[str]:
    out = [f"### `{result.name}`: {result.cls}", "", f"- source: {result.source}", f"- detail: {result.detail}"]
    out += ["", "```python", result.call, "```"]
    if result.answer:
        out += ["", "```", result.answer.replace("```", "'''"), "```"]
    return [*out, ""]


def cell(text: str) -> str:
    """Text as one markdown table cell: its pipes escaped, its lines joined."""
    return text.replace("|", "\\|").replace("\n", " ")


def write_markdown(report: CheckReport, twin_dir: Path) -> Path:
    path = twin_dir / REPORT_FILE
    path.write_text(markdown(report), encoding="utf-8")
    return path
