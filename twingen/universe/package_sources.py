"""The twingen modules the ``twin-universe`` package carries, and their text there.

It carries ``twingen/universe/`` (less the renderer's own ``package*.py`` and ``defaults.py``, which is rendered),
the kits' universe adapters of its twins, and every twingen module those import, transitively (read from their
``import`` statements), each at the same path below ``twin_universe/`` as below ``twingen/``: so a module is copied
byte for byte after its header line, as a twin's ``runtime/`` is, and only an absolute ``twingen`` import is
rewritten, into the relative import that finds the same module in the package. A parent package nothing imports a
name from gets an ``__init__.py`` that imports nothing. The third-party modules they import are the package's
dependencies, each pinned as twingen's own requirement pins it.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import libcst as cst
from libcst.helpers import get_full_name_for_node

import twingen

TWINGEN = Path(twingen.__file__).resolve().parent
TOP = "twingen"
# rendered by package.py from a template, not carried: the package's own defaults
RENDERED = frozenset({"universe/defaults.py"})
# imported only inside the process that loads the module (pytest loads the fixture's plugin): not a dependency
_HOSTED = frozenset({"pytest", "_pytest"})
_REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class PackageSourceError(Exception):
    """A carried module imports what the package cannot carry (twingen's top level, the renderer, an unknown
    third-party module): the message names the module and the import."""


@dataclass(frozen=True)
class Sources:
    modules: dict[str, Path]
    """Posix path below the package (``universe/running.py``) -> the twingen file it is a copy of."""
    empty_packages: tuple[str, ...]
    """Package folders (``kits/okta``) whose ``__init__.py`` is rendered empty: nothing imports a name from it."""
    third_party: tuple[str, ...]
    """Top-level modules outside twingen and the standard library that the carried modules import."""


def _module_name(rel: str) -> str:
    parts = [TOP, *PurePosixPath(rel).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _file_of(module: str) -> str | None:
    """``twingen.ir.names`` -> ``ir/names.py``; a package's ``__init__.py``; None when twingen has no such module."""
    parts = module.split(".")[1:]
    folder = TWINGEN.joinpath(*parts)
    if parts and (folder / "__init__.py").is_file():
        return PurePosixPath(*parts, "__init__.py").as_posix()
    if parts and folder.with_suffix(".py").is_file():
        return PurePosixPath(*parts).as_posix() + ".py"
    return None


def _imports(rel: str, source: bytes) -> tuple[set[str], set[str]]:
    """The twingen modules ``rel`` needs (a name imported from a package needs its ``__init__``) and the other
    top-level modules it imports, from every import statement (inside functions too)."""
    here = _module_name(rel)
    package = here if rel.endswith("__init__.py") else here.rpartition(".")[0]
    needed: set[str] = set()
    others: set[str] = set()
    for node in ast.walk(ast.parse(source, rel)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == TOP:
                    raise PackageSourceError(f"{rel}: 'import {alias.name}': write 'from {TOP}... import NAME'")
                others.add(alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            if module.split(".")[0] != TOP:
                others.add(module.split(".")[0])
                continue
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                needed.add(submodule if _file_of(submodule) is not None else module)
    return needed, others


def _is_renderer(rel: str) -> bool:
    folder, _, name = rel.rpartition("/")
    return folder == "universe" and name.startswith("package")


def carried_sources(twins: list[str]) -> Sources:
    """What the package carries for a universe of ``twins`` (their kits' adapters, when a kit has one)."""
    start = [p.relative_to(TWINGEN).as_posix() for p in sorted((TWINGEN / "universe").glob("*.py"))]
    start = [rel for rel in start if not _is_renderer(rel) and rel not in RENDERED]
    start += [f"kits/{n}/universe.py" for n in sorted(twins) if (TWINGEN / "kits" / n / "universe.py").is_file()]
    modules: dict[str, Path] = {}
    others: set[str] = set()
    queue = list(start)
    while queue:
        rel = queue.pop()
        if rel in modules or rel in RENDERED:
            continue
        if rel == "__init__.py" or _is_renderer(rel):
            raise PackageSourceError(f"the twin-universe package cannot carry twingen/{rel} (imported by its modules)")
        modules[rel] = TWINGEN / rel
        needed, found = _imports(rel, modules[rel].read_bytes())
        others |= found
        for module in sorted(needed):
            target = _file_of(module)
            if target is None:
                raise PackageSourceError(f"twingen/{rel} imports {module}, which twingen does not have")
            queue.append(target)
    parents = {str(PurePosixPath(rel).parent) for rel in [*modules, *RENDERED]}
    parents |= {str(p) for rel in parents for p in PurePosixPath(rel).parents}
    empty = tuple(sorted(p for p in parents if p != "." and f"{p}/__init__.py" not in modules))
    third = tuple(sorted(m for m in others if m and m not in sys.stdlib_module_names and m not in _HOSTED))
    return Sources(dict(sorted(modules.items())), empty, third)


def requirements(modules: tuple[str, ...]) -> list[str]:
    """Each third-party module's distribution as twingen's own requirement names it (with its pins and extras)."""
    distributions = importlib.metadata.packages_distributions()
    pinned: dict[str, str] = {}
    for requirement in importlib.metadata.requires(TOP) or []:
        if ";" not in requirement:  # extras of twingen (sdks, test) are not the package's
            pinned[requirement_key(requirement)] = requirement
    found = []
    for module in modules:
        names = [_normal(d) for d in distributions.get(module, [])]
        known = [pinned[n] for n in names if n in pinned]
        if not known:
            raise PackageSourceError(
                f"the universe imports {module!r}, which is not one of twingen's requirements: add it to pyproject.toml"
            )
        found.append(known[0])
    return sorted(set(found), key=str.lower)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_key(requirement: str) -> str:
    """``uvicorn[standard]>=0.29`` -> ``uvicorn``: the distribution a requirement names, normalised."""
    match = _REQUIREMENT_NAME.match(requirement)
    return _normal(match.group() if match else requirement)


def carried_text(rel: str, source: bytes, header: str) -> bytes:
    """The module as the package carries it: the header line, then the source with each absolute twingen import
    made relative (``from twingen.ir import names`` in ``universe/members.py`` -> ``from ..ir import names``)."""
    if b"twingen" in source and _absolute_imports(rel, source):
        depth = len(PurePosixPath(rel).parts) - 1  # folders between the package root and the module
        tree = cst.parse_module(source.decode("utf-8")).visit(_Relative(depth + 1))
        source = tree.code.encode("utf-8")
    return f"# {header}\n".encode() + source


def _absolute_imports(rel: str, source: bytes) -> bool:
    return any(
        isinstance(n, ast.ImportFrom) and not n.level and (n.module or "").split(".")[0] == TOP
        for n in ast.walk(ast.parse(source, rel))
    )


class _Relative(cst.CSTTransformer):
    """``from twingen.X import Y`` -> ``from <dots>X import Y``, ``dots`` reaching the package root."""

    def __init__(self, dots: int) -> None:
        self.dots = dots

    def leave_ImportFrom(self, original: cst.ImportFrom, updated: cst.ImportFrom) -> cst.ImportFrom:
        if updated.relative or updated.module is None:
            return updated
        name = get_full_name_for_node(updated.module) or ""
        if name.split(".")[0] != TOP:
            return updated
        rest = name[len(TOP) :].lstrip(".")
        module = cst.parse_expression(rest) if rest else None
        assert module is None or isinstance(module, cst.Attribute | cst.Name)
        return updated.with_changes(relative=[cst.Dot()] * self.dots, module=module)
