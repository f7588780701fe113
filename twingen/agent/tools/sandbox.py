"""The sandbox for tool subprocesses that import agent-written code (the check, the suite, the replay).

The model writes behaviour modules and the check imports them, so that code runs with whatever the check's
process has. Here that process gets as little as this machine allows, decided once per twingen process by
trying each way in turn (``detect``) and keeping the first that really isolates:

1. ``unshare`` (util-linux) with new user, pid, network, mount and IPC namespaces: inside, uid 0 mapped to
   the user running twingen, no capabilities over anything outside; only ``lo`` (brought up, so the twin
   and the SDK still meet on 127.0.0.1); a fresh ``/proc`` in which twingen's own processes do not exist.
2. ``bwrap`` (bubblewrap) with the same namespaces, where unprivileged user namespaces are only open to it.
3. ``unshare`` without a user namespace (pid, network, mount, IPC), when running as root where user
   namespaces are refused.
4. Nothing to unshare: the limits below only, and the network is NOT isolated (``describe`` says so).

Every way runs ``sandbox_entry.py`` first, which sets the rlimits (address space, CPU seconds, file size, no
core dumps, a task cap), drops every capability, sets ``no_new_privs`` and then runs the command. The
environment is an allow-list (``scrub.clean_environment``). The twingen process itself keeps the API key
out of its environment and is not dumpable (``twingen.agent.keyholder``), so even code of the same user
outside a namespace cannot read it from ``/proc/PID/environ`` or ``/proc/PID/mem``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import site
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENTRY = Path(__file__).with_name("sandbox_entry.py")
ADDRESS_SPACE = 4 << 30
"""Bytes of virtual memory per process (a Python with an SDK and uvicorn maps under 1 GiB)."""
FILE_SIZE = 1 << 30
"""The largest file a sandboxed process may write."""
TASKS = 256
"""Processes and threads in the sandbox (a check uses about 20)."""
CPU_MARGIN = 30
"""CPU seconds per process beyond the tool's wall-clock timeout."""
PROBE_TIMEOUT = 20.0
RESERVED_PIDS = 300
"""As ``sandbox_entry.RESERVED_PIDS``: the entry sets a pid namespace's pid_max to this + ``TASKS``."""
NAMESPACES = ("user", "pid", "net", "mnt")
_NAMES = {"user": "user", "pid": "pid", "net": "network", "mnt": "mount"}

_UNSHARE_USER = ("--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child", "--mount-proc", "--ipc")
_UNSHARE_ROOT = ("--net", "--pid", "--fork", "--kill-child", "--mount-proc", "--ipc")
_BWRAP = ("--dev-bind", "/", "/", "--unshare-user", "--unshare-net", "--unshare-pid", "--unshare-ipc", "--proc",
          "/proc", "--die-with-parent")  # fmt: skip


@dataclass(frozen=True)
class Sandbox:
    """How a tool subprocess is confined here; ``command`` wraps an argv, ``describe`` says what it gives."""

    method: str
    """``unshare``, ``bwrap``, ``unshare (as root, no user namespace)`` or ``none``."""
    launcher: tuple[str, ...] = ()
    namespaces: tuple[str, ...] = ()
    """The namespaces the command does not share with twingen (seen from inside by the probe)."""
    network_isolated: bool = False
    """Only ``lo`` inside, and it works: nothing off the machine is reachable."""
    task_cap: str = ""
    """What caps the tasks: ``RLIMIT_NPROC``, ``pid_max`` (root, where the kernel ignores NPROC), or nothing."""
    init: bool = False
    read_only: tuple[str, ...] = ()
    """The folders Python imports from (``protected_paths``, looked up again for each command) that the probe
    found read-only inside."""

    @property
    def pid_isolated(self) -> bool:
        return "pid" in self.namespaces

    @property
    def max_tasks(self) -> int | None:
        """The most processes and threads the sandbox can hold at once (None: not capped)."""
        if not self.task_cap:
            return None
        # pids run from 1 to pid_max - 1: early pids may stay in use while the rest cycle above 300
        return RESERVED_PIDS + TASKS - 1 if self.task_cap.startswith("pid_max") else TASKS

    def command(self, argv: Sequence[str], timeout: float) -> list[str]:
        """``argv`` as it runs in the sandbox (with the limits for a tool given ``timeout`` seconds)."""
        config = self.config(timeout)
        # bwrap drops our capabilities before the entry runs: it binds the read-only folders itself
        binds = [a for path in config["read_only"] for a in ("--ro-bind", path, path)] if self.method == "bwrap" else []
        return [*self.launcher, *binds, *(["--"] if self.method == "bwrap" else []), *entry_argv(config), "--", *argv]

    def config(self, timeout: float) -> dict[str, Any]:
        rlimits = {"AS": ADDRESS_SPACE, "CPU": int(timeout) + CPU_MARGIN, "FSIZE": FILE_SIZE, "CORE": 0}
        return {"rlimits": rlimits, "tasks": TASKS, "loopback": self.network_isolated, "init": self.init,
                "read_only": list(protected_paths()) if self.init else []}  # fmt: skip

    def _kinds(self) -> str:
        names = [_NAMES[k] for k in NAMESPACES if k in self.namespaces]
        return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)

    def summary(self) -> str:
        """One line for the start of a run and its provenance."""
        parts = [f"{self._kinds()} namespaces"] if self.namespaces else ["no namespaces"]
        parts.append("no network but loopback" if self.network_isolated else "NETWORK NOT ISOLATED")
        parts.append(f"at most {self.max_tasks} tasks" if self.max_tasks else "tasks not capped")
        parts += ["Python and twingen read-only"] if self.read_only else []
        parts.append(f"{ADDRESS_SPACE >> 30} GiB address space, no capabilities, allow-listed environment")
        return f"{self.method}: {'; '.join(parts)}"

    def describe(self) -> str:
        """A paragraph for ``iterate --help``: what the model's code can and cannot do when the check imports it."""
        if self.method == "none":
            where = ("with no namespaces (no unshare or bwrap works here): THE NETWORK IS NOT ISOLATED, and "
                     "processes of your user are visible to it")  # fmt: skip
        else:
            where = f"in new {self._kinds()} namespaces ({self.method})"
            where += ", with no network but loopback" if self.network_isolated else "; THE NETWORK IS NOT ISOLATED"
            if self.pid_isolated:
                where += "; twingen's own processes do not exist there"
            if self.read_only:
                where += "; Python's installation, its site-packages and twingen are read-only there"
        cap = (f"at most {self.max_tasks} processes and threads ({self.task_cap})" if self.task_cap
               else "processes NOT capped (root, with no pid namespace to cap them)")  # fmt: skip
        if sys.platform != "linux":
            where += " (outside Linux only the rlimits the system accepts apply)"
        return (
            f"The check that imports the model's behaviour code runs {where}. Per process: "
            f"{ADDRESS_SPACE >> 30} GiB of address space, CPU seconds = the tool's timeout + {CPU_MARGIN}, "
            f"{FILE_SIZE >> 30} GiB files, no core dumps; {cap}. No capabilities, no_new_privs, an allow-listed "
            f"environment (never ANTHROPIC_* or secret-named variables). The API key stays in the twingen process, "
            f"out of its environment, and that process is not dumpable (no /proc/PID/environ or mem reads)."
        )


def entry_argv(config: dict[str, Any]) -> list[str]:
    # -I -S: no PYTHONPATH, no site: only the standard library runs before the limits are set
    return [sys.executable, "-I", "-S", str(ENTRY), json.dumps(config, separators=(",", ":"))]


def _namespaces() -> dict[str, str]:
    found = {}
    for kind in NAMESPACES:
        with contextlib.suppress(OSError):
            found[kind] = os.readlink(f"/proc/self/ns/{kind}")
    return found


def protected_paths() -> tuple[str, ...]:
    """Where Python imports from (its installation, site-packages, ``sys.path``, twingen, the suites' virtual
    environments, which twingen's own pip runs outside the sandbox): read-only in the sandbox, so that code
    planted there (a ``.pth``, a ``sitecustomize``) never runs in a later process outside it."""
    import twingen
    from twingen.oracle.suite_source import cache_dir

    found = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(Path(twingen.__file__).parent), *site.getsitepackages(),
             site.getusersitepackages(), *(p for p in sys.path if p and os.path.isabs(p)),
             *(str(p) for p in cache_dir().glob("venv-*"))}  # fmt: skip
    folders = sorted({os.path.realpath(p) for p in found if os.path.isdir(p)})
    # the outermost only: a folder inside another is covered by the other's bind
    return tuple(f for f in folders if not any(f != o and f.startswith(o.rstrip("/") + "/") for o in folders))


def _candidates() -> list[Sandbox]:
    out = []
    unshare, bwrap = shutil.which("unshare"), shutil.which("bwrap")
    if unshare:
        out.append(Sandbox("unshare", (unshare, *_UNSHARE_USER), init=True))
    if bwrap:
        out.append(Sandbox("bwrap", (bwrap, *_BWRAP), init=True))
    if unshare and os.geteuid() == 0:
        out.append(Sandbox("unshare (as root, no user namespace)", (unshare, *_UNSHARE_ROOT), init=True))
    return out


def probe(candidate: Sandbox) -> dict[str, Any] | None:
    """What code inside ``candidate`` finds (``sandbox_entry --report``), or None when it does not start."""
    trial = Sandbox(candidate.method, candidate.launcher, network_isolated=True, init=candidate.init)
    report = [sys.executable, "-I", "-S", str(ENTRY), "--report", json.dumps(_namespaces()),
              json.dumps(protected_paths())]  # fmt: skip
    argv = trial.command(report, PROBE_TIMEOUT)
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=PROBE_TIMEOUT, stdin=subprocess.DEVNULL,
                              env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")}, check=False)  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    try:
        found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None
    return found


def from_report(candidate: Sandbox, report: dict[str, Any]) -> Sandbox | None:
    """``candidate`` as the probe found it, or None when it does not isolate the network and processes."""
    namespaces = tuple(report.get("new_namespaces", ()))
    isolated = "net" in namespaces and report.get("interfaces") == ["lo"] and bool(report.get("loopback"))
    if not isolated or "pid" not in namespaces or int(report.get("capabilities", "1") or "1", 16) != 0:
        return None
    read_only = tuple(report.get("read_only", ()))
    return Sandbox(candidate.method, candidate.launcher, namespaces, True, _task_cap(report), candidate.init, read_only)


def _task_cap(report: dict[str, Any]) -> str:
    # RLIMIT_NPROC, counted in the sandbox's user namespace, binds every uid but root (and is the tighter cap)
    if os.getuid() != 0 and report.get("nproc") == TASKS and "user" in report.get("new_namespaces", ()):
        return "RLIMIT_NPROC"
    if report.get("pid_max") == RESERVED_PIDS + TASKS and not report.get("pid_max_writable"):
        return "pid_max of the pid namespace"
    return ""


@functools.cache
def detect() -> Sandbox:
    """The strongest sandbox that works on this machine (tried once per process; about 0.1 s per way)."""
    if sys.platform == "linux":
        for candidate in _candidates():
            report = probe(candidate)
            found = from_report(candidate, report) if report is not None else None
            if found is not None:
                return found
    return unconfined()


def unconfined() -> Sandbox:
    """No namespaces: the entry's limits only (RLIMIT_NPROC over the user's tasks binds every uid but root)."""
    return Sandbox("none", task_cap="" if os.getuid() == 0 else "RLIMIT_NPROC")
