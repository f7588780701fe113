"""Export a run as one self-contained JSON bundle, and import it into another store.

A bundle holds the run row, every turn from the root to the head (including turns shared with the run
it was forked from, so the bundle stands alone) and every blob those turns and the run refer to. On
import each blob is checked against its hash, so a bundle that was edited by hand is refused.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from twingen.agent.store.transcripts import TranscriptStore

BUNDLE_FORMAT = "twingen-run-bundle/1"


class BundleError(ValueError):
    """A bundle that is not one, or whose blobs do not match their hashes."""


def export_run(store: TranscriptStore, run_id: str) -> dict[str, Any]:
    run = store.run(run_id)
    turns = store.turns(run_id)
    row = store.conn.execute("SELECT provenance, summary FROM runs WHERE id = ?", (run_id,)).fetchone()
    shas = {t.payload_sha256 for t in turns} | {s for s in row if s}
    blobs = {}
    for sha in sorted(shas):
        data = store.conn.execute("SELECT data FROM blobs WHERE sha256 = ?", (sha,)).fetchone()[0]
        blobs[sha] = bytes(data).decode("utf-8")
    return {
        "format": BUNDLE_FORMAT,
        "run": {"id": run.id, "created": run.created, "twin": run.twin, "model": run.model,
                "provenance": row[0], "summary": row[1], "forked_from": run.forked_from, "head": run.head},
        "turns": [
            {"id": t.id, "run_id": t.run_id, "parent": t.parent, "kind": t.kind, "payload": t.payload_sha256,
             "created": t.created, "usage": [t.usage.input_tokens, t.usage.output_tokens,
                                             t.usage.cache_read_tokens, t.usage.cache_write_tokens, t.usage.cost_usd]}
            for t in turns
        ],
        "blobs": blobs,
    }  # fmt: skip


def write_bundle(store: TranscriptStore, run_id: str, path: Path) -> Path:
    path.write_text(json.dumps(export_run(store, run_id), indent=1, sort_keys=True), encoding="utf-8")
    return path


def import_bundle(store: TranscriptStore, path: Path) -> str:
    """Load a bundle; returns the run id. Importing the same bundle twice changes nothing."""
    try:
        bundle = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BundleError(f"{path}: not a readable bundle: {exc}") from exc
    if not isinstance(bundle, dict) or bundle.get("format") != BUNDLE_FORMAT:
        raise BundleError(f"{path}: not a {BUNDLE_FORMAT} bundle")
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        for sha, text in bundle["blobs"].items():
            raw = text.encode("utf-8")
            if hashlib.sha256(raw).hexdigest() != sha:
                raise BundleError(f"{path}: blob {sha[:12]} does not match its hash")
            conn.execute("INSERT OR IGNORE INTO blobs(sha256, data) VALUES (?, ?)", (sha, raw))
        run = bundle["run"]
        # the run row first (turns refer to it); head is set once its turn exists
        conn.execute(
            "INSERT OR IGNORE INTO runs(id, created, twin, model, provenance, forked_from, head, summary)"
            " VALUES (?,?,?,?,?,NULL,NULL,?)",
            (run["id"], run["created"], run["twin"], run["model"], run["provenance"], run["summary"]),
        )
        for turn in bundle["turns"]:
            conn.execute("INSERT OR IGNORE INTO runs(id, created, twin, model, provenance) VALUES (?,?,?,?,?)",
                         (turn["run_id"], run["created"], run["twin"], run["model"], run["provenance"]))  # fmt: skip
            conn.execute(
                "INSERT OR IGNORE INTO turns(id, run_id, parent, kind, payload, created, input_tokens,"
                " output_tokens, cache_read_tokens, cache_write_tokens, cost_usd) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    turn["id"],
                    turn["run_id"],
                    turn["parent"],
                    turn["kind"],
                    turn["payload"],
                    turn["created"],
                    *turn["usage"],
                ),
            )
        conn.execute("UPDATE runs SET head = ?, forked_from = ? WHERE id = ?",
                     (run["head"], run["forked_from"], run["id"]))  # fmt: skip
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return str(run["id"])
