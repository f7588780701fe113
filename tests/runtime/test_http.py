"""Over real HTTP: uvicorn on loopback, and the runtime copied into a twin package served by ``serve``."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import orjson
import pytest

from twingen import runtime

from . import specs
from .conftest import free_port

pytestmark = pytest.mark.network_loopback


def test_slack_over_http(live: Callable[[str], httpx.Client]) -> None:
    c = live("slack")
    auth = {"Authorization": "Bearer xoxb-test-bot"}
    assert c.post("/api/auth.test", headers=auth).json()["user_id"] == "U0BOT"
    assert c.post("/api/auth.test", data={"token": "bad"}).json() == {"ok": False, "error": "invalid_auth"}
    created = c.post("/api/conversations.create", headers=auth, data={"name": "x"}).json()
    info = c.get("/api/conversations.info", headers=auth, params={"channel": created["channel"]["id"]}).json()
    assert info["channel"]["name"] == "x"
    assert c.post("/api/boom", headers=auth).status_code == 500


def test_google_over_http(live: Callable[[str], httpx.Client]) -> None:
    c = live("google")
    token = c.get("/_twin/credentials").json()["credentials"][0]["token"]
    auth = {"Authorization": f"Bearer {token}"}
    # httpx sends the path as given: percent-encoded A1 range and a literal one both route
    r = c.get("/v4/spreadsheets/S/values/Sheet1%21A1%3AB2", headers=auth).json()
    assert r["params"]["range"] == "Sheet1!A1:B2"
    assert c.post("/v4/spreadsheets/S:batchUpdate", headers=auth, json={}).json()["params"] == {"spreadsheetId": "S"}
    assert c.get("/drive/v3/files/none", headers=auth).status_code == 404


def test_serve_command_of_a_copied_twin(tmp_path: Path) -> None:
    package = tmp_path / "twin_demo"
    shutil.copytree(Path(runtime.__file__).parent, package / "runtime", ignore=shutil.ignore_patterns("__pycache__"))
    (package / "__init__.py").write_text("")
    (package / "__main__.py").write_text(
        "import sys\nfrom .runtime.server import main\nsys.exit(main(sys.argv[1:], __package__))\n"
    )
    (package / "spec.json").write_bytes(orjson.dumps(specs.generic()))
    (package / "behaviour").mkdir()
    (package / "behaviour" / "__init__.py").write_text("")
    (package / "behaviour" / "ping.py").write_text(
        "from ..runtime import behaviour\n\n@behaviour('ping')\ndef ping(ctx):\n    return {'pong': True}\n"
    )
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "twin_demo", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        started = time.monotonic()
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as client:
            while True:
                try:
                    if client.get("/_twin/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() - started < 15
                time.sleep(0.05)
            assert client.get("/ping").json() == {"pong": True}
            coverage = {r["id"]: r["source"] for r in client.get("/_twin/coverage").json()["operations"]}
            assert coverage["ping"] == "behaviour" and coverage["listWidgets"] == "inferred"
    finally:
        proc.terminate()
        proc.wait(10)
        if proc.stderr:
            proc.stderr.close()
