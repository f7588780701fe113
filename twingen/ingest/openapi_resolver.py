"""Following local ``$ref``s one object at a time while building operations from an OpenAPI document.

Only parameters, request bodies, responses, examples and headers are resolved here (they are shallow
objects); schemas are never inlined, so cyclic schema graphs cost nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from twingen.diagnostics import Diagnostics

_MAX_CHAIN = 16


class RefResolver:
    """Resolves ``#/...`` references inside one document, warning (once per place) when one cannot be."""

    def __init__(self, doc: Mapping[str, Any], given: str, diags: Diagnostics) -> None:
        self._doc = doc
        self._given = given
        self._diags = diags
        self._cache: dict[str, Any] = {}

    def resolve(self, node: Any, where: str) -> Mapping[str, Any] | None:
        """The object ``node`` stands for, following a chain of references; None (with a warning) if broken."""
        seen: set[str] = set()
        while isinstance(node, Mapping) and "$ref" in node:
            ref = node["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#"):
                self._diags.warn(
                    self._given, where, f"reference {ref!r} is not local to the document; skipped", "remote-ref"
                )
                return None
            if ref in seen:
                self._diags.warn(self._given, where, f"reference {ref!r} loops back on itself; skipped", "ref-cycle")
                return None
            if len(seen) >= _MAX_CHAIN:
                message = f"reference {ref!r} is more than {_MAX_CHAIN} references to references deep; skipped"
                self._diags.warn(self._given, where, message, "ref-chain")
                return None
            seen.add(ref)
            node = self._lookup(ref)
            if node is None:
                self._diags.warn(self._given, where, f"reference {ref!r} points at nothing; skipped", "dangling-ref")
                return None
        return node if isinstance(node, Mapping) else None

    def _lookup(self, ref: str) -> Any:
        if ref in self._cache:
            return self._cache[ref]
        node: Any = self._doc
        for raw in ref[1:].split("/")[1:] if ref != "#" else ():
            token = unquote(raw).replace("~1", "/").replace("~0", "~")
            if isinstance(node, Mapping) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                node = None
                break
        self._cache[ref] = node
        return node
