"""Start a generated twin as a subprocess on a free port, and stop it with its whole process group.

The twin runs as ``python -m twin_NAME serve`` from its own folder (``PYTHONPATH`` = the folder) so the
check measures exactly what a user would run. It gets its own session (process group) so that stopping
it also stops anything it started; its log goes to a temporary folder that is removed at the end.

``tls``: the twin is served with ``--tls`` (HTTPS and plain HTTP on the same port) and its CA is kept
beside it (``RunningTwin.ca_file``), for SDKs that send some calls to ``https://`` whatever the endpoint's
scheme (google-api-python-client's media uploads); the SDK's driver says so (``Driver.needs_tls``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

STARTUP_SECONDS = 30.0
STOP_SECONDS = 5.0
ATTEMPTS = 3


class TwinStartError(RuntimeError):
    """The twin did not answer ``/_twin/health`` in time; carries the end of its log."""


@dataclass
class RunningTwin:
    """A served twin: where it is, its seeded credentials and each operation's behaviour source."""

    base_url: str
    package: str
    pid: int
    http: httpx.Client
    credentials: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    ca_file: str | None = None
    """The CA a client trusts to reach the twin over HTTPS (served with ``tls``), else None."""

    def reset(self) -> None:
        """Back to the seed; credentials are re-read because a seed may mint them anew."""
        self.http.post("/_twin/reset").raise_for_status()
        self.credentials = self._credentials()

    def _credentials(self) -> dict[str, str]:
        """Name -> secret; a basic credential without a token is ``username:password``, as sent."""
        listing = self.http.get("/_twin/credentials").json()["credentials"]
        return {
            str(item["name"]): str(item["token"]) if "token" in item else f"{item['username']}:{item['password']}"
            for item in listing
        }

    def load(self) -> None:
        self.credentials = self._credentials()
        rows = self.http.get("/_twin/coverage").json()["operations"]
        self.sources = {str(row["id"]): str(row["source"]) for row in rows}


def twin_package(twin_dir: Path) -> str:
    """The ``twin_*`` package inside a twin's folder (the one holding ``spec.json``)."""
    found = sorted(p.parent.name for p in twin_dir.glob("twin_*/spec.json"))
    if not found:
        raise FileNotFoundError(f"no twin package (twin_*/spec.json) in {twin_dir}")
    return found[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve(twin_dir: Path, *, seed: int | None = 0, tls: bool = False) -> Iterator[RunningTwin]:
    """Serve the twin in ``twin_dir`` until the block ends; nothing is left running or on disk after it.

    ``seed`` makes ids and the clock a function of the call sequence (a clock stepped per request from 2024);
    ``None`` serves fresh ids on the wall clock. With ``tls`` the twin also answers HTTPS; its CA lives in the
    user's cache.
    """
    package = twin_package(twin_dir)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(twin_dir.resolve()), env.get("PYTHONPATH", "")) if p)
    with tempfile.TemporaryDirectory(prefix="twingen-check-") as tmp:
        log_path = Path(tmp) / "twin.log"
        for attempt in range(ATTEMPTS):
            port = free_port()
            process = _start(package, twin_dir, env, port, seed, log_path, tls)
            try:
                base_url = f"http://127.0.0.1:{port}"
                with httpx.Client(base_url=base_url, timeout=30.0) as http:
                    try:
                        _wait_healthy(http, process, log_path)
                    except TwinStartError:
                        # another program may have taken the free port between our probe and the bind
                        if attempt + 1 < ATTEMPTS and process.poll() is not None:
                            continue
                        raise
                    twin = RunningTwin(base_url, package, process.pid, http)
                    twin.load()
                    if tls:
                        twin.ca_file = _fetch_ca(http, Path(tmp))
                    yield twin
                    return
            finally:
                stop(process)


def _start(
    package: str, twin_dir: Path, env: dict[str, str], port: int, seed: int | None, log_path: Path, tls: bool = False
) -> subprocess.Popen[bytes]:
    # --seed makes generated ids a function of the call sequence: the same check gives the same report
    argv = [sys.executable, "-m", package, "serve", "--host", "127.0.0.1", "--port", str(port)]
    if seed is not None:
        argv += ["--seed", str(seed)]
    if tls:
        argv.append("--tls")  # HTTPS on the same port as HTTP (the twin's wire.py tells them apart)
    with log_path.open("wb") as log:
        return subprocess.Popen(
            argv,
            cwd=twin_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stop() reaches everything it started
        )


def _fetch_ca(http: httpx.Client, folder: Path) -> str:
    """The twin's CA as a file in the check's temporary folder (read over plain HTTP, which needs no trust)."""
    answer = http.get("/_twin/tls/ca.pem")
    answer.raise_for_status()
    path = folder / "ca.pem"
    path.write_bytes(answer.content)
    return str(path)


def _wait_healthy(http: httpx.Client, process: subprocess.Popen[Any], log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise TwinStartError(f"the twin exited with {process.returncode}:\n{_tail(log_path)}")
        try:
            if http.get("/_twin/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise TwinStartError(f"the twin did not answer /_twin/health in {STARTUP_SECONDS:.0f} s:\n{_tail(log_path)}")


def _tail(path: Path, lines: int = 20) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def stop(process: subprocess.Popen[Any]) -> None:
    """SIGTERM the twin's process group, SIGKILL it if it lingers, and reap the child."""
    for sig, wait in ((signal.SIGTERM, STOP_SECONDS), (signal.SIGKILL, STOP_SECONDS)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    # children that outlived the leader would still be in the group: one last sweep
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
