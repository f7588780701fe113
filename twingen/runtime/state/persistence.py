"""Durable state for ``serve --state FILE``: every change written through to SQLite, committed per request.

Besides records, the file keeps each tenant's seeded credentials and those behaviour granted at run time
(``Context.grant``, table ``grants``), so a granted token still authenticates after a restart.

Memory stays the source for reads (the same tables and copy-on-write as the in-memory twin); SQLite is
a write-through log of the current records that is read back in full on start. Changes queue up while a
request runs; at its end they are serialised into a batch (``submit``) and handed to one committer thread,
which writes every batch waiting for it in one transaction (group commit, as databases do: one fsync covers
the writes of every request that finished meanwhile). The request's answer waits for the transaction that
holds its batch; a request that wrote nothing waits for the last batch submitted before it ended, since it
may have read those changes from memory. So no answer leaves before the fsync that covers what it saw.

Durability: ``journal_mode=WAL`` with ``synchronous=FULL`` by default, so a write is synchronous with its
answer: COMMIT appends the transaction to ``FILE-wal`` and fsyncs it before the twin answers, and the
write survives ``kill -9``, an OS crash and a power cut. ``serve --state-sync normal`` skips that fsync
(SQLite does it at checkpoints): after write(2) the bytes sit in the kernel's page cache, which outlives
the process, and the next open replays every checksummed commit frame, so ``kill -9`` still loses
nothing that was acknowledged; only an OS crash may lose the last transactions. It costs ~40 us per
commit here against ~350 us for FULL.

A failed write is never half-done: the records are serialised before the transaction opens, and a transaction
SQLite refuses (a full disk, a file made read-only, an I/O error) is rolled back whole and reported as
``WriteFailed``, naming the tenants it touched so that ``Tenants`` can put their memory back as the file has it.

The file says whose it is: table ``twin_meta`` holds the twin's package, its spec's name and the layout's
``SCHEMA_VERSION``, written when the file is made and checked before anything else on every start. A file
that is not SQLite, is damaged, belongs to another twin or to something else, or cannot be written is a
``StateFileError`` (one line: what the file is and why the twin will not use it), and nothing in it changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import orjson

from ..types import Credential, Record

SCHEMA_VERSION = 1
"""The layout of the tables below; a file of another version is refused (no migrations yet)."""
PACKAGE = __name__.split(".runtime.", 1)[0]
"""The twin package this runtime was copied into (``twin_slack``); ``twingen`` for twingen's own runtime."""

_META = "twin_meta"
_TABLES = (
    f"CREATE TABLE {_META} (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE records (
    seq INTEGER PRIMARY KEY,  -- insertion order: an update keeps its row, so its place
    tenant TEXT NOT NULL,
    coll TEXT NOT NULL,
    key TEXT NOT NULL,
    data BLOB NOT NULL,
    UNIQUE (tenant, coll, key)
)""",
    """CREATE TABLE tenants (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    credentials BLOB NOT NULL
)""",
    """CREATE TABLE grants (  -- credentials behaviour granted at run time (Context.grant)
    seq INTEGER PRIMARY KEY,
    tenant TEXT NOT NULL,
    key TEXT NOT NULL,
    data BLOB NOT NULL,
    UNIQUE (tenant, key)
)""",
)
_INDEXES = (
    # reopening reads each collection's keys in insertion order from this index alone (no record pages)
    "CREATE INDEX IF NOT EXISTS records_order ON records (tenant, coll, seq, key)",
)
_SEP = "\x00"
_KEYS_JOINED = (
    "SELECT count(*), group_concat(key, char(0)) FROM "
    "(SELECT key FROM records WHERE tenant = ? AND coll = ? ORDER BY seq)"
)
_KEYS = "SELECT key FROM records WHERE tenant = ? AND coll = ? ORDER BY seq"
_RECORDS_OF = "SELECT key, data FROM records WHERE tenant = ? AND coll = ?"
_RECORDS_IN = "SELECT key, data FROM records WHERE tenant = ? AND coll = ? AND key IN ({})"
_IN_CHUNK = 500
_QUICK_CHECK_UP_TO = 64 * 1024 * 1024
"""Files up to this size get ``PRAGMA quick_check`` (every page) on open; a larger one would take seconds, so
its damage shows when a page is read: its keys and index on open, a record's page when the record is."""
_UPSERT = (
    "INSERT INTO records (tenant, coll, key, data) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (tenant, coll, key) DO UPDATE SET data = excluded.data"
)
_UPSERT_ROWS = (
    "INSERT INTO records (tenant, coll, key, data) VALUES {} "
    "ON CONFLICT (tenant, coll, key) DO UPDATE SET data = excluded.data"
)
_DELETE_ONE = "DELETE FROM records WHERE tenant = ? AND coll = ? AND key = ?"
_SAVE_TENANT = (
    "INSERT INTO tenants (id, name, credentials) VALUES (?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, credentials = excluded.credentials"
)
_SAVE_GRANT = (
    "INSERT INTO grants (tenant, key, data) VALUES (?, ?, ?) "
    "ON CONFLICT (tenant, key) DO UPDATE SET data = excluded.data"
)

_PUT, _DELETE, _CLEAR, _TENANT, _DROP, _GRANT, _REVOKE = range(7)
Op = tuple[int, str, str, str, Any]
"""(kind, tenant, collection, key, payload)"""


class TenantWriter:
    """The ``records.Writer`` of one tenant: queues its changes on the store."""

    __slots__ = ("_pending", "_tenant")

    def __init__(self, pending: list[Op], tenant: str) -> None:
        self._pending = pending
        self._tenant = tenant

    def put(self, collection: str, key: str, record: Record) -> None:
        # the record is serialised at commit, so changes made to it later in the same request are kept
        self._pending.append((_PUT, self._tenant, collection, key, record))

    def delete(self, collection: str, key: str) -> None:
        self._pending.append((_DELETE, self._tenant, collection, key, None))

    def clear(self) -> None:
        self._pending.append((_CLEAR, self._tenant, "", "", None))


class StateFileError(Exception):
    """A ``--state`` file the twin will not use; ``str()`` is one line: the file, then why."""


class WriteFailed(Exception):
    """``commit`` wrote nothing. ``disk``: SQLite refused the transaction (a full disk, a read-only file, an I/O
    error); else a record could not be serialised. ``tenants``: the tenants whose changes were dropped."""

    def __init__(self, message: str, tenants: frozenset[str], *, disk: bool) -> None:
        super().__init__(message)
        self.tenants = tenants
        self.disk = disk


Statement = tuple[str, Any, bool]
"""(sql, parameters, many): one step of a commit, its records already serialised."""


class Batch:
    """The changes of one request, serialised, waiting for the transaction that makes them durable."""

    __slots__ = ("_done", "_event", "_parked", "error", "steps", "tenants")

    def __init__(self, steps: list[Statement], tenants: frozenset[str]) -> None:
        self.steps = steps
        self.tenants = tenants
        self.error: WriteFailed | None = None
        self._done = False
        self._event: threading.Event | None = None
        self._parked: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []

    @property
    def done(self) -> bool:
        return self._done

    def wait(self) -> None:
        """Block until the batch is written or refused."""
        with _LOCK:
            if self._done:
                return
            if self._event is None:
                self._event = threading.Event()
            event = self._event
        event.wait()

    def park(self, loop: asyncio.AbstractEventLoop, future: asyncio.Future[None]) -> bool:
        """Resolve ``future`` on ``loop`` once the batch is written or refused; False when it already is."""
        with _LOCK:
            if self._done:
                return False
            self._parked.append((loop, future))
            return True

    def finish(self, error: WriteFailed | None) -> list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]]:
        """Mark the batch done; returns the parked futures, which the committer wakes once per loop per group."""
        with _LOCK:
            self.error, self._done = error, True
            parked, self._parked = self._parked, []
            event = self._event
        if event is not None:
            event.set()
        return parked


_LOCK = threading.Lock()
_SWITCH_INTERVAL = 0.001
"""Seconds a thread runs before another waiting for the GIL gets it, while a state file is written."""


def _wake(parked: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]]) -> None:
    """One ``call_soon_threadsafe`` per event loop for a whole group's waiting requests (one self-pipe write,
    not one per request)."""
    by_loop: dict[asyncio.AbstractEventLoop, list[asyncio.Future[None]]] = {}
    for loop, future in parked:
        by_loop.setdefault(loop, []).append(future)
    for loop, futures in by_loop.items():
        with contextlib.suppress(RuntimeError):  # a loop closed meanwhile has nobody left to tell
            loop.call_soon_threadsafe(_resolve_all, futures)


def _resolve_all(futures: list[asyncio.Future[None]]) -> None:
    for future in futures:
        if not future.done():
            future.set_result(None)


class SqliteStore:
    """One SQLite file holding every tenant's records and credentials.

    ``spec`` (the spec's name) and ``package`` say whose file it is: a new file is stamped with them, an
    existing one must carry the same, or opening it is a ``StateFileError``.
    """

    def __init__(self, path: str | Path, synchronous: str = "FULL", *, spec: str = "", package: str = PACKAGE) -> None:
        if synchronous.upper() not in ("NORMAL", "FULL", "EXTRA"):
            raise ValueError(f"synchronous={synchronous!r} would not keep acknowledged writes")
        self.path = Path(path)
        self.owner = {"package": package, "spec": spec, "schema": str(SCHEMA_VERSION)}
        self._pending: list[Op] = []
        self._db_lock = threading.Lock()  # one user of the connection at a time: the committer or a reader
        self._queue: list[Batch] = []
        self._wake = threading.Condition()
        self._last: Batch | None = None
        self._committer: threading.Thread | None = None
        self._closing = False
        if self.path.is_dir():
            raise StateFileError(f"{self.path}: a directory, not a file")
        try:
            # autocommit mode: transactions are opened explicitly in commit(); one thread uses it at a time
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            raise StateFileError(f"{self.path}: cannot be opened ({error})") from None
        try:
            self._open(synchronous.upper())
        except sqlite3.Error as error:
            self._db.close()
            raise StateFileError(f"{self.path}: {_why(error)}") from None
        except StateFileError:
            self._db.close()
            raise

    def _open(self, synchronous: str) -> None:
        """Check whose file it is before changing anything in it; then make sure it can be written."""
        db = self._db
        schema = db.execute("SELECT type, name FROM sqlite_master").fetchall()
        tables = {str(name) for kind, name in schema if kind == "table"}
        if schema:  # not a new (empty) file
            self._check_owner(tables)
            if self.path.stat().st_size <= _QUICK_CHECK_UP_TO:
                problems = [str(row[0]) for row in db.execute("PRAGMA quick_check")]
                if problems != ["ok"]:
                    raise StateFileError(f"{self.path}: damaged ({problems[0]})")
        mode = db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StateFileError(f"{self.path}: SQLite refused WAL mode ({mode})")
        db.execute(f"PRAGMA synchronous={synchronous}")
        if schema:  # a write that changes nothing: a read-only file fails here, at start, not at its first change
            steps: list[Statement] = [(f"UPDATE {_META} SET value = value WHERE key = 'schema'", (), False)]
        else:
            steps = [(sql, (), False) for sql in _TABLES]
            steps.append((f"INSERT INTO {_META} (key, value) VALUES (?, ?)", list(self.owner.items()), True))
        # an index added since a file was made is built once, on its first open by this twin
        steps += [(sql, (), False) for sql in _INDEXES]
        self._transaction(steps)

    def _check_owner(self, tables: set[str]) -> None:
        if _META not in tables and {"records", "tenants", "grants"} <= tables:
            raise StateFileError(f"{self.path}: written by a twin from before state files named their twin; start anew")
        if _META not in tables:
            listed = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
            holding = f"tables {listed}" if tables else "no tables"
            raise StateFileError(f"{self.path}: not a twin's state file (an SQLite database with {holding})")
        meta = {str(k): str(v) for k, v in self._db.execute(f"SELECT key, value FROM {_META}")}
        schema = meta.get("schema", "")
        if not schema.isdigit():
            raise StateFileError(f"{self.path}: damaged (no state schema version in {_META})")
        if int(schema) != SCHEMA_VERSION:
            newer = "a newer" if int(schema) > SCHEMA_VERSION else "an older"
            raise StateFileError(
                f"{self.path}: state schema {schema}, written by {newer} twin; this twin reads schema {SCHEMA_VERSION}"
            )
        theirs, ours = _whose(meta), _whose(self.owner)
        if theirs != ours:
            raise StateFileError(f"{self.path}: the state of {theirs}, not of {ours}")

    def writer(self, tenant: str) -> TenantWriter:
        return TenantWriter(self._pending, tenant)

    def save_tenant(
        self, tenant: str, name: str, credentials: list[Credential], granted: Iterable[Credential] = ()
    ) -> None:
        """Write a tenant's seeded credentials and replace its granted ones with ``granted``."""
        self._pending.append((_TENANT, tenant, name, "", [_credential_data(c) for c in credentials]))
        for credential in granted:
            self.save_grant(tenant, credential)

    def save_grant(self, tenant: str, credential: Credential) -> None:
        """Add (or replace) one credential granted at run time."""
        self._pending.append((_GRANT, tenant, "", grant_key(credential), _credential_data(credential)))

    def drop_grant(self, tenant: str, credential: Credential) -> None:
        self._pending.append((_REVOKE, tenant, "", grant_key(credential), None))

    def drop_tenant(self, tenant: str) -> None:
        self._pending.append((_DROP, tenant, "", "", None))

    @property
    def dirty(self) -> bool:
        return bool(self._pending)

    def commit(self) -> None:
        """Write every queued change; returns once the transaction that holds them is committed.

        Raises ``WriteFailed`` when nothing was written: the queue is emptied either way.
        """
        batch, own = self.submit()
        if batch is None:
            return
        batch.wait()
        if own and batch.error is not None:
            raise batch.error

    def submit(self) -> tuple[Batch | None, bool]:
        """Hand the queued changes to the committer as one batch: ``(batch, True)``. With nothing queued, the last
        batch handed over, not yet written (what a reader must wait for, whose failure is not its own):
        ``(batch, False)``; ``(None, False)`` when every batch is written.

        A record that cannot be serialised fails here, before anything is handed over (``WriteFailed``).
        """
        if not self._pending:
            last = self._last
            return (None, False) if last is None or last.done else (last, False)
        ops = list(self._pending)
        self._pending.clear()
        try:
            steps = _statements(ops)
        except (TypeError, ValueError) as error:  # orjson.JSONEncodeError is a TypeError
            raise WriteFailed(f"a record cannot be stored ({error})", _tenants_of(ops), disk=False) from error
        batch = Batch(steps, _tenants_of(ops))
        with self._wake:
            if self._committer is None:
                # the committer needs the GIL back after each SQLite call; with the default 5 ms switch interval a
                # busy event loop kept it waiting that long per call (write throughput swung 3,200-9,100 req/s);
                # at 1 ms it held 8,000-8,800 (benchmarks/bench_durable.py)
                sys.setswitchinterval(min(sys.getswitchinterval(), _SWITCH_INTERVAL))
                self._committer = threading.Thread(target=self._commit_loop, name="twin-state-commit", daemon=True)
                self._committer.start()
            self._queue.append(batch)
            self._last = batch
            self._wake.notify()
        return batch, True

    def _commit_loop(self) -> None:
        while True:
            with self._wake:
                while not self._queue and not self._closing:
                    self._wake.wait()
                if not self._queue:
                    return
                group, self._queue = self._queue, []
            with self._db_lock:
                self._write_group(group)

    def _write_group(self, group: list[Batch]) -> None:
        """One transaction for the whole group; when SQLite refuses it, each batch on its own, so one bad batch
        fails only its own request. Then every request waiting on the group is woken."""
        outcome: list[WriteFailed | None]
        try:
            self._transaction(_merged([step for batch in group for step in batch.steps]))
            outcome = [None] * len(group)
        except sqlite3.Error as error:
            if len(group) == 1:
                outcome = [WriteFailed(f"{self.path}: {_why(error)}", group[0].tenants, disk=True)]
            else:
                outcome = [self._alone(batch) for batch in group]
        parked = []
        for batch, failed in zip(group, outcome, strict=True):
            parked += batch.finish(failed)
        _wake(parked)

    def _alone(self, batch: Batch) -> WriteFailed | None:
        try:
            self._transaction(batch.steps)
        except sqlite3.Error as error:
            return WriteFailed(f"{self.path}: {_why(error)}", batch.tenants, disk=True)
        return None

    def _transaction(self, steps: list[Statement]) -> None:
        """Run ``steps`` in one transaction: all of them are committed, or none (then the error is raised)."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            for sql, parameters, many in steps:
                if many:
                    db.executemany(sql, parameters)
                else:
                    db.execute(sql, parameters)
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
            raise

    def tenants(self) -> list[tuple[str, str, list[Credential]]]:
        """(id, name, credentials) of every stored tenant, in creation order."""
        with self._reading():
            rows = self._db.execute("SELECT id, name, credentials FROM tenants ORDER BY seq").fetchall()
            return [(str(i), str(n), [_credential(d) for d in orjson.loads(c)]) for i, n, c in rows]

    def grants(self, tenant: str) -> list[Credential]:
        """The credentials granted to one tenant at run time, in grant order."""
        with self._reading():
            rows = self._db.execute("SELECT data FROM grants WHERE tenant = ? ORDER BY seq", (tenant,)).fetchall()
            return [_credential(orjson.loads(data)) for (data,) in rows]

    def collection_keys(self, tenant: str) -> dict[str, list[str]]:
        """Each collection of one tenant and its keys in insertion order: what reopening reads (no records).

        SQLite joins each collection's keys into one string (``records_order`` covers the query, in order), so
        a million keys cost one split, not a million rows through Python.
        """
        db, keys_of = self._db, {}
        with self._reading():
            names = [str(c) for (c,) in db.execute("SELECT DISTINCT coll FROM records WHERE tenant = ?", (tenant,))]
            for name in names:
                count, joined = db.execute(_KEYS_JOINED, (tenant, name)).fetchone()
                keys = str(joined).split(_SEP) if joined is not None else []
                if len(keys) != count:  # a key holding the separator: read them one by one
                    keys = [str(k) for (k,) in db.execute(_KEYS, (tenant, name))]
                keys_of[name] = keys
        return keys_of

    def fetcher(self, tenant: str, collection: str) -> Callable[[list[str] | None], dict[str, bytes]]:
        """Where a reopened table fetches its records: by key (a page at a time), or the whole collection."""

        def fetch(keys: list[str] | None) -> dict[str, bytes]:
            with self._reading():
                if keys is None:
                    rows = self._db.execute(_RECORDS_OF, (tenant, collection)).fetchall()
                else:
                    rows = []
                    for start in range(0, len(keys), _IN_CHUNK):
                        chunk = keys[start : start + _IN_CHUNK]
                        marks = ",".join("?" * len(chunk))
                        rows += self._db.execute(_RECORDS_IN.format(marks), (tenant, collection, *chunk)).fetchall()
                return {str(k): bytes(d) for k, d in rows}

        return fetch

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """What cannot be read back is a damaged file (``StateFileError``), never a traceback."""
        try:
            with self._db_lock:
                yield
        except sqlite3.Error as error:
            raise StateFileError(f"{self.path}: {_why(error)}") from None
        except (ValueError, TypeError, KeyError) as error:  # a row that is not the JSON the twin wrote
            raise StateFileError(f"{self.path}: damaged (a stored row does not parse: {error})") from None

    def close(self) -> None:
        try:
            self.commit()
        finally:
            with self._wake:
                self._closing = True
                self._wake.notify()
            if self._committer is not None:
                self._committer.join()
            self._db.close()


_ROWS_PER_INSERT = 1000
"""Rows of one multi-row upsert: 4,000 parameters, well under SQLite's 32,766."""


def _merged(steps: list[Statement]) -> list[Statement]:
    """The steps of a group with each run of upserts as multi-row INSERTs: one statement (one trip through
    SQLite, one release of the GIL) per thousand rows instead of one per row, in the same order."""
    out: list[Statement] = []
    run: list[Any] = []
    for sql, parameters, many in [*steps, ("", (), False)]:
        if sql == _UPSERT:
            run.extend(parameters)
            continue
        for start in range(0, len(run), _ROWS_PER_INSERT):
            rows = run[start : start + _ROWS_PER_INSERT]
            values = ",".join(["(?, ?, ?, ?)"] * len(rows))
            flat = [value for row in rows for value in row]
            out.append((_UPSERT_ROWS.format(values), flat, False))
        run = []
        if sql:
            out.append((sql, parameters, many))
    return out


def _statements(ops: list[Op]) -> list[Statement]:
    """The SQL of queued changes, in their order, with every record serialised (so a bad one fails here)."""
    steps: list[Statement] = []
    puts: list[tuple[str, str, str, bytes]] = []
    for kind, tenant, collection, key, payload in ops:
        if kind == _PUT:
            puts.append((tenant, collection, key, orjson.dumps(payload)))
            continue
        if puts:  # keep the order of changes: flush the run of puts before anything else
            steps.append((_UPSERT, puts, True))
            puts = []
        if kind == _DELETE:
            steps.append((_DELETE_ONE, (tenant, collection, key), False))
        elif kind == _CLEAR:
            steps.append(("DELETE FROM records WHERE tenant = ?", (tenant,), False))
        elif kind == _TENANT:
            steps.append((_SAVE_TENANT, (tenant, collection, orjson.dumps(payload)), False))
            steps.append(("DELETE FROM grants WHERE tenant = ?", (tenant,), False))  # the _GRANTs after it refill
        elif kind == _GRANT:
            steps.append((_SAVE_GRANT, (tenant, key, orjson.dumps(payload)), False))
        elif kind == _REVOKE:
            steps.append(("DELETE FROM grants WHERE tenant = ? AND key = ?", (tenant, key), False))
        elif kind == _DROP:
            steps.append(("DELETE FROM records WHERE tenant = ?", (tenant,), False))
            steps.append(("DELETE FROM grants WHERE tenant = ?", (tenant,), False))
            steps.append(("DELETE FROM tenants WHERE id = ?", (tenant,), False))
    if puts:
        steps.append((_UPSERT, puts, True))
    return steps


def _tenants_of(ops: list[Op]) -> frozenset[str]:
    return frozenset(op[1] for op in ops)


def _whose(meta: dict[str, str]) -> str:
    """How a twin is named in messages: ``twin_slack (spec 'slack')``."""
    return f"{meta.get('package') or '?'} (spec {meta.get('spec', '')!r})"


_REASONS = {
    "file is not a database": "not a twin's state file (not an SQLite database)",
    "database disk image is malformed": "damaged (database disk image is malformed)",
    "attempt to write a readonly database": "read-only (the twin writes every change to it)",
    "database is locked": "in use by another process (database is locked)",
    "database or disk is full": "the disk is full (database or disk is full)",
}


def _why(error: sqlite3.Error) -> str:
    """SQLite's complaint as what it means for the state file."""
    text = str(error)
    return _REASONS.get(text, text)


def grant_key(credential: Credential) -> str:
    """What identifies a credential: its scheme and secret (two tenants never share one)."""
    if credential.scheme == "basic":
        return f"basic\0{credential.username}\0{credential.password}"
    return f"{credential.scheme}\0{credential.token}"


def _credential_data(credential: Credential) -> dict[str, Any]:
    data = asdict(credential)
    data["principal"] = dict(credential.principal)
    return data


def _credential(data: dict[str, Any]) -> Credential:
    return Credential(**{**data, "scopes": tuple(data.get("scopes") or ())})
