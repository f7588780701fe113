"""The transcript store: immutable turns (database triggers), idempotent appends, dedup, forks, bundles."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from twingen.agent.store import BundleError, TranscriptStore, Usage, export_run, import_bundle, write_bundle


def _run(store: TranscriptStore) -> str:
    return store.new_run("tiny", "claude-sonnet-4-6", {"twin": "tiny"})


def test_turns_cannot_be_updated_or_deleted(store: TranscriptStore) -> None:
    run = _run(store)
    turn = store.append(run, "note", {"a": 1})
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.conn.execute("UPDATE turns SET kind = 'x' WHERE id = ?", (turn,))
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.conn.execute("DELETE FROM turns WHERE id = ?", (turn,))
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.conn.execute("UPDATE blobs SET data = x'00'")
    assert store.turn(turn).kind == "note"


def test_the_same_idempotency_key_gives_the_same_turn(store: TranscriptStore) -> None:
    run = _run(store)
    first = store.append(run, "model", {"n": 1}, key="call-1", usage=Usage(10, 2, cost_usd=0.5))
    again = store.append(run, "model", {"n": 1}, key="call-1", usage=Usage(10, 2, cost_usd=0.5))
    assert first == again
    assert len(store.turns(run)) == 1
    assert store.append(run, "model", {"n": 1}, key="call-2") != first


def test_payloads_are_stored_once_under_their_sha256(store: TranscriptStore) -> None:
    run = _run(store)
    a = store.append(run, "tool", {"result": "x" * 1000, "b": 1})
    b = store.append(run, "tool", {"b": 1, "result": "x" * 1000})  # same value, other key order
    assert store.turn(a).payload_sha256 == store.turn(b).payload_sha256
    rows = store.conn.execute("SELECT sha256, data FROM blobs").fetchall()
    import hashlib

    assert all(hashlib.sha256(bytes(data)).hexdigest() == sha for sha, data in rows)
    assert sum(1 for _, data in rows if b"xxxx" in bytes(data)) == 1


def test_a_fork_shares_its_history_without_copying(store: TranscriptStore) -> None:
    run = _run(store)
    t1 = store.append(run, "note", {"n": 1})
    t2 = store.append(run, "note", {"n": 2})
    store.append(run, "note", {"n": 3})
    count = store.conn.execute("SELECT count(*) FROM turns").fetchone()[0]
    fork = store.fork(t2)
    t4 = store.append(fork, "note", {"n": "4 on the fork"})
    assert [t.id for t in store.turns(fork)] == [t1, t2, t4]
    assert [store.payload(t)["n"] for t in store.turns(run)] == [1, 2, 3]  # the original is untouched
    assert store.conn.execute("SELECT count(*) FROM turns").fetchone()[0] == count + 1
    assert store.turn(t4).parent == t2 and store.run(fork).forked_from == t2


def test_a_bundle_stands_alone_and_imports_once(tmp_path: Path, store: TranscriptStore) -> None:
    run = _run(store)
    shared = store.append(run, "note", {"n": 1})
    fork = store.fork(shared)
    store.append(fork, "model", {"n": 2}, usage=Usage(5, 6, 7, 8, 0.25))
    store.finish(fork, {"stop_reason": "target reached"})
    path = write_bundle(store, fork, tmp_path / "fork.json")
    other = TranscriptStore(tmp_path / "other.sqlite")
    assert import_bundle(other, path) == fork
    assert import_bundle(other, path) == fork  # idempotent
    assert export_run(other, fork) == export_run(store, fork)
    assert other.turns(fork)[-1].usage == Usage(5, 6, 7, 8, 0.25)
    assert other.run(fork).summary == {"stop_reason": "target reached"}
    other.close()


def test_a_tampered_bundle_is_refused(tmp_path: Path, store: TranscriptStore) -> None:
    run = _run(store)
    store.append(run, "note", {"n": 1})
    path = write_bundle(store, run, tmp_path / "run.json")
    bundle = json.loads(path.read_text())
    sha = next(iter(bundle["blobs"]))
    bundle["blobs"][sha] = bundle["blobs"][sha].replace("1", "2")
    path.write_text(json.dumps(bundle))
    with pytest.raises(BundleError, match="does not match"):
        import_bundle(TranscriptStore(tmp_path / "other.sqlite"), path)
    (tmp_path / "junk.json").write_text("[]")
    with pytest.raises(BundleError):
        import_bundle(store, tmp_path / "junk.json")
