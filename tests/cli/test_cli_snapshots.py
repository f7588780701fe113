"""Broken inputs: the CLI's exact output is the reviewed snapshot, and nothing is lost or crashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from .snapshots import CASES, SNAPSHOTS, render


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_output_matches_the_reviewed_snapshot(case: str, tmp_path: Path) -> None:
    expected = (SNAPSHOTS / f"{case}.txt").read_text()
    assert render(case, tmp_path / "twin") == expected, "rewrite with scripts/regen_cli_snapshots.py and review"


def test_a_broken_spec_still_makes_a_twin(tmp_path: Path) -> None:
    render("broken_spec", tmp_path / "twin")
    assert (tmp_path / "twin" / "twin_x" / "spec.json").is_file()
