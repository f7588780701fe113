"""Google's ``fields`` partial-response masks: parse, check against the schema, apply.

Syntax (Google's "partial response" guide, in our words): a comma-separated list of selections; ``a/b``
selects ``b`` inside ``a``; ``a(b,c)`` selects ``b`` and ``c`` inside ``a``; ``*`` selects everything at its
level. Inside an array the selection applies to each element. A name the schema does not have is a 400
``invalidParameter`` "Invalid field selection NAME" on location ``fields``; so is a selection nested more than
``MAX_DEPTH`` levels (``a(b(c(...)))`` or ``a/b/c/...``), which no schema has and which would exhaust the stack.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["FieldsError", "Mask", "apply_mask", "check_mask", "parse_mask", "schema"]

Mask = dict[str, "Mask | None"]
"""A selection tree: a name maps to ``None`` (the whole value) or to the selection inside it."""


MAX_DEPTH = 100
"""The most levels a ``fields`` selection may nest."""


class FieldsError(ValueError):
    """The mask is malformed or names a field that does not exist; ``name`` is what Google reports."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


_TOKEN = re.compile(r"\s*([A-Za-z0-9_$.@-]+|\*|[(),/])")


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    pos, end = 0, len(text.rstrip())
    while pos < end:
        match = _TOKEN.match(text, pos)
        if match is None:
            raise FieldsError(text[pos:].strip())
        out.append(match.group(1))
        pos = match.end()
    return out


def _merge(into: Mask, name: str, sub: Mask | None) -> None:
    if name in into:
        have = into[name]
        if have is None or sub is None:
            into[name] = None  # a whole-value selection wins over any partial one
        else:
            for key, value in sub.items():
                _merge(have, key, value)
    else:
        into[name] = sub


class _MaskParser:
    def __init__(self, tokens: list[str], text: str) -> None:
        self.tokens, self.pos, self.text = tokens, 0, text
        self.depth = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise FieldsError(self.text)
        self.pos += 1
        return token

    def selection(self) -> Mask:
        mask: Mask = {}
        while True:
            name, sub = self.item()
            _merge(mask, name, sub)
            if self.peek() != ",":
                return mask
            self.take()

    def item(self) -> tuple[str, Mask | None]:
        name = self.take()
        if name in "(),/":
            raise FieldsError(self.text)
        if self.peek() not in ("/", "("):
            return name, None
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FieldsError(f"{self.text[:40]}... (nested more than {MAX_DEPTH} levels deep)")
        if self.take() == "/":
            inner_name, inner_sub = self.item()
            sub: Mask = {inner_name: inner_sub}
        else:
            sub = self.selection()
            if self.take() != ")":
                raise FieldsError(self.text)
        self.depth -= 1
        return name, sub


def parse_mask(text: str) -> Mask:
    """Parse a ``fields`` value; raises ``FieldsError`` when it is not well formed."""
    parser = _MaskParser(_tokens(text), text)
    mask = parser.selection()
    if parser.peek() is not None:
        raise FieldsError(parser.take())
    return mask


@lru_cache(maxsize=1)
def _schemas() -> Mapping[str, Any]:
    """The twin's component schemas from its runtime spec (``twin_google/spec.json``), or none yet."""
    # the twin package's own file, found through the package and not the file system: in twingen's repository
    # behaviour/ links to the kit's folder, whose parent holds no spec
    spec = resources.files(__package__.rpartition(".")[0]) / "spec.json"
    try:
        data = json.loads(spec.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    schemas = data.get("schemas", {})
    return schemas if isinstance(schemas, dict) else {}


def schema(name: str) -> Mapping[str, Any] | None:
    """A component schema by name, as the generated spec carries it."""
    found = _schemas().get(name)
    return found if isinstance(found, dict) else None


def _resolve(node: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    seen = 0
    while node is not None and "$ref" in node and seen < 10:
        node = schema(str(node["$ref"]).rsplit("/", 1)[-1])
        seen += 1
    return node


def check_mask(mask: Mask, node: Mapping[str, Any] | None) -> None:
    """Raise ``FieldsError`` for the first selected name the schema does not have.

    Without a schema (no spec yet, or a free-form map such as ``properties``) every name is accepted.
    """
    node = _resolve(node)
    if node is None:
        return
    if node.get("type") == "array":
        check_mask(mask, node.get("items"))
        return
    properties = node.get("properties")
    if not isinstance(properties, dict):
        return  # maps (additionalProperties) and untyped values take any key
    for name, sub in mask.items():
        if name == "*":
            continue
        if name not in properties:
            raise FieldsError(name)
        if sub is not None:
            check_mask(sub, properties[name])


def apply_mask(value: Any, mask: Mask | None) -> Any:
    """Keep only the selected parts of ``value``; absent fields stay absent, as Google leaves them out."""
    if mask is None:
        return value
    if isinstance(value, list):
        return [apply_mask(item, mask) for item in value]
    if not isinstance(value, dict):
        return value
    if "*" in mask and mask["*"] is None:
        return value
    out: dict[str, Any] = {}
    for name, sub in mask.items():
        if name == "*" and isinstance(sub, dict):
            for key, item in value.items():
                out[key] = apply_mask(item, sub)
        elif name in value:
            out[name] = apply_mask(value[name], sub)
    return out
