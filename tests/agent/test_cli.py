"""``twingen iterate`` and ``twingen runs`` as click commands."""

from __future__ import annotations

from pathlib import Path

import pytest
import respx
from click.testing import CliRunner

from twingen.agent.cli import iterate, runs
from twingen.agent.model.fake import reply_body, text
from twingen.agent.store import TranscriptStore

from .messages_api import mock_api
from .scripts import fixing_session
from .test_replay_and_secrets import _record
from .tiny import MODULE, make_twin


def test_without_a_key_iterate_says_how_to_set_one_or_replay(twin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    result = CliRunner().invoke(iterate, ["tiny", "--sdk", "slack_sdk", "--out", str(twin)])
    assert result.exit_code == 1
    assert "export ANTHROPIC_API_KEY=" in result.output and "--replay RUN_ID" in result.output


def test_no_twin_and_unknown_runs_are_user_errors(tmp_path: Path) -> None:
    store = str(tmp_path / "runs.sqlite")
    assert CliRunner().invoke(iterate, ["nothing", "--sdk", "x", "--out", str(tmp_path / "no")]).exit_code == 1
    assert CliRunner().invoke(runs, ["show", "nope", "--store", store]).exit_code == 1
    listing = CliRunner().invoke(runs, ["list", "--store", store])
    assert listing.exit_code == 0 and "no runs yet" in listing.output


@pytest.mark.network_loopback
def test_runs_list_show_export_import_and_replay(tmp_path: Path, router: respx.MockRouter) -> None:
    store_path = tmp_path / "runs.sqlite"
    store = TranscriptStore(store_path)
    mock_api(router, fixing_session())
    run_id = _record(make_twin(tmp_path / "recorded"), store, router)
    store.close()
    cli = CliRunner()
    listing = cli.invoke(runs, ["list", "--store", str(store_path)])
    assert run_id in listing.output and "50.0% -> 100.0%" in listing.output and "target reached" in listing.output
    shown = cli.invoke(runs, ["show", run_id, "--store", str(store_path)]).output
    assert "calls edit_behaviour(" in shown and "KEPT for chat_postMessage: score 50.0% -> 100.0%" in shown
    assert "$0.0" in shown and "cache read 2100" in shown and "stopped: target reached" in shown
    bundle = tmp_path / "bundle.json"
    assert cli.invoke(runs, ["export", run_id, "-o", str(bundle), "--store", str(store_path)]).exit_code == 0
    other = tmp_path / "other.sqlite"
    imported = cli.invoke(runs, ["import", str(bundle), "--store", str(other)])
    assert imported.exit_code == 0 and imported.output.strip() == run_id
    fresh = make_twin(tmp_path / "fresh")
    replayed = cli.invoke(iterate, ["tiny", "--sdk", "slack_sdk", "--out", str(fresh), "--replay", run_id,
                                    "--store", str(other)], env={"ANTHROPIC_API_KEY": ""})  # fmt: skip
    assert replayed.exit_code == 0, replayed.output
    assert "score: 50.0% -> 100.0%" in replayed.output and "stopped: target reached" in replayed.output
    assert (fresh / MODULE).read_bytes() == (tmp_path / "recorded" / "tiny" / MODULE).read_bytes()
    # a second replay on the changed twin is refused: it no longer starts where the run started
    again = cli.invoke(iterate, ["tiny", "--sdk", "slack_sdk", "--out", str(fresh), "--replay", run_id,
                                 "--store", str(other)])  # fmt: skip
    assert again.exit_code == 1 and "differ" in again.output


def test_every_command_has_help() -> None:
    for command, args in ((iterate, []), (runs, []), (runs, ["list"]), (runs, ["show"]), (runs, ["export"]),
                          (runs, ["import"])):  # fmt: skip
        result = CliRunner().invoke(command, [*args, "--help"])
        assert result.exit_code == 0 and len(result.output) > 80


def test_reply_body_is_realistic() -> None:
    body = reply_body(text("hi"))
    assert (
        body["type"] == "message" and body["stop_reason"] == "end_turn" and "cache_read_input_tokens" in body["usage"]
    )


def test_a_check_that_cannot_run_ends_the_run_with_an_error(tmp_path: Path, twin: Path) -> None:
    store = str(tmp_path / "runs.sqlite")
    result = CliRunner().invoke(iterate, ["tiny", "--sdk", "nosdk", "--out", str(twin), "--store", store],
                                env={"ANTHROPIC_API_KEY": "sk-ant-test-not-used-000"})  # fmt: skip
    assert result.exit_code == 1
    assert "stopped: error: the first check failed" in result.output
    assert "(unfinished)" not in CliRunner().invoke(runs, ["list", "--store", store]).output
