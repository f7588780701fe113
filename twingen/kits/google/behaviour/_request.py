"""Reading a request the way Drive reads it: typed parameters, the caller, and the ``fields`` mask."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..runtime import Context
from ._errors import invalid, invalid_fields
from ._fields import FieldsError, Mask, apply_mask, check_mask, parse_mask

__all__ = ["caller", "mask_of", "p_bool", "p_int", "p_str", "shape"]


def p_str(ctx: Context, name: str) -> str | None:
    value = ctx.params.get(name)
    if value is None:
        return None
    if isinstance(value, list):
        value = value[-1] if value else None
    return None if value is None else str(value)


def p_bool(ctx: Context, name: str, default: bool = False) -> bool:
    value = ctx.params.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    text = str(value).lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise invalid(name, f"Invalid value '{value}'. Expected a boolean.")


def p_int(ctx: Context, name: str, default: int, low: int, high: int) -> int:
    """An integer parameter; out of range is Google's 400 ``invalid`` with the range in the message."""
    value = ctx.params.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(str(value))
    except ValueError:
        raise invalid(name, f"Invalid value '{value}'. Values must be within the range: [{low}, {high}]") from None
    if not low <= number <= high:
        raise invalid(name, f"Invalid value '{value}'. Values must be within the range: [{low}, {high}]")
    return number


def caller(ctx: Context) -> str:
    """The requesting user's email, from the credential the runtime authenticated."""
    principal = ctx.principal
    data: Mapping[str, Any] = getattr(principal, "principal", None) or {}
    return str(data.get("email", "")).casefold()


def mask_of(ctx: Context, default: str, schema: str) -> Mask:
    """The ``fields`` selection, checked before the request does anything (Drive refuses it up front)."""
    text = p_str(ctx, "fields")
    try:
        if text is None or not text.strip():
            return parse_mask(default)
        mask = parse_mask(text)
    except FieldsError as exc:
        raise invalid_fields(exc.name) from None
    try:
        check_mask(mask, {"$ref": f"#/components/schemas/{schema}"})
    except FieldsError as exc:
        raise invalid_fields(exc.name) from None
    return mask


def shape(value: Any, mask: Mask) -> Any:
    return apply_mask(value, mask)
