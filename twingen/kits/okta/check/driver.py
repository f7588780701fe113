"""okta-sdk-python driver: ``okta.client.Client({"orgUrl": TWIN, "token": ..., "authorizationMode": "SSWS"})``
calling each method of the SDK's API classes as a user would, with the objects it needs made first.

The setup (``values.SETUP``) makes users, a group, apps with their assignments, a group rule and an
authorization server; any other object a method names is listed or made on demand with the SDK's own create
method (``makers``), with the check's bodies or Okta's documented examples (``values``, ``doc_examples``), and the
state a method needs is made right before it (``values.BEFORE``). A method whose object nothing can make is called
with an unknown id and must get Okta's 404 (E0000007); one whose object can be made gets no such excuse. Every
answer that carries an object the check made must hold what was sent (``verify``); a change is read back
(``followups``); a bad token must get E0000011; and an unknown id in place of a real one, E0000007.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from twingen.check.arguments import MISSING, Pool, from_schema
from twingen.check.classes import Outcome
from twingen.check.drivers.base import Driver, PlannedProbe
from twingen.check.runner import RunningTwin
from twingen.kits.okta.check import bodies, harvesting, keys, paths, sdk_args, values
from twingen.kits.okta.check.client import OktaClients
from twingen.kits.okta.check.doc_examples import EXAMPLES
from twingen.kits.okta.check.followups import ReadAfter, ReadsAfter
from twingen.kits.okta.check.makers import Makers
from twingen.kits.okta.check.verify import Expectations
from twingen.sdk.surface import SdkMethod, SdkSurface

BAD_TOKEN = "00TwinCheckBadToken000000000000000000000"
_MAKERS = ("create", "add", "assign", "enroll", "upload", "map", "clone", "generate", "grant", "link", "register")
_BREAKERS = (
    "delete", "deactivate", "revoke", "unassign", "remove", "reset", "suspend", "unsuspend", "unenroll", "expire",
    "unlock", "activate", "reactivate", "clear", "unlink", "cancel", "close", "rotate", "replace", "update", "change",
    "forgot", "execute", "verify", "publish", "unpublish",
)  # fmt: skip
"""Methods that change what other methods read: each runs after a reset, on the setup's objects alone."""
_BODY_ID = "an id in the body"
_INNER_REF = re.compile(r"\{\$([A-Za-z_:#0-9]+)\}")
_HOLDS = {"/api/v1/groups/{}/users": "/api/v1/users", "/api/v1/users/{}/groups": "/api/v1/groups",
          "/api/v1/groups/{}/apps": "/api/v1/apps"}  # fmt: skip
"""Sub-collections that list the org's own objects (a group's members are users), compared as those."""


class OktaDriver(Driver):
    vendor = "okta"

    def __init__(self, twin: RunningTwin, surface: SdkSurface, operations: dict[str, dict[str, Any]]) -> None:
        super().__init__(twin, surface, operations)
        self.op_ids = paths.operation_ids(operations)
        self.makers = Makers(surface.methods)
        self.reads = ReadsAfter(surface.methods)
        self._pool = Pool()
        self.expect = Expectations()
        self.clients: OktaClients | None = None
        self.counter = 0
        self.placeholders: dict[str, list[str]] = {}
        self.sent: dict[str, Any] = {}
        self.last: dict[str, tuple[dict[str, Any], Outcome]] = {}

    # -- clients ------------------------------------------------------------------------------------
    def connect(self) -> None:
        self.close()
        tokens = {self._ssws(): self.twin.credentials.get(self._ssws(), ""), "bad": BAD_TOKEN}
        self.clients = OktaClients(self.twin.base_url, tokens)

    def close(self) -> None:
        if self.clients is not None:
            self.clients.close()
            self.clients = None

    def _ssws(self) -> str:
        return "apikey" if "apikey" in self.twin.credentials else next(iter(self.twin.credentials), "apikey")

    def credentials_for(self, method: SdkMethod) -> list[str]:
        return [self._ssws()]

    def operations_of(self, method: SdkMethod) -> tuple[str, ...]:
        found = self.op_ids.get((method.http_verb, paths.shape(method.path)))
        return (found,) if found else (method.operation,)

    def _op(self, method: SdkMethod) -> dict[str, Any]:
        return self.operations.get(self.operations_of(method)[0], {})

    # -- order --------------------------------------------------------------------------------------
    def rank(self, method: SdkMethod) -> int:
        if self.destructive(method):
            return 2
        return 0 if method.name.startswith(_MAKERS) else 1

    def destructive(self, method: SdkMethod) -> bool:
        return method.name.split("_", 1)[0] in _BREAKERS

    # -- state --------------------------------------------------------------------------------------
    def setup(self, pool: Pool) -> None:
        self._pool = pool
        self.expect.clear()
        self.makers.clear()
        self._steps(values.SETUP, pool)

    def _steps(self, steps: Sequence[tuple[Any, ...]], pool: Pool) -> None:
        """Calls made for their effect; a step's third element names the id its answer gives (``useradmin``),
        kept under that name alone (a second role of the user is not the role other methods name)."""
        by_name = {m.name: m for m in self.surface.methods}
        for name, given, *alias in steps:
            method = by_name.get(name)
            if method is None:
                continue
            args = {k: self._resolve(v, pool) for k, v in given.items()}
            if MISSING in args.values():
                continue
            body = [p.python_name or p.name for p in method.params if p.location == "body"]
            self.sent[name] = args.get(body[0]) if body else None  # what this call sends, for verify
            args = self._typed(method, args)
            outcome = self.call(method, args, self._ssws())
            if not alias:
                self.harvest(method, args, outcome, pool)
            else:  # ``name`` keeps the answer's id; ``name=a.0.b`` the value at that path (an id not named ``id``)
                name, _, where = alias[0].partition("=")
                found: Any = outcome.data
                for step in (where or "id").split("."):
                    found = (
                        found[int(step)]
                        if isinstance(found, list) and step.isdigit() and int(step) < len(found)
                        else found.get(step)
                        if isinstance(found, dict)
                        else None
                    )
                if isinstance(found, str):
                    pool.add(name, found)

    def _resolve(self, value: Any, pool: Pool) -> Any:
        """``$user``, ``$user#1``, ``$login`` and ``{n}`` in a value, recursively."""
        if isinstance(value, dict):
            return {k: self._resolve(v, pool) for k, v in value.items()}
        if isinstance(value, list):
            return [self._resolve(v, pool) for v in value]
        if not isinstance(value, str):
            return value
        if value == "$login":
            user = pool.get(values.ALIASES["user"])
            return self.expect.fields.get((values.ALIASES["user"], user), {}).get("profile.login", MISSING)
        if value.startswith("$") and not value.startswith("${"):  # ``${code}`` is Okta's own template syntax
            return self._held(value[1:], pool)
        if "{n}" in value or "{n12}" in value:  # ``{n12}``: twelve digits, a UUID's last group (an AAGUID)
            self.counter += 1
            value = value.replace("{n}", str(self.counter)).replace("{n12}", f"{self.counter:012d}")
        if "{$" in value:  # an id inside a URL of a documented example
            found = {ref: self._held(ref, pool) for ref in _INNER_REF.findall(value)}
            if MISSING in found.values():
                return MISSING
            value = _INNER_REF.sub(lambda m: str(found[m.group(1)]), value)
        for placeholder in ("https://{yourOktaDomain}", "https://${yourOktaDomain}"):
            value = value.replace(placeholder, self.twin.base_url)
        return value

    def _held(self, ref: str, pool: Pool) -> Any:
        """``user`` or ``user#1``: the (second) id the check holds of that kind; the first is made if need be."""
        name, _, index = ref.partition("#")
        kind = values.ALIASES.get(name, name)
        if not index and kind.startswith("/"):
            self.makers.ensure(kind, pool, 1, self._arguments, self._make)
        found = pool.ids.get(kind) or []
        return found[int(index or 0)] if len(found) > int(index or 0) else MISSING

    # -- arguments ----------------------------------------------------------------------------------
    def arguments(self, method: SdkMethod, pool: Pool) -> dict[str, Any]:
        return self._arguments(method, pool, 0)

    def _arguments(self, method: SdkMethod, pool: Pool, depth: int) -> dict[str, Any]:
        op = self._op(method)
        schemas = sdk_args.param_schemas(op, method)
        kinds = paths.kinds(method.path)
        fixed = values.ARGS.get(method.name, {})
        args: dict[str, Any] = {}
        guessed: list[str] = []
        required = sdk_args.required(method)
        for param in method.params:
            name = param.python_name or param.name
            if name in fixed:
                continue
            if param.location == "path":
                enum = sdk_args.enum_value(method, name)
                args[name] = (
                    enum
                    if enum is not MISSING
                    else self._path_value(param.name, schemas.get(param.name), kinds, pool, guessed, depth)
                )
            elif param.location == "body":
                body = self._body(method, op, pool, guessed, name in required)
                if body is not MISSING:
                    args[name] = body
            elif name in required:
                enum = sdk_args.enum_value(method, name)
                value = enum if enum is not MISSING else from_schema(schemas.get(param.name))
                args[name] = "twincheck" if value is MISSING else value
        if depth == 0:  # the state it needs, before the values that may name what that made (``$useradmin``)
            self._steps(values.BEFORE.get(method.name, ()), pool)
        for name, value in fixed.items():
            resolved = self._resolve(value, pool)
            if resolved is not MISSING:
                args[name] = resolved
            elif name in {p.python_name or p.name for p in method.params if p.location == "path"}:
                args[name] = values.UNKNOWN_ID
                guessed.append(name)
        self.placeholders[method.name] = guessed
        return self._typed(method, args)

    def _path_value(
        self, wire: str, schema: Any, kinds: dict[str, str], pool: Pool, guessed: list[str], depth: int
    ) -> Any:
        if isinstance(schema, dict) and schema.get("enum"):
            return schema["enum"][0]
        if wire in values.FIXED_PARAMS:
            return values.FIXED_PARAMS[wire]
        if wire in values.PARAM_KINDS and pool.get(values.PARAM_KINDS[wire]) is not MISSING:
            return pool.get(values.PARAM_KINDS[wire])
        kind = kinds.get(wire, "")
        found = self.makers.ensure(kind, pool, depth, self._arguments, self._make)
        if found is MISSING and wire in values.NAME_KINDS:
            found = self.makers.ensure(values.NAME_KINDS[wire], pool, depth, self._arguments, self._make)
        if found is MISSING:
            found = pool.get(values.CLIENTS if kind.endswith("/clients") else paths.fallback(kind))
        if found is MISSING:
            guessed.append(kind)
            return values.UNKNOWN_ID
        return found

    def _make(self, method: SdkMethod, args: dict[str, Any]) -> Outcome:
        outcome = self.call(method, args, self._ssws())
        self.harvest(method, args, outcome, self._pool)
        return outcome

    def _body(self, method: SdkMethod, op: dict[str, Any], pool: Pool, guessed: list[str], required: bool) -> Any:
        """The method's own body, else Okta's documented example, else (when the SDK requires one) an empty one."""
        given = sdk_args.own_ids(bodies.BODIES.get(method.name))
        if given is None:
            given = sdk_args.own_ids(EXAMPLES.get(str(op.get("id", ""))))
        if given is None and required:
            given = {}  # no value written for it yet: the SDK's model or the twin says what it lacks
        if given is None:
            return MISSING
        if given == "@jwk":
            given = {**keys.rsa_jwk("twincheck-{n}"), "status": "ACTIVE"}
        elif given == "@jwk-enc":
            given = {**keys.rsa_jwk("twincheck-{n}"), "use": "enc", "status": "ACTIVE"}
            given.pop("alg")
        elif given == "@x5c":
            given = {"x5c": [keys.x5c()]}
        body = self._resolve(given, pool)
        if sdk_args.holds_missing(body):
            guessed.append(_BODY_ID)
            body = sdk_args.replace_missing(body, values.UNKNOWN_ID)
        self.sent[method.name] = body
        return body

    def _typed(self, method: SdkMethod, args: dict[str, Any]) -> dict[str, Any]:
        return sdk_args.typed(method, args)

    # -- calls --------------------------------------------------------------------------------------
    def call(self, method: SdkMethod, args: dict[str, Any], credential: str) -> Outcome:
        assert self.clients is not None
        outcome = self.clients.run(credential, lambda client: getattr(client, method.name)(**args))
        op_id = self.operations_of(method)[0]
        if outcome.kind == "vendor-error" and op_id not in self.twin.sources and outcome.status in (404, 405):
            outcome = Outcome("not-routed", code=outcome.code, status=outcome.status, answer=outcome.answer)
        if credential != "bad":
            self.last[method.name] = (args, outcome)
        return outcome

    def notes(self, method: SdkMethod) -> str:
        guessed = self.placeholders.get(method.name) or []
        said = [f"{kind} ({self.makers.why.get(kind, 'none made')})" for kind in guessed]
        return f"unknown ids: {', '.join(said)}" if said else ""

    # -- what Okta answers --------------------------------------------------------------------------
    def known_errors(self, method: SdkMethod) -> frozenset[str]:
        known = set(values.KNOWN.get(method.name, ()))
        guessed = self.placeholders.get(method.name) or []
        if guessed and not any(self.makers.makeable(kind) or kind == _BODY_ID for kind in guessed):
            known.add("E0000007")  # an object nothing can make: Okta's 404 is the right answer
        return frozenset(known)

    def probes(self, method: SdkMethod, args: dict[str, Any], credential: str, pool: Pool) -> list[PlannedProbe]:
        planned: list[PlannedProbe] = []
        valid = self.last.get(method.name, (args, Outcome("refused")))[1]
        problem = self._answer_problem(method, args, valid) if valid.kind == "answer" else ""
        checked = Outcome("vendor-error", code=f"differs: {problem}") if problem else Outcome("answer")
        planned.append(PlannedProbe("answer holds what was sent", frozenset(), lambda: checked, True))
        if self._op(method).get("auth") or method.path.startswith("/api/"):
            planned.append(PlannedProbe("bad token", frozenset({"E0000011"}), lambda: self.call(method, args, "bad")))
        path = [p for p in method.params if p.location == "path"]
        guessed = self.placeholders.get(method.name) or []
        if any(kind != _BODY_ID for kind in guessed) and method.name not in values.UNKNOWN_ID_ANSWERED:
            # an id nothing made: an org answers 404 for it, so a success is not Okta's answer
            planned.append(PlannedProbe("the unknown id it had to name", frozenset({"E0000007"}), lambda: valid))
        read = self.reads.after(method)
        if read is not None and not guessed:
            planned.append(
                PlannedProbe(read.label, frozenset(), lambda: self._read_after(method, read, args, credential), True)
            )
        if path and not guessed and method.name not in values.UNKNOWN_ID_ANSWERED:
            name = path[-1].python_name or path[-1].name
            schema = sdk_args.param_schemas(self._op(method), method).get(path[-1].name)
            if not (isinstance(schema, dict) and schema.get("enum")):
                changed = {**args, name: values.UNKNOWN_ID}
                planned.append(
                    PlannedProbe(
                        f"unknown {name}", frozenset({"E0000007"}), lambda: self.call(method, changed, credential), True
                    )
                )
        return planned

    def _read_after(self, method: SdkMethod, read: ReadAfter, args: dict[str, Any], credential: str) -> Outcome:
        """The read, judged: a status other than Okta's, or anything but E0000007 after a delete, is a difference."""
        wire = sdk_args.wire_values(method, args)
        values_in_order = [wire.get(name) for name in paths.names(method.path)]
        names = {p.name: p.python_name or p.name for p in read.get.params if p.location == "path"}
        given = {names[name]: value for name, value in zip(paths.names(read.get.path), values_in_order, strict=False)}
        outcome = self.call(read.get, given, credential)
        if not read.statuses:
            if outcome.kind == "vendor-error" and outcome.code == "E0000007":
                return Outcome("answer")
            return outcome if outcome.kind != "answer" else Outcome("vendor-error", code="differs: still there")
        status = outcome.data.get("status") if outcome.kind == "answer" and isinstance(outcome.data, dict) else None
        if status in read.statuses:
            return Outcome("answer")
        return outcome if outcome.kind != "answer" else Outcome("vendor-error", code=f"differs: status {status!r}")

    def _answer_problem(self, method: SdkMethod, args: dict[str, Any], valid: Outcome) -> str:
        wire = sdk_args.wire_values(method, args)
        kinds = paths.kinds(method.path)
        listing = paths.collection_of(method.path)
        if listing is not None and method.http_verb == "GET":
            kind = _HOLDS.get(listing, listing)
            plain = not any(p.location == "query" and (p.python_name or p.name) in args for p in method.params)
            return self.expect.problem(valid.data, kind, listing=paths.fill(method.path, wire) if plain else "")
        last = next(reversed(kinds), None) if kinds else None
        if last is None:
            return self.expect.problem(valid.data, paths.shape(method.path))
        kind = kinds[last]
        # a read of an id the check holds must answer that object (a schema's id is its URL: not held, not compared)
        held = wire.get(last) in (self._pool.ids.get(kinds[last]) or ())
        one = wire.get(last, "") if method.http_verb == "GET" and held else ""
        return self.expect.problem(valid.data, kind, one=str(one))

    def harvest(self, method: SdkMethod, args: dict[str, Any], outcome: Outcome, pool: Pool) -> None:
        sent = self.sent.get(method.name) if any(p.location == "body" for p in method.params) else None
        harvesting.harvest(method, sdk_args.wire_values(method, args), outcome, pool, sent, self.expect)
