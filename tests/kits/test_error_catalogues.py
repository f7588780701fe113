"""Each kit's errors are a declared catalogue (``behaviour/_errors.py``): every code its behaviour raises is there.

The scan reads the behaviour modules (no twin runs): a code is what a raise helper of the kit's catalogue is given
(``slack_error(code)``, Google's ``invalid(location, message, reason="invalid")``: the helpers are read from
``_errors.py``, see ``catalogue_raisers``), or the first argument of ``VendorError`` or ``ctx.error``. A code that
arrives through a helper's parameter (``team(ctx, id, "target_team_not_found")``), a module constant or an f-string
over one is followed to the literals that feed it; a code the scan cannot follow is reported as unresolved, and the
catalogue refuses it at run time. Vendor profiles with code tables (Okta, Jira) declare a ``CATALOGUE`` too.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import itertools
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from twingen import kits
from twingen.kits.kit import Kit


@dataclass(frozen=True)
class Raiser:
    """Where a raise helper takes its code: always ``fixed``, or else its parameter ``name`` (at position ``index``),
    ``default`` when a call gives neither."""

    index: int = 0
    name: str = "code"
    default: str | None = None
    fixed: str | None = None


BASE_RAISERS = {"VendorError": Raiser(), "error": Raiser()}
"""Calls that raise a vendor error in any kit (``error`` is ``ctx.error``): the code is their first argument."""
ONE_WAY = {"slack", "google"}
"""Kits whose behaviour raises only through its catalogue's helpers, never ``VendorError`` or ``ctx.error``. (Slack's
``echoed_error`` and ``control_refusal`` raise what is not a Slack error: api.test's echo, the twin's control plane.)"""
PROFILE_RAISERS = ("VendorError", "ErrorWithHeaders")


def _kits() -> list[Any]:
    found = [kit for kit in kits.all_kits() if kit.behaviour_dir.is_dir()]
    assert {"slack", "google"} <= {kit.name for kit in found}
    return [pytest.param(kit, id=kit.name) for kit in found]


def catalogue_raisers(text: str) -> dict[str, Raiser]:
    """The raise helpers an ``_errors.py`` defines: the function that looks a code up (``look_up(CATALOGUE, code,
    ...)``) and every function that hands one of them a literal code or one of its own parameters.

    Functions there that build a ``VendorError`` without the catalogue (Slack's ``echoed_error``) are not helpers.
    """
    functions = [node for node in ast.parse(text).body if isinstance(node, ast.FunctionDef)]
    found: dict[str, Raiser] = {}
    for fn in functions:
        for call in _calls_in(fn):
            if _names(call.func, "look_up") and len(call.args) > 1 and _names(call.args[0], "CATALOGUE"):
                raiser = _forwarded(fn, call.args[1], None)
                if raiser is not None:
                    found[fn.name] = raiser
    changed = True
    while changed:  # helpers of helpers (Google's ``invalid`` -> ``_param`` -> ``google_error``)
        changed = False
        for fn in functions:
            if fn.name in found:
                continue
            for call in _calls_in(fn):
                target = found.get(call.func.id) if isinstance(call.func, ast.Name) else None
                raiser = None if target is None else _forwarded(fn, _code_node(call, target), target)
                if raiser is not None:
                    found[fn.name], changed = raiser, True
                    break
    return found


def _calls_in(fn: ast.FunctionDef) -> list[ast.Call]:
    return [node for node in ast.walk(fn) if isinstance(node, ast.Call)]


def _code_node(call: ast.Call, raiser: Raiser) -> ast.expr | None:
    """What ``call`` gives a raiser for its code (None: nothing, so the raiser's default or fixed code)."""
    if raiser.fixed is None and raiser.index < len(call.args):
        return call.args[raiser.index]
    return next((k.value for k in call.keywords if k.arg == raiser.name and raiser.fixed is None), None)


def _forwarded(fn: ast.FunctionDef, code: ast.expr | None, target: Raiser | None) -> Raiser | None:
    """``fn`` as a raiser, when the code it hands on is a literal or one of its parameters (else None)."""
    if code is None:
        fixed = None if target is None else (target.fixed or target.default)
        return None if fixed is None else Raiser(fixed=fixed)
    if isinstance(code, ast.Constant) and isinstance(code.value, str):
        return Raiser(fixed=code.value)
    if not isinstance(code, ast.Name):
        return None
    positional = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    defaults = dict(zip(positional[len(positional) - len(fn.args.defaults) :], fn.args.defaults, strict=True))
    if code.id not in positional:
        return None
    default = defaults.get(code.id)
    literal = default.value if isinstance(default, ast.Constant) and isinstance(default.value, str) else None
    return Raiser(index=positional.index(code.id), name=code.id, default=literal)


@dataclass
class Module:
    name: str
    tree: ast.Module
    imports: dict[str, str] = field(default_factory=dict)  # ``from .admin_base import team`` -> team: admin_base
    aliases: dict[str, str] = field(default_factory=dict)  # ``from . import _errors as err`` -> err: _errors
    functions: dict[str, ast.FunctionDef] = field(default_factory=dict)


@dataclass(frozen=True)
class Raised:
    where: str
    helper: str
    codes: frozenset[str] | None  # None: the scan could not follow the code


class Scan:
    """The error codes a folder of behaviour modules raises, found statically."""

    def __init__(self, sources: dict[str, str], raisers: dict[str, Raiser]) -> None:
        self.raisers = raisers
        self.modules = {name: self._module(name, text) for name, text in sources.items()}
        self._enclosing: dict[int, ast.FunctionDef | None] = {}
        for module in self.modules.values():
            for fn in module.functions.values():
                self._enclosing.update((id(node), fn) for node in ast.walk(fn))
        self._busy: set[tuple[str, str, str]] = set()

    @staticmethod
    def _module(name: str, text: str) -> Module:
        module = Module(name, ast.parse(text))
        for node in ast.walk(module.tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                module.imports.update((alias.asname or alias.name, node.module) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 1:
                module.aliases.update((alias.asname or alias.name, alias.name) for alias in node.names)
            elif isinstance(node, ast.FunctionDef):
                module.functions[node.name] = node
        return module

    def raised(self) -> Iterator[Raised]:
        for module in self.modules.values():
            for node in ast.walk(module.tree):
                helper = self._raiser(node, module)
                if helper is None:
                    continue
                assert isinstance(node, ast.Call)
                yield Raised(f"{module.name}.py:{node.lineno}", helper, self._code(node, self.raisers[helper], module))

    def _raiser(self, node: ast.AST, module: Module) -> str | None:
        """The raise helper ``node`` calls: a name not bound to anything else in the module, ``ctx.error``, or a
        helper reached through the catalogue module (``err.invalid(...)``)."""
        if not isinstance(node, ast.Call):
            return None
        target = node.func
        if isinstance(target, ast.Name) and target.id in self.raisers and target.id != "error":
            source = module.imports.get(target.id)
            return target.id if target.id not in module.functions and source in (None, "_errors") else None
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            if target.attr == "error" and target.value.id == "ctx":
                return "error"
            if target.attr in self.raisers and module.aliases.get(target.value.id) == "_errors":
                return target.attr
        return None

    def _code(self, call: ast.Call, raiser: Raiser, module: Module) -> frozenset[str] | None:
        if raiser.fixed is not None:
            return frozenset({raiser.fixed})
        arg = _code_node(call, raiser)
        if arg is None:
            return None if raiser.default is None else frozenset({raiser.default})
        found = self._value(arg, self._enclosing.get(id(call)), module)
        return None if found is None else frozenset(found - {""})  # ``code = ... else ""`` guards ``if code:``

    def _value(self, node: ast.expr, fn: ast.FunctionDef | None, module: Module) -> set[str] | None:
        """Every string ``node`` can be, or None when that cannot be told without running the code."""
        if isinstance(node, ast.Constant):
            return {node.value} if isinstance(node.value, str) else None
        if isinstance(node, (ast.JoinedStr, ast.BinOp)):
            parts = node.values if isinstance(node, ast.JoinedStr) else [node.left, node.right]
            if isinstance(node, ast.BinOp) and not isinstance(node.op, ast.Add):
                return None
            options = [self._value(p.value if isinstance(p, ast.FormattedValue) else p, fn, module) for p in parts]
            known = [option for option in options if option is not None]
            return {"".join(c) for c in itertools.product(*known)} if len(known) == len(options) else None
        if isinstance(node, ast.IfExp):
            return self._union([node.body, node.orelse], fn, module)
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return self._union(node.elts, fn, module)
        if isinstance(node, ast.Dict):
            return self._union(node.values, fn, module)
        if isinstance(node, ast.Subscript):  # any element of the collection
            return self._value(node.value, fn, module)
        if isinstance(node, ast.Name):
            return self._name(node.id, fn, module)
        return None

    def _union(self, nodes: list[ast.expr], fn: ast.FunctionDef | None, module: Module) -> set[str] | None:
        found: set[str] = set()
        for node in nodes:
            value = self._value(node, fn, module)
            if value is None:
                return None
            found |= value
        return found

    def _name(self, name: str, fn: ast.FunctionDef | None, module: Module) -> set[str] | None:
        if fn is not None:
            params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)]
            if name in params:
                return self._passed(module, fn, name)
            assigned = _assigned(list(ast.walk(fn)), name)
            if assigned:
                return self._union(assigned, fn, module)
        top = _assigned(list(module.tree.body), name)
        return self._union(top, None, module) if top else None

    def _passed(self, module: Module, fn: ast.FunctionDef, param: str) -> set[str] | None:
        """What callers pass for ``param`` of ``fn``, and its default: a code forwarded through a helper."""
        key = (module.name, fn.name, param)
        if key in self._busy:  # a recursive helper: the outer look gathers what comes in
            return set()
        self._busy.add(key)
        try:
            positional = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
            defaults = dict(zip(positional[len(positional) - len(fn.args.defaults) :], fn.args.defaults, strict=True))
            kw_defaults = zip(fn.args.kwonlyargs, fn.args.kw_defaults, strict=True)
            defaults.update((a.arg, d) for a, d in kw_defaults if d is not None)
            index = positional.index(param) if param in positional else -1
            feeds: list[tuple[ast.expr, ast.FunctionDef | None, Module]] = []
            if param in defaults:
                feeds.append((defaults[param], None, module))
            for caller, call in self._calls_of(module.name, fn.name):
                given = [call.args[index]] if 0 <= index < len(call.args) else []
                given += [k.value for k in call.keywords if k.arg == param]
                feeds += [(value, self._enclosing.get(id(call)), caller) for value in given]
            if not feeds:  # called from nowhere the scan can see (a callback, getattr)
                return None
            found: set[str] = set()
            for value, where, home in feeds:
                codes = self._value(value, where, home)
                if codes is None:
                    return None
                found |= codes
            return found
        finally:
            self._busy.discard(key)

    def _calls_of(self, home: str, name: str) -> Iterator[tuple[Module, ast.Call]]:
        for module in self.modules.values():
            for node in ast.walk(module.tree):
                if not isinstance(node, ast.Call):
                    continue
                target = node.func
                if isinstance(target, ast.Name) and target.id == name:
                    source = module.name if name in module.functions else module.imports.get(name)
                    if source == home:
                        yield module, node
                elif isinstance(target, ast.Attribute) and target.attr == name and _reaches(module, target.value, home):
                    yield module, node  # ``_platform.use_trigger(...)``, ``err.invalid(...)``: another module's helper


def _names(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _reaches(module: Module, node: ast.AST, home: str) -> bool:
    """Whether ``node`` names module ``home`` in ``module`` (``_platform``, or ``err`` for ``_errors as err``)."""
    return isinstance(node, ast.Name) and module.aliases.get(node.id, node.id) == home


def _assigned(nodes: list[ast.AST], name: str) -> list[ast.expr]:
    """The values assigned to ``name`` among ``nodes`` (``code = ...``)."""
    found = [n.value for n in nodes if isinstance(n, ast.Assign) and any(_names(t, name) for t in n.targets)]
    found += [n.value for n in nodes if isinstance(n, ast.AnnAssign) and _names(n.target, name) and n.value]
    return found


def _sources(folder: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.py")) if p.stem != "_errors"}


def _scan(kit: Kit) -> Scan:
    """The kit's behaviour, scanned for its ``_errors.py``'s raise helpers, ``VendorError`` and ``ctx.error``."""
    helpers = catalogue_raisers((kit.behaviour_dir / "_errors.py").read_text(encoding="utf-8"))
    return Scan(_sources(kit.behaviour_dir), {**BASE_RAISERS, **helpers})


def _errors_module(kit: Kit, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The kit's ``behaviour/_errors.py``, loaded over the repo runtime (its ``..runtime`` import)."""
    path = kit.behaviour_dir / "_errors.py"
    assert path.is_file(), f"{kit.name} has no behaviour/_errors.py"
    package = f"_catalogue_of_{kit.name}"
    for name, folder in ((package, []), (f"{package}.behaviour", [str(kit.behaviour_dir)])):
        module = types.ModuleType(name)
        module.__path__ = folder
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setitem(sys.modules, f"{package}.runtime", importlib.import_module("twingen.runtime"))
    spec = importlib.util.spec_from_file_location(f"{package}.behaviour._errors", path)
    assert spec is not None and spec.loader is not None
    errors = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, errors)
    spec.loader.exec_module(errors)
    assert hasattr(errors, "CATALOGUE"), f"{kit.name}'s _errors.py declares no CATALOGUE"
    return errors


def _problems(scan: Scan, declared: set[str]) -> list[str]:
    problems = []
    for raised in scan.raised():
        if raised.codes is None:
            problems.append(f"{raised.where}: {raised.helper}(...) with a code the scan cannot follow")
        else:
            problems.extend(f"{raised.where}: {code!r} is not declared" for code in sorted(raised.codes - declared))
    return problems


@pytest.mark.parametrize("kit", _kits())
def test_every_raised_code_is_declared(kit: Kit, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue = _errors_module(kit, monkeypatch).CATALOGUE
    assert _problems(_scan(kit), set(catalogue)) == []


def _assert_declared_well(catalogue: dict[str, Any]) -> None:
    assert catalogue
    for code, declared in catalogue.items():
        assert 200 <= declared.status < 600, code
        assert declared.message.strip() and declared.message == declared.message.strip(), code
        assert declared.source.startswith(("https://", "http://")), code


@pytest.mark.parametrize("kit", _kits())
def test_each_declared_error_has_a_status_a_message_and_a_source(kit: Kit, monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_declared_well(_errors_module(kit, monkeypatch).CATALOGUE)


@pytest.mark.parametrize("kit", [k for k in _kits() if k.id in ONE_WAY])
def test_behaviour_raises_only_through_the_catalogue(kit: Kit) -> None:
    stray = [r for r in _scan(kit).raised() if r.helper in BASE_RAISERS]
    assert [f"{r.where}: {r.helper}(...)" for r in stray] == []


def test_google_errors_refuse_an_undeclared_reason_and_keep_their_wording(monkeypatch: pytest.MonkeyPatch) -> None:
    google = kits.kit_named("google")
    assert google is not None
    errors = _errors_module(google, monkeypatch)
    with pytest.raises(KeyError, match="'notFund' is not declared"):
        errors.google_error("notFund", "File not found: x.")
    error = errors.invalid("orderBy", "Sorting is not supported.", reason="badRequest")
    assert (error.code, error.status, error.message) == ("badRequest", 400, "Sorting is not supported.")
    assert error.details == {"location": "orderBy", "locationType": "parameter"}
    assert errors.forbidden("cannotAddParent", "No.").status == 403 and errors.file_not_found("x").status == 404


def _profiles() -> list[Any]:
    """The kits whose vendor profile (``runtime/NAME.py``) declares a ``CATALOGUE`` of the codes it answers."""
    found = []
    for kit in kits.all_kits():
        if (kit.folder / "runtime" / f"{kit.name}.py").is_file():
            module = importlib.import_module(f"twingen.runtime.vendors.{kit.name}")
            if hasattr(module, "CATALOGUE"):
                found.append(pytest.param(module, id=kit.name))
    assert {"okta", "jira"} <= {p.id for p in found}
    return found


@pytest.mark.parametrize("profile", _profiles())
def test_a_profiles_codes_are_declared_with_their_status_and_a_source(profile: Any) -> None:
    """Every code the profile raises is a literal in its ``CATALOGUE``, with the declared status when it names one."""
    catalogue = profile.CATALOGUE
    _assert_declared_well(catalogue)
    problems = []
    for node in ast.walk(ast.parse(Path(profile.__file__).read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in PROFILE_RAISERS):
            continue
        code = node.args[0] if node.args else None
        if not (isinstance(code, ast.Constant) and isinstance(code.value, str)):
            problems.append(f"line {node.lineno}: {node.func.id}(...) without a literal code")
        elif code.value not in catalogue:
            problems.append(f"line {node.lineno}: {code.value!r} is not declared")
        elif len(node.args) > 1 and getattr(node.args[1], "value", None) != catalogue[code.value].status:
            problems.append(f"line {node.lineno}: {code.value!r} with another status than declared")
    assert problems == []


def test_the_scan_reports_an_undeclared_code_and_one_it_cannot_follow() -> None:
    sources = {
        "_model": 'def channel(ctx, cid, code="channel_not_found"):\n    raise slack_error(code)\n',
        "chat": (
            "from ._model import channel\n"
            "WHICH = ('is_archived', 'no_such_code')\n"
            "def post(ctx):\n"
            "    channel(ctx, 'C1', 'not_in_channel')\n"
            "    raise slack_error(WHICH[0])\n"
            "def stream(ctx, kind):\n"
            "    raise slack_error(f'invalid_{kind}')\n"
            "def guess(ctx):\n"
            "    raise VendorError(ctx.params['error'])\n"
        ),
        "files": (
            "from .chat import stream\n"
            "def upload(ctx):\n"
            "    stream(ctx, 'chunks')\n"
            "    stream(ctx, ctx.params['kind'])\n"
            "    raise ctx.error('file_gone')\n"
        ),
    }
    declared = {"channel_not_found", "not_in_channel", "is_archived", "invalid_chunks"}
    assert _problems(Scan(sources, {**BASE_RAISERS, "slack_error": Raiser()}), declared) == [
        "chat.py:5: 'no_such_code' is not declared",
        "chat.py:7: slack_error(...) with a code the scan cannot follow",
        "chat.py:9: VendorError(...) with a code the scan cannot follow",
        "files.py:5: 'file_gone' is not declared",
    ]


def test_slack_error_refuses_an_undeclared_code(monkeypatch: pytest.MonkeyPatch) -> None:
    slack = kits.kit_named("slack")
    assert slack is not None
    errors = _errors_module(slack, monkeypatch)
    with pytest.raises(KeyError, match="'channel_not_foun' is not declared"):
        errors.slack_error("channel_not_foun")
    error = errors.slack_error("missing_scope", needed="chat:write", provided="")
    assert (error.code, error.status, error.details) == ("missing_scope", 200, {"needed": "chat:write", "provided": ""})
    assert errors.invalid_arguments("missing required field: name").details == {
        "response_metadata": {"messages": ["[ERROR] missing required field: name"]}
    }


def test_the_raise_helpers_are_read_from_the_catalogue_module() -> None:
    text = (
        "def google_error(reason, message):\n    look_up(CATALOGUE, reason, 'here')\n"
        "def _param(reason, message, location):\n    return google_error(reason, message)\n"
        "def invalid(location, message='Invalid', reason='invalid'):\n    return _param(reason, message, location)\n"
        "def gone(file_id):\n    return _param('notFound', f'File not found: {file_id}.', 'fileId')\n"
        "def echoed(code):\n    return VendorError(code)\n"
    )
    assert catalogue_raisers(text) == {
        "google_error": Raiser(0, "reason"),
        "_param": Raiser(0, "reason"),
        "invalid": Raiser(2, "reason", "invalid"),
        "gone": Raiser(fixed="notFound"),
    }
    sources = {
        "files": (
            "from . import _errors as err\n"
            "from ._errors import invalid\n"
            "def get(ctx):\n"
            "    raise err.invalid('q')\n"
            "    raise invalid('orderBy', 'Sorting.', reason='badRequest')\n"
            "    raise err.gone('x')\n"
            "    raise err.invalid('q', 'Bad.', 'noSuchReason')\n"
        )
    }
    scan = Scan(sources, {**BASE_RAISERS, **catalogue_raisers(text)})
    assert [(r.helper, r.codes) for r in scan.raised()] == [
        ("invalid", frozenset({"invalid"})),
        ("invalid", frozenset({"badRequest"})),
        ("gone", frozenset({"notFound"})),
        ("invalid", frozenset({"noSuchReason"})),
    ]
