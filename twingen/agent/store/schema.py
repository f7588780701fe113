"""The transcript store's SQLite schema, and the triggers that make turns immutable in the database itself.

Immutability is enforced by SQLite rather than by our code so that no later caller (an export importer,
a hand-run ``sqlite3`` session through the same file) can rewrite history by accident: any UPDATE or
DELETE of a turn aborts. Blobs are content-addressed, so they are never updated either.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS blobs (
    sha256 TEXT PRIMARY KEY,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    created REAL NOT NULL,
    twin TEXT NOT NULL,
    model TEXT NOT NULL,
    provenance TEXT NOT NULL REFERENCES blobs(sha256),
    forked_from TEXT REFERENCES turns(id),
    head TEXT REFERENCES turns(id),
    summary TEXT REFERENCES blobs(sha256)
);
CREATE TABLE IF NOT EXISTS turns (
    id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id),
    parent TEXT REFERENCES turns(id),
    kind TEXT NOT NULL,
    payload TEXT NOT NULL REFERENCES blobs(sha256),
    idempotency_key TEXT UNIQUE,
    created REAL NOT NULL,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    cache_read_tokens INTEGER NOT NULL DEFAULT 0,
    cache_write_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS turns_by_parent ON turns(parent);
CREATE INDEX IF NOT EXISTS turns_by_run ON turns(run_id);
CREATE TRIGGER IF NOT EXISTS turns_are_immutable BEFORE UPDATE ON turns
BEGIN SELECT RAISE(ABORT, 'turns are immutable'); END;
CREATE TRIGGER IF NOT EXISTS turns_are_never_deleted BEFORE DELETE ON turns
BEGIN SELECT RAISE(ABORT, 'turns are immutable'); END;
CREATE TRIGGER IF NOT EXISTS blobs_are_immutable BEFORE UPDATE ON blobs
BEGIN SELECT RAISE(ABORT, 'blobs are content-addressed and immutable'); END;
"""


def connect(path: str) -> sqlite3.Connection:
    """Open (and create if needed) a store database with foreign keys on."""
    conn = sqlite3.connect(path, isolation_level=None)  # autocommit; writes use explicit transactions
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(SCHEMA)
    conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    return conn
