"""Reopening a state file reads keys, not records: each record is fetched from the file when first read, and
snapshots, resets and restores on reopened state show the same records as on state built live."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from twingen.runtime.state.persistence import SqliteStore
from twingen.runtime.state.table import LAZY

from .conftest import make_app


def _open(path: Path) -> TestClient:
    app = make_app("generic")
    app.twin.tenants.attach(SqliteStore(path))
    return TestClient(app, raise_server_exceptions=False)


def _auth(client: TestClient) -> dict[str, str]:
    token = next(c["token"] for c in client.get("/_twin/credentials").json()["credentials"] if c["scheme"] == "bearer")
    return {"Authorization": f"Bearer {token}"}


def _widgets(client: TestClient, auth: dict[str, str]) -> list[dict[str, Any]]:
    return client.get("/widgets", headers=auth, params={"limit": 1000}).json()  # type: ignore[no-any-return]


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    path = tmp_path / "state.db"
    with _open(path) as first:
        auth = _auth(first)
        for n in range(300):
            first.post("/widgets", headers=auth, json={"name": f"w{n:03d}", "size": n})
        first.delete("/widgets/" + _widgets(first, auth)[5]["id"], headers=auth)
        live = _widgets(first, auth)
        first.app.twin.tenants.store.close()  # type: ignore[attr-defined]
    return path, live


def _table(client: TestClient) -> Any:
    return client.app.twin.state.collection("widgets")._table  # type: ignore[attr-defined]


def test_records_stay_in_the_file_until_read_then_read_as_written(filled: tuple[Path, list[dict[str, Any]]]) -> None:
    path, live = filled
    with _open(path) as again:
        table = _table(again)
        assert len(table.slots) == 299 and all(slot is LAZY for slot in table.slots)
        auth = _auth(again)
        one = again.app.twin.state.collection("widgets").get(live[7]["id"])  # type: ignore[attr-defined]
        assert one == live[7]
        assert sum(slot is not LAZY for slot in table.slots) == 1  # only what was read came in
        assert _widgets(again, auth) == live
        again.app.twin.tenants.store.close()  # type: ignore[attr-defined]


def test_snapshot_reset_and_restore_on_reopened_state(filled: tuple[Path, list[dict[str, Any]]]) -> None:
    path, live = filled
    with _open(path) as again:
        auth = _auth(again)
        snap = again.post("/_twin/snapshot").json()["id"]
        again.post("/widgets", headers=auth, json={"name": "later"})
        again.post("/_twin/reset")  # rewrites the file: the snapshot must not lean on its old rows
        assert _widgets(again, auth) == []
        again.post("/_twin/restore", json={"id": snap})
        assert _widgets(again, auth) == live
        again.app.twin.tenants.store.close()  # type: ignore[attr-defined]
    with _open(path) as third:
        assert _widgets(third, _auth(third)) == live
        third.app.twin.tenants.store.close()  # type: ignore[attr-defined]


def test_writes_after_reopening_keep_the_order(filled: tuple[Path, list[dict[str, Any]]]) -> None:
    path, live = filled
    with _open(path) as again:
        auth = _auth(again)
        again.delete("/widgets/" + live[0]["id"], headers=auth)
        made = again.post("/widgets", headers=auth, json={"name": "new"}).json()
        assert [w["id"] for w in _widgets(again, auth)] == [w["id"] for w in live[1:]] + [made["id"]]
        again.app.twin.tenants.store.close()  # type: ignore[attr-defined]
