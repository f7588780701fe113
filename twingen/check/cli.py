"""``twingen check NAME --sdk PKG``: the click command the main CLI attaches (``cli.add_command(check)``).

Exit codes (the table in ``twingen/cli.py``): 0 done (and at or above ``--min-score``); 1 under
``--min-score``, or a user error (no twin, an exclusion without a reason, an SDK no driver calls, a twin that
does not start); 2 usage.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from rich.console import Console

from twingen.check import report as reporting
from twingen.check.classes import CheckReport, MethodResult
from twingen.check.drivers import UnsupportedCheck
from twingen.check.engine import CheckOptions, run_check
from twingen.check.exclusions import ExclusionError
from twingen.check.runner import TwinStartError
from twingen.cli import existing_twin
from twingen.sdk.surface import ScanError


class CheckFailed(click.ClickException):
    """The check could not run: bad exclusions, no driver, or the twin did not start (exit 1)."""


def _quiet() -> bool:
    # progress is for people at a terminal: never in CI logs or when piped
    return not sys.stderr.isatty() or os.environ.get("CI", "").lower() in ("true", "1")


@click.command()
@click.argument("name")
@click.option(
    "--sdk",
    "sdk",
    required=True,
    help="slack_sdk, googleapiclient (the twin's document) or googleapiclient:NAME.VERSION.",
)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), help="The twin's folder [default: generated/NAME]."
)
@click.option(
    "--methods",
    "patterns",
    multiple=True,
    help="Only methods whose SDK name or operation id matches (fnmatch; repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object on stdout.")
@click.option(
    "--min-score", type=click.FloatRange(0.0, 1.0), default=None, help="Exit 1 when the score is under this (0..1)."
)
@click.option("--report/--no-report", "write_report", default=None,
              help="Write NAME/COMPATIBILITY.md [default: only when every method was checked].")  # fmt: skip
@click.option("--failures", is_flag=True, help="Show only methods that did not pass in the table.")
def check(
    name: str,
    sdk: str,
    out: Path | None,
    patterns: tuple[str, ...],
    as_json: bool,
    min_score: float | None,
    write_report: bool | None,
    failures: bool,
) -> None:
    """Measure a twin against an SDK: call every SDK method through the real SDK and classify each.

    Classes: ok, vendor-error-as-expected, wrong-error, sdk-raised, server-error, stub, not-routed.
    The score is (ok + vendor-error-as-expected) / all SDK methods, excluded ones included.
    """
    twin_dir = existing_twin(name, out)
    console = Console(stderr=True)
    try:
        if _quiet() or as_json:
            result = run_check(CheckOptions(twin_dir, sdk, patterns))
        else:
            result = _with_progress(console, CheckOptions(twin_dir, sdk, patterns))
    except (ExclusionError, UnsupportedCheck, ScanError, TwinStartError, FileNotFoundError) as exc:
        raise CheckFailed(str(exc)) from exc
    if write_report if write_report is not None else not patterns:
        path = reporting.write_markdown(result, twin_dir)
        if not as_json:
            click.echo(f"wrote {path}", err=True)
    if as_json:
        click.echo(reporting.to_json(result))
    else:
        reporting.print_table(result, Console(), failures_only=failures)
    if min_score is not None and result.score < min_score:
        click.echo(f"score {result.score:.1%} is under --min-score {min_score:.1%}", err=True)
        sys.exit(1)


def _with_progress(console: Console, options: CheckOptions) -> CheckReport:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
        TimeElapsedColumn(), console=console, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("", total=None)

        def advance(result: MethodResult, total: int) -> None:
            bar.update(task, total=total, advance=1, description=f"{result.name}: {result.cls}")

        return run_check(options, advance)
