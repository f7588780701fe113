"""``twingen new --sdk``: the SDK's operations join the docs' and the SDK is recorded for regeneration."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from twingen.cli import cli


@pytest.fixture()
def slack_twin(tmp_path: Path, shared_docs: Path) -> Path:
    out = tmp_path / "slack"
    result = CliRunner().invoke(
        cli, ["new", "slack", "--docs", str(shared_docs / "slack"), "--sdk", "slack_sdk", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def test_sdk_operations_join_the_documented_ones(slack_twin: Path) -> None:
    spec = orjson.loads((slack_twin / "twin_slack" / "spec.json").read_bytes())
    ops = {op["id"]: op for op in spec["operations"]}
    assert ops["chat.postMessage"]["origin"]["source"] == "docs"
    # files.getUploadURLExternal postdates the 2021 spec: only slack_sdk knows it
    added = ops["files.getUploadURLExternal"]
    assert added["origin"]["source"] == "sdk"
    assert added["path"] == "/api/files.getUploadURLExternal"
    assert len(ops) > 174
    sdk_docs = [d for d in spec["documents"] if d["role"] == "sdk"]
    assert [d["given"] for d in sdk_docs] == ["slack_sdk"]
    assert sdk_docs[0]["version"]


def test_regenerating_from_the_manifest_keeps_the_sdk(slack_twin: Path) -> None:
    manifest = orjson.loads((slack_twin / "twin-manifest.json").read_bytes())
    assert manifest["sdks"] == ["slack_sdk"]
    before = {p: p.read_bytes() for p in slack_twin.rglob("*") if p.is_file()}
    result = CliRunner().invoke(cli, ["new", "slack", "--out", str(slack_twin), "--force"])
    assert result.exit_code == 0, result.output
    assert "0 files written" in result.stdout
    assert {p: p.read_bytes() for p in slack_twin.rglob("*") if p.is_file()} == before


def test_an_unknown_sdk_is_a_located_error(tmp_path: Path, shared_docs: Path) -> None:
    result = CliRunner().invoke(cli, ["inspect", "--docs", str(shared_docs / "slack"), "--sdk", "no_such_sdk_pkg"])
    assert result.exit_code == 1
    assert "error: no_such_sdk_pkg" in result.stderr


def test_sdk_without_docs_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["new", "slack", "--sdk", "slack_sdk", "--force", "--out", str(tmp_path / "x")])
    assert result.exit_code == 2
