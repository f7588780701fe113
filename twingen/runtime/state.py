"""State behind one small interface: named collections of JSON records, in memory by default.

Persistence (SQLite) and copy-on-write snapshots come later; they only need another ``Collection``
implementation and a ``State`` that hands it out, so nothing outside this module knows about dicts.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Protocol

from .types import Record


class Collection(Protocol):
    """Records keyed by id, iterated in insertion order."""

    def get(self, id: str) -> Record | None: ...

    def put(self, id: str, record: Record) -> None: ...

    def delete(self, id: str) -> bool: ...

    def values(self) -> list[Record]: ...

    def page(self, offset: int, limit: int) -> list[Record]: ...

    def __len__(self) -> int: ...

    def __contains__(self, id: object) -> bool: ...

    def __iter__(self) -> Iterator[str]: ...


class MemoryCollection:
    """A dict keeps insertion order, and an update keeps an object's place, like a vendor's list order."""

    __slots__ = ("_records",)

    def __init__(self) -> None:
        self._records: dict[str, Record] = {}

    def get(self, id: str) -> Record | None:
        return self._records.get(id)

    def put(self, id: str, record: Record) -> None:
        self._records[id] = record

    def delete(self, id: str) -> bool:
        return self._records.pop(id, None) is not None

    def values(self) -> list[Record]:
        return list(self._records.values())

    def page(self, offset: int, limit: int) -> list[Record]:
        return list(islice(self._records.values(), offset, offset + limit))

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, id: object) -> bool:
        return id in self._records

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._records))


class State:
    """One tenant's data: ``collection(name)`` creates the collection on first use."""

    def __init__(self) -> None:
        self._collections: dict[str, MemoryCollection] = {}

    def collection(self, name: str) -> Collection:
        found = self._collections.get(name)
        if found is None:
            found = self._collections[name] = MemoryCollection()
        return found

    def names(self) -> list[str]:
        return list(self._collections)

    def clear(self) -> None:
        self._collections.clear()
