"""``twingen check NAME --suite``: a sample suite (``suites/sample``) run against a sample twin through the CLI.

The sample suite calls its "vendor" at ``https://api.sample.invalid``; only the driver's rewrite sends it to
the twin. Each of its tests ends in a known way, so every outcome class, the causes, the score, the JSON keys,
the report file, the exclusion listing and the network refusal are asserted on one run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from twingen.check.cli import check
from twingen.oracle import suite as engine
from twingen.oracle.suite import SuiteOptions, run_suite
from twingen.oracle.suite_driver import SuiteDriver, SuiteError
from twingen.oracle.suite_report import report_file

from .suites.sample_driver import SAMPLE, ExitDriver, SampleDriver, SlowDriver
from .suites.tiny_twin import make_twin

pytestmark = pytest.mark.network_loopback

EXPECTED = {
    "sample_items.py::test_create_then_get": "passed",
    "sample_items.py::test_each_test_starts_from_the_seed": "passed",  # only with a reset between tests
    "sample_items.py::test_get_a_missing_item": "failed",
    "sample_items.py::test_needs_a_real_account": "skipped",
    "sample_items.py::test_with_a_broken_fixture": "error",
    "sample_items.py::test_the_network_is_refused": "passed",  # it asserts the refusal
    "sample_items.py::test_a_child_process_is_refused_too": "passed",
    "sample_items.py::test_a_placeholder_token_is_swapped": "passed",
    "sample_items.py::test_needs_a_second_workspace": "excluded",
    "sample_items.py::test_hangs": "failed",  # stopped by the per-test timeout
}


@pytest.fixture(scope="module")
def twin_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_twin(tmp_path_factory.mktemp("suite"))


@pytest.fixture(scope="module")
def run(twin_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One CLI run of the sample suite with ``--json``; the kit lookup is replaced by the sample driver."""
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "driver_class", lambda name: SampleDriver)
        patch.setattr(engine, "cache_dir", lambda: cache)
        args = ["sample", "--suite", "sample", "--suite-path", str(SAMPLE), "--out", str(twin_dir), "--json"]
        result = CliRunner().invoke(check, args)
    assert result.exit_code == 0, result.output
    yield json.loads(result.stdout)


def test_each_test_gets_its_outcome(run: dict[str, Any]) -> None:
    assert {t["nodeid"]: t["outcome"] for t in run["tests"]} == EXPECTED


def test_the_json_has_the_counts_and_the_score(run: dict[str, Any]) -> None:
    assert {"score", "passed", "failed", "skipped", "errors", "tests"} <= set(run)
    assert (run["passed"], run["failed"], run["errors"], run["skipped"], run["excluded"]) == (5, 2, 1, 1, 1)
    assert run["total"] == len(EXPECTED)
    # passed / (passed + failed + errors): skipped and excluded are listed, not scored
    assert run["score"] == round(5 / (5 + 2 + 1), 4)


def test_causes_say_what_the_test_expected_and_what_the_twin_answered(run: dict[str, Any]) -> None:
    tests = {t["nodeid"].split("::")[1]: t for t in run["tests"]}
    failed = tests["test_get_a_missing_item"]
    assert "the test expected the item to exist" in failed["cause"] and "assert 404 == 200" in failed["cause"]
    assert failed["answer"] == "GET /items/it-missing -> 404 (items.get)"
    assert tests["test_with_a_broken_fixture"]["cause"] == "setup: RuntimeError: the fixture could not log in"
    assert tests["test_needs_a_real_account"]["cause"] == "needs a real vendor account"
    assert "ran over 3 s" in tests["test_hangs"]["cause"]
    assert all("\n" not in t["cause"] for t in run["tests"])


def test_excluded_tests_are_listed_with_their_reason(run: dict[str, Any]) -> None:
    excluded = [t for t in run["tests"] if t["outcome"] == "excluded"]
    assert [(t["nodeid"], t["cause"]) for t in excluded] == list(SampleDriver.excluded.items())


def test_non_loopback_lookups_and_connections_are_refused_and_listed(run: dict[str, Any]) -> None:
    where = "sample_items.py::test_the_network_is_refused"
    assert run["refused"] == [f"{where}: a connection to 192.0.2.1:9", f"{where}: a DNS lookup of 'example.invalid'"]


def test_the_report_is_written_in_the_twin_folder(run: dict[str, Any], twin_dir: Path) -> None:
    text = (twin_dir / report_file("sample")).read_text()
    assert "**Score: 62.5%** (5 passed of 8" in text
    assert "| `sample_items.py::test_needs_a_second_workspace` | needs a second real workspace; a twin is one |" in text
    assert "| `sample_items.py::test_get_a_missing_item` | failed |" in text
    assert "127.0.0.1" not in text and str(SAMPLE) not in text  # nothing that changes from run to run


def test_a_suite_over_its_time_is_stopped_and_its_tests_are_errors(twin_dir: Path, tmp_path: Path) -> None:
    report = run_suite(SuiteOptions(twin_dir, "sample", SAMPLE, cache=tmp_path, driver=SlowDriver))
    assert report.stopped == "the suite ran over 4 s and was stopped"
    assert [(t.outcome, t.cause) for t in report.tests] == [("error", f"did not finish: {report.stopped}")] * 2
    assert report.score == 0.0


def test_a_suite_that_ends_its_own_run_leaves_errors_with_its_reason(twin_dir: Path, tmp_path: Path) -> None:
    report = run_suite(SuiteOptions(twin_dir, "sample", SAMPLE, cache=tmp_path, driver=ExitDriver))
    assert report.stopped == "the suite stopped the run: no test instance to run against"
    outcomes = {t.nodeid.split("::")[1]: (t.outcome, t.cause) for t in report.tests}
    assert outcomes["test_first"] == ("passed", "")
    assert outcomes["test_third"] == ("error", f"did not finish: {report.stopped}")
    assert outcomes["test_second_gives_up"][0] == "error"


def test_an_exclusion_needs_a_reason(twin_dir: Path, tmp_path: Path) -> None:
    class Reasonless(SampleDriver):
        excluded = {"sample_items.py::test_hangs": " "}

    with pytest.raises(SuiteError, match="without a reason"):
        run_suite(SuiteOptions(twin_dir, "sample", SAMPLE, cache=tmp_path, driver=Reasonless))


def test_a_suite_only_in_a_repository_needs_suite_path(twin_dir: Path, tmp_path: Path) -> None:
    class CheckoutOnly(SuiteDriver):
        name = "checkout-only"
        repository = "https://example.invalid/sdk"
        marker = "tests/conftest.py"

    with pytest.raises(SuiteError, match=re.escape("pass --suite-path DIR, a checkout of https://example.invalid/sdk")):
        run_suite(SuiteOptions(twin_dir, "checkout-only", cache=tmp_path, driver=CheckoutOnly))
    with pytest.raises(SuiteError, match="does not hold the checkout-only suite"):
        run_suite(SuiteOptions(twin_dir, "checkout-only", SAMPLE, cache=tmp_path, driver=CheckoutOnly))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give one of --sdk PKG"),
        (["--sdk", "slack_sdk", "--suite", "x"], "give one of --sdk PKG"),
        (["--sdk", "slack_sdk", "--suite-path", "."], "--suite-path goes with --suite"),
        (["--suite", "x", "--methods", "a*"], "--methods goes with --sdk"),
    ],
)
def test_usage_errors_exit_2(twin_dir: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(check, ["sample", "--out", str(twin_dir), *args])
    assert result.exit_code == 2 and message in result.output


def test_an_unknown_suite_exits_1(twin_dir: Path) -> None:
    result = CliRunner().invoke(check, ["sample", "--out", str(twin_dir), "--suite", "nobody"])
    assert result.exit_code == 1 and "no suite driver named 'nobody'" in result.output
