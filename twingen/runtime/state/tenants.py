"""Tenants: isolated workspaces in one twin process, each with its own state, seed and credentials.

A request belongs to the tenant whose credential it presents (requests without one go to the default
tenant), so parallel test workers that each create a tenant share one process without seeing each
other's data. The twin's ``@seed`` runs for every tenant; it reads ``ctx.tenant`` to make its ids and
tokens distinct, and a tenant whose seed gives a credential another tenant already has is refused.

Behaviour may grant a tenant more credentials while it runs (``Context.grant``: a token an OAuth exchange
minted) and revoke them (``Context.revoke``). Granted credentials belong to the tenant of the request that
granted them, are not listed (``/_twin/credentials`` shows the seed's), go into snapshots and ``--state``,
and are gone after a reset, which brings a tenant back to its seed.

Under ``--state`` the file is the truth: when a commit fails (``StorageError``), the tenants it touched are
read back from the file, so what clients see never runs ahead of what was made durable.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..types import Credential
from .persistence import SqliteStore, StateFileError, WriteFailed, grant_key
from .records import State
from .snapshots import Snapshot, Snapshots

DEFAULT = "default"

log = logging.getLogger("twin")

Seeder = Callable[["Tenant"], list[Credential]]
"""Runs the twin's seed into ``tenant.state`` and returns the credentials it declared."""


class CredentialIndex(Protocol):
    """What checks requests against credentials (``dispatch.auth.Authenticator``), kept up to date by ``Tenants``."""

    def load(self, credentials: Iterable[Credential]) -> None: ...
    def add(self, credential: Credential) -> None: ...
    def discard(self, credential: Credential) -> None: ...


class CredentialTaken(ValueError):
    """Behaviour granted a credential that another tenant (or the tenant's seed) already has."""


class TenantError(Exception):
    """A tenant request that cannot be done; ``status`` is the HTTP status the control plane answers."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.status = status


class StorageError(TenantError):
    """A change could not be written to the ``--state`` file and was undone: 503 when the file refused it (a full
    disk, a read-only file), 500 when a record could not be serialised."""


@dataclass(eq=False)
class Tenant:
    id: str
    name: str
    state: State = field(default_factory=State)
    credentials: list[Credential] = field(default_factory=list)
    """What the seed declared."""
    granted: dict[str, Credential] = field(default_factory=dict)
    """Credentials granted at run time (``Context.grant``), by ``grant_key``, oldest first; never listed."""

    def all_credentials(self) -> list[Credential]:
        return [*self.credentials, *self.granted.values()]

    def public(self) -> dict[str, Any]:
        """What ``/_twin/tenants`` answers: the ``/_twin/credentials`` shape plus id and name."""
        return {"id": self.id, "name": self.name, "credentials": [c.public() for c in self.credentials if c.listed]}


class Tenants:
    """Every tenant of a twin, the credential -> tenant index, snapshots, and the optional disk store."""

    def __init__(self, seeder: Seeder, index: CredentialIndex) -> None:
        self._seeder = seeder
        self._index = index
        """The authenticator: holds the union of all tenants' credentials."""
        self._tenants: dict[str, Tenant] = {}
        self._owners: dict[int, Tenant] = {}
        """id(credential object) -> tenant: the authenticator answers with these very objects."""
        self._keys: dict[str, Tenant] = {}
        """grant_key(credential) -> tenant, for every tenant's seeded and granted credentials."""
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
        self._keys = {}
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

    def grant(self, tenant_id: str, credential: Credential) -> Credential:
        """Make ``credential`` valid for tenant ``tenant_id`` from the next request on (replacing a granted one
        with the same secret); ``CredentialTaken`` when another tenant or this tenant's seed has that secret."""
        tenant = self._tenants[tenant_id]
        key = grant_key(credential)
        owner = self._keys.get(key)
        if owner is not None and (owner is not tenant or key not in tenant.granted):
            whose = "its seed" if owner is tenant else f"tenant {owner.id!r}"
            raise CredentialTaken(
                f"tenant {tenant.id!r} was granted the credential {credential.name!r} that {whose} already has;"
                " behaviour must mint tokens that no other tenant can mint"
            )
        previous = tenant.granted.pop(key, None)
        if previous is not None:
            self._owners.pop(id(previous), None)
        tenant.granted[key] = credential
        self._owners[id(credential)] = tenant
        self._keys[key] = tenant
        self._index.add(credential)
        if self.store is not None:
            self.store.save_grant(tenant.id, credential)
        return credential

    def revoke(self, tenant_id: str, credential: Credential | str) -> bool:
        """Stop accepting a credential granted to the tenant (a token string means a bearer or api key token).

        False when the tenant has no such granted credential: seeded credentials stay valid until a reset
        (behaviour that revokes one records that in its state, as it would any other change).
        """
        tenant = self._tenants[tenant_id]
        keys = _token_keys(credential) if isinstance(credential, str) else (grant_key(credential),)
        found = next((tenant.granted.pop(k) for k in keys if k in tenant.granted), None)
        if found is None:
            return False
        self._owners.pop(id(found), None)
        self._keys.pop(grant_key(found), None)
        self._index.discard(found)
        if self.store is not None:
            self.store.drop_grant(tenant.id, found)
        return True

    def granted(self, tenant_id: str, token: str) -> Credential | None:
        """The credential granted to the tenant with this bearer or api key token, if any."""
        granted = self._tenants[tenant_id].granted
        return next((granted[k] for k in _token_keys(token) if k in granted), None)

    def snapshot(self, tenant: Tenant, now: float) -> Snapshot:
        return self.snapshots.add(
            tenant.id, tenant.name, tenant.credentials, tenant.state.snapshot(), now, tenant.granted.values()
        )

    def restore(self, snapshot: Snapshot) -> Tenant:
        """Bring a tenant's records and granted credentials back to ``snapshot`` (recreating the tenant if a
        reset removed it)."""
        tenant = self._tenants.get(snapshot.tenant)
        granted = {grant_key(c): c for c in snapshot.granted}
        if tenant is None:
            state = State()
            state.restore(snapshot.image)
            tenant = Tenant(snapshot.tenant, snapshot.tenant_name, state, list(snapshot.credentials), granted)
            return self._install(tenant, seeded=True)
        self._check(tenant.id, [*tenant.credentials, *granted.values()])
        tenant.state.restore(snapshot.image)
        tenant.granted = granted
        if self.store is not None:
            self.store.save_tenant(tenant.id, tenant.name, tenant.credentials, granted.values())
        self._reindex()
        self.commit()
        return tenant

    def commit(self) -> None:
        """Make every change so far durable (a no-op in memory): called before each answer is sent.

        When the file does not take them, the changes are undone in memory too (the touched tenants are read
        back from the file) and ``StorageError`` is raised.
        """
        if self.store is None:
            return
        try:
            self.store.commit()
        except WriteFailed as failed:
            self._revert(failed.tenants)
            raise StorageError(f"{failed}; the change was undone", 503 if failed.disk else 500) from failed

    async def settle(self) -> None:
        """``commit`` for a request on the event loop: its changes go to the committer as one batch, and the
        loop serves other requests while the transaction that holds it (and theirs) is written.

        A request that changed nothing still waits for the batch before it (it may have read those changes).
        """
        if self.store is None:
            return
        try:
            batch, own = self.store.submit()
        except WriteFailed as refused:
            self._revert(refused.tenants)
            raise StorageError(f"{refused}; the change was undone", 500) from refused
        if batch is None:
            return
        loop = asyncio.get_running_loop()
        written: asyncio.Future[None] = loop.create_future()
        if batch.park(loop, written):
            await written
        failed = batch.error
        if own and failed is not None:
            self._revert(failed.tenants)
            raise StorageError(f"{failed}; the change was undone", 503 if failed.disk else 500) from failed

    def attach(self, store: SqliteStore) -> None:
        """Persist to ``store``: load the tenants it holds, or, when it is new, write the seeded ones into it.

        ``StateFileError`` when the file cannot be read back or written; the twin then stays in memory.
        """
        stored = store.tenants()
        if not stored:
            for tenant in self._tenants.values():
                store.save_tenant(tenant.id, tenant.name, tenant.credentials, tenant.granted.values())
                tenant.state.bind(store.writer(tenant.id))
            try:
                store.commit()
            except WriteFailed as failed:
                for tenant in self._tenants.values():
                    tenant.state.unbind()
                raise StateFileError(str(failed)) from None
            self.store = store
            return
        if DEFAULT not in {tenant_id for tenant_id, _, _ in stored}:
            raise StateFileError(f"{store.path}: damaged (no default tenant)")
        self._tenants = {tenant_id: self._load(store, tenant_id, name, creds) for tenant_id, name, creds in stored}
        self.store = store
        self._reindex()

    def _load(self, store: SqliteStore, tenant_id: str, name: str, credentials: list[Credential]) -> Tenant:
        """A tenant as the file holds it, writing its changes through to the file from now on."""
        state = State()
        for collection, keys in store.collection_keys(tenant_id).items():
            state.load_lazy(collection, keys, store.fetcher(tenant_id, collection))
        state.bind(store.writer(tenant_id), write=False)
        granted = {grant_key(c): c for c in store.grants(tenant_id)}
        return Tenant(tenant_id, name, state, credentials, granted)

    def _revert(self, touched: frozenset[str]) -> None:
        """Put the tenants a failed write touched back as the file holds them (creating, dropping or reloading)."""
        assert self.store is not None
        try:
            stored = self.store.tenants()
            loaded = {
                tenant_id: self._load(self.store, tenant_id, name, credentials)
                for tenant_id, name, credentials in stored
                if tenant_id in touched or tenant_id not in self._tenants
            }
        except StateFileError:  # the file cannot even be read: memory stays ahead of it
            log.exception("could not read the state file back after a failed write")
            return
        tenants: dict[str, Tenant] = {}
        for tenant_id, _, _ in stored:
            tenants[tenant_id] = self._reload(tenant_id, loaded.get(tenant_id))
        for tenant_id, tenant in self._tenants.items():  # not in the file, nor in the failed write: kept
            if tenant_id not in tenants and tenant_id not in touched:
                tenants[tenant_id] = tenant
        if DEFAULT not in tenants:  # pragma: no cover - attach made sure the file has one
            return
        self._tenants = tenants
        self._reindex()

    def _reload(self, tenant_id: str, loaded: Tenant | None) -> Tenant:
        """The tenant object to keep: the one in memory, given what was read back when there is something new."""
        current = self._tenants.get(tenant_id)
        if loaded is None:
            assert current is not None
            return current
        if current is None:
            return loaded
        current.name, current.state, current.credentials = loaded.name, loaded.state, loaded.credentials
        current.granted = loaded.granted
        return current

    # -- internals --------------------------------------------------------------------------------
    def _install(self, tenant: Tenant, *, seeded: bool = False) -> Tenant:
        """Seed ``tenant`` (unless ``seeded``), check its credentials are its own, and put it in place."""
        if not seeded:
            tenant.credentials = list(self._seeder(tenant))
        self._check(tenant.id, tenant.all_credentials())
        self._tenants[tenant.id] = tenant
        if self.store is not None:
            self.store.save_tenant(tenant.id, tenant.name, tenant.credentials, tenant.granted.values())
            tenant.state.bind(self.store.writer(tenant.id))
            self.commit()
        self._reindex()
        return tenant

    def _check(self, tenant_id: str, credentials: Iterable[Credential]) -> None:
        """``TenantError`` (409) when one of ``credentials`` is another tenant's than ``tenant_id``'s."""
        for credential in credentials:
            owner = self._keys.get(grant_key(credential))
            if owner is not None and owner.id != tenant_id:
                raise TenantError(
                    f"tenant {tenant_id!r} would get the credential {credential.name!r} that tenant {owner.id!r}"
                    " already has; a seed must derive its tokens from ctx.tenant so that each tenant's differ"
                )

    def _reindex(self) -> None:
        everything = [(c, t) for t in self._tenants.values() for c in t.all_credentials()]
        self._owners = {id(c): t for c, t in everything}
        self._keys = {grant_key(c): t for c, t in everything}
        self._index.load([c for c, _ in everything])


def _token_keys(token: str) -> tuple[str, str]:
    """The ``grant_key`` of a bearer and of an api key credential with this token (what a bare token names)."""
    return grant_key(Credential("", "bearer", token)), grant_key(Credential("", "apikey", token))
