"""Reading a request the way Drive reads it: typed parameters, the caller, and the ``fields`` mask."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..runtime import Context, VendorError, arguments
from ._errors import invalid, invalid_fields
from ._fields import FieldsError, Mask, apply_mask, check_mask, parse_mask

__all__ = ["caller", "mask_of", "p_bool", "p_int", "p_str", "shape"]


def p_str(ctx: Context, name: str) -> str | None:
    return arguments.text(ctx.params, name)


def p_bool(ctx: Context, name: str, default: bool = False) -> bool:
    """Drive takes ``true``/``1`` and ``false``/``0`` (any case); another word is a 400 ``invalid``."""

    def parse(word: str) -> bool:
        lowered = word.lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0"):
            return False
        raise invalid(name, f"Invalid value '{word}'. Expected a boolean.")

    return arguments.flag(ctx.params, name, default, parse)


def p_int(ctx: Context, name: str, default: int, low: int, high: int) -> int:
    """An integer parameter; out of range is Google's 400 ``invalid`` with the range in the message."""

    def refuse(value: object) -> VendorError:
        return invalid(name, f"Invalid value '{value}'. Values must be within the range: [{low}, {high}]")

    number = arguments.integer(ctx.params, name, default, refuse)
    if not low <= number <= high:  # a value sent: every default is in its range
        raise refuse(ctx.params.get(name))
    return number


def caller(ctx: Context) -> str:
    """The requesting user's email, from the credential the runtime authenticated (and admitted: a token of a
    person the Directory suspended or deleted never reaches behaviour, ``suspended.refuse_suspended``)."""
    return str(ctx.identity.get("email", "")).casefold()


def mask_of(ctx: Context, default: str, schema: str) -> Mask:
    """The ``fields`` selection, checked before the request does anything (Drive refuses it up front).

    The mask is shared between requests that send the same text (compiled once): read it, never change it.
    """
    text = p_str(ctx, "fields")
    text = default if text is None or not text.strip() else text
    try:
        # long selections are compiled each time: the cache holds what clients send again and again
        return _compiled(text, schema) if len(text) <= _CACHED_UP_TO else _compiled.__wrapped__(text, schema)
    except FieldsError as exc:
        raise invalid_fields(exc.name) from None


_CACHED_UP_TO = 2048


@lru_cache(maxsize=512)
def _compiled(text: str, schema: str) -> Mask:
    mask = parse_mask(text)
    check_mask(mask, {"$ref": f"#/components/schemas/{schema}"})
    return mask


def shape(value: Any, mask: Mask) -> Any:
    return apply_mask(value, mask)
