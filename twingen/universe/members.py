"""One twin of a universe: ``python -m twin_NAME serve`` in its own process on its own loopback port.

The member speaks to its twin's control plane (``/_twin/``) and API with httpx, proxies ignored (everything is on
loopback), and stops its process when the universe stops. When the universe's process dies without stopping them
(``kill -9``, a crash), Linux ends the twins too: each is started with ``PR_SET_PDEATHSIG`` (``_die_with_parent``).
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

import httpx

from twingen.ir import names

HOST = "127.0.0.1"
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
# The parent-death signal is sent when the *thread* that forked the child ends (prctl(2)), so every twin is forked
# from this one thread, which lives as long as the process: a universe started from a short-lived thread keeps them.
_SPAWNER = ThreadPoolExecutor(1, thread_name_prefix="twin-universe-spawner")


class MemberError(RuntimeError):
    """A twin did not start, or its control plane refused a call."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def reachable(host: str) -> str:
    """Where a server listening on ``host`` is reached from this machine: loopback when it listens everywhere."""
    return HOST if host in ("0.0.0.0", "::", "") else host


def _die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` asking Linux to SIGTERM the child when this process dies, even by SIGKILL (no cleanup runs
    then); None elsewhere (macOS has no such call: there a twin outlives a killed universe, as any child does)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl  # resolved here: the child only calls it
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        if os.getppid() != parent:  # the universe died before the call took effect: nobody would send it
            os.kill(os.getpid(), signal.SIGTERM)

    return preexec


class Member:
    """A running twin: ``name``, ``base_url``, ``control()`` and ``http`` (an httpx client on its root)."""

    def __init__(
        self, name: str, twin_dir: Path | None, port: int = 0, seed: int | None = None, host: str = HOST
    ) -> None:
        self.name = name
        self.twin_dir = twin_dir
        self.host = host
        self.port = port or free_port()
        self.seed = seed
        # a twin listening on every interface is still reached (and provisioned) over loopback
        self.base_url = f"http://{reachable(host)}:{self.port}"
        self.direct_url = self.base_url
        """Its own port, whatever ``base_url`` becomes (``serve_under``)."""
        self.http = httpx.Client(base_url=self.base_url, trust_env=False, timeout=60)
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self._credentials: dict[str, dict[str, dict[str, Any]]] = {}

    def start(self, log_dir: Path) -> None:
        env = dict(os.environ)
        if self.twin_dir is not None:  # a generated twin's folder; an installed twin is importable as it is
            env["PYTHONPATH"] = os.pathsep.join(
                p for p in (str(self.twin_dir.resolve()), env.get("PYTHONPATH", "")) if p
            )
        package = names.package_name(self.name)
        cmd = [sys.executable, "-m", package, "serve", "--host", self.host, "--port", str(self.port)]
        if self.seed is not None:
            cmd += ["--seed", str(self.seed)]
        self._log = open(log_dir / f"{self.name}.log", "wb")  # noqa: SIM115 - closed by stop()
        log, preexec = self._log, _die_with_parent()

        def spawn() -> subprocess.Popen[bytes]:
            return subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=preexec)

        self._process = _SPAWNER.submit(spawn).result()

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise MemberError(f"twin {self.name} exited with {self._process.returncode}: see {self.log_path}")
            try:
                if self.http.get("/_twin/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise MemberError(f"twin {self.name} did not answer /_twin/health within {timeout:g} s")

    @property
    def log_path(self) -> str:
        return str(self._log.name) if self._log is not None else "(not started)"

    def stop(self) -> None:
        self.http.close()
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(10)
        if self._log is not None:
            self._log.close()

    def serve_under(self, url: str) -> None:
        """From now on reached through a gateway at ``url`` (``/NAME`` on the universe's one port): ``base_url`` and
        ``http`` lead there, so what the twin answers them names that URL; ``direct_url`` is still its own port."""
        self.base_url = url
        self.http.close()
        self.http = httpx.Client(base_url=url, trust_env=False, timeout=60)

    def control(self, method: str, path: str, body: Any = None, **params: Any) -> Any:
        """``/_twin{path}`` as JSON; an error status raises ``MemberError``. A call that may change the twin (any but a
        GET: a reset, a restore, a new tenant) forgets the credentials ``credentials`` read."""
        if method != "GET":
            self._credentials.clear()
        answer = self.http.request(method, "/_twin" + path, json=body, params=params or None)
        if answer.status_code >= 400:
            raise MemberError(f"{self.name}: {method} /_twin{path} answered {answer.status_code}: {answer.text[:300]}")
        return answer.json() if answer.content else None

    def credentials(self, tenant: str = "default") -> dict[str, dict[str, Any]]:
        """The tenant's seeded credentials by name, read once (``GET /_twin/credentials``) until a changing ``control``
        call: every push the wiring makes asks for a token, as the runtime's harness keeps its own."""
        if tenant not in self._credentials:
            listing = self.control("GET", "/credentials", tenant=tenant)["credentials"]
            self._credentials[tenant] = {item["name"]: item for item in listing}
        return self._credentials[tenant]


class ThreadMember(Member):
    """A twin served from this process (its app on a loopback port in a daemon thread, as ``start_twin`` serves
    one): no child process, and the twin's objects at hand (``app``) for a debugger; ``port`` is always a free one."""

    def start(self, log_dir: Path) -> None:
        import importlib

        if self.twin_dir is not None and str(self.twin_dir.resolve()) not in sys.path:
            sys.path.insert(0, str(self.twin_dir.resolve()))
        package = names.package_name(self.name)
        runtime = importlib.import_module(f"{package}.runtime")
        harness = importlib.import_module(f"{package}.runtime.serving.harness")
        self.app = runtime.load_app(package, seed=self.seed)
        self._server = harness.ThreadServer(self.app)
        self.port, self.direct_url = self._server.port, self._server.base_url
        self.serve_under(self.direct_url)  # its free port, not the one asked for
        self._server.start()

    @property
    def log_path(self) -> str:
        return "(this process)"

    def stop(self) -> None:
        self.http.close()
        server = getattr(self, "_server", None)
        if server is not None:
            server.stop()
