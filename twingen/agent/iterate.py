"""The ``iterate`` driver: operation by operation, a fresh conversation, a re-check, keep or revert.

For each failing method of the check (one at a time, in the check's order) the model gets a fresh,
compact conversation. If it changed behaviour files the whole selection is checked again; the patch is
kept only when the score rose and no method that passed before fails now, otherwise every behaviour
file is put back byte for byte. Passes over the failing methods repeat while they make progress.
The run stops at the target score, at a budget, when a whole pass fixed nothing, or at an error.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from twingen.agent.budget import Budget
from twingen.agent.loop import Session, converse
from twingen.agent.model.base import ModelClient, ModelError
from twingen.agent.model.replay import ReplayModel
from twingen.agent.prompt import SYSTEM, first_message
from twingen.agent.provenance import provenance
from twingen.agent.store.transcripts import TranscriptStore
from twingen.agent.tools import sandbox
from twingen.agent.tools.checking import CheckResult
from twingen.agent.tools.goals import Goal
from twingen.agent.tools.registry import TOOL_SPECS, Toolbox
from twingen.agent.tools.workspace import ToolError, Workspace

DEFAULT_MODEL = "claude-sonnet-4-6"
MAX_PASSES = 3

Checker = Callable[[Path, str, Sequence[str]], CheckResult]


@dataclass(frozen=True)
class IterateOptions:
    twin_dir: Path
    sdk: str
    target: float = 1.0
    patterns: tuple[str, ...] = ()
    model: str = DEFAULT_MODEL
    max_passes: int = MAX_PASSES
    goal: Goal | None = None
    """The report the run gates on; None is the SDK check of ``sdk``."""

    @property
    def measured(self) -> Goal:
        return self.goal or Goal("check", self.sdk)

    def to_data(self) -> dict[str, Any]:
        return {"sdk": self.sdk, "target": self.target, "patterns": list(self.patterns), "model": self.model,
                "max_passes": self.max_passes, "goal": self.measured.to_data()}  # fmt: skip


@dataclass
class Summary:
    run_id: str
    score_before: float
    score_after: float
    stop_reason: str
    fixed: list[str] = field(default_factory=list)
    patches_kept: int = 0
    patches_reverted: int = 0
    cost_usd: float = 0.0
    model_calls: int = 0
    tokens: dict[str, int] = field(default_factory=dict)

    def to_data(self) -> dict[str, Any]:
        return asdict(self)


def _diff(before: dict[str, bytes], after: dict[str, bytes]) -> str:
    out: list[str] = []
    for path in sorted(set(before) | set(after)):
        old = before.get(path, b"").decode("utf-8", "replace").splitlines(True)
        new = after.get(path, b"").decode("utf-8", "replace").splitlines(True)
        out += difflib.unified_diff(old, new, f"a/{path}", f"b/{path}")
    return "".join(out)


def behaviour_state(twin_dir: Path) -> dict[str, str]:
    """Each behaviour file's SHA-256: recorded when a run starts, compared before a replay."""
    files = Workspace(twin_dir).snapshot()
    return {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}


class Iteration:
    """One run of the driver; ``run()`` returns its summary (also stored as the run's summary)."""

    def __init__(self, options: IterateOptions, client: ModelClient, store: TranscriptStore, budget: Budget,
                 *, replay: ReplayModel | None = None, checker: Checker | None = None,
                 replay_of: str | None = None) -> None:  # fmt: skip
        self.options = options
        self.store = store
        self.budget = budget
        goal = options.measured
        self.checker: Checker = checker or (lambda twin_dir, _sdk, patterns: goal.measure(twin_dir, patterns))
        self.toolbox = Toolbox.for_twin(options.twin_dir, options.sdk, goal)
        limits = {"max_cost": budget.max_cost, "max_turns": budget.max_turns, "max_minutes": budget.max_minutes}
        data = {**options.to_data(), **limits, "replay_of": replay_of, "sandbox": sandbox.detect().summary(),
                "behaviour_sha256": behaviour_state(options.twin_dir)}  # fmt: skip
        origin = provenance(options.twin_dir, options.model, data)
        self.run_id = store.new_run(options.twin_dir.name, options.model, origin)
        self.session = Session(client, self.toolbox, store, self.run_id, budget, options.model, SYSTEM, TOOL_SPECS,
                               replay)  # fmt: skip

    def check(self) -> CheckResult:
        result = self.checker(self.options.twin_dir, self.options.sdk, self.options.patterns)
        self.store.append(self.run_id, "check", result.to_data())
        return result

    def run(self) -> Summary:
        try:
            before = current = self.check()
        except ToolError as exc:  # the twin does not start, or the SDK is not one the check knows
            return self._finish(Summary(self.run_id, 0.0, 0.0, f"error: the first check failed: {exc}"))
        fixed: list[str] = []
        kept = reverted = 0
        stop = ""
        try:
            for _ in range(self.options.max_passes):
                progress = False
                for method in current.failing():
                    stop = self._stop_before(current)
                    if stop:
                        break
                    if method in current.passing:  # fixed on the way by another method's patch
                        continue
                    new, reason = self._attempt(method, current)
                    if new is not None:
                        fixed += sorted(new.passing - current.passing)
                        current, progress, kept = new, True, kept + 1
                    elif reason == "reverted":
                        reverted += 1
                    if reason.startswith("budget"):
                        stop = reason
                        break
                if stop:
                    break
                stop = self._stop_before(current) or ("" if progress else "no progress")
                if stop:
                    break
            stop = stop or f"no progress after {self.options.max_passes} passes"
        except (ModelError, ToolError, OSError) as exc:
            stop = f"error: {exc}"
        return self._finish(Summary(self.run_id, before.score, current.score, stop, fixed, kept, reverted))

    def _finish(self, summary: Summary) -> Summary:
        summary.cost_usd = round(self.budget.cost, 6)
        summary.model_calls = self.budget.turns
        summary.tokens = self.budget.tokens()
        self.store.finish(self.run_id, summary.to_data())
        return summary

    def _stop_before(self, current: CheckResult) -> str:
        if current.score >= self.options.target or not current.failing():
            return "target reached"
        return self.budget.exceeded() or ""

    def _attempt(self, method: str, current: CheckResult) -> tuple[CheckResult | None, str]:
        """One fresh conversation about ``method``; the new check when its patch is kept, and why."""
        workspace = self.toolbox.workspace
        snapshot = workspace.snapshot()
        modules = sorted(p for p in snapshot if p.endswith(".py"))
        try:
            ended = converse(self.session, first_message([method], current, modules, self.options.measured.items))
            after = workspace.snapshot()
            if after == snapshot:
                self.store.append(self.run_id, "attempt", {"methods": [method], "ended": ended, "patch": None})
                return None, ended
            new = self.check()
        except BaseException:
            workspace.restore(snapshot)  # an unverified patch never outlives an error
            raise
        regressions = sorted(current.passing - new.passing)
        keep = new.score > current.score and not regressions
        if not keep:
            workspace.restore(snapshot)
        self.store.append(self.run_id, "patch", {
            "methods": [method], "ended": ended, "diff": _diff(snapshot, after), "kept": keep,
            "score_before": current.score, "score_after": new.score, "regressions": regressions,
        })  # fmt: skip
        return (new if keep else None), (ended if ended.startswith("budget") else ("kept" if keep else "reverted"))
