"""The house rules hold over the whole tree: ruff (lint and format) and mypy --strict.

twingen itself and the committed twins (generated code, runtime copy and behaviour modules) are checked,
so an agent's or a person's change that breaks the rules fails the suite rather than a later review.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TWINS = sorted(p.parent for p in REPO.glob("generated/*/twin-manifest.json"))


def _run(*cmd: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, env={**os.environ, **(env or {})})


def test_ruff_lint_is_clean() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", "twingen", "tests", "benchmarks", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = _run(sys.executable, "-m", "ruff", "format", "--check", "twingen", "tests", "benchmarks", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_twingen() -> None:
    result = _run(sys.executable, "-m", "mypy", "twingen")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("twin", TWINS, ids=[t.name for t in TWINS])
def test_committed_twin_type_checks(twin: Path) -> None:
    package = f"twin_{twin.name}"
    result = _run(sys.executable, "-m", "mypy", "--strict", "-p", package, env={"MYPYPATH": str(twin)})
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_committed_twins_are_found() -> None:
    assert {t.name for t in TWINS} >= {"slack", "google"}
