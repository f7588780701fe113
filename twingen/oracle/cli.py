"""``twingen replay NAME --cassettes PATH``: the click command the main CLI attaches lazily.

Exit codes (the table in ``twingen/cli.py``): 0 the replay ran (whatever its figures: they are a measure, not
a gate); 1 a user error (no twin, no cassette, a file that is not a cassette, a twin that does not start);
2 usage.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from rich.console import Console

from twingen.check.runner import TwinStartError
from twingen.cli import existing_twin
from twingen.oracle import parity_report
from twingen.oracle.cassettes import CassetteError
from twingen.oracle.replay import Judged, ReplayOptions, ReplayReport
from twingen.oracle.replay import replay as run_replay


class ReplayFailed(click.ClickException):
    """The replay could not run: no cassettes, an unreadable cassette, or the twin did not start (exit 1)."""


def _quiet() -> bool:
    # progress is for people at a terminal: never in CI logs or when piped
    return not sys.stderr.isatty() or os.environ.get("CI", "").lower() in ("true", "1")


@click.command()
@click.argument("name")
@click.option(
    "--cassettes",
    "cassettes",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="A cassette (vcrpy YAML or JSON, HAR) or a folder of them, searched recursively.",
)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), help="The twin's folder [default: generated/NAME]."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object on stdout.")
@click.option(
    "--match", "match", default=None, help="Only cassettes whose relative path or file name matches (fnmatch)."
)
def replay(name: str, cassettes: Path, out: Path | None, as_json: bool, match: str | None) -> None:
    """Replay recorded real traffic against a twin and compare each answer with the recorded one.

    Per cassette the twin is reset; hosts are rewritten to the twin, credentials swapped for its own, and ids
    learned from earlier answers put into later requests. Compared per interaction: status, keys at every
    depth, the vendor's error code, paging. Writes NAME/PARITY.md. No connection leaves this machine.
    """
    twin_dir = existing_twin(name, out)
    options = ReplayOptions(twin_dir, cassettes, match)
    try:
        report = run_replay(options) if _quiet() or as_json else _with_progress(options)
    except (CassetteError, TwinStartError, FileNotFoundError) as exc:
        raise ReplayFailed(str(exc)) from exc
    path = parity_report.write_markdown(report, twin_dir)
    if as_json:
        click.echo(parity_report.to_json(report))
    else:
        parity_report.print_table(report, Console())
        click.echo(f"wrote {path}", err=True)


def _with_progress(options: ReplayOptions) -> ReplayReport:
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("replaying {task.description}"), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:  # fmt: skip
        task = bar.add_task("", total=None)

        def advance(judged: Judged) -> None:
            bar.update(task, description=f"{judged.cassette} #{judged.index}")

        return run_replay(options, advance)
