"""Exclusions need a written reason, are listed, and can never raise the score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from twingen.check import CheckOptions, run_check
from twingen.check.exclusions import ExclusionError, load, parse

from .tiny import EXPECTED, make_twin

pytestmark = pytest.mark.network_loopback


def test_an_exclusion_without_a_reason_is_an_error() -> None:
    with pytest.raises(ExclusionError, match="has no reason"):
        parse({"exclude": {"rtm_connect": "  "}})
    with pytest.raises(ExclusionError, match="has no reason"):
        parse({"exclude": {"rtm_connect": 1}})
    with pytest.raises(ExclusionError, match="one table"):
        parse({"rtm_connect": "why"})


def test_toml_and_json_files_are_read(tmp_path: Path) -> None:
    (tmp_path / "compat-exclusions.toml").write_text('[exclude]\nrtm_connect = "opens a websocket"\n')
    assert load(tmp_path).reasons == {"rtm_connect": "opens a websocket"}
    (tmp_path / "compat-exclusions.json").write_text(json.dumps({"exclude": {"x": "y"}}))
    with pytest.raises(ExclusionError, match="keep one"):
        load(tmp_path)


def test_a_reasonless_exclusion_stops_the_check_before_the_twin_starts(tmp_path: Path) -> None:
    twin_dir = make_twin(tmp_path)
    (twin_dir / "compat-exclusions.toml").write_text('[exclude]\nchat_postMessage = ""\n')
    with pytest.raises(ExclusionError):
        run_check(CheckOptions(twin_dir, "slack_sdk", tuple(EXPECTED)))


def test_excluding_cannot_raise_the_score(tmp_path: Path) -> None:
    twin_dir = make_twin(tmp_path)
    before = run_check(CheckOptions(twin_dir, "slack_sdk", tuple(EXPECTED)))
    failing = [r.name for r in before.methods if r.cls not in ("ok", "vendor-error-as-expected")]
    table = "".join(f'{name} = "left out for the test"\n' for name in failing)
    (twin_dir / "compat-exclusions.toml").write_text("[exclude]\n" + table)
    after = run_check(CheckOptions(twin_dir, "slack_sdk", tuple(EXPECTED)))
    assert after.total == before.total == len(EXPECTED)
    assert after.score == before.score
    assert sorted(e.name for e in after.excluded) == sorted(failing)
    assert {e.reason for e in after.excluded} == {"left out for the test"}
    assert after.to_data()["excluded"][0] == {"name": after.excluded[0].name, "reason": "left out for the test"}
