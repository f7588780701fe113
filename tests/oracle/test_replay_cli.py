"""``twingen replay``: the command over the tiny notes twin and the sample cassettes; user errors exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from twingen.cli import cli

from .samples.tiny_twin import make_twin

SAMPLES = Path(__file__).parent / "samples" / "cassettes"

pytestmark = pytest.mark.network_loopback


@pytest.fixture(scope="module")
def notes_twin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_twin(tmp_path_factory.mktemp("replay-cli"))


def test_json_figures_and_the_parity_report(notes_twin: Path) -> None:
    result = CliRunner().invoke(
        cli, ["replay", "notes", "--out", str(notes_twin), "--cassettes", str(SAMPLES), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"interactions", "status_match", "keys_match", "error_code_match", "operations", "unjudgeable"} <= set(data)
    assert data["interactions"] == 15
    assert data["unjudgeable"] == {"body-not-recorded": 1, "not-routed": 1, "recorded-only": 3}
    assert {d["reason"] for d in data["set_apart"]} == {"body-not-recorded", "not-routed", "recorded-only"}
    differing = {(d["cassette"], d["index"]) for d in data["differences"]}
    assert ("notes/notes_flow.yaml", 0) in differing and ("notes/notes_flow.yaml", 1) not in differing
    report = (notes_twin / "PARITY.md").read_text()
    assert report.startswith("# Parity of `notes` with recorded real traffic")
    assert f"| status | {data['status_match']:.1f}% | 15 |" in report


def test_the_table_and_match(notes_twin: Path) -> None:
    args = ["replay", "notes", "--out", str(notes_twin), "--cassettes", str(SAMPLES), "--match", "*.har"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "notes: 3 of 3 recorded interactions judged (1 cassette; set apart: none)" in result.stdout
    assert f"wrote {notes_twin / 'PARITY.md'}" in result.stderr


def test_user_errors_exit_1(notes_twin: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["replay", "notes", "--out", str(tmp_path / "none"), "--cassettes", str(SAMPLES)])
    assert missing.exit_code == 1 and "no twin 'notes'" in missing.output
    stray = tmp_path / "stray.json"
    stray.write_text('{"not": "a cassette"}')
    bad = runner.invoke(cli, ["replay", "notes", "--out", str(notes_twin), "--cassettes", str(stray)])
    assert bad.exit_code == 1 and "neither a vcrpy cassette" in bad.output
    none = runner.invoke(
        cli, ["replay", "notes", "--out", str(notes_twin), "--cassettes", str(SAMPLES), "--match", "x"]
    )
    assert none.exit_code == 1 and "no cassette matching 'x'" in none.output
    usage = runner.invoke(cli, ["replay", "notes", "--out", str(notes_twin)])
    assert usage.exit_code == 2
