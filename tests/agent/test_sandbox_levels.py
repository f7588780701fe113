"""The sandbox's levels: what each way of confining gives, the fall-back without namespaces, the key holder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from twingen.agent.scrub import clean_environment
from twingen.agent.tools import checking, goals, process, sandbox
from twingen.agent.tools.goals import Goal
from twingen.agent.tools.sandbox import Sandbox

from .tiny import METHODS

KEY = "sk-ant-api03-LEVELSPROBE-0123456789abcdefghij"

HOLDER = """
import json, sys
from pathlib import Path
from twingen.agent.keyholder import dumpable, take_key
from twingen.agent.tools.process import run
from twingen.agent.tools.sandbox import unconfined

key = take_key()
own = open("/proc/self/environ", "rb").read()
child = run([sys.executable, "-c", sys.argv[1]], cwd=Path.cwd(), timeout=60, sandbox=unconfined())
print(json.dumps({"key": key, "environ": sys.argv[2].encode() in own, "dumpable": dumpable(),
                  "child": json.loads(child.stdout or "null"), "stderr": child.stderr[-500:]}))
"""

CHILD = """
import json, os
found = {"environment": any("LEVELSPROBE" in v for v in os.environ.values())}
for what in ("environ", "mem"):
    try:
        with open(f"/proc/{os.getppid()}/{what}", "rb") as f:
            found[what] = "key read" if what == "environ" and b"LEVELSPROBE" in f.read() else "opened"
    except OSError as exc:
        found[what] = type(exc).__name__
print(json.dumps(found))
"""


def _hold(tmp_path: Path) -> dict[str, Any]:
    env = {**os.environ, "ANTHROPIC_API_KEY": KEY}
    done = subprocess.run([sys.executable, "-c", HOLDER, CHILD, KEY], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120, check=True)  # fmt: skip
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_the_key_holder_keeps_the_key_out_of_its_environment_and_is_not_dumpable(tmp_path: Path) -> None:
    found = _hold(tmp_path)
    assert found["key"] == KEY  # it still has the key, as a string
    assert not found["environ"] and not found["dumpable"]


def test_without_namespaces_the_key_is_still_out_of_reach_of_the_child(tmp_path: Path) -> None:
    # the weakest level: no namespaces, the child is a process of the same user (root here, without capabilities)
    child = _hold(tmp_path)["child"]
    assert child == {"environment": False, "environ": "PermissionError", "mem": "PermissionError"}, child


@pytest.mark.parametrize("candidate", sandbox._candidates(), ids=lambda c: c.method)
def test_every_way_that_starts_here_isolates_fully(candidate: Sandbox) -> None:
    report = sandbox.probe(candidate)
    if report is None:  # this machine refuses it (no user namespaces, not root, ...): detect() goes on to the next
        return
    found = sandbox.from_report(candidate, report)
    assert found is not None, report
    assert found.network_isolated and found.pid_isolated and {"net", "pid", "mnt"} <= set(found.namespaces)
    assert report["capabilities"] == "0" * 16 and report["no_new_privs"] == "1"
    assert found.max_tasks is not None and not report["pid_max_writable"]
    assert found.read_only == sandbox.protected_paths()  # what Python imports cannot be changed from inside


def _levels() -> list[Sandbox]:
    levels = [sandbox.unconfined()]
    for candidate in sandbox._candidates():
        report = sandbox.probe(candidate)
        found = sandbox.from_report(candidate, report) if report else None
        levels += [found] if found else []
    return levels


@pytest.mark.network_loopback
@pytest.mark.parametrize("level", _levels(), ids=lambda s: s.method)
def test_the_check_works_in_every_level(level: Sandbox, twin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(process, "detect", lambda: level)
    result = checking.run_check(twin, "slack_sdk", METHODS)
    assert (result.score, result.total) == (0.5, 2)  # the twin and the SDK still meet on 127.0.0.1


def test_with_nothing_to_unshare_detect_says_the_network_is_open(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    level = sandbox.detect.__wrapped__()
    assert level.method == "none" and not level.network_isolated and not level.launcher
    assert "THE NETWORK IS NOT ISOLATED" in level.describe() and "NETWORK NOT ISOLATED" in level.summary()


@pytest.mark.parametrize(
    ("change", "why"),
    [({"interfaces": ["eth0", "lo"]}, "a real interface"), ({"loopback": False}, "loopback down"),
     ({"new_namespaces": ["mnt", "net", "user"]}, "no pid namespace"),
     ({"capabilities": "000001ffffffffff"}, "capabilities kept")],
)  # fmt: skip
def test_a_way_that_does_not_isolate_is_not_taken(change: dict[str, Any], why: str) -> None:
    good = {"new_namespaces": ["mnt", "net", "pid", "user"], "interfaces": ["lo"], "loopback": True,
            "capabilities": "0000000000000000", "nproc": sandbox.TASKS, "pid_max": 0}  # fmt: skip
    candidate = Sandbox("unshare", ("unshare",), init=True)
    assert sandbox.from_report(candidate, good) is not None
    assert sandbox.from_report(candidate, {**good, **change}) is None, why


def test_tool_subprocesses_get_an_allow_listed_environment() -> None:
    env = {"PATH": "/bin", "HOME": "/h", "PYTHONPATH": "/p", "LC_ALL": "C", "XDG_CACHE_HOME": "/c", "TWINGEN_X": "1",
           "HTTPS_PROXY": "http://proxy:3128", "ANTHROPIC_BASE_URL": "https://gw", "AWS_ACCESS_KEY_ID": "AKIA...",
           "SSH_AUTH_SOCK": "/tmp/agent", "TWINGEN_TOKEN": "secret-ish", "LD_PRELOAD": "/x.so"}  # fmt: skip
    assert clean_environment(env) == {"PATH": "/bin", "HOME": "/h", "PYTHONPATH": "/p", "LC_ALL": "C",
                                      "XDG_CACHE_HOME": "/c", "TWINGEN_X": "1"}  # fmt: skip


def test_a_suite_is_fetched_outside_the_sandbox_before_it_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from twingen.oracle import suite, suite_source

    calls: list[str] = []
    monkeypatch.setattr(suite, "driver_class", lambda name: type("Driver", (), {"requirements": ("x",)}))
    monkeypatch.setattr(suite_source, "suite_root", lambda *a: calls.append("sdist"))
    monkeypatch.setattr(suite_source, "suite_python", lambda *a: calls.append("plugins"))

    def report(argv: list[str], cwd: Path, timeout: float) -> dict[str, Any]:
        calls.append(argv[0])
        return {"tests": []}

    monkeypatch.setattr(goals, "_json_of", report)
    (tmp_path / "twin_tiny").mkdir()
    (tmp_path / "twin_tiny" / "spec.json").write_text("{}")
    Goal("suite", "okta", "okta").measure(tmp_path, [])
    assert calls == ["sdist", "plugins", "check"]


def test_iterate_help_says_which_protection_is_active() -> None:
    from click.testing import CliRunner

    from twingen.agent.cli import iterate

    shown = "".join(CliRunner().invoke(iterate, ["--help"]).output.split())  # as wrapped, hyphens and all
    assert "Sandboxonthismachine:" in shown and "".join(sandbox.detect().describe().split()) in shown
