"""The behaviour API: ``@behaviour(op_id)``, ``@seed``, the contexts they receive, and module discovery.

Decorators only mark functions; a ``Registry`` is built by scanning modules, so importing a behaviour
module has no global side effect and two twins (or two tests) never share registrations.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any, NoReturn, Protocol, TypeVar

from .clock import ID_ALPHABET, Clock, IdFactory
from .dispatch.requests import UploadedFile
from .state.records import State
from .types import JSON, Credential, Response, VendorError

F = TypeVar("F", bound=Callable[..., Any])
Handler = Callable[["Context"], Any]
SeedFunction = Callable[["SeedContext"], None]
SocketHandler = Callable[[Any], Awaitable[None]]
"""``async def handler(conn: websocket.Connection) -> None``: serves one WebSocket connection."""
ControlHandler = Callable[["Context"], Any]
"""A twin-specific control endpoint under ``/_twin/``: returns plain JSON (a dict or list)."""
ViewHandler = Callable[[Any], Any]
"""``fn(ctx: control.ui.views.ViewContext) -> Html``: a page of the tenant's state at ``/_twin/views/NAME``."""
FederatedHandler = Callable[[State, str, dict[str, Any]], "Credential | None"]
"""``fn(state, tenant, claims) -> Credential | None``: who a trusted issuer's verified token acts as."""
AdmitsHandler = Callable[[State, str, "Credential"], None]
"""``fn(state, tenant, credential) -> None``: raises the vendor's error for a credential that no longer works."""

_MARK = "__twin_behaviour__"
_SEED_MARK = "__twin_seed__"
_SOCKET_MARK = "__twin_websocket__"
_CONTROL_MARK = "__twin_control__"
_VIEW_MARK = "__twin_view__"
_FEDERATED_MARK = "__twin_federated__"
_ADMITS_MARK = "__twin_admits__"


TENANT_PARAM = "twin_tenant"
"""Query parameter that takes a request without a credential to a tenant (see ``Context.for_tenant``)."""


class TenantCredentials(Protocol):
    """A tenant as a ``Context`` reads it (``state.tenants.Tenant``): the credentials it accepts."""

    def all_credentials(self) -> list[Credential]: ...


class Grants(Protocol):
    """Where a request's granted credentials go (``state.tenants.Tenants``), by tenant id."""

    def grant(self, tenant_id: str, credential: Credential) -> Credential: ...
    def revoke(self, tenant_id: str, credential: Credential | str) -> bool: ...
    def granted(self, tenant_id: str, token: str) -> Credential | None: ...
    def find(self, ref: str) -> TenantCredentials | None: ...


@dataclass(frozen=True)
class Binding:
    """An operation a function serves; ``method``/``path`` route operations the docs do not list;
    ``auth=False`` serves it without a credential."""

    op_id: str
    method: str | None = None
    path: str | None = None
    auth: bool = True
    lists: tuple[str, ...] = ()


def behaviour(
    op_id: str,
    *,
    method: str | None = None,
    path: str | None = None,
    auth: bool = True,
    lists: tuple[str, ...] = (),
) -> Callable[[F], F]:
    """Mark a function as the behaviour of operation ``op_id`` (stackable for several operations).

    ``method``/``path`` route an operation the docs do not list (``/upload/v1/{key}``); ``auth=False``
    answers it without a credential (a vendor's upload URL that its SDK posts to without a token); ``lists``
    names the query parameters of such an operation that may be sent several times and arrive as a list (an
    operation of the docs says so in its parameters' schemas).
    """

    return _marker(_MARK, Binding(op_id, method and method.upper(), path, auth, tuple(lists)))


def seed(fn: F) -> F:
    """Mark the twin's seed function (at most one per twin); it replaces the generic default seed."""
    setattr(fn, _SEED_MARK, True)
    return fn


def websocket(path: str) -> Callable[[F], F]:
    """Mark ``async def fn(conn: Connection)`` as the handler of WebSocket connections to ``path``.

    The handler accepts or refuses the connection itself (``websocket.Connection``); a trailing ``/`` in
    the request path is ignored when matching. Stackable for several paths.
    """

    return _marker(_SOCKET_MARK, _route_path(path))


def control(path: str, *, method: str = "POST") -> Callable[[F], F]:
    """Mark ``fn(ctx: Context)`` as a twin-specific control endpoint ``METHOD /_twin/PATH`` (plain JSON).

    For what a test needs from the twin that no vendor call can cause (Slack: an interactive payload).
    ``ctx.principal`` is None; ``ctx.tenant`` is the body's or query's ``tenant`` (default tenant if none).
    """

    return _marker(_CONTROL_MARK, (method.upper(), _route_path(path)))


@dataclass(frozen=True)
class ViewMark:
    """A view's name (its URL ``/_twin/views/NAME``), its title, and whether the console lists it (a view of
    one object, such as a channel, is reached through links instead)."""

    name: str
    title: str
    listed: bool = True


def view(name: str, *, title: str = "", listed: bool = True) -> Callable[[F], F]:
    """Mark ``fn(ctx: ViewContext) -> Html`` as a read-only page of the tenant's state in the vendor's shape.

    Served at ``GET /_twin/views/NAME?tenant=ID`` (``control/ui/views.py``), linked from ``/_twin/``.
    """

    return _marker(_VIEW_MARK, ViewMark(name.strip("/"), title or name, listed))


def federated(fn: F) -> F:
    """Mark ``fn(state, tenant, claims) -> Credential | None`` (at most one per twin): the person a token from an
    issuer the tenant trusts (``POST /_twin/trust``, ``dispatch/trust.py``) acts as, its signature, ``iss``,
    ``aud`` and ``exp`` already checked. None refuses the token as an unknown one; a ``VendorError`` it raises
    (a deactivated account) is the answer. A twin convenience: the vendors take SAML or OIDC in a browser."""
    setattr(fn, _FEDERATED_MARK, True)
    return fn


def admits(fn: F) -> F:
    """Mark ``fn(state, tenant, credential) -> None`` (at most one per twin): called after the runtime matched a
    request's credential and before anything else reads the request, it raises the vendor's error for a credential
    whose holder can no longer use it (a person the vendor's directory suspended: Google refuses every call of
    theirs alike, so the refusal cannot wait for each operation's behaviour to read the caller)."""
    setattr(fn, _ADMITS_MARK, True)
    return fn


def _marker(attr: str, item: object) -> Callable[[F], F]:
    """A decorator that adds ``item`` to the function's ``attr`` marks (so the decorators stack)."""

    def mark(fn: F) -> F:
        setattr(fn, attr, (*getattr(fn, attr, ()), item))
        return fn

    return mark


def _route_path(path: str) -> str:
    """``path`` with one leading ``/`` and no trailing one, as websocket and control routes are matched."""
    return "/" + path.strip("/")


class Context:
    """What a behaviour function receives for one request."""

    __slots__ = (
        "_clock",
        "_grants",
        "_ids",
        "base_url",
        "body",
        "content_type",
        "files",
        "headers",
        "media",
        "op",
        "params",
        "path",
        "principal",
        "raw_body",
        "state",
        "tenant",
        "upload",
    )

    def __init__(
        self,
        *,
        op: dict[str, Any],
        params: dict[str, Any],
        body: JSON,
        raw_body: bytes,
        headers: dict[str, str],
        content_type: str,
        principal: Credential | None,
        state: State,
        clock: Clock,
        ids: IdFactory,
        base_url: str,
        files: dict[str, UploadedFile] | None = None,
        media: bytes | None = None,
        upload: str | None = None,
        path: str = "",
        tenant: str = "default",
        grants: Grants | None = None,
    ) -> None:
        self.op = op
        self.params = params
        self.body = body
        self.raw_body = raw_body
        self.headers = headers
        self.content_type = content_type
        self.principal = principal
        self.state = state
        self.base_url = base_url
        self.files = files or {}
        self.media = media
        self.upload = upload
        self.path = path
        self.tenant = tenant
        self._clock = clock
        self._ids = ids
        self._grants = grants

    def now(self) -> float:
        """The twin clock, in seconds."""
        return self._clock.now()

    def grant(self, credential: Credential) -> Credential:
        """Accept ``credential`` from the next request on, as one of this request's tenant (a token an OAuth
        exchange or a rotation minted).

        It is not listed at ``/_twin/credentials``; snapshots, restores and ``serve --state`` keep it, a reset
        drops it. Granting the secret of another tenant's (or the seed's) credential raises
        ``state.tenants.CredentialTaken``: derive minted tokens from something only this tenant has. Granting a
        secret granted before replaces that credential (new principal or scopes).
        """
        return self._require_grants().grant(self.tenant, credential)

    def revoke(self, credential: Credential | str) -> bool:
        """Stop accepting a credential granted at run time (a token string: the bearer/api key token).

        Returns whether there was one. Seeded credentials are not revoked here (a reset must bring them
        back): behaviour records their revocation in its state and refuses them itself.
        """
        return self._require_grants().revoke(self.tenant, credential)

    def granted(self, token: str) -> Credential | None:
        """The credential granted at run time to this tenant with this token, or None."""
        return self._require_grants().granted(self.tenant, token)

    def credentials(self) -> list[Credential]:
        """Every credential this request's tenant accepts now: the seed's, in the order it declared them, then those
        granted at run time, oldest first. Behaviour reads who holds a token here rather than keeping a copy."""
        found = self._require_grants().find(self.tenant)
        return found.all_credentials() if found is not None else []

    @property
    def identity(self) -> Mapping[str, Any]:
        """Who is calling: the authenticated credential's ``principal`` (user id, email, team...), or ``{}``."""
        return self.principal.principal if self.principal is not None else {}

    def _require_grants(self) -> Grants:
        if self._grants is None:
            raise RuntimeError("this Context was made without a place for granted credentials (grants=)")
        return self._grants

    def new_id(self, prefix: str = "", length: int = 10, alphabet: str = ID_ALPHABET) -> str:
        """``prefix`` + ``length`` characters of ``alphabet``; a function of the request sequence with ``--seed``."""
        return self._ids.new_id(prefix, length, alphabet)

    def for_tenant(self, url: str) -> str:
        """``url`` (on this twin, for a route with ``auth=False``) made to reach this request's tenant.

        A request without a credential belongs to the default tenant unless it carries ``?twin_tenant=``;
        the default tenant's URLs are returned unchanged.
        """
        if self.tenant == "default":
            return url
        return f"{url}{'&' if '?' in url else '?'}{TENANT_PARAM}={self.tenant}"

    def error(self, code: str, status: int | None = None, message: str | None = None, **details: Any) -> NoReturn:
        raise VendorError(code, status, message, **details)


class SeedContext:
    """What a seed function receives: the fresh state and a place to declare valid credentials.

    ``tenant`` is ``"default"`` for the twin's own workspace and a tenant id (``"t1"``...) for one made
    with ``POST /_twin/tenants``: a seed derives its tokens (and ideally its team/org ids) from it so each
    tenant's credentials differ, while the default tenant's stay the same on every start.
    """

    def __init__(
        self,
        state: State,
        clock: Clock,
        ids: IdFactory,
        spec: dict[str, Any],
        *,
        tenant: str = "default",
        tenant_name: str = "default",
    ) -> None:
        self.state = state
        self.spec = spec
        self.tenant = tenant
        self.tenant_name = tenant_name
        self.credentials: list[Credential] = []
        self._clock = clock
        self._ids = ids

    def credential(self, credential: Credential) -> Credential:
        self.credentials.append(credential)
        return credential

    def now(self) -> float:
        return self._clock.now()

    def new_id(self, prefix: str = "", length: int = 10, alphabet: str = ID_ALPHABET) -> str:
        return self._ids.new_id(prefix, length, alphabet)


class Registry:
    """Behaviour functions by operation id, extra routes, and the optional seed."""

    def __init__(self) -> None:
        self.handlers: dict[str, Handler] = {}
        self.routes: dict[str, Binding] = {}
        self.public: set[str] = set()
        """Operations whose behaviour answers without a credential (``auth=False``)."""
        self.seed: SeedFunction | None = None
        self.sockets: dict[str, SocketHandler] = {}
        """WebSocket handlers by path (without a trailing ``/``): ``@websocket(path)``."""
        self.controls: dict[tuple[str, str], ControlHandler] = {}
        """Twin-specific control endpoints by (method, path below ``/_twin``): ``@control(path)``."""
        self.views: dict[str, tuple[ViewMark, ViewHandler]] = {}
        """Views by name, in the order their modules were scanned: ``@view(name)``."""
        self.federated: FederatedHandler | None = None
        """Who a trusted issuer's token acts as: ``@federated``."""
        self.admits: AdmitsHandler | None = None
        """Whether a matched credential still works: ``@admits``."""

    def add(self, binding: Binding, fn: Handler) -> None:
        _claim(self.handlers, binding.op_id, fn, "behaviours")
        if binding.path:
            self.routes[binding.op_id] = binding
        if not binding.auth:
            self.public.add(binding.op_id)

    def set_seed(self, fn: SeedFunction) -> None:
        self.seed = _only(self.seed, fn, "seeds")

    def socket_handler(self, path: str) -> SocketHandler | None:
        """The WebSocket handler of a request path (a trailing ``/`` does not matter)."""
        return self.sockets.get(_route_path(path))

    def scan(self, module: ModuleType) -> None:
        for value in vars(module).values():
            if not callable(value):
                continue
            for binding in getattr(value, _MARK, ()):
                self.add(binding, value)
            if getattr(value, _SEED_MARK, False):
                self.set_seed(value)
            if getattr(value, _FEDERATED_MARK, False):
                self.federated = _only(self.federated, value, "@federated hooks")
            if getattr(value, _ADMITS_MARK, False):
                self.admits = _only(self.admits, value, "@admits hooks")
            for path in getattr(value, _SOCKET_MARK, ()):
                _claim(self.sockets, path, value, "websocket handlers")
            for route in getattr(value, _CONTROL_MARK, ()):
                _claim(self.controls, route, value, "control endpoints")
            for mark in getattr(value, _VIEW_MARK, ()):
                existing = self.views.get(mark.name)
                if existing is not None and existing[1] is not value:
                    raise ValueError(f"two views for {mark.name!r}: {_where(existing[1])} and {_where(value)}")
                self.views[mark.name] = (mark, value)

    @classmethod
    def from_modules(cls, modules: Iterable[ModuleType]) -> Registry:
        registry = cls()
        for module in modules:
            registry.scan(module)
        return registry


def discover(package: str) -> Registry:
    """Import ``package`` and every module below it (the twin's ``behaviour`` package) and collect marks."""
    try:
        root = importlib.import_module(package)
    except ModuleNotFoundError as exc:
        if exc.name == package:
            return Registry()
        raise
    modules = [root]
    for info in pkgutil.walk_packages(getattr(root, "__path__", []), prefix=f"{package}."):
        modules.append(importlib.import_module(info.name))
    return Registry.from_modules(modules)


def is_async(fn: Callable[..., Any]) -> bool:
    return inspect.iscoroutinefunction(fn)


def _claim(table: dict[Any, Any], key: object, fn: Callable[..., Any], what: str) -> None:
    """Put ``fn`` at ``key``; a different function there already is an error naming both."""
    existing = table.get(key)
    if existing is not None and existing is not fn:
        raise ValueError(f"two {what} for {key!r}: {_where(existing)} and {_where(fn)}")
    table[key] = fn


def _only(current: Callable[..., Any] | None, fn: F, what: str) -> F:
    """``fn``, the twin's one hook of its kind; a different one already there is an error naming both."""
    if current is not None and current is not fn:
        raise ValueError(f"two {what}: {_where(current)} and {_where(fn)}")
    return fn


def _where(fn: Callable[..., Any]) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', fn)}"


__all__ = [
    "TENANT_PARAM",
    "Binding",
    "Context",
    "Registry",
    "Response",
    "SeedContext",
    "admits",
    "behaviour",
    "control",
    "discover",
    "federated",
    "seed",
    "view",
    "websocket",
]
