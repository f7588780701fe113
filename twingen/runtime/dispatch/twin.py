"""One running twin: spec, routes, credentials, state, and the dispatch of a request to its handler.

Per request: route > fault rules (``/_twin/faults``) > body and parameters > rate-limit model (when on)
> auth > validation > behaviour function, inferred CRUD (confident resource) or stub. Google's resumable
uploads hook in at three of those points (``uploads.py``); every other request passes them by.

Under ``--state`` the request's changes are committed before its answer is sent; when the file does not take
them they are undone and the answer is the vendor's 503 (``profile.unavailable()``) instead.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from ..behaviour import TENANT_PARAM, Context, Handler, Registry, SeedContext, is_async
from ..clock import Clock, IdFactory
from ..control.faults import Faults, Wire
from ..control.ratelimits import RateLimits
from ..control.requestlog import RequestLog
from ..spec import Op, Spec, success_status
from ..state.persistence import SqliteStore
from ..state.records import State
from ..state.tenants import StorageError, Tenant, Tenants
from ..types import Credential, Response, VendorError
from ..vendors import profile_for
from ..vendors.base import ErrorWithHeaders
from . import trust
from .auth import Authenticator
from .crud import Crud
from .requests import MAX_DEPTH, BodyError, Incoming, Scope, TooDeep, overridden, parse_body
from .routes import build_router, extra_operations
from .routing import Match
from .seeding import default_seed
from .stubs import StubBuilder
from .uploads import Uploads
from .validation import Validator

log = logging.getLogger("twin")

Reply = tuple[int, bytes, dict[str, str], str]
"""(status, body, extra headers, media type)"""


@dataclass(slots=True)
class Endpoint:
    op: Op
    source: str
    validator: Validator | None  # None: behaviour checks its own arguments (``profile.behaviour_validates``)
    schemes: frozenset[str]
    public: bool = False  # served without a credential (``@behaviour(..., auth=False)``)
    handler: Handler | None = None
    awaitable: bool = False
    resource: tuple[dict[str, Any], str] | None = None
    lists: frozenset[str] = frozenset()
    """Query parameters the operation declares as arrays: sent several times, they arrive as a list."""


class Outcome:
    """One request's answer and what the ASGI layer and the request log need to know about it."""

    __slots__ = ("fault", "headers", "op_id", "reply", "tenant", "wire")

    def __init__(self) -> None:
        self.reply: Reply = (500, b"", {}, "text/plain")
        self.op_id = ""
        self.tenant = ""
        self.fault = ""
        self.wire: Wire | None = None
        self.headers: dict[str, str] | None = None


class Twin:
    def __init__(
        self,
        spec: Spec,
        registry: Registry | None = None,
        *,
        seed: int | None = None,
        rate_limits: bool = False,
        clock_step: float = 1.0,
    ) -> None:
        self.spec = spec
        self.registry = registry or Registry()
        self.ids = IdFactory(seed)
        self.profile = profile_for(spec.vendor, self.ids)
        # a seeded twin's clock moves per request, so timestamps are as repeatable as ids
        self.clock = Clock(step=clock_step if seed is not None else None)
        self.faults = Faults(seed)
        self.limits = RateLimits(self.profile, enabled=rate_limits)
        self.requests = RequestLog(failed=self.profile.answer_failed)
        self.tls_ca: str | None = None
        """The CA file when the server speaks TLS (``GET /_twin/tls/ca.pem`` serves it)."""
        self.stubs = StubBuilder(spec, self.profile)
        self.crud = Crud(spec, self.profile, self.stubs, self.ids)
        self.auth = Authenticator(spec.auth_schemes.values(), self.profile)
        self.uploads = Uploads(self.ids, self.profile)
        self.extra_ops = extra_operations(spec, self.registry, self.profile)
        self.router = build_router(spec, self.profile, self.extra_ops)
        self.tenants = Tenants(self._seed_tenant, self.auth)
        self._endpoints: dict[str, Endpoint] = {}
        self.reset()

    # -- lifecycle --------------------------------------------------------------------------------
    def reset(self) -> None:
        """Back to the seed: fresh state, id sequence restarted, the seed's credentials; tenants removed."""
        self.ids.reset()
        self.clock.reset()
        self.limits.reset()
        self.uploads.clear()
        self.tenants.reset()

    def keep_state(self, path: str | Path, synchronous: str = "FULL") -> None:
        """Keep state in the SQLite file ``path`` (``serve --state``): what it holds replaces the seed, a new file
        gets the seed. ``persistence.StateFileError`` (one line) when the file is not this twin's or unusable."""
        self.tenants.attach(SqliteStore(path, synchronous, spec=self.spec.name))

    def _seed_tenant(self, tenant: Tenant) -> list[Credential]:
        """Run the twin's seed (or the generic one) into a tenant's fresh state; returns its credentials."""
        context = SeedContext(
            tenant.state, self.clock, self.ids, dict(self.spec.data), tenant=tenant.id, tenant_name=tenant.name
        )
        (self.registry.seed or default_seed(self.spec, self.profile))(context)
        return context.credentials

    @property
    def state(self) -> State:
        """The default tenant's state (each tenant has its own: ``tenants.of(credential).state``)."""
        return self.tenants.default.state

    @property
    def credentials(self) -> list[Credential]:
        """The default tenant's listed credentials (``GET /_twin/credentials``; ``listed=False`` ones are left out)."""
        return [c for c in self.tenants.default.credentials if c.listed]

    def operation(self, op_id: str) -> Op | None:
        return self.spec.operations.get(op_id) or self.extra_ops.get(op_id)

    def source_of(self, op_id: str) -> str:
        if op_id in self.registry.handlers:
            return "behaviour"
        return "inferred" if self.crud.serves(op_id) else "stub"

    # -- requests ---------------------------------------------------------------------------------
    async def handle(self, incoming: Incoming, scope: Scope) -> Reply:
        """The answer to one vendor request (faults that act on the connection are left to the caller)."""
        return (await self.answer(incoming, scope)).reply

    async def answer(self, incoming: Incoming, scope: Scope) -> Outcome:
        outcome = Outcome()
        if self.clock.step is not None:
            self.clock.tick()
        try:
            outcome.reply = await self._handle(incoming, scope, outcome)
        except VendorError as error:
            outcome.reply = self.render_error(error)
        except Exception:
            # the vendor's internal error, never a traceback: the traceback goes to the log
            log.exception("behaviour failed for %s %s", incoming.method, incoming.path)
            outcome.reply = self.render_error(self.profile.internal())
        try:
            await self.tenants.settle()  # on disk (with --state) before the answer goes out
        except StorageError as error:  # nothing of this request was kept, in the file or in memory
            log.error("%s %s: %s", incoming.method, incoming.path, error)
            outcome.reply = self.render_error(
                self.profile.unavailable() if error.status == 503 else self.profile.internal()
            )
        if outcome.headers:  # rate-limit headers that go on every answer (Okta)
            status, body, headers, media_type = outcome.reply
            outcome.reply = status, body, {**outcome.headers, **headers}, media_type
        return outcome

    async def _handle(self, incoming: Incoming, scope: Scope, outcome: Outcome) -> Reply:
        if self.profile.method_override and incoming.method == "POST":
            overridden(incoming)
        match, upload = self.uploads.route(incoming, self.router)  # a resumed upload's PUT: its session's operation
        if match is None:
            raise self._route_error(incoming)
        outcome.op_id = match.op_id
        endpoint = self.endpoint(match.op_id)
        if self.faults.rules:
            held = await self._fault(match.op_id, outcome)
            if held is not None:
                return held
        try:
            await parse_body(incoming)
        except TooDeep as error:
            raise self.profile.too_deep(error.name, MAX_DEPTH, endpoint.op) from None
        except BodyError:
            raise self.profile.invalid_body() from None
        upload.resume(incoming)
        params = self._params(incoming, match, endpoint)
        principal, tenant = self._authenticate(endpoint, incoming, params, outcome)
        outcome.tenant = tenant.id
        if principal is not None and self.registry.admits is not None:
            self.registry.admits(tenant.state, tenant.id, principal)
        self.profile.authorize(endpoint.op, principal)
        if endpoint.validator is not None:
            problems = endpoint.validator.check(params, incoming.headers, incoming.files)
            if problems:
                raise self.profile.validation(problems, endpoint.op)
        opened = upload.open(incoming, scope, tenant)
        if opened is not None:
            return opened
        reply = await self._call(endpoint, match, incoming, scope, params, principal, tenant)
        upload.close(reply)
        return reply

    async def _fault(self, op_id: str, outcome: Outcome) -> Reply | None:
        """Apply the fault rule that fires for this call, if any; the answer when the call goes no further."""
        rule = self.faults.pick(op_id)
        if rule is None:
            return None
        outcome.fault = rule.label()
        outcome.wire = await self.faults.apply(rule, self.profile)
        if outcome.wire is not None and outcome.wire.kind != "truncate":
            # held or dropped before dispatch: the call never reached the "service", state is untouched
            return self.render_error(self.profile.fault("timeout", 504, "twin fault: no answer"))
        return None

    def _authenticate(
        self, endpoint: Endpoint, incoming: Incoming, params: dict[str, Any], outcome: Outcome
    ) -> tuple[Credential | None, Tenant]:
        """Count the call (when rate limits are on), check its credential, and find its tenant."""
        # Slack reads no token from a JSON body (nor beside one): a JSON post carries a bearer header
        arguments = not incoming.content_type.startswith("application/json")
        if self.limits.enabled:
            self._count(incoming, params, outcome, arguments=arguments)
        try:
            principal = self.auth.check(endpoint.schemes, incoming.headers, params, arguments=arguments)
        except VendorError:
            federated = self._federated(endpoint.schemes, incoming.headers)
            if federated is None:
                raise
            return federated
        if principal is None and endpoint.schemes == frozenset():
            federated = self._federated(endpoint.schemes, incoming.headers)
            if federated is not None:
                return federated
        tenant = self.tenants.of(principal)
        if endpoint.public and principal is None and TENANT_PARAM in incoming.query:
            tenant = self.tenants.find(incoming.query[TENANT_PARAM]) or tenant
        return principal, tenant

    def _federated(self, schemes: frozenset[str], headers: dict[str, str]) -> tuple[Credential, Tenant] | None:
        """The person a bearer token from an issuer some tenant trusts acts as (``dispatch/trust.py``), and that
        tenant; None when the twin has no ``@federated`` hook, or the token is no such token."""
        hook = self.registry.federated
        kind, _, token = (headers.get("authorization") or "").strip().partition(" ")
        if hook is None or kind.lower() != "bearer" or (schemes and "bearer" not in schemes):
            return None
        token = token.strip()
        verified = trust.verify(token, self.tenants.all(), self.clock.now())
        if verified is None:
            return None
        claims, tenant = verified
        found = hook(tenant.state, tenant.id, claims)
        # the credential is the token presented, as a person's own token would be (listed nowhere)
        if found is None:
            return None
        return dataclasses.replace(found, scheme="bearer", token=token, listed=False), tenant

    def _count(self, incoming: Incoming, params: dict[str, Any], outcome: Outcome, *, arguments: bool) -> None:
        # counted before auth, as vendors count refused calls too; the buckets a whole org or project
        # shares are the tenant's own, so parallel test workers do not throttle each other
        org = self.tenants.of(self.auth.known(incoming.headers, params, arguments=arguments)).id
        try:
            headers = self.limits.check(
                outcome.op_id, incoming.path, params, incoming.headers, method=incoming.method, tenant=org
            )
        except VendorError:
            outcome.fault = "ratelimit"
            raise
        outcome.headers = headers or None

    async def _call(
        self,
        endpoint: Endpoint,
        match: Match,
        incoming: Incoming,
        scope: Scope,
        params: dict[str, Any],
        principal: Credential | None,
        tenant: Tenant,
    ) -> Reply:
        """The operation's answer: its stub, or what its behaviour function or inferred CRUD returns."""
        if endpoint.source == "stub":
            status, body, media_type = self.stubs.response(endpoint.op)
            return status, body, {}, media_type
        ctx = Context(
            op=endpoint.op,
            params=params,
            body=incoming.body,
            raw_body=incoming.raw_body,
            headers=incoming.headers,
            content_type=incoming.content_type,
            principal=principal,
            state=tenant.state,
            clock=self.clock,
            ids=self.ids,
            base_url=incoming.base_url(scope),
            files=incoming.files,
            media=incoming.media,
            upload=match.upload,
            path=incoming.path,
            tenant=tenant.id,
            grants=self.tenants,
        )
        if endpoint.handler is not None:
            result = await endpoint.handler(ctx) if endpoint.awaitable else endpoint.handler(ctx)
        else:
            assert endpoint.resource is not None
            result = self.crud.handle(ctx, *endpoint.resource)
        return self.render(endpoint.op, result)

    def _params(self, incoming: Incoming, match: Match, endpoint: Endpoint) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if self.profile.json_body_params and isinstance(incoming.body, dict):
            params.update(incoming.body)
        params.update(incoming.form)
        params.update(incoming.query)
        if incoming.repeated and endpoint.lists:
            params.update({name: incoming.repeated[name] for name in endpoint.lists & incoming.repeated.keys()})
        params.update(match.params)
        return params

    def _route_error(self, incoming: Incoming) -> VendorError:
        if self.router.allowed(incoming.path):
            return self.profile.method_not_allowed(incoming.method, incoming.path)
        return self.profile.unknown_route(incoming.method, incoming.path)

    def endpoint(self, op_id: str) -> Endpoint:
        found = self._endpoints.get(op_id)
        if found is None:
            found = self._endpoints[op_id] = self._build_endpoint(op_id)
        return found

    def _build_endpoint(self, op_id: str) -> Endpoint:
        op = self.operation(op_id)
        assert op is not None, op_id
        schemes = frozenset(self.spec.schemes_of(op))
        declared = {p["name"] for p in op.get("parameters") or ()}
        if not schemes and declared & self.profile.auth_params:
            schemes = frozenset({"bearer"})  # Slack: a method that takes ``token`` needs one
        public = op_id in self.registry.public
        schemes = frozenset() if public else schemes
        validator = Validator(op, self.spec.resolve, self.profile.auth_params)
        lists = frozenset(
            p["name"] for p in op.get("parameters") or ()
            if p.get("location") == "query" and (self.spec.resolve(p.get("schema") or {}) or {}).get("type") == "array"
        )  # fmt: skip
        handler = self.registry.handlers.get(op_id)
        if handler is not None:
            own = None if self.profile.behaviour_validates else validator
            return Endpoint(op, "behaviour", own, schemes, public, handler, is_async(handler), lists=lists)
        resource = self.crud.serves(op_id)
        if resource is not None:
            return Endpoint(op, "inferred", validator, schemes, public, resource=resource, lists=lists)
        return Endpoint(op, "stub", validator, schemes, public, lists=lists)

    # -- answers ----------------------------------------------------------------------------------
    def render(self, op: Op, result: Any) -> Reply:
        media_type = self.profile.media_type
        if isinstance(result, Response):
            body = result.body
            headers = dict(result.headers)
            if isinstance(body, bytes):
                return result.status, body, headers, result.media_type or "application/octet-stream"
            if isinstance(body, str):
                return result.status, body.encode(), headers, result.media_type or "text/plain; charset=utf-8"
            if body is None:
                return result.status, b"", headers, result.media_type or media_type
            if result.status < 300:
                body = self.profile.success(body)
            return result.status, orjson.dumps(body), headers, result.media_type or media_type
        if result is None:
            status = success_status(op)
            if status == 204:
                return 204, b"", {}, media_type
            result = {}
        return 200, orjson.dumps(self.profile.success(result)), {}, media_type

    def render_error(self, error: VendorError) -> Reply:
        status, body, headers = self.profile.render(error)
        if isinstance(error, ErrorWithHeaders):
            headers = {**headers, **error.headers}
        return status, orjson.dumps(body), headers, self.profile.media_type
