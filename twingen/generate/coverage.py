"""Which source answers each operation (behaviour / inferred / stub), decided without running user code.

The runtime reports the same at ``/_twin/coverage``: a behaviour function wins, then inferred CRUD on a
confidently inferred resource, then a stub. Behaviour modules are scanned statically (``ast``), never
imported: they are user code and importing them at generation time would run it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from twingen.ir.model import Api, CrudRole

Source = Literal["behaviour", "inferred", "stub"]
_CRUD_ROLES = frozenset(get_args(CrudRole))


@dataclass(frozen=True)
class CoverageRow:
    operation: str
    method: str
    path: str
    source: Source


def behaviour_operations(behaviour_dir: Path) -> set[str]:
    """Operation ids registered with ``@behaviour("...")`` in any module under ``behaviour_dir``."""
    return _registered_operations(_parse_modules(behaviour_dir))


def _parse_modules(behaviour_dir: Path) -> list[ast.Module]:
    """Every module under ``behaviour_dir``, parsed once.

    A module that does not parse is skipped: the runtime would fail to import it too, and the README
    should not claim behaviour it cannot deliver.
    """
    trees: list[ast.Module] = []
    for module in sorted(behaviour_dir.rglob("*.py")) if behaviour_dir.is_dir() else ():
        try:
            trees.append(ast.parse(module.read_bytes(), filename=str(module)))
        except (SyntaxError, ValueError):
            continue
    return trees


def _registered_operations(trees: list[ast.Module]) -> set[str]:
    found: set[str] = set()
    decorators = {"behaviour"} | _wrapping_decorators(trees)
    for tree in trees:
        # module level only: the runtime registers what ``vars(module)`` holds, not nested functions
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.update(_registered_ids(node.decorator_list, decorators))
    return found


def _wrapping_decorators(trees: list[ast.Module]) -> set[str]:
    """Module-level functions of the behaviour package that register through ``behaviour(...)``.

    Twins wrap the runtime's decorator to add vendor rules (``@slack_method("chat.postMessage")`` checks
    auth and scopes, then registers through a shared helper); a function that calls ``behaviour`` or any
    such wrapper is one too, followed until no new one appears.
    """
    functions = [
        node for tree in trees for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    calls = {fn.name: {_called_name(c) for c in ast.walk(fn) if isinstance(c, ast.Call)} for fn in functions}
    wrappers: set[str] = set()
    known = {"behaviour"}
    while True:
        found = {name for name, called in calls.items() if called & known} - wrappers
        if not found:
            return wrappers
        wrappers |= found
        known |= found


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _registered_ids(decorators: list[ast.expr], names: set[str]) -> set[str]:
    ids: set[str] = set()
    for deco in decorators:
        if not (isinstance(deco, ast.Call) and deco.args):
            continue
        first = deco.args[0]
        if _called_name(deco) in names and isinstance(first, ast.Constant) and isinstance(first.value, str):
            ids.add(first.value)
    return ids


def inferred_operations(api: Api) -> set[str]:
    """Operations that get inferred CRUD, decided as the runtime decides (``runtime.dispatch.crud.Crud.serves``).

    The first resource that maps an operation owns it; it is inferred only if that resource is confident
    and the role is a CRUD role.
    """
    owner: dict[str, tuple[bool, str]] = {}
    for res in api.resources:
        for op_id, role in res.operations.items():
            owner.setdefault(op_id, (res.confident, role))
    return {op_id for op_id, (confident, role) in owner.items() if confident and role in _CRUD_ROLES}


def coverage_rows(api: Api, behaviour_dir: Path) -> list[CoverageRow]:
    """One row per operation in spec order, then behaviour-only (SDK-only) operations sorted by id."""
    trees = _parse_modules(behaviour_dir)
    behaviours = _registered_operations(trees)
    inferred = inferred_operations(api)
    rows: list[CoverageRow] = []
    for op in api.operations:
        source: Source = "behaviour" if op.id in behaviours else "inferred" if op.id in inferred else "stub"
        rows.append(CoverageRow(op.id, op.method, op.path, source))
    known = {op.id for op in api.operations}
    routes = _behaviour_routes(trees)
    for op_id in sorted(behaviours - known):
        method, path = routes.get(op_id, ("", ""))
        rows.append(CoverageRow(op_id, method, path, "behaviour"))
    return rows


def _behaviour_routes(trees: list[ast.Module]) -> dict[str, tuple[str, str]]:
    """(method, path) of ``@behaviour("id", method="GET", path="/...")`` registrations with literal values:
    the routes a behaviour serves beyond the documents (the README shows them like the spec's)."""
    routes: dict[str, tuple[str, str]] = {}
    for tree in trees:
        for node in tree.body:
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for deco in node.decorator_list:
                if not (isinstance(deco, ast.Call) and _called_name(deco) == "behaviour" and deco.args):
                    continue
                first = deco.args[0]
                words = {k.arg: k.value.value for k in deco.keywords if isinstance(k.value, ast.Constant)}
                method, path = words.get("method"), words.get("path")
                if isinstance(first, ast.Constant) and isinstance(method, str) and isinstance(path, str):
                    routes[str(first.value)] = (method.upper(), path)
    return routes


def coverage_counts(rows: list[CoverageRow]) -> dict[str, int]:
    """How many operations each source answers, in a fixed order for the README."""
    return {s: sum(1 for r in rows if r.source == s) for s in ("behaviour", "inferred", "stub")}
