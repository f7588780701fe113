"""``TranscriptStore``: runs, turns and content-addressed payloads in one SQLite file.

A run is a pointer to its newest turn (``head``); each turn points at its parent, so reading a run walks
from the head to the root. Forking a run makes a new run whose first turn's parent is a turn of the old
one: nothing is copied. Every payload is scrubbed of secrets, written as canonical JSON, and stored once
under its SHA-256; a turn only holds that hash.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from twingen.agent.scrub import Scrubber
from twingen.agent.store.schema import connect

DEFAULT_PATH = Path(".twingen") / "runs.sqlite"


def canonical(data: Any) -> bytes:
    """The one byte form of a JSON value: what is hashed and what is stored."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class Usage:
    """Tokens and cost of one model call (zero for other turns)."""

    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    cost_usd: float = 0.0


@dataclass(frozen=True)
class Turn:
    id: str
    run_id: str
    parent: str | None
    kind: str
    payload_sha256: str
    created: float
    usage: Usage


@dataclass(frozen=True)
class RunInfo:
    id: str
    created: float
    twin: str
    model: str
    provenance: dict[str, Any]
    head: str | None
    forked_from: str | None
    summary: dict[str, Any] | None


class TranscriptStore:
    """The store. One instance per process; SQLite serialises writers between processes."""

    def __init__(self, path: Path | str = DEFAULT_PATH, scrubber: Scrubber | None = None) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn: sqlite3.Connection = connect(str(self.path))
        self.scrubber = scrubber if scrubber is not None else Scrubber()

    def close(self) -> None:
        self.conn.close()

    # -- blobs ---------------------------------------------------------------------------------------
    def put(self, data: Any) -> str:
        """Scrub, store once, return the SHA-256 of the stored bytes."""
        raw = canonical(self.scrubber.value(data))
        sha = hashlib.sha256(raw).hexdigest()
        self.conn.execute("INSERT OR IGNORE INTO blobs(sha256, data) VALUES (?, ?)", (sha, raw))
        return sha

    def get(self, sha: str) -> Any:
        row = self.conn.execute("SELECT data FROM blobs WHERE sha256 = ?", (sha,)).fetchone()
        if row is None:
            raise KeyError(f"no blob {sha}")
        return json.loads(bytes(row[0]))

    # -- runs ----------------------------------------------------------------------------------------
    def new_run(self, twin: str, model: str, provenance: dict[str, Any], forked_from: str | None = None) -> str:
        run_id = time.strftime("%Y%m%d-%H%M%S", time.gmtime()) + "-" + uuid.uuid4().hex[:6]
        self.conn.execute(
            "INSERT INTO runs(id, created, twin, model, provenance, forked_from, head) VALUES (?,?,?,?,?,?,?)",
            (run_id, time.time(), twin, model, self.put(provenance), forked_from, forked_from),
        )
        return run_id

    def fork(self, turn_id: str, model: str | None = None) -> str:
        """A new run continuing after ``turn_id`` (of any run); the turns before it are shared, not copied."""
        turn = self.turn(turn_id)
        origin = self.run(turn.run_id)
        return self.new_run(origin.twin, model or origin.model, origin.provenance, forked_from=turn_id)

    def finish(self, run_id: str, summary: dict[str, Any]) -> None:
        self.conn.execute("UPDATE runs SET summary = ? WHERE id = ?", (self.put(summary), run_id))

    def run(self, run_id: str) -> RunInfo:
        row = self.conn.execute(
            "SELECT id, created, twin, model, provenance, head, forked_from, summary FROM runs WHERE id = ?",
            (run_id,),
        ).fetchone()
        if row is None:
            raise KeyError(f"no run {run_id!r}")
        summary = self.get(row[7]) if row[7] else None
        return RunInfo(row[0], row[1], row[2], row[3], self.get(row[4]), row[5], row[6], summary)

    def runs(self) -> list[RunInfo]:
        ids = [r[0] for r in self.conn.execute("SELECT id FROM runs ORDER BY created, id")]
        return [self.run(i) for i in ids]

    # -- turns ---------------------------------------------------------------------------------------
    def append(self, run_id: str, kind: str, payload: Any, *, key: str | None = None, usage: Usage = Usage()) -> str:
        """Add a turn after the run's head; the same idempotency ``key`` twice gives the first turn back."""
        if key is not None:
            found = self.conn.execute("SELECT id FROM turns WHERE idempotency_key = ?", (key,)).fetchone()
            if found is not None:
                return str(found[0])
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            head = self.conn.execute("SELECT head FROM runs WHERE id = ?", (run_id,)).fetchone()
            if head is None:
                raise KeyError(f"no run {run_id!r}")
            turn_id = uuid.uuid4().hex
            self.conn.execute(
                "INSERT INTO turns(id, run_id, parent, kind, payload, idempotency_key, created, input_tokens,"
                " output_tokens, cache_read_tokens, cache_write_tokens, cost_usd) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (turn_id, run_id, head[0], kind, self.put(payload), key, time.time(), usage.input_tokens,
                 usage.output_tokens, usage.cache_read_tokens, usage.cache_write_tokens, usage.cost_usd),
            )  # fmt: skip
            self.conn.execute("UPDATE runs SET head = ? WHERE id = ?", (turn_id, run_id))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return turn_id

    def turn(self, turn_id: str) -> Turn:
        row = self.conn.execute(
            "SELECT id, run_id, parent, kind, payload, created, input_tokens, output_tokens, cache_read_tokens,"
            " cache_write_tokens, cost_usd FROM turns WHERE id = ?",
            (turn_id,),
        ).fetchone()
        if row is None:
            raise KeyError(f"no turn {turn_id!r}")
        return Turn(row[0], row[1], row[2], row[3], row[4], row[5], Usage(*row[6:11]))

    def turns(self, run_id: str) -> list[Turn]:
        """The run's turns from its root to its head, including those shared with the run it forked."""
        out: list[Turn] = []
        current = self.run(run_id).head
        while current is not None:
            turn = self.turn(current)
            out.append(turn)
            current = turn.parent
        out.reverse()
        return out

    def payload(self, turn: Turn) -> Any:
        return self.get(turn.payload_sha256)
