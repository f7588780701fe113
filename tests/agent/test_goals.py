"""``iterate --goal``: the suite's and the replay's reports become the same items, gate and task list as the check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.oracle.samples.tiny_twin import make_twin
from twingen.agent.cli import iterate
from twingen.agent.tools.goals import Goal, _narrowed, _suite_items

SAMPLES = Path(__file__).resolve().parents[1] / "oracle" / "samples" / "cassettes"


def test_suite_tests_become_items_and_set_aside_tests_are_no_task() -> None:
    data: dict[str, Any] = {"tests": [
        {"nodeid": "t.py::test_ok", "outcome": "passed", "cause": ""},
        {"nodeid": "t.py::test_bad", "outcome": "failed", "cause": "assert 'x' == 'y'", "answer": "{}"},
        {"nodeid": "t.py::test_broken", "outcome": "error", "cause": "fixture"},
        {"nodeid": "t.py::test_skip", "outcome": "skipped", "cause": "no org feature"},
        {"nodeid": "t.py::test_out", "outcome": "excluded", "cause": "a second workspace"},
    ]}  # fmt: skip
    result = _narrowed(_suite_items(data), [])
    assert (result.score, result.total) == (pytest.approx(1 / 3), 3)
    assert result.passing == {"t.py::test_ok"}
    assert result.failing() == ["t.py::test_bad", "t.py::test_broken"]
    assert result.methods["t.py::test_bad"]["detail"] == "assert 'x' == 'y'"
    assert _narrowed(_suite_items(data), ["*::test_bad"]).total == 1


@pytest.mark.network_loopback
def test_a_replay_goal_measures_recorded_operations(tmp_path: Path) -> None:
    twin = make_twin(tmp_path)
    result = Goal("replay", cassettes=SAMPLES).measure(twin, [])
    assert result.total >= 2 and 0 < result.score < 1  # the samples hold a create the twin refuses on purpose
    failing = result.failing()
    assert failing and all(result.methods[op]["class"] == "mismatch" for op in failing)
    assert any("status" in result.methods[op]["detail"] for op in failing)


def test_each_goal_needs_its_input() -> None:
    for args, missing in ((["--goal", "suite"], "--suite"), (["--goal", "replay"], "--cassettes"), ([], "--sdk")):
        result = CliRunner().invoke(iterate, ["tiny", *args])
        assert result.exit_code == 2 and f"needs {missing}" in result.output


def test_a_run_recorded_before_goals_measured_the_check() -> None:
    assert Goal.from_data(None, "slack_sdk") == Goal("check", "slack_sdk")
    data = Goal("suite", "okta", "okta", Path("/x")).to_data()
    assert Goal.from_data(data, "okta") == Goal("suite", "okta", "okta", Path("/x"))
