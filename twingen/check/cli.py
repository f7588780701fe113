"""``twingen check NAME --sdk PKG`` and ``twingen check NAME --suite SUITE``: the click command the main CLI
attaches (``cli.add_command(check)``).

Exit codes (the table in ``twingen/cli.py``): 0 done (and at or above ``--min-score``); 1 under
``--min-score``, or a user error (no twin, an exclusion without a reason, an SDK no driver calls, a suite
that cannot be fetched or run, a twin that does not start); 2 usage (neither or both of ``--sdk`` and
``--suite``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from twingen.oracle.suite import SuiteOptions


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
    default=None,
    help="slack_sdk, googleapiclient (the twin's document) or googleapiclient:NAME.VERSION.",
)
@click.option(
    "--suite",
    default=None,
    help="Run an SDK's own test suite against the twin instead (okta, slack_sdk, gspread, jira); "
    "writes NAME/SUITE-SUITE.md.",
)
@click.option(
    "--suite-path",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="A checkout of the SDK's repository holding the suite [default: the sdist of the installed SDK].",
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
@click.option(
    "--tests",
    "selection",
    default=None,
    help="With --suite: only the tests this pytest -k expression selects (the rest are not run or counted).",
)
@click.option(
    "--rate-limits/--no-rate-limits",
    "rate_limits",
    default=None,
    help="With --suite: the twin enforces its vendor's rate limits during the run, or does not "
    "[default: the suite driver's choice; on for slack_sdk, as Slack always limits].",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object on stdout.")
@click.option(
    "--min-score", type=click.FloatRange(0.0, 1.0), default=None, help="Exit 1 when the score is under this (0..1)."
)
@click.option("--report/--no-report", "write_report", default=None,
              help="Write NAME/COMPATIBILITY.md, or NAME/SUITE-SUITE.md for --suite "
                   "[default: only when every method was checked; always for a suite].")  # fmt: skip
@click.option("--failures", is_flag=True, help="Show only methods that did not pass in the table.")
def check(
    name: str,
    sdk: str | None,
    suite: str | None,
    suite_path: Path | None,
    out: Path | None,
    patterns: tuple[str, ...],
    selection: str | None,
    rate_limits: bool | None,
    as_json: bool,
    min_score: float | None,
    write_report: bool | None,
    failures: bool,
) -> None:
    """Measure a twin against an SDK: call every SDK method through the real SDK and classify each.

    Classes: ok, vendor-error-as-expected, wrong-error, sdk-raised, server-error, stub, not-routed.
    The score is (ok + vendor-error-as-expected) / all SDK methods, excluded ones included.

    With --suite, run the SDK's own test suite against the twin instead (nothing leaves the machine):
    each test passed, failed, error, skipped or excluded (listed with its reason); score = passed /
    (passed + failed + errors).
    """
    if (sdk is None) == (suite is None):
        raise click.UsageError("give one of --sdk PKG (call every SDK method) or --suite SUITE (run its tests)")
    if suite is None and suite_path is not None:
        raise click.UsageError("--suite-path goes with --suite")
    if suite is None and selection is not None:
        raise click.UsageError("--tests goes with --suite")
    if suite is None and rate_limits is not None:
        raise click.UsageError("--rate-limits/--no-rate-limits goes with --suite")
    twin_dir = existing_twin(name, out)
    if suite is not None:
        if patterns:
            raise click.UsageError("--methods goes with --sdk, not --suite")
        from twingen.oracle.suite import SuiteOptions

        # a selection is a part of the suite: its report is not the suite's, so it is written only when asked
        report = write_report if selection is None else bool(write_report)
        options = SuiteOptions(twin_dir, suite, suite_path, tests=selection, rate_limits=rate_limits)
        _check_suite(twin_dir, options, as_json, min_score, report, failures)
        return
    assert sdk is not None
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


def _check_suite(
    twin_dir: Path,
    options: SuiteOptions,
    as_json: bool,
    min_score: float | None,
    write_report: bool | None,
    failures: bool,
) -> None:
    from twingen.oracle import suite_report
    from twingen.oracle.suite import run_suite
    from twingen.oracle.suite_driver import SuiteError

    try:
        if _quiet() or as_json:
            result = run_suite(options)
        else:
            with Console(stderr=True).status(f"running the {options.suite} suite against {twin_dir.name}"):
                result = run_suite(options)
    except (SuiteError, TwinStartError, FileNotFoundError) as exc:
        raise CheckFailed(str(exc)) from exc
    if write_report is not False:
        path = suite_report.write_markdown(result, twin_dir)
        if not as_json:
            click.echo(f"wrote {path}", err=True)
    if as_json:
        click.echo(suite_report.to_json(result))
    else:
        suite_report.print_table(result, Console(), failures_only=failures)
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
