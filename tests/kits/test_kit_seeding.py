"""``twingen new`` seeds a new twin's behaviour/ from its vendor's kit; ``--no-kit`` and unknown vendors don't."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from slack_sdk import WebClient

from tests.generate.serving import free_port, running
from twingen import kits
from twingen.cli import cli

# the smallest document a kit recognises: one Web API method at slack.com
SLACK_DOC = {
    "swagger": "2.0",
    "info": {"title": "Slack Web API", "version": "1.0"},
    "host": "slack.com",
    "basePath": "/api",
    "schemes": ["https"],
    "paths": {"/api.test": {"get": {"operationId": "api_test", "responses": {"200": {"description": "ok"}}}}},
}
OTHER_DOC = {**SLACK_DOC, "host": "api.example.com"}


def _new(tmp_path: Path, doc: dict[str, object], *args: str) -> tuple[Path, str]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    docs = tmp_path / "docs.json"
    docs.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "twin"
    result = CliRunner().invoke(cli, ["new", "mine", "--docs", str(docs), "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    return out, result.output


def _modules(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.py") if "__pycache__" not in p.parts}


def test_a_recognised_vendor_starts_from_its_kit_and_says_so(tmp_path: Path) -> None:
    out, output = _new(tmp_path, SLACK_DOC)
    kit = kits.kit_named("slack")
    assert kit is not None
    behaviour = out / "twin_mine" / "behaviour"
    assert _modules(behaviour) == _modules(kit.behaviour_dir)
    assert not behaviour.is_symlink()  # a copy: the twin is the user's to edit and publish
    assert "behaviour: " in output and "slack kit" in output
    assert (out / "twin_mine" / "runtime" / "vendors" / "slack.py").is_file()
    assert not (out / "twin_mine" / "runtime" / "vendors" / "okta.py").exists()
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "| `chat.postMessage` |" in readme or "chat.postMessage" in readme


def test_no_kit_and_unknown_vendors_get_the_empty_scaffold(tmp_path: Path) -> None:
    bare, output = _new(tmp_path / "a", SLACK_DOC, "--no-kit")
    assert _modules(bare / "twin_mine" / "behaviour") == {"__init__.py"}
    assert "empty scaffold" in output
    other, _ = _new(tmp_path / "b", OTHER_DOC)
    assert _modules(other / "twin_mine" / "behaviour") == {"__init__.py"}
    assert not any((other / "twin_mine" / "runtime" / "vendors").glob("slack*.py"))


def test_regenerating_keeps_local_edits_to_kit_behaviour(tmp_path: Path) -> None:
    out, _ = _new(tmp_path, SLACK_DOC)
    edited = out / "twin_mine" / "behaviour" / "chat.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# my own rule\n", encoding="utf-8")
    added = out / "twin_mine" / "behaviour" / "mine.py"
    added.write_text('"""mine"""\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["new", "mine", "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert edited.read_text(encoding="utf-8").endswith("# my own rule\n")
    assert added.is_file()
    assert "behaviour:" not in result.output  # nothing seeded over an existing behaviour/


@pytest.mark.network_loopback
def test_a_kit_seeded_twin_behaves_like_the_vendor(tmp_path: Path) -> None:
    out, _ = _new(tmp_path, SLACK_DOC)
    port = free_port()
    cmd = [sys.executable, "-m", "twin_mine", "serve", "--port", str(port)]
    with running(cmd, port, env={"PYTHONPATH": str(out)}) as base:
        creds = httpx.get(f"{base}/_twin/credentials").json()["credentials"]
        bot = next(c["token"] for c in creds if c["name"] == "bot")
        client = WebClient(token=bot, base_url=f"{base}/api/")
        channel = client.conversations_create(name="kit-seeded")["channel"]["id"]
        posted = client.chat_postMessage(channel=channel, text="from the kit")
        history = client.conversations_history(channel=channel)["messages"]
        # newest first, after the creator's join message, as Slack shows it
        assert history[0]["text"] == "from the kit" and history[0]["ts"] == posted["ts"]
        assert history[-1].get("subtype") == "channel_join"
        with pytest.raises(Exception, match="channel_not_found"):
            client.chat_postMessage(channel="C0NOTREAL", text="x")
