"""``twingen check`` as a click command: the JSON shape, --min-score, the report file, user errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from twingen.check.cli import check
from twingen.check.report import REPORT_FILE

from .tiny import EXPECTED

pytestmark = pytest.mark.network_loopback

_METHODS = [arg for name in EXPECTED for arg in ("--methods", name)]


def _run(twin_dir: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(check, ["tiny", "--sdk", "slack_sdk", "--out", str(twin_dir), *args])
    return result.exit_code, result.stdout


def test_json_is_one_object_with_score_total_methods_and_excluded(tiny_twin: Path) -> None:
    code, out = _run(tiny_twin, "--json", *_METHODS)
    assert code == 0
    data = json.loads(out)
    assert 0.0 <= data["score"] <= 1.0 and data["total"] == len(EXPECTED)
    assert data["excluded"] == []
    for method in data["methods"]:
        assert {"name", "class", "detail", "call", "answer", "source"} <= set(method)
    assert {m["name"]: m["class"] for m in data["methods"]} == EXPECTED


def test_min_score_sets_the_exit_code(tiny_twin: Path) -> None:
    assert _run(tiny_twin, "--json", "--min-score", "0.9", *_METHODS)[0] == 1
    assert _run(tiny_twin, "--json", "--min-score", "0.25", *_METHODS)[0] == 0


def test_the_report_file_is_written_for_full_runs_or_when_asked(tmp_path: Path, tiny_twin: Path) -> None:
    report = tiny_twin / REPORT_FILE
    report.unlink(missing_ok=True)
    assert _run(tiny_twin, "--json", "--methods", "auth_test")[0] == 0
    assert not report.exists()  # a subset never overwrites the whole report
    assert _run(tiny_twin, "--report", *_METHODS)[0] == 0
    text = report.read_text()
    assert "| `chat_postMessage` | `chat.postMessage` | wrong-error | behaviour |" in text
    assert "[bearer] auth_test()" in text
    report.unlink()


def test_no_twin_and_bad_exclusions_are_user_errors(tmp_path: Path, tiny_twin: Path) -> None:
    assert _run(tmp_path / "nothing")[0] == 1
    # an SDK no kit knows (okta, once the example of an SDK without a driver, has one now)
    code = CliRunner().invoke(check, ["tiny", "--sdk", "nosdk", "--out", str(tiny_twin), "--methods", "x"]).exit_code
    assert code == 1


def test_answers_in_the_report_are_the_same_run_after_run() -> None:
    # the twin runs on a new free port each time, and its secrets come from --seed: neither may vary the report
    twin_dir = Path(__file__).resolve().parents[2] / "generated" / "slack"
    methods = ["apps_manifest_create", "files_getUploadURLExternal", "rtm_connect"]
    args = ["slack", "--sdk", "slack_sdk", "--out", str(twin_dir), "--json"]
    runs = []
    for _ in range(2):
        result = CliRunner().invoke(check, [*args, *(a for m in methods for a in ("--methods", m))])
        assert result.exit_code == 0, result.stdout
        runs.append({m["name"]: m["answer"] for m in json.loads(result.stdout)["methods"]})
    assert runs[0] == runs[1] and set(runs[0]) == set(methods)
    assert "127.0.0.1:PORT/upload/v1/" in runs[0]["files_getUploadURLExternal"]
    assert '"signing_secret": "' in runs[0]["apps_manifest_create"]
