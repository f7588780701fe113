"""Reading Slack method arguments, which arrive as form strings or, with a bearer token, as JSON values."""

from __future__ import annotations

from typing import Any

import orjson

from ..runtime import Context
from ._errors import invalid_arguments, slack_error

_TRUE = {"1", "true", "yes", "on"}


def text(ctx: Context, name: str, default: str = "") -> str:
    value = ctx.params.get(name)
    if value is None:
        return default
    if isinstance(value, list):  # a repeated form field: Slack reads the last one
        value = value[-1] if value else default
    return value if isinstance(value, str) else str(value)


def flag(ctx: Context, name: str, default: bool = False) -> bool:
    value = ctx.params.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in _TRUE


def integer(ctx: Context, name: str, default: int) -> int:
    value = ctx.params.get(name)
    if value is None or value == "":
        return default
    try:
        return int(str(value).strip())
    except ValueError:
        raise invalid_arguments(f"invalid value for {name}: {value!r}") from None


def id_list(ctx: Context, name: str) -> list[str]:
    """A comma-separated list (``users=U1,U2``) or, from a JSON body, a real list."""
    value = ctx.params.get(name)
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def json_value(ctx: Context, name: str) -> Any:
    """``blocks``/``attachments``/``files``: a list in a JSON body, a JSON-encoded string in a form; bad JSON is
    Slack's ``invalid_NAME`` (``invalid_blocks``)."""
    try:
        return parse_json(ctx, name)
    except orjson.JSONDecodeError:
        raise slack_error(f"invalid_{name}") from None


def parse_json(ctx: Context, name: str) -> Any:
    """As ``json_value``, but bad JSON raises ``orjson.JSONDecodeError`` for the caller to word."""
    value = ctx.params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, (list, dict)):
        return value
    return orjson.loads(str(value))
