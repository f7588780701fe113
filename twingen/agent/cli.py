"""``twingen iterate`` and ``twingen runs``: the click commands the main CLI attaches lazily.

Exit codes (the table in ``twingen/cli.py``): 0 the run ended (whatever its stop reason: the summary says
it); 1 it ended in an error, or a user error (no twin, no API key and no ``--replay``, an unknown run, a bad
bundle); 2 usage.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import click

from twingen.agent import report
from twingen.agent.budget import DEFAULT_MAX_COST, DEFAULT_MAX_MINUTES, DEFAULT_MAX_TURNS, Budget
from twingen.agent.iterate import DEFAULT_MODEL, IterateOptions, Iteration, behaviour_state
from twingen.agent.keyholder import take_key
from twingen.agent.model.base import ModelClient
from twingen.agent.model.replay import ReplayModel
from twingen.agent.scrub import Scrubber
from twingen.agent.store import DEFAULT_PATH, BundleError, TranscriptStore, import_bundle, write_bundle
from twingen.agent.tools import sandbox
from twingen.agent.tools.goals import GOALS, Goal, GoalKind
from twingen.cli import existing_twin

NO_KEY = """\
twingen iterate talks to Claude through the Anthropic API and needs a key:

    export ANTHROPIC_API_KEY=sk-ant-...      # from https://console.anthropic.com/settings/keys

or replay a recorded run, which needs no key and no network:

    twingen runs list
    twingen iterate {name} --sdk {sdk} --replay RUN_ID
"""


class AgentUsageError(click.ClickException):
    """No key, an unknown run or a bad bundle (exit 1, like every user error)."""


_store_option = click.option(
    "--store", "store_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_PATH,
    show_default=True, help="The transcript store (SQLite).",
)  # fmt: skip


class _SandboxedCommand(click.Command):
    """``iterate --help`` ends with the sandbox this machine gives agent-written code (detected when shown)."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)
        with formatter.section("Sandbox on this machine"):
            formatter.write_text(sandbox.detect().describe())


@click.command(cls=_SandboxedCommand)
@click.argument("name")
@click.option("--sdk", default="", help="The SDK the check measures against (slack_sdk, googleapiclient, ...); "
              "the SDK whose source the model reads with the other goals.")  # fmt: skip
@click.option("--goal", type=click.Choice(GOALS), default="check", show_default=True,
              help="The report that gates patches and lists the tasks: the SDK check, the SDK's own test suite "
                   "(--suite) or recorded traffic (--cassettes).")  # fmt: skip
@click.option("--suite", default="", help="With --goal suite: the suite (okta, slack_sdk, gspread, jira).")
@click.option("--suite-path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="With --goal suite: a checkout holding the suite [default: the installed SDK's sdist].")  # fmt: skip
@click.option(
    "--cassettes",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="With --goal replay: recorded traffic (vcrpy YAML/JSON cassettes, HAR), a file or a folder.",
)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="The twin [default: generated/NAME].")
@click.option("--target", type=click.FloatRange(0.0, 1.0), default=1.0, show_default=True, help="Stop at this score.")
@click.option("--max-cost", type=click.FloatRange(min=0.0), default=DEFAULT_MAX_COST, show_default=True, help="USD.")
@click.option("--max-turns", type=click.IntRange(min=1), default=DEFAULT_MAX_TURNS, show_default=True,
              help="Model calls in the whole run.")  # fmt: skip
@click.option("--max-minutes", type=click.FloatRange(min=0.0), default=DEFAULT_MAX_MINUTES, show_default=True,
              help="Wall-clock minutes for the whole run.")  # fmt: skip
@click.option("--methods", "patterns", multiple=True, help="Only these SDK methods (fnmatch; repeatable).")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="Anthropic model id.")
@click.option("--replay", "replay_run", default=None, help="Re-run a recorded run from the store, offline.")
@_store_option
def iterate(name: str, sdk: str, goal: GoalKind, suite: str, suite_path: Path | None, cassettes: Path | None,
            out: Path | None, target: float, max_cost: float, max_turns: int, max_minutes: float,
            patterns: tuple[str, ...], model: str, replay_run: str | None, store_path: Path) -> None:  # fmt: skip
    """Let a model write behaviour until the goal passes: `twingen check` (--goal check), the SDK's own suite
    (--goal suite) or recorded traffic (--goal replay); keep what raises the score, revert the rest.

    The check that imports the model's code runs sandboxed (see the end of this help); the API key stays in
    this process only."""
    if replay_run is None:
        _check_goal(goal, sdk, suite, cassettes)
    twin_dir = existing_twin(name, out)
    key = take_key()  # out of our environment (no subprocess inherits it) and this process is not dumpable
    if replay_run is None and not key:
        raise AgentUsageError(NO_KEY.format(name=name, sdk=sdk))
    click.echo(f"sandbox: {sandbox.detect().summary()}", err=True)
    store = TranscriptStore(store_path, Scrubber(extra=(key,) if key else ()))
    try:
        measured = Goal(goal, sdk, suite, suite_path.resolve() if suite_path else None,
                        cassettes.resolve() if cassettes else None)  # fmt: skip
        options = IterateOptions(twin_dir, sdk, target, patterns, model, goal=measured)
        budget = Budget(max_cost, max_turns, max_minutes)
        replay: ReplayModel | None = None
        client: ModelClient
        if replay_run is not None:
            replay, options, budget = _replaying(store, replay_run, twin_dir)
            client = replay
        else:
            from twingen.agent.model.anthropic_client import AnthropicClient

            client = AnthropicClient(key)
        summary = Iteration(options, client, store, budget, replay=replay, replay_of=replay_run).run()
    finally:
        store.close()
    click.echo(report.summary_text(summary.to_data()))
    if summary.stop_reason.startswith("error"):
        raise SystemExit(1)


def _replaying(store: TranscriptStore, run_id: str, twin_dir: Path) -> tuple[ReplayModel, IterateOptions, Budget]:
    """The recorded run's own options and budgets, and its replies; the twin must be where the run started."""
    try:
        run = store.run(run_id)
    except KeyError:
        raise AgentUsageError(f"no run {run_id!r} in {store.path} (see: twingen runs list)") from None
    recorded = run.provenance["options"]
    if behaviour_state(twin_dir) != recorded["behaviour_sha256"]:
        raise AgentUsageError(f"{twin_dir}: the behaviour files differ from those run {run_id} started from")
    options = IterateOptions(twin_dir, recorded["sdk"], recorded["target"], tuple(recorded["patterns"]),
                             recorded["model"], recorded["max_passes"],
                             Goal.from_data(recorded.get("goal"), recorded["sdk"]))  # fmt: skip
    budget = Budget(recorded["max_cost"], recorded["max_turns"], recorded["max_minutes"])
    return ReplayModel(store, run_id), options, budget


def _check_goal(goal: GoalKind, sdk: str, suite: str, cassettes: Path | None) -> None:
    needs = {"check": ("--sdk", sdk), "suite": ("--suite", suite), "replay": ("--cassettes", cassettes)}
    option, value = needs[goal]
    if not value:
        raise click.UsageError(f"--goal {goal} needs {option}")


@click.group()
def runs() -> None:
    """Recorded `twingen iterate` runs: list, show, export, import."""


@runs.command("list")
@_store_option
def list_runs(store_path: Path) -> None:
    """One line per run: id, twin, model, score before -> after, cost, stop reason."""
    with _open(store_path) as store:
        click.echo(report.runs_table(store.runs()))


@runs.command("show")
@click.argument("run_id")
@_store_option
def show(run_id: str, store_path: Path) -> None:
    """A run's conversation, tool calls, patches (kept or reverted) and the cost of each step."""
    with _open(store_path) as store:
        try:
            click.echo(report.show_run(store, run_id))
        except KeyError as exc:
            raise AgentUsageError(str(exc)) from None


@runs.command("export")
@click.argument("run_id")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The bundle file [default: RUN_ID.twinrun.json].")  # fmt: skip
@_store_option
def export(run_id: str, output: Path | None, store_path: Path) -> None:
    """Write a run as one self-contained JSON bundle (turns and every payload they refer to)."""
    with _open(store_path) as store:
        try:
            path = write_bundle(store, run_id, output or Path(f"{run_id}.twinrun.json"))
        except KeyError as exc:
            raise AgentUsageError(str(exc)) from None
    click.echo(str(path))


@runs.command("import")
@click.argument("bundle", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_store_option
def import_(bundle: Path, store_path: Path) -> None:
    """Load a bundle made by `twingen runs export`; prints the run id."""
    with _open(store_path) as store:
        try:
            click.echo(import_bundle(store, bundle))
        except BundleError as exc:
            raise AgentUsageError(str(exc)) from None


@contextlib.contextmanager
def _open(path: Path) -> Iterator[TranscriptStore]:
    store = TranscriptStore(path)
    try:
        yield store
    finally:
        store.close()
