"""Reading an operation's arguments (``ctx.params``) the way vendors read form fields, query parameters and JSON
bodies: a repeated field counts once (its last value), an empty one is absent, a JSON body's values arrive typed.

The runtime never words a refusal: a value that does not parse is the vendor's own error, which the caller
supplies (``invalid``: given the value as sent, the ``VendorError`` to raise), so Slack answers
``invalid_arguments`` and Drive a 400 ``invalid`` naming the parameter from the same reader.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, overload

import orjson

__all__ = ["Refusal", "flag", "integer", "json_value", "text"]

Refusal = Callable[[Any], Exception]
"""Given an argument's value as sent, the vendor error to raise for it."""


def _absent(value: Any) -> bool:
    """Not sent, or sent empty (``limit=``): the reader's default applies."""
    return value is None or value == ""


@overload
def text(params: Mapping[str, Any], name: str, default: str) -> str: ...
@overload
def text(params: Mapping[str, Any], name: str, default: None = None) -> str | None: ...
def text(params: Mapping[str, Any], name: str, default: str | None = None) -> str | None:
    """The argument as a string (``""`` when sent empty); a repeated form field is its last value."""
    value = params.get(name)
    if value is None:
        return default
    if isinstance(value, list):
        if not value:
            return default
        value = value[-1]
    return value if isinstance(value, str) else str(value)


def flag(params: Mapping[str, Any], name: str, default: bool, parse: Callable[[str], bool]) -> bool:
    """A boolean: ``default`` when absent, a JSON boolean as sent, else ``parse`` of the text, which holds the
    vendor's words for true and false (and raises its error for any other word, if it has one)."""
    value = params.get(name)
    if _absent(value):
        return default
    if isinstance(value, bool):
        return value
    return parse(str(value))


def integer(params: Mapping[str, Any], name: str, default: int, invalid: Refusal) -> int:
    """A whole number (surrounding blanks allowed): ``default`` when absent, ``invalid(value)`` raised when it is
    not one. Ranges are the vendor's: check them on the result."""
    value = params.get(name)
    if _absent(value):
        return default
    try:
        return int(str(value))
    except ValueError:
        raise invalid(value) from None


def json_value(params: Mapping[str, Any], name: str, invalid: Refusal | None = None) -> Any:
    """A structured argument: a list or object in a JSON body, JSON-encoded text in a form or query; None when
    absent. Text that is not JSON raises ``invalid(value)``, or without one ``ValueError`` for the caller."""
    value = params.get(name)
    if _absent(value):
        return None
    if isinstance(value, (list, dict)):
        return value
    try:
        return orjson.loads(str(value))
    except orjson.JSONDecodeError:
        if invalid is None:
            raise
        raise invalid(value) from None
