"""``serve --state FILE``: what the twin acknowledged is on disk, across restarts and ``kill -9``."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from starlette.testclient import TestClient

from twingen import runtime
from twingen.runtime import TwinApp
from twingen.runtime.state.persistence import SqliteStore

from .conftest import free_port, make_app

pytestmark = pytest.mark.network_loopback


def _persistent(path: Path) -> TwinApp:
    app = make_app("generic")
    app.twin.tenants.attach(SqliteStore(path))
    return app


@pytest.fixture
def open_app(tmp_path: Path) -> Iterator[Any]:
    """``open_app()`` -> a TestClient of a generic twin kept in ``tmp_path/state.db`` (a new process each time)."""
    clients: list[TestClient] = []

    def make() -> TestClient:
        client = TestClient(_persistent(tmp_path / "state.db"), raise_server_exceptions=False)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.app.twin.tenants.store.close()  # type: ignore[attr-defined]
        client.close()


def _auth(credentials: list[dict[str, str]]) -> dict[str, str]:
    return {"Authorization": "Bearer " + next(c["token"] for c in credentials if c["scheme"] == "bearer")}


def _names(c: TestClient | httpx.Client, auth: dict[str, str]) -> list[str]:
    return [w["name"] for w in c.get("/widgets", headers=auth, params={"limit": 1000}).json()]


def test_records_tenants_and_credentials_come_back(open_app: Any) -> None:
    first = open_app()
    default = _auth(first.get("/_twin/credentials").json()["credentials"])
    tenant = first.post("/_twin/tenants", json={"name": "w"}).json()
    mine = _auth(tenant["credentials"])
    for name in ("a", "b", "c"):
        first.post("/widgets", headers=default, json={"name": name})
    wid = first.post("/widgets", headers=mine, json={"name": "m"}).json()["id"]
    first.delete("/widgets/" + first.get("/widgets", headers=default).json()[1]["id"], headers=default)
    first.delete(f"/widgets/{wid}", headers=mine)
    first.post("/widgets", headers=mine, json={"name": "m2"})

    second = open_app()
    assert _names(second, default) == ["a", "c"]
    assert _names(second, mine) == ["m2"]
    assert second.get("/_twin/tenants/w").json()["credentials"] == tenant["credentials"]
    assert second.post("/_twin/tenants").json()["id"] == "t2"  # ids are not reused after a restart


def test_restore_and_resets_write_through(open_app: Any) -> None:
    first = open_app()
    auth = _auth(first.get("/_twin/credentials").json()["credentials"])
    first.post("/widgets", headers=auth, json={"name": "kept"})
    snap = first.post("/_twin/snapshot").json()["id"]
    first.post("/widgets", headers=auth, json={"name": "undone"})
    first.post("/_twin/restore", json={"id": snap})
    assert _names(open_app(), auth) == ["kept"]
    tenant = first.post("/_twin/tenants", json={"name": "w"}).json()
    first.post("/widgets", headers=_auth(tenant["credentials"]), json={"name": "x"})
    first.post("/_twin/reset", json={"tenant": "w"})
    assert _names(open_app(), _auth(tenant["credentials"])) == []
    first.post("/_twin/reset")
    third = open_app()
    assert _names(third, auth) == []
    assert [t["id"] for t in third.get("/_twin/tenants").json()["tenants"]] == ["default"]


# -- kill -9 under concurrent writers ----------------------------------------------------------------
def _twin_package(root: Path) -> None:
    package = root / "twin_demo"
    shutil.copytree(Path(runtime.__file__).parent, package / "runtime", ignore=shutil.ignore_patterns("__pycache__"))
    (package / "__init__.py").write_text("")
    (package / "__main__.py").write_text(
        "import sys\nfrom .runtime.server import main\nsys.exit(main(sys.argv[1:], __package__))\n"
    )
    from .specs import generic

    (package / "spec.json").write_bytes(orjson.dumps(generic()))


def _serve(root: Path, port: int, state: Path, sync: str = "full") -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "twin_demo", "serve", "--port", str(port), "--state", str(state), "--state-sync", sync],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=2) as client:
        while True:
            try:
                if client.get("/_twin/health").status_code == 200:
                    return proc
            except httpx.TransportError:
                pass
            assert proc.poll() is None, "the twin exited"
            assert time.monotonic() < deadline, "the twin did not start"
            time.sleep(0.05)


def _writer(base_url: str, auth: dict[str, str], prefix: str, acked: list[str], stop: threading.Event) -> None:
    with httpx.Client(base_url=base_url, timeout=5) as client:
        for i in range(100_000):  # bounded; the kill ends it long before
            if stop.is_set():
                return
            name = f"{prefix}-{i}"
            try:
                r = client.post("/widgets", headers=auth, json={"name": name})
            except httpx.TransportError:
                return  # the process is gone: this write was never acknowledged
            if 200 <= r.status_code < 300:
                acked.append(name)


@pytest.mark.parametrize("sync", ["full", "normal"])
def test_every_acknowledged_write_survives_kill_9(tmp_path: Path, sync: str) -> None:
    _twin_package(tmp_path)
    state, port = tmp_path / "state.db", free_port()
    proc = _serve(tmp_path, port, state, sync)
    base_url = f"http://127.0.0.1:{port}"
    try:
        auth = _auth(httpx.get(f"{base_url}/_twin/credentials").json()["credentials"])
        acked: list[list[str]] = [[] for _ in range(6)]
        stop = threading.Event()
        threads = [
            threading.Thread(target=_writer, args=(base_url, auth, f"w{n}", acked[n], stop), daemon=True)
            for n in range(6)
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 20
        while sum(map(len, acked)) < 300 and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)  # mid-stream: writers are still posting
        proc.wait(10)
        stop.set()
        for thread in threads:
            thread.join(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    written = {name for names in acked for name in names}
    assert len(written) >= 300
    proc = _serve(tmp_path, port, state, sync)
    try:
        with httpx.Client(base_url=base_url, timeout=10) as client:
            stored: set[str] = set()
            for offset in range(0, 100_000, 1000):
                page = client.get("/widgets", headers=auth, params={"offset": offset, "limit": 1000}).json()
                stored.update(w["name"] for w in page)
                if len(page) < 1000:
                    break
        assert written <= stored, sorted(written - stored)[:10]
    finally:
        proc.kill()
        proc.wait(10)


def test_writes_are_fsynced_unless_normal_is_asked_for(tmp_path: Path) -> None:
    # PRAGMA synchronous reads back 2 for FULL, 1 for NORMAL
    full = SqliteStore(tmp_path / "full.db")
    assert full._db.execute("PRAGMA synchronous").fetchone()[0] == 2
    normal = SqliteStore(tmp_path / "normal.db", synchronous="normal")
    assert normal._db.execute("PRAGMA synchronous").fetchone()[0] == 1
    with pytest.raises(ValueError, match="would not keep"):
        SqliteStore(tmp_path / "off.db", synchronous="OFF")
