"""Path templates -> operations, indexed by segment so a lookup never scans every operation.

Templates are the vendor's own: OpenAPI ``{id}``, Google colon verbs (``{spreadsheetId}:batchUpdate``),
reserved expansion ``{+name}`` (matches slashes), A1 ranges (``Sheet1!A1:B2``) as ordinary segment values.
Requests are split on ``/`` *before* percent-decoding, so an encoded ``%2F`` stays inside its segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

_PARAM = re.compile(r"\{([+]?)([^{}]+)\}")


@dataclass(frozen=True, slots=True)
class Target:
    op_id: str
    names: tuple[str, ...]
    """Parameter names of the positional captures, in path order."""
    upload: str | None = None
    """``simple`` or ``resumable`` for Google media upload paths."""


@dataclass(frozen=True, slots=True)
class Match:
    op_id: str
    params: dict[str, str]
    upload: str | None = None


class _Node:
    __slots__ = ("methods", "mixed", "param", "rest", "static")

    def __init__(self) -> None:
        self.static: dict[str, _Node] = {}
        self.mixed: list[tuple[re.Pattern[str], _Node]] = []
        self.param: _Node | None = None
        self.rest: list[tuple[re.Pattern[str], _Node]] = []
        self.methods: dict[str, Target] = {}


class Router:
    """Add templates once at startup; ``match`` walks the segment tree (static > mixed > param > rest)."""

    def __init__(self) -> None:
        self._root = _Node()
        self._static: dict[str, dict[str, Target]] = {}
        self._mixed_cache: dict[str, _Node] = {}

    def add(self, template: str, methods: tuple[str, ...] | list[str], op_id: str, upload: str | None = None) -> None:
        segments = _split(template)
        names = tuple(m.group(2) for m in _PARAM.finditer(template))
        target = Target(op_id, names, upload)
        if not names:
            slot = self._static.setdefault("/" + "/".join(segments), {})
            for method in methods:
                slot.setdefault(method.upper(), target)
        node = self._root
        for index, segment in enumerate(segments):
            if "{+" in segment:
                # reserved expansion: the rest of the template is one regex over the rest of the raw path
                pattern = re.compile(_regex("/".join(segments[index:]), reserved_ok=True))
                node = self._child(node.rest, pattern)
                break
            if "{" not in segment:
                node = node.static.setdefault(segment, _Node())
            elif _PARAM.fullmatch(segment):
                if node.param is None:
                    node.param = _Node()
                node = node.param
            else:
                node = self._child(node.mixed, re.compile(_regex(segment, reserved_ok=False)))
        for method in methods:
            node.methods.setdefault(method.upper(), target)

    @staticmethod
    def _child(children: list[tuple[re.Pattern[str], _Node]], pattern: re.Pattern[str]) -> _Node:
        for existing, node in children:
            if existing.pattern == pattern.pattern:
                return node
        node = _Node()
        children.append((pattern, node))
        # longer literal parts first: ``{id}:batchUpdate`` must be tried before a looser pattern
        children.sort(key=lambda item: -len(_PARAM.sub("", item[0].pattern)))
        return node

    def match(self, method: str, raw_path: str) -> Match | None:
        static = self._static.get(raw_path.rstrip("/") or "/")
        if static is not None and "%" not in raw_path:
            target = static.get(method)
            if target is not None:
                return Match(target.op_id, {}, target.upload)
        found = self._walk(self._root, _split(raw_path), 0, [])
        if found is None:
            return None
        node, captures = found
        target = node.methods.get(method)
        if target is None:
            return None
        return Match(target.op_id, dict(zip(target.names, captures, strict=False)), target.upload)

    def allowed(self, raw_path: str) -> list[str]:
        """Methods served at a path (empty when the path itself is unknown): tells 404 from 405."""
        found = self._walk(self._root, _split(raw_path), 0, [])
        return sorted(found[0].methods) if found else []

    def _walk(self, node: _Node, raw: list[str], i: int, captures: list[str]) -> tuple[_Node, list[str]] | None:
        if i == len(raw):
            return (node, captures) if node.methods else None
        segment = unquote(raw[i])
        child = node.static.get(segment)
        if child is not None:
            found = self._walk(child, raw, i + 1, captures)
            if found:
                return found
        for pattern, child in node.mixed:
            m = pattern.fullmatch(segment)
            if m:
                found = self._walk(child, raw, i + 1, [*captures, *m.groups()])
                if found:
                    return found
        if node.param is not None and segment:
            found = self._walk(node.param, raw, i + 1, [*captures, segment])
            if found:
                return found
        if node.rest:
            rest = "/".join(raw[i:])
            for pattern, child in node.rest:
                m = pattern.fullmatch(rest)
                if m and child.methods:
                    return child, [*captures, *(unquote(g) for g in m.groups())]
        return None


def _split(path: str) -> list[str]:
    return [s for s in path.strip("/").split("/")] if path.strip("/") else []


def _regex(template: str, *, reserved_ok: bool) -> str:
    """A template fragment as a regex: ``{x}`` stops at ``/``, ``{+x}`` does not; both are non-greedy so
    ``{range}:append`` splits ``Sheet1!A1:B2:append`` at the verb."""
    out, pos = [], 0
    for m in _PARAM.finditer(template):
        out.append(re.escape(template[pos : m.start()]))
        out.append("(.+?)" if m.group(1) and reserved_ok else "([^/]+?)")
        pos = m.end()
    out.append(re.escape(template[pos:]))
    return "".join(out)
