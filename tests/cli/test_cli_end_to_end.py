"""The CLI as a user runs it: real docs in, a twin out, served with ``twingen serve``."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from generate.golden import SPECS
from generate.serving import free_port, running

from twingen.cli import cli


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SPECS, tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CI", "true")
    return tmp_path


def test_new_then_regenerate_from_manifest(workdir: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["new", "notes", "--docs", "specs/notes"])
    assert first.exit_code == 0, first.output
    manifest = json.loads(Path("generated/notes/twin-manifest.json").read_bytes())
    assert manifest["docs"] == ["specs/notes"] and manifest["docs_base_dir"] == "../.."
    again = runner.invoke(cli, ["new", "notes", "--force"])
    assert again.exit_code == 0, again.output
    assert "0 files written" in again.stdout and "0 removed" in again.stdout


def test_several_docs_make_one_twin(workdir: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["new", "both", "--docs", "specs/notes", "--docs", "specs/tasks/tasks.v1.json"])
    assert result.exit_code == 0, result.output
    spec = json.loads(Path("generated/both/twin_both/spec.json").read_bytes())
    ids = {op["id"] for op in spec["operations"]}
    assert {"listNotes", "tasks.tasks.list"} <= ids


def test_missing_doc_is_a_located_error(workdir: Path) -> None:
    result = CliRunner().invoke(cli, ["new", "x", "--docs", "specs/nope.json"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: specs/nope.json: ")
    assert not Path("generated/x").exists()


def test_inspect_real_docs(workdir: Path) -> None:
    result = CliRunner().invoke(cli, ["inspect", "--docs", "specs/tasks/tasks.v1.json", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["api"]["vendor"] == "google"
    assert data["conventions"]["paging"] == {"page_token": 1}


@pytest.mark.network_loopback
def test_twingen_serve_serves_from_the_folder(workdir: Path) -> None:
    assert CliRunner().invoke(cli, ["new", "tasks", "--docs", "specs/tasks/tasks.v1.json"]).exit_code == 0
    port = free_port()
    cmd = [sys.executable, "-c", "from twingen.cli import main; main()", "serve", "tasks", "--port", str(port),
           "--seed", "3", "--state", "state.sqlite"]  # fmt: skip
    with running(cmd, port, cwd=str(workdir)) as base:
        assert httpx.get(f"{base}/_twin/health").status_code == 200
        assert (workdir / "state.sqlite").is_file()  # the twin's own --state reached it
