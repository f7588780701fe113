"""Reading Slack method arguments, which arrive as form strings or, with a bearer token, as JSON values."""

from __future__ import annotations

from typing import Any

from ..runtime import Context, arguments
from ._errors import invalid_arguments, slack_error

_TRUE = {"1", "true", "yes", "on"}


def text(ctx: Context, name: str, default: str = "") -> str:
    return arguments.text(ctx.params, name, default)


def flag(ctx: Context, name: str, default: bool = False) -> bool:
    """Slack takes ``1``/``true``/``yes``/``on`` for true and any other word for false."""
    return arguments.flag(ctx.params, name, default, lambda word: word.strip().lower() in _TRUE)


def integer(ctx: Context, name: str, default: int) -> int:
    return arguments.integer(
        ctx.params, name, default, lambda value: invalid_arguments(f"invalid value for {name}: {value!r}")
    )


def id_list(ctx: Context, name: str) -> list[str]:
    """A comma-separated list (``users=U1,U2``) or, from a JSON body, a real list."""
    value = ctx.params.get(name)
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    return [str(item).strip() for item in items if str(item).strip()]


MAX_DEPTH = 32
"""The most levels of objects and arrays a JSON argument may nest. Block Kit, attachments, manifests and
profiles use a handful; a deeper value is malformed, and past 254 levels it could not even be answered."""


def json_value(ctx: Context, name: str) -> Any:
    """``blocks``/``attachments``/``files``: a list in a JSON body, a JSON-encoded string in a form; bad JSON, or
    JSON nested deeper than ``MAX_DEPTH``, is Slack's ``invalid_NAME`` (``invalid_blocks``), and nothing is kept."""
    value = arguments.json_value(ctx.params, name, lambda value: slack_error(f"invalid_{name}"))
    if _deeper(value, MAX_DEPTH):
        message = f"[ERROR] nested more than {MAX_DEPTH} levels deep [json-pointer:/{name}]"
        raise slack_error(f"invalid_{name}", response_metadata={"messages": [message]})
    return value


def _deeper(value: Any, limit: int) -> bool:
    """Whether ``value`` has more than ``limit`` levels of objects and arrays (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if level > limit:
            return True
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return False
