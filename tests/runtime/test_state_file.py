"""The ``--state`` file (issue #18 item 6): it names its twin, is checked at start, and never runs behind memory.

- A new file gets table ``twin_meta``: the twin's package, its spec's name and the state schema version.
- ``python -m twin_X serve --state FILE`` refuses, in one line on stderr and with exit status 1 (no traceback),
  a file of another twin, an SQLite file that is not a twin's (left exactly as it was: no tables added, its
  journal mode kept), a file that is not SQLite, a damaged one, one of a newer schema, and a read-only one.
- A write the file refuses (a full disk, a file made read-only) is answered with the vendor's 503 and undone
  in memory as well, so what clients see is exactly what is durable.

A full disk is SQLite's own: ``PRAGMA max_page_count`` caps the file, and a write past it fails with
``database or disk is full`` as on a full disk. A read-only file is ``chmod 444``; as root, who may write it
anyway, SQLite is made to open it read-only, as it opens a file it may not write.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from starlette.testclient import TestClient

from twingen import runtime
from twingen.runtime import TwinApp
from twingen.runtime.state.persistence import SCHEMA_VERSION, SqliteStore, StateFileError
from twingen.runtime.state.tenants import StorageError

from . import specs
from .conftest import bearer, make_app

RUN_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
READ_ONLY_OPEN = """
import runpy, sqlite3, sys
connect = sqlite3.connect
sqlite3.connect = lambda path, *args, **kwargs: connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)
sys.argv[0] = "twin_demo"
runpy.run_module("twin_demo", run_name="__main__")
"""
"""``python -c`` that serves twin_demo with SQLite opening files read-only (what a file root may not write gets)."""


# -- a new file names its twin ---------------------------------------------------------------------------
def test_a_new_file_names_its_twin_and_schema(tmp_path: Path) -> None:
    app = make_app("generic")
    app.twin.keep_state(tmp_path / "state.db")
    app.twin.tenants.store.close()  # type: ignore[union-attr]
    with sqlite3.connect(tmp_path / "state.db") as db:
        meta = dict(db.execute("SELECT key, value FROM twin_meta").fetchall())
    db.close()
    assert meta == {"package": "twingen", "spec": "generic", "schema": str(SCHEMA_VERSION)}


def test_the_same_twin_opens_its_file_again_and_another_twin_does_not(tmp_path: Path) -> None:
    first = make_app("generic")
    first.twin.keep_state(tmp_path / "state.db")
    first.twin.tenants.store.close()  # type: ignore[union-attr]
    again = make_app("generic")
    again.twin.keep_state(tmp_path / "state.db")
    again.twin.tenants.store.close()  # type: ignore[union-attr]
    with pytest.raises(
        StateFileError, match=r"the state of twingen \(spec 'generic'\), not of twingen \(spec 'slack'\)"
    ):
        make_app("slack").twin.keep_state(tmp_path / "state.db")


# -- serve --state refuses a file it cannot use, in one line --------------------------------------------------
def _package(root: Path, name: str, spec: dict[str, Any]) -> None:
    package = root / name
    shutil.copytree(Path(runtime.__file__).parent, package / "runtime", ignore=shutil.ignore_patterns("__pycache__"))
    (package / "__init__.py").write_text("")
    (package / "__main__.py").write_text(
        "import sys\nfrom .runtime.server import main\nsys.exit(main(sys.argv[1:], __package__))\n"
    )
    (package / "spec.json").write_bytes(orjson.dumps(spec))


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with two twin packages: ``twin_demo`` (the generic spec) and ``twin_other`` (Google's)."""
    root = tmp_path_factory.mktemp("twins")
    _package(root, "twin_demo", specs.generic())
    _package(root, "twin_other", specs.google())
    return root


def _serve(root: Path, state: Path, *, package: str = "twin_demo", read_only: bool = False) -> Any:
    """``python -m PACKAGE serve --state STATE``, which is expected to refuse the file and exit at once."""
    serve = ["serve", "--port", "0", "--state", str(state)]
    command = [sys.executable, "-c", READ_ONLY_OPEN, *serve] if read_only else [sys.executable, "-m", package, *serve]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=60)


def _start_and_stop(root: Path, package: str, state: Path) -> None:
    """Make ``state`` as ``package`` does on its first start (in this process: serving is not needed)."""
    sys.path.insert(0, str(root))
    try:
        module = __import__(f"{package}.runtime.serving.app", fromlist=["load_app"])
        app = module.load_app(package)
        app.twin.keep_state(state)
        app.twin.tenants.store.close()
    finally:
        sys.path.remove(str(root))


def _refused(result: Any, state: Path, reason: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [f"--state: {state}: {reason}"]


def test_a_file_of_another_twin_is_refused(twins: Path, tmp_path: Path) -> None:
    state = tmp_path / "google.db"
    _start_and_stop(twins, "twin_other", state)
    before = state.read_bytes()
    _refused(_serve(twins, state), state, "the state of twin_other (spec 'google'), not of twin_demo (spec 'generic')")
    assert state.read_bytes() == before


def test_a_sqlite_file_that_is_not_a_twins_is_left_as_it_was(twins: Path, tmp_path: Path) -> None:
    state = tmp_path / "people.db"
    with sqlite3.connect(state) as db:
        db.execute("CREATE TABLE people (name TEXT)")
        db.execute("INSERT INTO people VALUES ('ada')")
    db.close()
    before = state.read_bytes()
    _refused(_serve(twins, state), state, "not a twin's state file (an SQLite database with tables people)")
    assert state.read_bytes() == before  # no tables added, and still in its own journal mode (not WAL)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.db"]


def test_a_file_that_is_not_sqlite_is_refused(twins: Path, tmp_path: Path) -> None:
    state = tmp_path / "notes.db"
    state.write_bytes(b"these are my notes, not a database\n" * 200)
    _refused(_serve(twins, state), state, "not a twin's state file (not an SQLite database)")
    assert state.read_bytes() == b"these are my notes, not a database\n" * 200


def test_a_damaged_file_is_refused(twins: Path, tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    _start_and_stop(twins, "twin_demo", state)
    data = bytearray(state.read_bytes())
    assert len(data) >= 4 * 4096, len(data)
    data[2 * 4096 : 4 * 4096] = os.urandom(2 * 4096)  # two pages of the twin's tables overwritten
    state.write_bytes(bytes(data))
    result = _serve(twins, state)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"--state: {state}: damaged (")


def test_a_file_of_a_newer_schema_is_refused(twins: Path, tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    _start_and_stop(twins, "twin_demo", state)
    with sqlite3.connect(state) as db:
        db.execute("UPDATE twin_meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION + 1),))
    db.close()
    reason = f"state schema {SCHEMA_VERSION + 1}, written by a newer twin; this twin reads schema {SCHEMA_VERSION}"
    _refused(_serve(twins, state), state, reason)


def test_a_read_only_file_is_refused_at_start(twins: Path, tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    _start_and_stop(twins, "twin_demo", state)
    state.chmod(0o444)
    try:
        _refused(_serve(twins, state, read_only=RUN_AS_ROOT), state, "read-only (the twin writes every change to it)")
    finally:
        state.chmod(0o644)


def test_a_good_file_still_serves(twins: Path, tmp_path: Path) -> None:
    """The refusals above are about the files: the same command serves a file of its own (until stopped)."""
    state = tmp_path / "state.db"
    _start_and_stop(twins, "twin_demo", state)
    with pytest.raises(subprocess.TimeoutExpired):
        subprocess.run(
            [sys.executable, "-m", "twin_demo", "serve", "--port", "0", "--state", str(state)],
            cwd=twins,
            capture_output=True,
            timeout=3,
        )


# -- a write the file refuses ------------------------------------------------------------------------------
@pytest.fixture
def persistent(tmp_path: Path) -> Iterator[TestClient]:
    """A generic twin kept in ``tmp_path/state.db``."""
    app = make_app("generic")
    app.twin.keep_state(tmp_path / "state.db")
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.twin.tenants.store.close()  # type: ignore[union-attr]


def _store(client: TestClient) -> SqliteStore:
    store = client.app.twin.tenants.store  # type: ignore[attr-defined]
    assert store is not None
    return store


def _fill_the_disk(store: SqliteStore, spare_pages: int = 3) -> None:
    """From now on the file may grow by ``spare_pages`` pages only: then SQLite says the disk is full."""
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages + spare_pages}")


def _make_read_only(store: SqliteStore) -> None:
    """What SQLite does with a file it may no longer write: it opens it read-only."""
    store._db.close()
    store._db = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)


def _reopened(path: Path) -> TwinApp:
    app = make_app("generic")
    app.twin.keep_state(path)
    return app


def _names(client: TestClient, auth: dict[str, str]) -> list[str]:
    answer = client.get("/widgets", headers=auth, params={"limit": 1000})
    assert answer.status_code == 200
    return [w["name"] for w in answer.json()]


def test_a_full_disk_is_a_503_and_what_is_visible_is_what_is_durable(persistent: TestClient, tmp_path: Path) -> None:
    auth = bearer(persistent)
    _fill_the_disk(_store(persistent))
    acknowledged, refused = [], []
    for i in range(60):
        answer = persistent.post("/widgets", headers=auth, json={"name": f"w{i}-" + "x" * 500})
        if answer.status_code == 201:
            acknowledged.append(answer.json()["name"])
        else:
            refused.append(answer)
    assert acknowledged and refused
    for answer in refused:  # the vendor's envelope, never a plain-text 500
        assert answer.status_code == 503
        assert answer.headers["content-type"].startswith("application/json")
        assert answer.json() == {"error": "service_unavailable", "message": "The service is temporarily unavailable"}
    assert _names(persistent, auth) == acknowledged
    with TestClient(_reopened(tmp_path / "state.db")) as again:
        assert _names(again, auth) == acknowledged
        again.app.twin.tenants.store.close()  # type: ignore[attr-defined]
    _store(persistent)._db.execute("PRAGMA max_page_count = 1073741823")  # room again: writes go through
    assert persistent.post("/widgets", headers=auth, json={"name": "later"}).status_code == 201
    assert _names(persistent, auth) == [*acknowledged, "later"]


def test_a_file_made_read_only_while_serving_is_a_503_and_memory_follows_the_file(persistent: TestClient) -> None:
    auth = bearer(persistent)
    assert persistent.post("/widgets", headers=auth, json={"name": "kept"}).status_code == 201
    _make_read_only(_store(persistent))
    answer = persistent.post("/widgets", headers=auth, json={"name": "lost"})
    assert answer.status_code == 503
    assert answer.json()["error"] == "service_unavailable"
    assert _names(persistent, auth) == ["kept"]


def test_control_plane_changes_the_file_refuses_are_undone_too(persistent: TestClient) -> None:
    auth = bearer(persistent)
    persistent.post("/widgets", headers=auth, json={"name": "kept"})
    _make_read_only(_store(persistent))
    created = persistent.post("/_twin/tenants", json={"name": "w"})
    assert created.status_code == 503 and created.json()["error"] == "unavailable"
    assert created.json()["message"].endswith("read-only (the twin writes every change to it); the change was undone")
    assert [t["id"] for t in persistent.get("/_twin/tenants").json()["tenants"]] == ["default"]
    assert persistent.post("/_twin/reset").status_code == 503
    assert _names(persistent, auth) == ["kept"]  # the reset did not happen, in the file or in memory


def test_a_record_that_cannot_be_written_is_not_kept_in_memory_either(persistent: TestClient) -> None:
    twin = persistent.app.twin  # type: ignore[attr-defined]
    widgets = twin.state.collection("widgets")
    widgets.put("ok", {"id": "ok", "name": "fine"})
    twin.tenants.commit()
    widgets.put("bad", {"id": "bad", "name": {1, 2}})  # a set: not JSON, so the file cannot take it
    with pytest.raises(StorageError) as failed:
        twin.tenants.commit()
    assert failed.value.status == 500
    assert [r["name"] for r in twin.state.collection("widgets").values()] == ["fine"]
