"""The replay's report three ways: figures (the ``--json`` object), a terminal table, and the twin's ``PARITY.md``.

Figures are percentages (0-100, one decimal) over the judged interactions; ``error_code_match`` is over the
recorded answers that carry a vendor error code, ``paging_match`` over the answers where either side pages.
``PARITY.md`` holds nothing that changes from run to run on the same twin and cassettes (no timings, ports,
absolute paths or twin ids), like ``COMPATIBILITY.md``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from twingen.oracle.compare import Verdict
from twingen.oracle.replay import Judged, ReplayReport

REPORT_FILE = "PARITY.md"
Measure = Callable[[Verdict], "bool | None"]
MEASURES: dict[str, Measure] = {
    "status_match": lambda v: v.status_match,
    "keys_match": lambda v: v.keys_match,
    "error_code_match": lambda v: v.error_code_match,
    "paging_match": lambda v: v.paging_match,
    "passed": lambda v: v.passed,
}


def _percent(verdicts: list[Verdict], measure: Measure) -> tuple[float | None, int]:
    """``(percentage or None, how many were judged on this measure)``."""
    judged = [result for result in (measure(v) for v in verdicts) if result is not None]
    return (round(100 * sum(judged) / len(judged), 1) if judged else None), len(judged)


def _verdicts(results: Iterable[Judged]) -> list[Verdict]:
    return [r.verdict for r in results if r.verdict is not None]


def figures(report: ReplayReport) -> dict[str, Any]:
    """The ``--json`` object: overall and per-operation percentages, and what was set apart and why."""
    verdicts = _verdicts(report.results)
    data: dict[str, Any] = {
        "twin": report.twin,
        "cassettes": len(report.cassettes),
        "recorded": len(report.results),
        "interactions": len(verdicts),
    }
    for name, measure in MEASURES.items():
        data[name], _ = _percent(verdicts, measure)
    data["error_codes"] = _percent(verdicts, MEASURES["error_code_match"])[1]
    data["paging"] = _percent(verdicts, MEASURES["paging_match"])[1]
    data["keys_differ_only_under_unpaired_lists"] = sum(v.keys_only_unpaired_items for v in verdicts)
    data["unjudgeable"] = dict(sorted(Counter(r.unjudgeable for r in report.results if r.unjudgeable).items()))
    by_operation: dict[str, list[Judged]] = defaultdict(list)
    for result in report.results:
        if result.operation:
            by_operation[result.operation].append(result)
    data["operations"] = {op: _operation(report, op, by_operation[op]) for op in sorted(by_operation)}
    return data


def _operation(report: ReplayReport, op: str, results: list[Judged]) -> dict[str, Any]:
    verdicts = _verdicts(results)
    source = report.sources.get(op, "method not served")  # "POST /path/{id}": a method the path does not take
    row: dict[str, Any] = {"source": source, "interactions": len(verdicts)}
    for name, measure in MEASURES.items():
        row[name] = _percent(verdicts, measure)[0]
    row["unjudgeable"] = sum(1 for r in results if r.unjudgeable)
    return row


def to_json(report: ReplayReport) -> str:
    """Figures, plus every interaction that differed or was set apart, and the files that were not cassettes."""
    data = figures(report)
    data["skipped"] = [{"file": name, "reason": why} for name, why in report.skipped]
    data["differences"] = [_difference_data(r) for r in report.results if r.verdict and not r.verdict.passed]
    data["set_apart"] = [
        {"cassette": r.cassette, "index": r.index, "method": r.method, "path": r.path, "reason": r.unjudgeable,
         "detail": r.detail}
        for r in report.results if r.unjudgeable
    ]  # fmt: skip
    return json.dumps(data, indent=2, ensure_ascii=False)


def _difference_data(result: Judged) -> dict[str, Any]:
    assert result.verdict is not None
    v = result.verdict
    return {
        "cassette": result.cassette, "index": result.index, "method": result.method, "path": result.path,
        "operation": result.operation, "status": [v.recorded_status, v.twin_status],
        "error_code": [v.recorded_code, v.twin_code], "missing_keys": v.missing_count, "extra_keys": v.extra_count,
        "paging": [list(v.paging), list(v.twin_paging)], "detail": result.detail,
    }  # fmt: skip


def _shown(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def summary(report: ReplayReport) -> str:
    data = figures(report)
    apart = ", ".join(f"{reason} {count}" for reason, count in data["unjudgeable"].items()) or "none"
    return (
        f"{report.twin}: {data['interactions']} of {data['recorded']} recorded interactions judged "
        f"({data['cassettes']} cassette{'' if data['cassettes'] == 1 else 's'}; set apart: {apart}); "
        f"status {_shown(data['status_match'])}, "
        f"keys {_shown(data['keys_match'])}, error code {_shown(data['error_code_match'])} "
        f"(of {data['error_codes']}), paging {_shown(data['paging_match'])} (of {data['paging']}), "
        f"all agree {_shown(data['passed'])}"
    )


def print_table(report: ReplayReport, console: Console) -> None:
    table = Table(title=f"{report.twin} against recorded traffic ({report.source})")
    for column in ("operation", "source", "judged", "status", "keys", "error code", "paging", "set apart"):
        table.add_column(column, overflow="fold")
    for op, row in figures(report)["operations"].items():
        table.add_row(op, row["source"], str(row["interactions"]), *_cells(row), str(row["unjudgeable"]))
    console.print(table)
    console.print(summary(report), soft_wrap=True)


def _cells(row: dict[str, Any]) -> list[str]:
    return [_shown(row[name]) for name in ("status_match", "keys_match", "error_code_match", "paging_match")]


def markdown(report: ReplayReport) -> str:
    data = figures(report)
    lines = [
        f"# Parity of `{report.twin}` with recorded real traffic",
        "",
        f"Written by `twingen replay`; regenerate it with `twingen replay {report.twin} --cassettes PATH` "
        f"(these figures: the cassettes in `{report.source}`), do not edit it by hand.",
        "",
        f"{data['recorded']} recorded interactions in {data['cassettes']} cassettes; {data['interactions']} judged.",
        "",
        "| measure | agree | judged |",
        "|---|---|---|",
        f"| status | {_shown(data['status_match'])} | {data['interactions']} |",
        f"| keys at every depth | {_shown(data['keys_match'])} | {data['interactions']} |",
        f"| vendor error code | {_shown(data['error_code_match'])} | {data['error_codes']} coded errors recorded |",
        f"| paging (`Link` relations, cursors) | {_shown(data['paging_match'])} | {data['paging']} answers that page |",
        f"| all of these | {_shown(data['passed'])} | {data['interactions']} |",
        "",
        f"Of the key differences, {data['keys_differ_only_under_unpaired_lists']} are only under lists empty on one "
        "side (often the recorded account's own objects, or the twin's seed); they count as differences above.",
        "",
        "Set apart (not judged): `not-routed` (no operation of the twin's spec serves the method and path), "
        "`recorded-only` (the request names an object the cassette never created, and the twin does not have it), "
        "`body-not-recorded` (a write that takes a body, recorded without one), `not-vendor-answer` (the recorded "
        "answer lacks the vendor's request-id header), `proof-not-recorded` (a DPoP proof replaced by a placeholder), "
        "`feature-off-in-recording` (the recorded account lacked a feature the twin has).",
        "",
        "| reason | interactions |",
        "|---|---|",
        *(f"| `{reason}` | {count} |" for reason, count in data["unjudgeable"].items()),
        "",
        "## Operations",
        "",
        "| operation | source | judged | status | keys | error code | paging | set apart |",
        "|---|---|---|---|---|---|---|---|",
        *(
            f"| `{op}` | {row['source']} | {row['interactions']} | {' | '.join(_cells(row))} | {row['unjudgeable']} |"
            for op, row in data["operations"].items()
        ),
    ]
    lines += _not_routed(report)
    lines += ["", "## Differences", ""]
    current = ""
    for result in report.results:
        if result.verdict is None or result.verdict.passed:
            continue
        if result.cassette != current:
            current = result.cassette
            lines += ["", f"### `{current}`", ""]
        lines.append(f"- #{result.index} `{result.method} {result.path}` (`{result.operation}`): {_differs(result)}")
    return "\n".join(lines).rstrip() + "\n"


def _not_routed(report: ReplayReport) -> list[str]:
    counts = Counter(f"{r.method} {r.path}" for r in report.results if r.unjudgeable == "not-routed")
    if not counts:
        return []
    lines = ["", "## Not routed", "", "| request | interactions |", "|---|---|"]
    return lines + [f"| `{request}` | {count} |" for request, count in sorted(counts.items())]


def _differs(result: Judged) -> str:
    assert result.verdict is not None
    v, parts = result.verdict, []
    if not v.status_match:
        parts.append(f"status {v.recorded_status} recorded, {v.twin_status} from the twin")
    if v.error_code_match is False:
        parts.append(f"error code `{v.recorded_code}` recorded, `{v.twin_code or '(none)'}` from the twin")
    if v.keys_only_unpaired_items:
        parts.append("keys differ only under lists empty on one side")
    if v.missing_count:
        parts.append(f"{v.missing_count} keys missing ({_keys(v.missing_keys, v.missing_count)})")
    if v.extra_count:
        parts.append(f"{v.extra_count} keys extra ({_keys(v.extra_keys, v.extra_count)})")
    if v.paging_match is False:
        parts.append(f"paging {list(v.paging)} recorded, {list(v.twin_paging)} from the twin")
    if result.detail:
        parts.append(result.detail.replace("\n", " "))
    return "; ".join(parts)


def _keys(shown: tuple[str, ...], count: int) -> str:
    text = ", ".join(f"`{k}`" for k in shown)
    return text + (", ..." if count > len(shown) else "")


def write_markdown(report: ReplayReport, twin_dir: Path) -> Path:
    path = twin_dir / REPORT_FILE
    path.write_text(markdown(report), encoding="utf-8")
    return path
