"""Run a tool subprocess: in the sandbox, with an allow-listed environment, a timeout, the process group killed.

The command runs through ``sandbox.detect()``'s sandbox (namespaces where the machine has them, the rlimits
and no capabilities everywhere). ``start_new_session`` puts the launcher in its own process group, so at
the timeout ``killpg`` reaches it and the namespace's first process; when that one dies the kernel kills
every process left in the pid namespace (the check starts a twin server, which must not outlive it).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from twingen.agent.scrub import clean_environment
from twingen.agent.tools.sandbox import Sandbox, detect


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool


def run(argv: Sequence[str], cwd: Path, timeout: float, sandbox: Sandbox | None = None) -> Finished:
    """Run ``argv`` in ``sandbox`` (this machine's strongest by default) for at most ``timeout`` seconds."""
    confined = sandbox or detect()
    process = subprocess.Popen(
        confined.command(argv, timeout),
        cwd=cwd,
        env=clean_environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        # killed before it is reaped, so the group id cannot yet belong to anyone else
        _kill_group(process.pid)
        out, err = process.communicate()
        timed_out = True
    return Finished(process.returncode, out.decode(errors="replace"), err.decode(errors="replace"), timed_out)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
