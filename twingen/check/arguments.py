"""Valid arguments for an SDK method: from ids earlier answers gave, the IR's schemas and the SDK signature.

The check runs methods in an order that makes things before it uses them (create a channel, then post
to it), and every answer is walked for ids (``Pool.harvest``) so that later calls name real objects.
Where no earlier answer helps, a value is made from the parameter's schema in ``spec.json`` (first enum
value, a number, a boolean) and last from the SDK's type annotation.
"""

from __future__ import annotations

import inspect
import json
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

MISSING: Any = object()
"""No value could be made: the argument is left out and the check says so."""


class Pool:
    """Ids seen in answers, by kind (``channel``, ``user``, ``fileId``); the first of each kind is used."""

    def __init__(self) -> None:
        self.ids: dict[str, list[Any]] = {}

    def add(self, kind: str, value: Any) -> None:
        if value in (None, "", [], {}):
            return
        found = self.ids.setdefault(kind, [])
        if value in found:
            found.remove(value)
        found.insert(0, value)

    def offer(self, kind: str, value: Any) -> None:
        """Keep an id an answer mentioned, behind the ones already known (setup's choices stay first)."""
        if value in (None, "", [], {}):
            return
        found = self.ids.setdefault(kind, [])
        if value not in found:
            found.append(value)

    def get(self, kind: str) -> Any:
        found = self.ids.get(kind)
        return found[0] if found else MISSING

    def drop(self, kind: str, value: Any) -> None:
        """Forget an id a call deleted, so that later calls do not name it."""
        found = self.ids.get(kind)
        if found and value in found:
            found.remove(value)

    def harvest(self, data: Any, namer: Callable[[str, Any], str | None]) -> None:
        """Walk an answer; ``namer(key, value)`` says which kind an id under ``key`` is, or None."""
        stack: list[tuple[str, Any]] = [("", data)]
        while stack:
            key, value = stack.pop()
            if isinstance(value, Mapping):
                stack.extend((str(k), v) for k, v in reversed(list(value.items())))
                inner = value.get("id")
                kind = namer(key, value) if key else None
                if kind and isinstance(inner, str):
                    self.offer(kind, inner)
            elif isinstance(value, list):
                stack.extend((key, item) for item in reversed(value))
            elif isinstance(value, str) and key:
                kind = namer(key, value)
                if kind:
                    self.offer(kind, value)


def load_operations(spec_path: Path) -> dict[str, dict[str, Any]]:
    """The runtime spec's operations by id (``spec.json`` is the IR as JSON)."""
    data = json.loads(spec_path.read_text(encoding="utf-8"))
    return {str(op["id"]): op for op in data.get("operations") or ()}


def load_schemas(spec_path: Path) -> dict[str, Any]:
    data = json.loads(spec_path.read_text(encoding="utf-8"))
    return dict(data.get("schemas") or {})


def from_schema(schema: Mapping[str, Any] | None, depth: int = 0) -> Any:
    """A value a schema accepts; MISSING for an empty schema (nothing to go on).

    Arrays hold one item of their item schema and objects their required properties, so a call carries
    the shape the operation declares (a JSON array where one is wanted, not a placeholder string)."""
    if not schema or depth > 4:
        return MISSING
    if schema.get("enum"):
        return schema["enum"][0]
    if "default" in schema and schema["default"] is not None:
        return schema["default"]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind == "array":
        item = from_schema(schema.get("items"), depth + 1)
        return [] if item is MISSING else [item]
    if kind == "object":
        properties = schema.get("properties") or {}
        made = {k: from_schema(properties.get(k), depth + 1) for k in schema.get("required") or ()}
        return {k: v for k, v in made.items() if v is not MISSING}
    if kind in ("integer", "number"):
        low, high = schema.get("minimum"), schema.get("maximum")
        value = low if isinstance(low, int | float) else 1
        value = min(value, high) if isinstance(high, int | float) else value
        return int(value) if kind == "integer" else value
    simple: dict[str, Any] = {"boolean": True}
    if kind in simple:
        return simple[kind]
    if kind == "string":
        return "twincheck"
    return MISSING


def from_annotation(function: Callable[..., Any], name: str) -> Any:
    """A value of the SDK argument's annotated type (``Union[str, Sequence[str]]`` -> ``"twincheck"``)."""
    try:
        parameter = inspect.signature(function).parameters[name]
    except (KeyError, TypeError, ValueError):
        return MISSING
    note = parameter.annotation
    text = note if isinstance(note, str) else repr(note)
    # string first: most SDK arguments that accept several types accept a string among them
    candidates: tuple[tuple[str, Any], ...] = (
        ("str", "twincheck"), ("bool", True), ("int", 1), ("float", 1.0),
        ("Sequence", []), ("List", []), ("list", []), ("Dict", {}), ("dict", {}),
    )  # fmt: skip
    for marker, value in candidates:
        if marker in text:
            return value
    origin = typing.get_origin(note)
    return MISSING if origin is None and note is inspect.Parameter.empty else "twincheck"


def render_call(name: str, args: Mapping[str, Any], credential: str = "") -> str:
    """``[admin] chat_postMessage(channel='C1', text='hi')``, values cut so the report stays readable."""
    shown = ", ".join(f"{k}={_short(v)}" for k, v in args.items())
    prefix = f"[{credential}] " if credential else ""
    return f"{prefix}{name}({shown})"


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
