"""The CLI's options, output and exit codes (ingest replaced by hand-built Apis where it is not the subject)."""

from __future__ import annotations

import json
from pathlib import Path

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


@pytest.mark.parametrize(
    "args",
    [
        ["serve", "ghost"],
        ["build", "ghost"],
        ["publish", "ghost", "--repository-url", "http://127.0.0.1:1/"],
        ["check", "ghost", "--sdk", "slack_sdk"],
        ["iterate", "ghost", "--sdk", "slack_sdk", "--replay", "RUN"],
        ["serve", "ghost", "--out", "elsewhere"],
        ["check", "ghost", "--sdk", "slack_sdk", "--out", "elsewhere"],
        ["iterate", "ghost", "--sdk", "slack_sdk", "--out", "elsewhere"],
    ],
    ids=lambda args: " ".join(a for a in args if a in ("serve", "build", "publish", "check", "iterate", "--out")),
)
def test_a_missing_twin_exits_1_from_every_command(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "Error: no twin 'ghost' at " in result.stderr
    assert "(generate it with: twingen new ghost --docs PATH)" in result.stderr


def test_a_folder_without_the_twin_package_is_no_twin(runner: CliRunner) -> None:
    Path("generated/ghost").mkdir(parents=True)
    assert runner.invoke(cli, ["check", "ghost", "--sdk", "slack_sdk"]).exit_code == 1
    assert runner.invoke(cli, ["serve", "ghost"]).exit_code == 1


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


@pytest.fixture
def exec_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """``twingen serve`` execs the twin: record the command instead of becoming it."""
    calls: list[list[str]] = []

    def execve(path: str, args: list[str], env: dict[str, str]) -> None:
        calls.append(list(args))
        raise SystemExit(0)  # exec does not return

    monkeypatch.setattr("os.execve", execve)
    Path("generated/pets/twin_pets").mkdir(parents=True)
    return calls


def test_serve_passes_the_twins_own_serve_options_through(runner: CliRunner, exec_calls: list[list[str]]) -> None:
    twin_args = ["--seed", "7", "--state", "s.sqlite", "--state-sync", "normal", "--rate-limits",
                 "--log-level", "info", "--access-log"]  # fmt: skip
    result = runner.invoke(cli, ["serve", "pets", "--port", "8123", *twin_args])
    assert result.exit_code == 0, result.output
    [cmd] = exec_calls
    assert cmd[1:] == ["-m", "twin_pets", "serve", "--host", "127.0.0.1", "--port", "8123", *twin_args]
    assert result.stdout == "twin pets serving on http://127.0.0.1:8123 (control plane and web UI: /_twin/)\n"


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (["--tls"], "https://127.0.0.1:8123 and http://127.0.0.1:8123"),
        (["--certfile", "c.pem", "--keyfile", "k.pem"], "https://127.0.0.1:8123 and http://127.0.0.1:8123"),
        (["--tls-port", "8443"], "http://127.0.0.1:8123 and https://127.0.0.1:8443"),
        (["--host", "::1"], "http://[::1]:8123"),
    ],
)
def test_serve_says_where_it_listens(
    runner: CliRunner, exec_calls: list[list[str]], args: list[str], where: str
) -> None:
    result = runner.invoke(cli, ["serve", "pets", "--port", "8123", *args])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"twin pets serving on {where} ")
    assert exec_calls[0][8:] == [a for a in args if a not in ("--host", "::1")]


def test_serve_port_0_names_the_free_port_it_passes_on(runner: CliRunner, exec_calls: list[list[str]]) -> None:
    result = runner.invoke(cli, ["serve", "pets", "--port", "0"])
    assert result.exit_code == 0, result.output
    port = exec_calls[0][exec_calls[0].index("--port") + 1]
    assert int(port) > 0
    assert f"http://127.0.0.1:{port} " in result.stdout


def test_serve_certfile_without_keyfile_is_a_usage_error(runner: CliRunner, exec_calls: list[list[str]]) -> None:
    assert runner.invoke(cli, ["serve", "pets", "--certfile", "c.pem"]).exit_code == 2
    assert not exec_calls
