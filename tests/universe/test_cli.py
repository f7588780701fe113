"""``twingen universe serve`` end to end: the twins named, /_universe/ answering, and no twin left when it stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from twingen.universe.members import free_port

REPO = Path(__file__).resolve().parents[2]


def test_serve_runs_the_twins_and_stops_them() -> None:
    port = free_port()
    cmd = [sys.executable, "-m", "twingen", "universe", "serve", "--twin", "okta", "--twin", "slack",
           "--control-port", str(port), "--no-roster"]  # fmt: skip
    process = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", trust_env=False) as client:
            twins = _wait_and_look(client)
    finally:
        process.send_signal(signal.SIGINT if os.name != "nt" else signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert "universe control plane: http://127.0.0.1:" in output
    for url in twins:
        try:
            httpx.get(url + "/_twin/health", timeout=2, trust_env=False)
            raise AssertionError(f"a twin still answers at {url}")
        except httpx.TransportError:
            pass


def _wait_and_look(client: httpx.Client) -> list[str]:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if client.get("/_universe/health").status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    shown = client.get("/_universe/").json()
    assert set(shown["twins"]) == {"okta", "slack"} and shown["identity"] == "okta"
    assert client.get("/_universe/credentials").json()["people"] == []
    return list(shown["twins"].values())
