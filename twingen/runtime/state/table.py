"""An insertion-ordered table of records whose pages cost O(log n + page), whatever its size.

A plain dict keeps insertion order but can only be walked from its start, so the page at offset
900,000 of a million records would cost 900,000 steps. Here records sit in a list of positions (a
deleted record leaves a hole, so positions never move) with a Fenwick tree counting the live ones:
offset -> position is a binary descent, and a run of holes is jumped over the same way. Holes are
squeezed out once they outnumber the records, so memory stays proportional to the live records.

A table read back from a state file (``Table.loaded``) knows its keys and order but not yet its records: each
slot holds ``LAZY`` until the record is first read, then the table fetches it from the file (a page's records in
one query) and keeps the parsed record. Reopening a million records costs reading their keys, not building a
million dicts, and the memory of keys until records are used.
"""

from __future__ import annotations

from collections.abc import Callable

import orjson

from ..types import Record

LAZY: Record = {}
"""The slot of a record still in the state file (compared by identity, never handed out)."""
Fetch = Callable[[list[str] | None], dict[str, bytes]]
"""Records as stored JSON by key, for the keys given (None: every record of the collection)."""

_COMPACT_AT = 1024
"""Holes tolerated before compaction is considered (tiny tables never bother)."""
_RUN = 16
"""Consecutive holes a page walks over one by one before asking the tree for the next record."""


class Table:
    """Records by key, in insertion order; updating a record keeps its place, like a dict."""

    __slots__ = ("dead", "fetch", "keys", "pos", "slots", "tree")

    def __init__(self) -> None:
        self.pos: dict[str, int] = {}
        """Key -> position; a deleted key keeps its entry until compaction so cursors on it still resolve."""
        self.keys: list[str] = []
        self.slots: list[Record | None] = []
        self.tree: list[int] | None = None
        """Fenwick tree (1-based) over "position holds a live record"; None while no position is a hole (then
        it would be all ones, and rank = position), built at the first delete."""
        self.dead = 0
        self.fetch: Fetch | None = None
        """Where the ``LAZY`` records are (None: every record is in memory)."""

    @classmethod
    def loaded(cls, keys: list[str], fetch: Fetch) -> Table:
        """A table of ``keys`` in order whose records are fetched from the state file when first read."""
        table = cls()
        table.pos = dict(zip(keys, range(len(keys)), strict=True))
        if len(table.pos) < len(keys):  # a key stored twice cannot happen in a twin's file: refuse it
            raise ValueError("a key appears twice in one collection")
        table.keys = keys
        table.slots = [LAZY] * len(keys)
        table.fetch = fetch
        return table

    def _fill(self, positions: list[int]) -> None:
        """Fetch and parse the ``LAZY`` records at ``positions`` (one query)."""
        assert self.fetch is not None
        keys = [self.keys[at] for at in positions]
        found = self.fetch(keys if len(keys) < len(self.keys) else None)
        for at, key in zip(positions, keys, strict=True):
            raw = found.get(key)
            if raw is None:
                raise LookupError(f"record {key!r} is missing from the state file")
            self.slots[at] = orjson.loads(raw)

    def _parsed(self, at: int) -> Record | None:
        if self.slots[at] is LAZY:
            self._fill([at])
        return self.slots[at]

    def copy(self) -> Table:
        """A shallow copy (records shared): what copy-on-write pays on the first write after a snapshot."""
        other = Table.__new__(Table)
        other.pos, other.keys, other.slots = self.pos.copy(), self.keys.copy(), self.slots.copy()
        other.tree = None if self.tree is None else self.tree.copy()
        other.dead, other.fetch = self.dead, self.fetch
        return other

    def __len__(self) -> int:
        return len(self.slots) - self.dead

    def get(self, key: str) -> Record | None:
        at = self.pos.get(key)
        return None if at is None else self._parsed(at)

    def put(self, key: str, record: Record) -> None:
        at = self.pos.get(key)
        if at is not None and self.slots[at] is not None:
            self.slots[at] = record
            return
        self.pos[key] = len(self.slots)
        self.keys.append(key)
        self.slots.append(record)
        self._grow()

    def delete(self, key: str) -> bool:
        at = self.pos.get(key)
        if at is None or self.slots[at] is None:
            return False
        self.slots[at] = None
        self.dead += 1
        self._add(at, -1)
        if self.dead > _COMPACT_AT and self.dead > len(self.slots) // 2:
            self._compact()
        return True

    def set_slot(self, key: str, record: Record) -> None:
        """Replace a live key's record in place (no order change, no bookkeeping)."""
        self.slots[self.pos[key]] = record

    def items(self) -> list[tuple[str, Record]]:
        self.parse_all()
        return [(k, r) for k, r in zip(self.keys, self.slots, strict=True) if r is not None]

    def records(self) -> list[Record]:
        """The live records in order (every one parsed)."""
        self.parse_all()
        return [r for r in self.slots if r is not None]

    def parse_all(self) -> None:
        """Bring every ``LAZY`` record into memory (the whole collection in one query)."""
        if self.fetch is None:
            return
        lazy = [at for at, record in enumerate(self.slots) if record is LAZY]
        if lazy:
            self._fill(lazy)
        self.fetch = None

    def live_keys(self) -> list[str]:
        if not self.dead:
            return list(self.keys)
        return [k for k, r in zip(self.keys, self.slots, strict=True) if r is not None]

    # -- pages ------------------------------------------------------------------------------------
    def page(self, offset: int, limit: int) -> list[tuple[str, Record]]:
        """Up to ``limit`` (key, record) pairs starting at the ``offset``-th live record."""
        if offset < 0 or offset >= len(self) or limit <= 0:
            return []
        return self._walk(self._select(offset), limit, 1)

    def after(self, key: str | None, limit: int, reverse: bool = False) -> list[tuple[str, Record]]:
        """Up to ``limit`` pairs following ``key`` (None: from the first, or the last when ``reverse``).

        Raises ``KeyError`` for a key this table never held (or whose hole was compacted away).
        """
        if limit <= 0 or not len(self):
            return []
        step = -1 if reverse else 1
        if key is None:
            return self._walk(self._select(len(self) - 1 if reverse else 0), limit, step)
        return self._walk(self.pos[key] + step, limit, step)

    def _walk(self, start: int, limit: int, step: int) -> list[tuple[str, Record]]:
        keys, slots = self.keys, self.slots
        out: list[tuple[str, Record]] = []
        at, holes = start, 0
        lazy: list[tuple[int, int]] = []  # (place in out, position) of records still in the state file
        while 0 <= at < len(slots) and len(out) < limit:
            record = slots[at]
            if record is LAZY:
                lazy.append((len(out), at))
            if record is not None:
                out.append((keys[at], record))
                holes = 0
                at += step
                continue
            holes += 1
            if holes < _RUN:
                at += step
                continue
            # a long run of holes: jump to the neighbouring live record through the tree
            rank = self._rank(at)  # live records at positions < at
            if step > 0:
                if rank >= len(self):
                    break
                at = self._select(rank)
            else:
                if rank == 0:
                    break
                at = self._select(rank - 1)
            holes = 0
        if lazy:
            self._fill([position for _, position in lazy])
            for place, position in lazy:
                out[place] = (keys[position], self.slots[position])  # type: ignore[assignment]
        return out

    # -- Fenwick tree -----------------------------------------------------------------------------
    def _grow(self) -> None:
        """Add a node for a new live position at the end: the node covers (i - lowbit(i), i]."""
        tree = self.tree
        if tree is None:  # no holes: the implicit all-ones tree needs no node
            return
        i = len(tree)
        low, total, j = i - (i & -i), 1, i - 1
        while j > low:
            total += tree[j]
            j -= j & -j
        tree.append(total)

    def _add(self, position: int, delta: int) -> None:
        if self.tree is None:
            self.tree = _all_live(len(self.slots))
        tree, i = self.tree, position + 1
        while i < len(tree):
            tree[i] += delta
            i += i & -i

    def _rank(self, position: int) -> int:
        """Live records at positions before ``position``."""
        if self.tree is None:
            return position
        tree, i, total = self.tree, position, 0
        while i > 0:
            total += tree[i]
            i -= i & -i
        return total

    def _select(self, rank: int) -> int:
        """Position of the live record with 0-based ``rank`` (which must exist)."""
        if not self.dead:
            return rank
        tree = self.tree
        assert tree is not None  # there are holes, so the tree was built
        size = len(tree) - 1
        index, remaining, step = 0, rank + 1, 1 << size.bit_length()
        while step:
            nxt = index + step
            if nxt <= size and tree[nxt] < remaining:
                index = nxt
                remaining -= tree[nxt]
            step >>= 1
        return index

    def _compact(self) -> None:
        live = self.items()
        self.keys = [k for k, _ in live]
        self.slots = [r for _, r in live]
        self.pos = {k: i for i, k in enumerate(self.keys)}
        self.dead = 0
        self.tree = None  # no holes left


def _all_live(size: int) -> list[int]:
    """The Fenwick tree of ``size`` live positions: node i covers lowbit(i) of them."""
    return [0, *((i & -i) for i in range(1, size + 1))]
