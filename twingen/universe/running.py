"""A universe: its twins running, wired into one organisation per tenant, and the control plane of the whole.

Wiring a tenant (the default one at start, each new one after): every member whose kit has the ``"app"`` role
says where its SCIM API takes pushes; the identity provider makes one app for each and turns provisioning on; then
the roster's people are created in the identity provider and assigned to every app, so they reach the apps
through the vendors' own APIs (the identity provider's SCIM pushes), never through a private seed hook.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import adapters, roster, signin
from .members import HOST, Member, MemberError, ThreadMember

if TYPE_CHECKING:
    from .gateway import GatewayServer

Json = dict[str, Any]
DEFAULT = "default"


class Universe:
    """Twins by name (``members``), tenants spanning them, and snapshots of all of them at once."""

    def __init__(
        self,
        twins: Mapping[str, Path | None],
        *,
        ports: Mapping[str, int] | None = None,
        seed: int | None = None,
        with_roster: bool = True,
        threads: bool = False,
        host: str = HOST,
        one_port: int | None = None,
    ) -> None:
        ports = ports or {}
        # threads=True: every twin served from this process (ports are then free ones, on loopback)
        kind = ThreadMember if threads else Member
        # one_port (0: a free one): the twins and /_universe/ all on that port of ``host`` (``gateway``), each twin
        # under /NAME; their own ports then stay on loopback
        self.one_port, self.host = one_port, host
        inner = HOST if one_port is not None else host
        self.members = {name: kind(name, folder, ports.get(name, 0), seed, inner) for name, folder in twins.items()}
        self.gateway: GatewayServer | None = None
        self.adapters = {name: adapters.adapter_for(name) for name in twins}
        self.with_roster = with_roster
        self.tenants: dict[str, Json] = {
            DEFAULT: {"id": DEFAULT, "name": DEFAULT, "members": dict.fromkeys(twins, DEFAULT)}
        }
        self.apps: dict[str, dict[str, str]] = {}
        """Per universe tenant: the identity provider's app id of each app member."""
        self.sso: dict[str, dict[str, Json]] = {}
        """Per universe tenant: the identity provider's OpenID Connect client of each app member that trusts it."""
        self.people: dict[str, list[Json]] = {}
        self.snapshots: dict[str, Json] = {}
        self._ids = itertools.count(1)
        self._logs = tempfile.TemporaryDirectory(prefix="twin-universe-")

    # -- life -------------------------------------------------------------------------------------------
    def start(self) -> None:
        for member in self.members.values():
            member.start(Path(self._logs.name))
        try:
            with ThreadPoolExecutor(len(self.members) or 1) as pool:
                list(pool.map(lambda m: m.wait_ready(), self.members.values()))
            if self.one_port is not None:
                self._serve_on_one_port(self.one_port)
            self.wire(DEFAULT)
            if self.gateway is not None:
                self.gateway.app.wired = True
        except BaseException:
            self.stop()
            raise

    def _serve_on_one_port(self, port: int) -> None:
        """The gateway up before wiring, and every member reached through it from then on (``gateway.py``)."""
        from .gateway import Gateway, GatewayServer  # uvicorn: imported only by a universe that serves one port
        from .plane import create_plane  # plane imports this module

        direct = {name: m.direct_url for name, m in self.members.items()}
        try:
            self.gateway = GatewayServer(Gateway(direct, create_plane(self)), self.host, port)
            self.gateway.start()
        except (OSError, RuntimeError) as error:  # the port is taken, or the server did not come up
            raise MemberError(f"cannot serve the universe on {self.host}:{port}: {error}") from None
        for name, member in self.members.items():
            member.serve_under(f"{self.gateway.url}/{name}")

    def stop(self) -> None:
        if self.gateway is not None:
            self.gateway.stop()
        for member in self.members.values():
            member.stop()
        self._logs.cleanup()

    def _role(self, role: str) -> list[str]:
        return [n for n, a in self.adapters.items() if a is not None and getattr(a, "ROLE", "") == role]

    @property
    def identity(self) -> str | None:
        found = self._role("identity")
        return found[0] if found else None

    def wire(self, uid: str) -> None:
        """Provisioning from the identity provider to each app, then the roster, for universe tenant ``uid``."""
        tenant = self.tenants[uid]
        identity = self.identity
        if identity is None:
            return
        idp, idp_tenant = self.members[identity], tenant["members"][identity]
        targets = {
            name: self.adapters[name].scim_target(self.members[name], tenant["members"][name])  # type: ignore[union-attr]
            for name in self._role("app")
        }
        self.apps[uid] = self.adapters[identity].connect(idp, idp_tenant, targets)  # type: ignore[union-attr]
        self.sso[uid] = signin.wire(self, uid, identity, self._role("app"))
        assigned = [*self.apps[uid].values(), *(c["app_id"] for c in self.sso[uid].values())]
        self.people[uid] = []
        if not self.with_roster:
            return
        for person in roster.people(tenant["name"]):
            ids = {identity: self.adapters[identity].provision(idp, idp_tenant, person, assigned)}  # type: ignore[union-attr]
            for name in self._role("app"):
                found = self.adapters[name].find_person(self.members[name], tenant["members"][name], person["email"])  # type: ignore[union-attr]
                ids[name] = found
            self.people[uid].append({**person, "ids": ids})

    # -- the control plane ------------------------------------------------------------------------------
    def health(self) -> tuple[bool, Json]:
        shown: Json = {}
        for name, member in self.members.items():
            try:
                member.control("GET", "/health")
                shown[name] = {"ok": True, "base_url": member.base_url}
            except (MemberError, OSError) as error:
                shown[name] = {"ok": False, "base_url": member.base_url, "error": str(error)}
        ok = all(item["ok"] for item in shown.values())
        return ok, {"ok": ok, "twins": shown}

    def credentials(self, uid: str = DEFAULT) -> Json:
        tenant = self._tenant(uid)
        return {
            "tenant": uid,
            "twins": {
                name: {
                    "base_url": m.base_url,
                    "tenant": tenant["members"][name],
                    "credentials": list(m.credentials(tenant["members"][name]).values()),
                }
                for name, m in self.members.items()
            },
            "apps": self.apps.get(uid, {}),
            "sso": self.sso.get(uid, {}),
            "people": self.people.get(uid, []),
        }

    def _tenant(self, uid: str) -> Json:
        if uid not in self.tenants:
            raise KeyError(uid)
        return self.tenants[uid]

    def reset(self) -> None:
        """Every twin back to its seed (tenants made since start are gone), then the default tenant wired again.
        Snapshots stay (the twins keep theirs): restoring one taken before brings back what its tenants held."""
        for member in self.members.values():
            member.control("POST", "/reset")
        self.tenants = {DEFAULT: self.tenants[DEFAULT]}
        self.wire(DEFAULT)

    def snapshot(self) -> Json:
        """One snapshot per twin and tenant, taken together; restored together by ``restore``."""
        taken = {
            name: {
                t["members"][name]: str(m.control("POST", "/snapshot", {"tenant": t["members"][name]})["id"])
                for t in self.tenants.values()
            }
            for name, m in self.members.items()
        }
        sid = f"universe-{next(self._ids)}"
        people = {k: list(v) for k, v in self.people.items()}
        self.snapshots[sid] = {
            "id": sid, "twins": taken, "people": people, "apps": dict(self.apps), "sso": dict(self.sso)
        }  # fmt: skip
        return self.snapshots[sid]

    def restore(self, sid: str) -> Json:
        """Every twin's snapshots of ``sid`` restored; those of tenants gone since (a reset) are left out."""
        found = self.snapshots[sid]
        for name, taken in found["twins"].items():
            living = {t["members"][name] for t in self.tenants.values()}
            for tenant_id, snapshot_id in taken.items():
                if tenant_id in living:
                    self.members[name].control("POST", "/restore", {"id": snapshot_id})
        for uid in self.tenants:
            if uid in found["people"]:
                self.people[uid], self.apps[uid] = list(found["people"][uid]), dict(found["apps"][uid])
                self.sso[uid] = dict(found["sso"].get(uid, {}))
        return found

    def clock(self, change: Json | None = None) -> Json:
        """Read every twin's clock, or change all of them alike (``{"advance": s}`` / ``{"set": epoch}``)."""
        method = "POST" if change else "GET"
        return {name: m.control(method, "/clock", change) for name, m in self.members.items()}

    def create_tenant(self, name: str) -> Json:
        """One company in every twin: a tenant made in each, mapped, and wired as the default one is."""
        same = next((t for t in self.tenants.values() if t["name"] == name), None)
        if same is not None:
            return same
        uid = f"u{len(self.tenants)}"
        mapped = {n: str(m.control("POST", "/tenants", {"name": name})["id"]) for n, m in self.members.items()}
        self.tenants[uid] = {"id": uid, "name": name, "members": mapped}
        self.wire(uid)
        return self.tenants[uid]


@contextmanager
def start_universe(twins: Mapping[str, Path | None], **options: Any) -> Iterator[Universe]:
    universe = Universe(twins, **options)
    universe.start()
    try:
        yield universe
    finally:
        universe.stop()


def default_twins(root: Path | None = Path("generated"), only: tuple[str, ...] = ()) -> dict[str, Path | None]:
    """The generated twins under ``root`` (or those named), each ``root/NAME`` holding a ``twin_NAME`` package with
    its ``spec.json``; a named twin not there but installed (``pip install twin-NAME``) runs from its installation
    (folder ``None``). ``root`` None: installed twins only (the ``twin-universe`` package)."""
    import importlib.util

    from twingen.ir import names

    folders = sorted(p for p in root.iterdir() if p.is_dir()) if root is not None and root.is_dir() else []
    found: dict[str, Path | None] = {
        p.name: p for p in folders if (p / names.package_name(p.name) / "spec.json").is_file()
    }
    if not only:
        return found
    for name in only:
        if name not in found and importlib.util.find_spec(names.package_name(name)) is not None:
            found[name] = None
    missing = [n for n in only if n not in found]
    if missing:
        where = f"under {root} nor installed" if root is not None else "installed"
        raise MemberError(f"no twin {', '.join(missing)} {where}")
    return {n: found[n] for n in only}
