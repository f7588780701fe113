"""Checks the declared parameters of an operation: presence of required ones and scalar types.

Query, path, header and form values arrive as strings; declared integers, numbers and booleans are
converted in place so behaviour code reads ``ctx.params["limit"]`` as an int.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from ..types import Problem

Converter = Callable[[Any], Any]


class Invalid(ValueError):
    pass


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise Invalid(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            raise Invalid(value) from None
    raise Invalid(value)


def _number(value: Any) -> float | int:
    if isinstance(value, bool):
        raise Invalid(value)
    if isinstance(value, (int, float)):
        return value
    try:
        return float(str(value).strip())
    except ValueError:
        raise Invalid(value) from None


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0", ""):
        return False
    raise Invalid(value)


_CONVERTERS: dict[str, Converter] = {"integer": _integer, "number": _number, "boolean": _boolean}


class Validator:
    """Built once per operation; ``check`` returns the problems and converts the params it accepted."""

    __slots__ = ("_checks", "_headers")

    def __init__(self, op: dict[str, Any], resolve: Callable[[Any], Any], skip: frozenset[str]) -> None:
        self._checks: list[tuple[str, str, bool, Converter | None]] = []
        for param in op.get("parameters") or ():
            if param["name"] in skip or param["location"] == "cookie":
                continue
            schema = resolve(param.get("schema") or {})
            kind = schema.get("type") if isinstance(schema, dict) else None
            if isinstance(kind, list):  # OpenAPI 3.1 / Slack's type lists: check the first real type
                kind = next((k for k in kind if k != "null"), None)
            converter = _CONVERTERS.get(kind) if isinstance(kind, str) else None
            if param.get("required") or converter:
                self._checks.append((param["name"], param["location"], bool(param.get("required")), converter))

    def check(self, params: dict[str, Any], headers: dict[str, str], files: Collection[str] = ()) -> list[Problem]:
        """``files``: the multipart parts that came as files, present though not among ``params`` (a
        ``format: binary`` form field such as Okta's theme ``file``)."""
        problems: list[Problem] = []
        for name, location, required, converter in self._checks:
            if location == "header" and name not in params:
                value = headers.get(name.lower())
                if value is not None:
                    params[name] = value
            if location == "form" and name in files and name not in params:
                continue
            value = params.get(name)
            if value is None or value == "":
                if required:
                    problems.append(Problem(name, location, "required"))
                continue
            if converter is not None:
                try:
                    params[name] = converter(value)
                except Invalid:
                    problems.append(Problem(name, location, "invalid", str(value)))
        return problems
