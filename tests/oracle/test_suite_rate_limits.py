"""``twingen check NAME --suite S --rate-limits/--no-rate-limits``: the twin's limits on or off for the run (the
driver's choice when neither is given), tests that need them on excluded only from a run with them off, and
the mode in the JSON (``rate_limits``) and in ``SUITE-S.md``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from twingen.check.cli import check
from twingen.oracle import suite as engine
from twingen.oracle.suite import SuiteOptions, run_suite
from twingen.oracle.suite_report import SuiteReport, markdown, report_file

from .suites.sample_driver import SAMPLE, SampleDriver
from .suites.tiny_twin import make_twin

pytestmark = pytest.mark.network_loopback

SELECTED = "test_create_then_get or test_each_test_starts_from_the_seed"
LOOPS = "sample_items.py::test_each_test_starts_from_the_seed"


class LimitedDriver(SampleDriver):
    """Limits on by default; one test said to need them; what the twin's limits were when the run began."""

    rate_limits = True
    needs_rate_limits: ClassVar[dict[str, str]] = {LOOPS: "calls until the vendor refuses it"}
    seen: ClassVar[list[bool]] = []

    def environment(self) -> dict[str, str]:
        self.seen.append(bool(self.twin.http.get("/_twin/ratelimits").json()["enabled"]))
        return super().environment()


@pytest.fixture(scope="module")
def twin_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_twin(tmp_path_factory.mktemp("limits"))


def _run(twin_dir: Path, cache: Path, rate_limits: bool | None) -> SuiteReport:
    LimitedDriver.seen.clear()
    options = SuiteOptions(twin_dir, "sample", SAMPLE, cache=cache, driver=LimitedDriver, tests=SELECTED,
                           rate_limits=rate_limits)  # fmt: skip
    return run_suite(options)


def _outcomes(report: SuiteReport) -> dict[str, str]:
    return {t.nodeid: t.outcome for t in report.tests if t.nodeid in (LOOPS, "sample_items.py::test_create_then_get")}


def test_the_drivers_choice_holds_unless_the_option_says_otherwise(twin_dir: Path, tmp_path: Path) -> None:
    default = _run(twin_dir, tmp_path, None)
    assert (LimitedDriver.seen, default.rate_limits) == ([True], True)
    assert set(_outcomes(default).values()) == {"passed"}
    off = _run(twin_dir, tmp_path, False)
    assert (LimitedDriver.seen, off.rate_limits) == ([False], False)
    assert _outcomes(off)[LOOPS] == "excluded"  # it needs the limits on: not run without them
    assert next(t.cause for t in off.tests if t.nodeid == LOOPS) == "calls until the vendor refuses it"
    assert _outcomes(off)["sample_items.py::test_create_then_get"] == "passed"
    assert off.to_data()["rate_limits"] is False and default.to_data()["rate_limits"] is True
    assert "Rate limits: off" in markdown(off) and "--no-rate-limits" in markdown(off)
    assert "Rate limits: on" in markdown(default)


def test_the_cli_passes_the_mode_and_prints_it(twin_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    given: list[bool | None] = []

    def fake_run(options: SuiteOptions) -> SuiteReport:
        given.append(options.rate_limits)
        return SuiteReport("sample", "sample", "checkout sample", rate_limits=bool(options.rate_limits))

    monkeypatch.setattr(engine, "run_suite", fake_run)
    base = ["sample", "--suite", "sample", "--out", str(twin_dir), "--json"]
    answers: list[dict[str, Any]] = []
    for flag in ([], ["--rate-limits"], ["--no-rate-limits"]):
        result = CliRunner().invoke(check, [*base, *flag])
        assert result.exit_code == 0, result.output
        answers.append(json.loads(result.stdout))
    assert given == [None, True, False]
    assert [a["rate_limits"] for a in answers] == [False, True, False]
    keys = ["twin", "suite", "source", "score", "passed", "failed", "errors", "skipped", "excluded", "total",
            "refused", "stopped", "seconds", "rate_limits", "tests"]  # fmt: skip
    assert list(answers[0]) == keys  # the keys before stay as they were; the mode is one more
    assert (twin_dir / report_file("sample")).is_file()


def test_the_option_goes_with_suite_only(twin_dir: Path) -> None:
    result = CliRunner().invoke(check, ["sample", "--out", str(twin_dir), "--sdk", "slack_sdk", "--no-rate-limits"])
    assert result.exit_code == 2 and "--rate-limits/--no-rate-limits goes with --suite" in result.output
