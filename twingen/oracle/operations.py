"""Which of the twin's operations a recorded request is: method + path against the path templates of its
``spec.json`` (and the extra routes its behaviour adds, as ``/_twin/coverage`` lists them).

This is the replay's own small matcher over the spec (the runtime's router is not imported: it belongs to the
twin). Where several templates match, the one with the most literal text wins, so ``/files/generateIds`` is
not read as ``/files/{fileId}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

_PARAM = re.compile(r"\{([+]?)([^{}]+)\}")


@dataclass(frozen=True)
class Route:
    op_id: str
    methods: frozenset[str]
    template: str
    pattern: re.Pattern[str]
    names: tuple[str, ...]
    weight: int
    """Literal characters in the template: the more, the more specific."""


@dataclass(frozen=True)
class Matched:
    op_id: str
    params: dict[str, str]
    """Path parameter values as the request carried them (percent-decoded)."""
    served: bool = True
    """False when the twin serves the path under other methods only."""


def _route(op_id: str, methods: Iterable[str], template: str) -> Route:
    parts, position = [], 0
    for m in _PARAM.finditer(template):
        parts.append(re.escape(template[position : m.start()]))
        parts.append("(.+?)" if m.group(1) else "([^/]+?)")
        position = m.end()
    parts.append(re.escape(template[position:]))
    pattern = re.compile("".join(parts) + "/?")
    names = tuple(m.group(2) for m in _PARAM.finditer(template))
    weight = len(_PARAM.sub("", template))
    return Route(op_id, frozenset(m.upper() for m in methods), template, pattern, names, weight)


class OperationTable:
    """The twin's operations by method and path template."""

    def __init__(self, routes: Iterable[Route], sources: Mapping[str, str] | None = None) -> None:
        self.routes = sorted(routes, key=lambda r: (-r.weight, r.template, r.op_id))
        self.sources = dict(sources or {})
        """Operation id -> how the twin answers it (behaviour, inferred, stub), from ``/_twin/coverage``."""

    @classmethod
    def from_twin(cls, spec: Mapping[str, Any], coverage: Iterable[Mapping[str, Any]] = ()) -> OperationTable:
        """From the spec's operations (their paths, other methods and media-upload paths) and coverage rows."""
        routes: list[Route] = []
        known: set[tuple[str, str]] = set()
        for op in spec.get("operations", ()):
            methods = [op["method"], *op.get("also_methods", ())]
            paths = [op["path"]]
            upload = op.get("media_upload") or {}
            paths += [upload[k] for k in ("simple_path", "resumable_path") if upload.get(k)]
            for path in paths:
                routes.append(_route(op["id"], methods, path))
                known.update((m.upper(), path) for m in methods)
        sources: dict[str, str] = {}
        for row in coverage:
            sources[str(row["id"])] = str(row.get("source", ""))
            method, path = str(row.get("method", "")).upper(), str(row.get("path", ""))
            if method and path and (method, path) not in known:
                routes.append(_route(str(row["id"]), [method], path))
                known.add((method, path))
        return cls(routes, sources)

    def match(self, method: str, raw_path: str) -> Matched | None:
        """The operation of ``METHOD /path`` (the raw, still percent-encoded path), or None when no template
        matches the path. A path the twin serves under other methods only is matched as the pseudo-operation
        ``"METHOD TEMPLATE"`` (``served`` false): the vendor's answer to a wrong method can be judged too."""
        method, raw_path = method.upper(), "/" + raw_path.lstrip("/")  # leading slashes: as the twin routes
        other: Matched | None = None
        for route in self.routes:
            found = route.pattern.fullmatch(raw_path)
            if not found:
                continue
            params = dict(zip(route.names, (unquote(v) for v in found.groups()), strict=False))
            if method in route.methods:
                return Matched(route.op_id, params)
            if other is None:
                other = Matched(f"{method} {route.template}", params, served=False)
        return other
