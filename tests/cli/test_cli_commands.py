"""The CLI's options, output and exit codes (ingest replaced by hand-built Apis where it is not the subject)."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from generate.apis import pets_api

from twingen.cli import cli
from twingen.diagnostics import Diagnostics
from twingen.ir.model import Api


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CI", "true")
    return CliRunner()


def fake_ingest(monkeypatch: pytest.MonkeyPatch, *, warn: bool = False, error: bool = False, api: bool = True) -> None:
    def api_from_docs(
        name: str, docs: object, base_dir: object = None, sdks: object = ()
    ) -> tuple[Api | None, Diagnostics]:
        diags = Diagnostics()
        if warn:
            diags.warn("pets.json", "/paths/~1v1~1pets/get", "example does not match its schema", "bad-example")
        if error:
            diags.error("other.json", "/components/schemas/X/$ref", "remote $ref not fetched", "remote-ref")
        return (pets_api(name) if api else None), diags

    monkeypatch.setattr("twingen.generate.twin.api_from_docs", api_from_docs)
    monkeypatch.setattr("twingen.generate.api_from_docs.api_from_docs", api_from_docs)


def test_every_command_and_option_has_help(runner: CliRunner) -> None:
    assert cli.help
    for name, command in cli.commands.items():
        assert command.help and command.short_help != "", name
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Usage:" in result.output
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts}"
    assert runner.invoke(cli, ["--help"]).exit_code == 0


def test_new_writes_the_twin_to_generated_name(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_ingest(monkeypatch)
    result = runner.invoke(cli, ["new", "pets", "--docs", "pets.json"])
    assert result.exit_code == 0, result.output
    assert Path("generated/pets/twin_pets/spec.json").is_file()
    assert "twin pets in generated/pets" in result.stdout


def test_new_refuses_an_existing_twin_without_force(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_ingest(monkeypatch)
    assert runner.invoke(cli, ["new", "pets", "--docs", "x", "--out", "t"]).exit_code == 0
    result = runner.invoke(cli, ["new", "pets", "--docs", "x", "--out", "t"])
    assert result.exit_code == 1
    assert "already exists; use --force" in result.stderr
    assert runner.invoke(cli, ["new", "pets", "--docs", "x", "--out", "t", "--force"]).exit_code == 0


def test_warnings_are_printed_located_and_exit_0(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_ingest(monkeypatch, warn=True)
    result = runner.invoke(cli, ["new", "pets", "--docs", "pets.json"])
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: pets.json#/paths/~1v1~1pets/get: example does not match its schema [bad-example]\n"
    )


def test_strict_makes_warnings_fatal_and_writes_nothing(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_ingest(monkeypatch, warn=True)
    result = runner.invoke(cli, ["new", "pets", "--docs", "pets.json", "--strict"])
    assert result.exit_code == 1
    assert "warning: pets.json#" in result.stderr
    assert not Path("generated/pets").exists()


def test_errors_exit_1(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_ingest(monkeypatch, error=True, api=False)
    result = runner.invoke(cli, ["new", "pets", "--docs", "pets.json"])
    assert result.exit_code == 1
    assert "error: other.json#/components/schemas/X/$ref: remote $ref not fetched [remote-ref]" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["new", "pets"],  # neither --docs nor --force
        ["new", "../evil", "--docs", "x"],
        ["new", "1pets", "--docs", "x"],
        ["serve", "pets", "--port", "99999"],
        ["publish", "pets"],  # --repository-url is required
        ["inspect"],
        ["nosuchcommand"],
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    assert runner.invoke(cli, args).exit_code == 2


def test_force_without_docs_needs_a_manifest(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["new", "pets", "--force", "--out", "nothing-here"])
    assert result.exit_code == 1
    assert "not found" in result.stderr


def test_force_without_docs_regenerates_from_the_manifest(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_ingest(monkeypatch)
    assert runner.invoke(cli, ["new", "pets", "--docs", "pets.json"]).exit_code == 0
    result = runner.invoke(cli, ["new", "pets", "--force"])
    assert result.exit_code == 0, result.output
    assert "0 files written" in result.stdout


@pytest.mark.parametrize("command", ["serve", "build"])
def test_commands_on_a_missing_twin_exit_1(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "ghost"])
    assert result.exit_code == 1
    assert "no twin 'ghost'" in result.stderr


def test_inspect_json_reports_operations_resources_and_diagnostics(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_ingest(monkeypatch, warn=True)
    result = runner.invoke(cli, ["inspect", "--docs", "pets.json", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [op["id"] for op in data["operations"]] == ["listPets", "createPet", "getPet", "ping"]
    assert data["operations"][1]["role"] == "create" and data["operations"][1]["resource"] == "pets"
    assert data["resources"][0]["reasons"] and data["resources"][0]["operations"]["getPet"] == "read"
    assert data["auth_schemes"][0]["kind"] == "bearer"
    assert data["conventions"]["error_envelope"]
    assert data["diagnostics"][0]["code"] == "bad-example"


def test_inspect_text_and_strict(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_ingest(monkeypatch, warn=True)
    result = runner.invoke(cli, ["inspect", "--docs", "pets.json"])
    assert result.exit_code == 0
    assert "GET     /v1/pets/{petId}  getPet  read pets" in result.stdout
    assert "because POST and GET on /v1/pets" in result.stdout
    assert runner.invoke(cli, ["inspect", "--docs", "pets.json", "--strict"]).exit_code == 1
