"""A universe killed with SIGKILL (no cleanup runs) leaves no twin behind on Linux: each twin was started with
PR_SET_PDEATHSIG, so the kernel ends it with its parent (``members._die_with_parent``)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from twingen.universe.members import free_port

REPO = Path(__file__).resolve().parents[2]


def _answers(url: str) -> bool:
    try:
        return httpx.get(url + "/_twin/health", timeout=2, trust_env=False).status_code == 200
    except httpx.TransportError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's (macOS has none)")
def test_twins_end_with_a_killed_universe() -> None:
    port = free_port()
    cmd = [sys.executable, "-m", "twingen", "universe", "serve", "--twin", "slack", "--twin", "jira",
           "--control-port", str(port), "--no-roster"]  # fmt: skip
    process = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        twins = _running_twins(port)
        assert twins and all(_answers(url) for url in twins)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
        deadline = time.monotonic() + 10
        while any(_answers(url) for url in twins) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [url for url in twins if _answers(url)], "a twin outlived its universe"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def _running_twins(port: int) -> list[str]:
    deadline = time.monotonic() + 90
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", trust_env=False) as client:
        while time.monotonic() < deadline:
            try:
                if client.get("/_universe/health").status_code == 200:
                    return list(client.get("/_universe/").json()["twins"].values())
            except httpx.TransportError:
                pass
            time.sleep(0.2)
    raise AssertionError("the universe did not answer /_universe/health within 90 s")
