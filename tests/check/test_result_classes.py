"""Each result class, produced by the tiny twin through the real slack_sdk WebClient, and the precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from twingen.check import PRECEDENCE, CheckOptions, CheckReport, run_check
from twingen.check.classes import Outcome, Probe
from twingen.check.verdict import classify, worst_source

from .tiny import EXPECTED

pytestmark = pytest.mark.network_loopback


@pytest.fixture(scope="module")
def report(tiny_twin: Path) -> CheckReport:
    return run_check(CheckOptions(tiny_twin, "slack_sdk", tuple(EXPECTED)))


def test_every_class_is_produced(report: CheckReport) -> None:
    assert set(EXPECTED.values()) == set(PRECEDENCE)
    assert {r.name: r.cls for r in report.methods} == EXPECTED


@pytest.mark.parametrize(("name", "cls"), sorted(EXPECTED.items()))
def test_each_method_says_why(report: CheckReport, name: str, cls: str) -> None:
    result = next(r for r in report.methods if r.name == name)
    assert result.cls == cls
    assert result.detail and result.call.startswith("[bearer] " + name + "(")
    expected_source = {"bots_info": "stub", "emoji_list": "absent"}.get(name, "behaviour")
    assert result.source == expected_source


def test_answers_and_details_name_the_failure(report: CheckReport) -> None:
    by_name = {r.name: r for r in report.methods}
    assert "made_up_failure" in by_name["chat_postMessage"].detail
    assert "user_not_found" in by_name["users_info"].answer
    assert "not JSON" in by_name["conversations_info"].detail
    assert "500" in by_name["users_list"].detail


def test_score_counts_ok_and_expected_errors_over_all(report: CheckReport) -> None:
    assert report.total == len(EXPECTED)
    assert report.passed == 2
    assert report.score == pytest.approx(2 / 7)


def _answer() -> Outcome:
    return Outcome("answer", status=200, answer="{}")


def test_a_stub_is_a_stub_even_when_it_parsed() -> None:
    assert classify(_answer(), [], "stub", frozenset())[0] == "stub"


def test_a_crash_in_a_probe_beats_a_good_valid_call() -> None:
    crashed = Probe("bad token", frozenset({"invalid_auth"}), Outcome("server-error", status=500, detail="HTTP 500"))
    assert classify(_answer(), [crashed], "behaviour", frozenset()) == ("server-error", "bad token: HTTP 500")


def test_not_routed_comes_first() -> None:
    assert classify(Outcome("not-routed", code="unknown_method"), [], "absent", frozenset())[0] == "not-routed"


def test_an_accepted_invalid_call_is_a_wrong_error() -> None:
    accepted = Probe("missing channel", frozenset({"invalid_arguments"}), _answer())
    cls, detail = classify(_answer(), [accepted], "behaviour", frozenset())
    assert cls == "wrong-error" and "missing channel was accepted" in detail


def test_a_valid_call_error_counts_only_when_the_vendor_returns_it() -> None:
    refused = Outcome("vendor-error", code="not_in_channel")
    assert classify(refused, [], "behaviour", frozenset({"not_in_channel"}))[0] == "vendor-error-as-expected"
    assert classify(refused, [], "behaviour", frozenset({"channel_not_found"}))[0] == "wrong-error"


def test_a_helper_is_as_real_as_its_least_real_operation() -> None:
    assert worst_source(["behaviour", "stub"]) == "stub"
    assert worst_source(["behaviour", "absent"]) == "absent"
    assert worst_source([]) == "absent"
