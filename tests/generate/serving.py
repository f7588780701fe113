"""Start a twin (or any command serving one) on a free loopback port and wait for /_twin/health."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running(
    cmd: Sequence[str], port: int, *, env: Mapping[str, str] | None = None, cwd: str | None = None, timeout: float = 30
) -> Iterator[str]:
    """Run ``cmd`` (which must serve on ``port``) until /_twin/health answers 200; yield the base URL."""
    proc = subprocess.Popen(
        list(cmd), env={**os.environ, **(env or {})}, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                raise AssertionError(f"twin exited with {proc.returncode}:\n{out}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/_twin/health", timeout=1).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise AssertionError("twin did not become healthy in time")
            time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
