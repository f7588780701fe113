"""State behind one small interface: named collections of JSON records, with cheap snapshots.

The record rule (what behaviour code may do with records):

- ``get``/``values``/``page``/``page_after`` hand out records the caller may mutate freely
  (``scan`` is the read-only exception, for indexes);
- a change counts once the record is ``put`` back: that is what a snapshot sees and what ``--state``
  writes to disk. ``put`` takes ownership of the dict it is given (no copy is made).

Copy-on-write makes snapshots O(number of collections): a snapshot takes the collection's table as it
is and marks it shared. The first write afterwards copies the table's index (a shallow copy: keys and
pointers, never records), and a record still shared with a snapshot is copied the first time it is read,
so a behaviour that mutates what ``get`` returned can never reach into a snapshot. Without snapshots
none of this costs anything: ``get`` is two dict lookups and ``put`` stores the given dict.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from ..types import Record
from .table import Fetch, Table

Image = dict[str, Table]
"""A frozen picture of one ``State``: its tables by collection name, shared with nobody who writes."""


class Writer(Protocol):
    """Where a persistent state sends each change (``persistence.TenantWriter``)."""

    def put(self, collection: str, key: str, record: Record) -> None: ...

    def delete(self, collection: str, key: str) -> None: ...

    def clear(self) -> None: ...


class Collection(Protocol):
    """Records keyed by id, iterated in insertion order."""

    def get(self, id: str) -> Record | None: ...

    def put(self, id: str, record: Record) -> None: ...

    def delete(self, id: str) -> bool: ...

    def values(self) -> list[Record]: ...

    def page(self, offset: int, limit: int) -> list[Record]: ...

    def page_after(self, id: str | None, limit: int, reverse: bool = False) -> list[tuple[str, Record]]: ...

    def scan(self) -> list[tuple[str, Record]]: ...

    def __len__(self) -> int: ...

    def __contains__(self, id: object) -> bool: ...

    def __iter__(self) -> Iterator[str]: ...


def thaw(value: Any) -> Any:
    """A private copy of a JSON value: containers copied, scalars (immutable) shared."""
    kind = type(value)
    if kind is dict:
        out = value.copy()
        for key, item in out.items():
            if type(item) is dict or type(item) is list:
                out[key] = thaw(item)  # replacing a value while iterating is allowed: the size stays
        return out
    if kind is list:
        return [thaw(item) if type(item) is dict or type(item) is list else item for item in value]
    return value


class MemoryCollection:
    """One collection: a ``Table`` plus the copy-on-write bookkeeping and an optional disk writer.

    Weakly referenceable, so behaviour can key a derived index on the collection object
    (``weakref.WeakKeyDictionary``) without keeping a collection that a restore or reset replaced alive.
    """

    __slots__ = ("__weakref__", "_fresh", "_name", "_shared", "_table", "_writer")

    def __init__(self, name: str = "", table: Table | None = None, writer: Writer | None = None) -> None:
        self._name = name
        self._table = table if table is not None else Table()
        self._shared = table is not None
        """The table belongs to a snapshot too: copy it before writing."""
        self._fresh: dict[str, Record] | None = {} if table is not None else None
        """None while no snapshot holds any record; else the records known to be this collection's own."""
        self._writer = writer

    # -- the behaviour API ------------------------------------------------------------------------
    def get(self, id: str) -> Record | None:
        record = self._table.get(id)
        if record is None or self._fresh is None:
            return record
        return self._own(id, record)

    def put(self, id: str, record: Record) -> None:
        if self._shared:
            self._unshare()
        self._table.put(id, record)
        if self._fresh is not None:
            self._fresh[id] = record
            if len(self._fresh) >= len(self._table):
                self._settle()
        if self._writer is not None:
            self._writer.put(self._name, id, record)

    def delete(self, id: str) -> bool:
        if id not in self:
            return False
        if self._shared:
            self._unshare()
        self._table.delete(id)
        if self._fresh is not None:
            self._fresh.pop(id, None)
        if self._writer is not None:
            self._writer.delete(self._name, id)
        return True

    def values(self) -> list[Record]:
        if self._fresh is None:
            return self._table.records()
        return [self._own(k, r) for k, r in self._table.items()]

    def page(self, offset: int, limit: int) -> list[Record]:
        """Records from the ``offset``-th on, in insertion order: O(log n + limit)."""
        return [self._own(k, r) for k, r in self._table.page(offset, limit)]

    def page_after(self, id: str | None, limit: int, reverse: bool = False) -> list[tuple[str, Record]]:
        """(id, record) pairs after ``id`` in insertion order (before it when ``reverse``): O(limit).

        ``id=None`` starts at the first record (the last when ``reverse``). An id that was deleted still
        works as a cursor for a while; one the collection never held raises ``KeyError``.
        """
        return [(k, self._own(k, r)) for k, r in self._table.after(id, limit, reverse)]

    def scan(self) -> list[tuple[str, Record]]:
        """(id, record) pairs in insertion order, READ-ONLY: the records may be shared with snapshots.

        For code that only reads every record (building an index, counting): after a restore it costs
        O(n) pointer copies where ``values()`` would copy every record. Mutating a record from here
        corrupts snapshots; ``get()`` the record when it is to change.
        """
        return self._table.items()

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and self._table.get(id) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.live_keys())

    # -- snapshots --------------------------------------------------------------------------------
    def freeze(self) -> Table:
        """The table as it is now, from here on shared: later writes and reads copy instead of touching it."""
        # a snapshot outlives the rows it was read from (a restore or reset rewrites the file): bring in what
        # is still in the file first, once
        self._table.parse_all()
        self._shared = True
        # copies made by earlier reads are dropped: a change that was never put does not count
        self._fresh = {}
        return self._table

    def holds(self, table: Table) -> bool:
        """True when this collection still shows exactly ``table`` (nothing written since it was frozen)."""
        return self._shared and self._table is table

    def load(self, id: str, record: Record) -> None:
        """Add a record read back from disk: no writer, no copy-on-write (used before anyone reads)."""
        self._table.put(id, record)

    def load_lazy(self, keys: list[str], fetch: Fetch) -> None:
        """Take a whole collection read back from disk: its keys in order, each record fetched when first read."""
        self._table = Table.loaded(keys, fetch)
        self._shared, self._fresh = False, None

    def stored(self) -> list[tuple[str, Record]]:
        """(id, record) as stored, for serialising only: these records may be shared with snapshots."""
        return self._table.items()

    @property
    def writer(self) -> Writer | None:
        return self._writer

    @writer.setter
    def writer(self, writer: Writer | None) -> None:
        self._writer = writer

    def _own(self, id: str, record: Record) -> Record:
        fresh = self._fresh
        if fresh is None:
            return record
        mine = fresh.get(id)
        if mine is None:
            mine = fresh[id] = thaw(record)
        return mine

    def _unshare(self) -> None:
        self._table = self._table.copy()
        self._shared = False

    def _settle(self) -> None:
        # every live record has a private copy: put the copies in the (private) table, stop tracking
        assert self._fresh is not None and not self._shared
        for key, record in self._fresh.items():
            self._table.set_slot(key, record)
        self._fresh = None


class State:
    """One tenant's data: ``collection(name)`` creates the collection on first use."""

    def __init__(self, writer: Writer | None = None) -> None:
        self._collections: dict[str, MemoryCollection] = {}
        self._writer = writer

    def collection(self, name: str) -> Collection:
        found = self._collections.get(name)
        if found is None:
            found = self._collections[name] = MemoryCollection(name, writer=self._writer)
        return found

    def names(self) -> list[str]:
        return list(self._collections)

    def clear(self) -> None:
        self._collections.clear()
        if self._writer is not None:
            self._writer.clear()

    def snapshot(self) -> Image:
        """O(number of collections): each table is frozen, not copied."""
        return {name: found.freeze() for name, found in self._collections.items()}

    def restore(self, image: Image) -> None:
        """Show ``image`` again. An untouched collection keeps its object; a changed one gets a new object,
        so caches that behaviour modules key on the collection object (Slack's history index) rebuild."""
        kept: dict[str, MemoryCollection] = {}
        for name, table in image.items():
            current = self._collections.get(name)
            if current is not None and current.holds(table):
                current.freeze()
                kept[name] = current
            else:
                kept[name] = MemoryCollection(name, table, self._writer)
        self._collections = kept
        if self._writer is not None:
            # disk has no snapshots: the restored picture is written through, replacing the tenant's rows
            self._dump(self._writer)

    def bind(self, writer: Writer, *, write: bool = True) -> None:
        """Write every change through to ``writer`` from now on; with ``write``, send it the whole state first."""
        self._writer = writer
        for found in self._collections.values():
            found.writer = writer
        if write:
            self._dump(writer)

    def unbind(self) -> None:
        """Stop writing changes through (memory only again)."""
        self._writer = None
        for found in self._collections.values():
            found.writer = None

    def _dump(self, writer: Writer) -> None:
        writer.clear()
        for name, found in self._collections.items():
            for key, record in found.stored():
                writer.put(name, key, record)

    def load(self, name: str, id: str, record: Record) -> None:
        """Put a record read back from disk without writing it again."""
        self.collection(name)
        self._collections[name].load(id, record)

    def load_lazy(self, name: str, keys: list[str], fetch: Fetch) -> None:
        """Put a collection read back from disk (its keys in order; records fetched when first read)."""
        self.collection(name)
        self._collections[name].load_lazy(keys, fetch)
