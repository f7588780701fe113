"""Named pictures of one tenant's state, taken in O(number of collections) and restorable any number of times.

A snapshot keeps the tenant's frozen tables (``State.snapshot``) together with who the tenant was (id,
name, credentials), so it can bring back a tenant that a global reset removed, and the credentials granted
at run time (``Context.grant``): a restore makes exactly those valid again, in step with the records.
Snapshots live in memory only, also under ``--state``: restoring one writes the restored records (and
granted credentials) through to disk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..types import Credential
from .records import Image


@dataclass(frozen=True, eq=False)
class Snapshot:
    id: str
    tenant: str
    tenant_name: str
    credentials: tuple[Credential, ...]
    image: Image
    taken: float
    """Twin clock time when it was taken."""
    granted: tuple[Credential, ...] = ()
    """The credentials granted at run time that were valid when it was taken."""

    def public(self) -> dict[str, object]:
        return {
            "id": self.id,
            "tenant": self.tenant,
            "collections": len(self.image),
            "records": sum(len(t) for t in self.image.values()),
            "taken": self.taken,
        }


class Snapshots:
    """Snapshots by id; ids are never reused within a process, so a stale id cannot restore the wrong one."""

    def __init__(self) -> None:
        self._items: dict[str, Snapshot] = {}
        self._counter = 0

    def add(
        self,
        tenant: str,
        tenant_name: str,
        credentials: list[Credential],
        image: Image,
        now: float,
        granted: Iterable[Credential] = (),
    ) -> Snapshot:
        self._counter += 1
        snapshot = Snapshot(
            f"snap-{self._counter}", tenant, tenant_name, tuple(credentials), image, now, tuple(granted)
        )
        self._items[snapshot.id] = snapshot
        return snapshot

    def get(self, snapshot_id: str) -> Snapshot | None:
        return self._items.get(snapshot_id)

    def drop(self, snapshot_id: str) -> bool:
        """Forget a snapshot, releasing the records only it still holds."""
        return self._items.pop(snapshot_id, None) is not None

    def all(self) -> list[Snapshot]:
        return list(self._items.values())
