"""The pytest plugin a generated twin ships: its fixtures driven by a real pytest run (plain, xdist,
in-process, and beside a second twin's plugin), over a twin generated into a temp folder."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from twingen.diagnostics import Diagnostics
from twingen.generate.render import write_twin
from twingen.ir.serialize import from_data

from . import specs

pytestmark = pytest.mark.network_loopback

BEHAVIOUR = """
from ..runtime import Context, Credential, SeedContext, behaviour, seed


@seed
def plugin_seed(ctx: SeedContext) -> None:
    ctx.credential(Credential("bot", "bearer", token="xoxb-plugin-bot", principal={"user_id": "U0BOT"}))
    ctx.credential(Credential("user", "bearer", token="xoxp-plugin-user", principal={"user_id": "U0USER"}))


@behaviour("chat.postMessage")
def post_message(ctx: Context) -> dict:
    messages = ctx.state.collection("messages")
    ts = f"{len(messages) + 1}.000000"
    messages.put(ts, {"ts": ts, "text": ctx.params["text"], "channel": ctx.params["channel"]})
    return {"channel": ctx.params["channel"], "ts": ts, "count": len(messages)}
"""

USER_TESTS = """
import os

import httpx
import pytest


def post(twin, text):
    auth = {"Authorization": f"Bearer {twin.token('bot')}"}
    return httpx.post(f"{twin.api_url}/chat.postMessage", headers=auth, data={"channel": "C1", "text": text}).json()


def test_fixture_api(twin, chat_twin, request):
    assert twin is chat_twin
    assert twin.inprocess is request.config.getoption("twin_inprocess")
    assert set(twin.credentials) == {"bot", "user"}
    assert twin.token() == "xoxb-plugin-bot" and twin.token("user") == "xoxp-plugin-user"
    assert twin.api_url == twin.base_url + "/api"
    assert post(twin, "one")["count"] == 1
    assert twin.requests()[-1]["operation"] == "chat.postMessage"


@pytest.mark.parametrize("n", range(6))
def test_each_test_starts_at_the_baseline(twin, n):
    assert post(twin, str(n))["count"] == 1
    with open(os.environ["PORTS_FILE"], "a") as out:
        out.write(f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')} {twin.base_url}\\n")


def test_a_fault_fails_the_call(twin):
    twin.faults.add(operation="chat.postMessage", count=1, action={"error": "ratelimited"})
    assert post(twin, "x") == {"ok": False, "error": "ratelimited"}
    assert post(twin, "y")["ok"] is True


def test_fault_rules_do_not_outlive_a_test(twin):
    twin.faults.add(operation="*", action={"error": "ratelimited"})


def test_and_the_next_test_has_none(twin):
    assert twin.faults.list() == []
    assert post(twin, "z")["ok"] is True


def test_snapshot_and_restore(twin):
    post(twin, "a")
    taken = twin.snapshot()
    post(twin, "b")
    twin.restore(taken)
    assert post(twin, "c")["count"] == 2


def test_reset(twin):
    post(twin, "a")
    twin.reset()
    assert post(twin, "b")["count"] == 1


def test_nothing_leaves_the_machine_while_a_twin_is_active(twin):
    import socket

    from twin_chat.runtime.serving.netguard import installed

    assert installed(), "no guard: nothing below may be tried"
    with pytest.raises(ConnectionRefusedError, match="twingen test refused a connection to 192.0.2.1:9"):
        socket.create_connection(("192.0.2.1", 9), timeout=2)
    with pytest.raises(ConnectionRefusedError, match="refused a DNS lookup of 'chat.example.test'"):
        socket.getaddrinfo("chat.example.test", 443)


def test_inprocess_fixture_answers_the_vendor_host(chat_twin_inprocess):
    assert chat_twin_inprocess.base_url == "https://chat.example.test"
    auth = {"Authorization": "Bearer xoxb-plugin-bot"}
    url = "https://chat.example.test/api/chat.postMessage"
    assert httpx.post(url, headers=auth, data={"channel": "C", "text": "t"}).json()["count"] == 1
"""


def _generate(root: Path, name: str) -> Path:
    data = specs.slack()
    data["base_url"] = f"https://{name}.example.test/api"
    twin_dir = root / name
    write_twin(
        from_data(data), twin_dir, name=name, docs=["chat.json"], base_dir=root, diags=Diagnostics(), use_kit=False
    )
    (twin_dir / f"twin_{name}" / "behaviour" / "chat.py").write_text(BEHAVIOUR)
    return twin_dir


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("plugin")
    _generate(root, "chat")
    _generate(root, "other")
    (root / "tests").mkdir()
    (root / "tests" / "test_user.py").write_text(USER_TESTS)
    return root


def run_pytest(project: Path, *args: str, plugins: tuple[str, ...] = ("chat",)) -> subprocess.CompletedProcess[str]:
    """A user's pytest run, with the twins' plugins loaded as their ``pytest11`` entry points would."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(str(project / p) for p in plugins),
        "PORTS_FILE": str(project / "ports.txt"),
    }
    env.pop("PYTEST_XDIST_WORKER", None)  # this test may itself run under xdist
    env.pop("PYTEST_ADDOPTS", None)
    (project / "ports.txt").write_text("")
    loads = [arg for p in plugins for arg in ("-p", f"twin_{p}.runtime.testing")]
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-W",
        "error",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:benchmark",
        *loads,
        *args,
        "tests",
    ]
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=180)


def _ports(project: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for line in (project / "ports.txt").read_text().splitlines():
        worker, url = line.split()
        found.setdefault(worker, set()).add(url)
    return found


def test_fixtures_in_a_plain_run(project: Path) -> None:
    result = run_pytest(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "14 passed" in result.stdout
    # one server for the whole session
    assert [len(urls) for urls in _ports(project).values()] == [1]


def test_under_xdist_each_worker_has_its_own_server(project: Path) -> None:
    result = run_pytest(project, "-n", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    ports = _ports(project)
    assert set(ports) == {"gw0", "gw1"}
    assert ports["gw0"].isdisjoint(ports["gw1"])


def test_inprocess_option_serves_the_same_tests_without_a_socket(project: Path) -> None:
    result = run_pytest(project, "--twin-inprocess")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _ports(project) == {"main": {"https://chat.example.test"}}


def test_with_two_twins_installed_the_plain_fixture_names_them(project: Path) -> None:
    (project / "tests" / "test_two.py").write_text(
        "def test_named(chat_twin, other_twin):\n    assert chat_twin.base_url != other_twin.base_url\n"
    )
    try:
        result = run_pytest(project, "-k", "named or fixture_api", plugins=("chat", "other"))
    finally:
        (project / "tests" / "test_two.py").unlink()
    assert "1 passed" in result.stdout and "1 error" in result.stdout, result.stdout
    assert "several twins are installed (twin_chat, twin_other): use one of chat_twin, other_twin" in result.stdout


def test_the_generated_pyproject_registers_the_plugin(project: Path) -> None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    pyproject = tomllib.loads((project / "chat" / "pyproject.toml").read_text())
    assert pyproject["project"]["entry-points"]["pytest11"] == {"twin_chat": "twin_chat.runtime.testing"}
    assert (project / "chat" / "twin_chat" / "runtime" / "testing.py").is_file()


def test_plugin_docstring_lists_the_fixtures() -> None:
    from twingen.runtime import testing

    doc = textwrap.dedent(testing.__doc__ or "")
    for name in ("``twin`` / ``NAME_twin``", "``twin_inprocess`` / ``NAME_twin_inprocess``", "pytest-xdist"):
        assert name in doc
