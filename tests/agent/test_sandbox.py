"""Issue #18 item 1: code the model writes runs, when the check imports it, without the key, the network or
unbounded processes.

A probe behaviour module does at import what a hostile patch would: read the API key from the environment
and memory of the twingen process that started the check, plant code a later twingen would run, open a TCP
connection off the machine, fork without end. It writes what it managed to a file the test reads. The run is
a real ``twingen iterate`` in a subprocess whose environment holds the key, as a shell that exported it would
start it.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import twingen

pytestmark = pytest.mark.network_loopback

KEY = "sk-ant-api03-SANDBOXPROBE-0123456789abcdefghij"
FORKS = 1000

PROBE = '''
"""Not behaviour: what agent-written code can do when the check imports it (tests/agent/test_sandbox.py)."""

import json, os, socket, time

REPORT, PID_FILE, KEY, ATTEMPT_NETWORK, FORKS = {report!r}, {pid_file!r}, {key!r}, {attempt_network!r}, {forks!r}
PLANT = {plant!r}


def _probe():
    found = {{"pid": os.getpid(), "own_environment": any(KEY in v for v in os.environ.values())}}
    deadline = time.monotonic() + 30
    while not os.path.exists(PID_FILE) and time.monotonic() < deadline:
        time.sleep(0.05)
    twingen = int(open(PID_FILE).read())
    for what in ("environ", "mem"):
        try:
            with open(f"/proc/{{twingen}}/{{what}}", "rb") as f:
                found[what] = "key read" if what == "environ" and KEY.encode() in f.read() else "opened"
        except OSError as exc:
            found[what] = type(exc).__name__
    found["planted"] = []  # code a later twingen would run: a .pth in site-packages, a module in twingen
    for folder in PLANT:
        try:
            with open(os.path.join(folder, "zz_twingen_probe.pth"), "x"):
                pass
            os.unlink(os.path.join(folder, "zz_twingen_probe.pth"))
            found["planted"].append(folder)
        except OSError:
            pass
    found["interfaces"] = sorted(name for _, name in socket.if_nameindex())
    found["network"] = "not attempted"
    if ATTEMPT_NETWORK and found["interfaces"] == ["lo"]:  # only loopback here: nothing can leave the machine
        try:
            socket.create_connection(("192.0.2.1", 9), timeout=3).close()
            found["network"] = "connected"
        except OSError as exc:
            found["network"] = type(exc).__name__
    read, write = os.pipe()
    children, found["fork_error"] = [], None
    for _ in range(FORKS):
        try:
            child = os.fork()
        except OSError as exc:
            found["fork_error"] = type(exc).__name__
            break
        if child == 0:
            os.close(write)
            os.read(read, 1)
            os._exit(0)
        children.append(child)
    os.close(write)
    for child in children:
        os.waitpid(child, 0)
    found["forked"] = len(children)
    with open(REPORT, "a") as out:
        out.write(json.dumps(found) + "\\n")


_probe()
'''


def _probe_in_iterate(twin: Path, tmp_path: Path, attempt_network: bool) -> list[dict[str, Any]]:
    """Run ``twingen iterate`` (no model call: --max-cost 0) whose first check imports the probe."""
    report, pid_file = tmp_path / "probe.jsonl", tmp_path / "twingen.pid"
    plant = [*site.getsitepackages(), str(Path(twingen.__file__).parent)]
    probe = PROBE.format(report=str(report), pid_file=str(pid_file), key=KEY, attempt_network=attempt_network,
                         forks=FORKS, plant=plant)  # fmt: skip
    (twin / "twin_tiny" / "behaviour" / "probe.py").write_text(textwrap.dedent(probe))
    argv = [sys.executable, "-m", "twingen", "iterate", "tiny", "--sdk", "slack_sdk", "--out", str(twin),
            "--store", str(tmp_path / "runs.sqlite"), "--max-cost", "0", "--methods", "auth_test",
            "--methods", "chat_postMessage"]  # fmt: skip
    env = {**os.environ, "ANTHROPIC_API_KEY": KEY}
    with subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as iterate:
        pid_file.write_text(str(iterate.pid))
        output, _ = iterate.communicate(timeout=240)
    # the twin still served the SDK over loopback: auth.test passes, chat.postMessage is the tiny twin's failure
    assert iterate.returncode == 0 and "score: 50.0% -> 50.0%" in output, output
    found = [json.loads(line) for line in report.read_text().splitlines()]
    assert found, output
    return found


def test_agent_code_cannot_read_the_key_nor_fork_without_limit(twin: Path, tmp_path: Path) -> None:
    for found in _probe_in_iterate(twin, tmp_path, attempt_network=False):
        assert not found["own_environment"]
        assert found["environ"] != "key read" and found["environ"] in ("FileNotFoundError", "PermissionError")
        assert found["mem"] in ("FileNotFoundError", "PermissionError")
        assert found["fork_error"] == "BlockingIOError" and found["forked"] < FORKS  # EAGAIN: the task cap
        assert found["planted"] == []


def test_agent_code_has_no_network_but_loopback(twin: Path, tmp_path: Path) -> None:
    from twingen.agent.tools.sandbox import detect

    # the connection below is tried only where the sandbox isolates the network: never a packet off the machine
    level = detect()
    assert level.network_isolated, level.describe()
    for found in _probe_in_iterate(twin, tmp_path, attempt_network=True):
        assert found["interfaces"] == ["lo"]
        assert found["network"] == "OSError"  # ENETUNREACH: no route out of a namespace with only lo
