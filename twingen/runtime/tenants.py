"""Tenants: isolated workspaces in one twin process, each with its own state, seed and credentials.

A request belongs to the tenant whose credential it presents (requests without one go to the default
tenant), so parallel test workers that each create a tenant share one process without seeing each
other's data. The twin's ``@seed`` runs for every tenant; it reads ``ctx.tenant`` to make its ids and
tokens distinct, and a tenant whose seed gives a credential another tenant already has is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .persistence import SqliteStore
from .snapshots import Snapshot, Snapshots
from .state import State
from .types import Credential

DEFAULT = "default"

Seeder = Callable[["Tenant"], list[Credential]]
"""Runs the twin's seed into ``tenant.state`` and returns the credentials it declared."""


class TenantError(Exception):
    """A tenant request that cannot be done; ``status`` is the HTTP status the control plane answers."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.status = status


@dataclass(eq=False)
class Tenant:
    id: str
    name: str
    state: State = field(default_factory=State)
    credentials: list[Credential] = field(default_factory=list)

    def public(self) -> dict[str, Any]:
        """What ``/_twin/tenants`` answers: the ``/_twin/credentials`` shape plus id and name."""
        return {"id": self.id, "name": self.name, "credentials": [c.public() for c in self.credentials if c.listed]}


class Tenants:
    """Every tenant of a twin, the credential -> tenant index, snapshots, and the optional disk store."""

    def __init__(self, seeder: Seeder, publish: Callable[[list[Credential]], None]) -> None:
        self._seeder = seeder
        self._publish = publish
        """Hands the union of all tenants' credentials to the authenticator."""
        self._tenants: dict[str, Tenant] = {}
        self._owners: dict[int, Tenant] = {}
        """id(credential object) -> tenant: the authenticator answers with these very objects."""
        self._counter = 0
        self.snapshots = Snapshots()
        self.store: SqliteStore | None = None

    # -- lookup -----------------------------------------------------------------------------------
    @property
    def default(self) -> Tenant:
        return self._tenants[DEFAULT]

    def all(self) -> list[Tenant]:
        return list(self._tenants.values())

    def find(self, ref: str) -> Tenant | None:
        """A tenant by id, or else by name."""
        found = self._tenants.get(ref)
        return found or next((t for t in self._tenants.values() if t.name == ref), None)

    def of(self, credential: Credential | None) -> Tenant:
        """The tenant a request with this (already authenticated) credential belongs to."""
        if credential is None:
            return self._tenants[DEFAULT]
        return self._owners.get(id(credential)) or self._tenants[DEFAULT]

    # -- changes ----------------------------------------------------------------------------------
    def reset(self) -> None:
        """The whole twin back to its seed: tenants created since are removed, the default one re-seeded."""
        if self.store is not None:
            for tenant in self._tenants.values():
                if tenant.id != DEFAULT:
                    self.store.drop_tenant(tenant.id)
        self._tenants = {}
        self._counter = 0
        self._install(Tenant(DEFAULT, DEFAULT))

    def create(self, name: str | None = None) -> tuple[Tenant, bool]:
        """A new seeded tenant, or the existing one of that name: ``(tenant, created)``."""
        if name:
            existing = self.find(name)
            if existing is not None:
                return existing, False
        self._counter += 1
        while f"t{self._counter}" in self._tenants:  # ids loaded from disk
            self._counter += 1
        tenant_id = f"t{self._counter}"
        return self._install(Tenant(tenant_id, name or tenant_id)), True

    def reset_tenant(self, tenant: Tenant) -> None:
        """One tenant back to its seed, keeping its id and name (so its credentials come back the same)."""
        self._install(Tenant(tenant.id, tenant.name))

    def snapshot(self, tenant: Tenant, now: float) -> Snapshot:
        return self.snapshots.add(tenant.id, tenant.name, tenant.credentials, tenant.state.snapshot(), now)

    def restore(self, snapshot: Snapshot) -> Tenant:
        """Bring a tenant's records back to ``snapshot`` (recreating the tenant if a reset removed it)."""
        tenant = self._tenants.get(snapshot.tenant)
        if tenant is None:
            state = State()
            state.restore(snapshot.image)
            tenant = Tenant(snapshot.tenant, snapshot.tenant_name, state, list(snapshot.credentials))
            return self._install(tenant, seeded=True)
        tenant.state.restore(snapshot.image)
        self.commit()
        return tenant

    def commit(self) -> None:
        """Make every change so far durable (a no-op in memory): called before each answer is sent."""
        if self.store is not None:
            self.store.commit()

    def attach(self, store: SqliteStore) -> None:
        """Persist to ``store``: load the tenants it holds, or, when it is new, write the seeded ones into it."""
        stored = store.tenants()
        self.store = store
        if not stored:
            for tenant in self._tenants.values():
                store.save_tenant(tenant.id, tenant.name, tenant.credentials)
                tenant.state.bind(store.writer(tenant.id))
            self.commit()
            return
        self._tenants = {}
        for tenant_id, name, credentials in stored:
            state = State()
            for collection, key, record in store.records(tenant_id):
                state.load(collection, key, record)
            state.bind(store.writer(tenant_id), write=False)
            self._tenants[tenant_id] = Tenant(tenant_id, name, state, credentials)
        if DEFAULT not in self._tenants:  # pragma: no cover - only a hand-edited file lacks it
            raise TenantError(f"{store.path}: no default tenant", 500)
        self._reindex()

    # -- internals --------------------------------------------------------------------------------
    def _install(self, tenant: Tenant, *, seeded: bool = False) -> Tenant:
        """Seed ``tenant`` (unless ``seeded``), check its credentials are its own, and put it in place."""
        if not seeded:
            tenant.credentials = list(self._seeder(tenant))
        clash = self._clash(tenant)
        if clash is not None:
            raise TenantError(
                f"the seed gave tenant {tenant.id!r} the credential {clash[0]!r} that tenant {clash[1]!r} already"
                " has; a seed must derive its tokens from ctx.tenant so that each tenant's differ"
            )
        self._tenants[tenant.id] = tenant
        if self.store is not None:
            self.store.save_tenant(tenant.id, tenant.name, tenant.credentials)
            tenant.state.bind(self.store.writer(tenant.id))
            self.commit()
        self._reindex()
        return tenant

    def _clash(self, tenant: Tenant) -> tuple[str, str] | None:
        taken = {_key(c): t.id for t in self._tenants.values() if t.id != tenant.id for c in t.credentials}
        for credential in tenant.credentials:
            owner = taken.get(_key(credential))
            if owner is not None:
                return credential.name, owner
        return None

    def _reindex(self) -> None:
        self._owners = {id(c): t for t in self._tenants.values() for c in t.credentials}
        self._publish([c for t in self._tenants.values() for c in t.credentials])


def _key(credential: Credential) -> tuple[str, str, str]:
    if credential.scheme == "basic":
        return "basic", credential.username, credential.password
    return credential.scheme, credential.token, ""
