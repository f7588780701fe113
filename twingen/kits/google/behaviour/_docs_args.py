"""Reading one Docs request's arguments: locations, ranges, whole numbers, enums and field masks.

Every reader raises ``DocError`` (the batch words it ``Invalid requests[i].kind: ...``) or ``google_error``
``invalid`` for values proto parsing refuses before the request runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from . import _errors as err
from ._docs_edit import DocError, segment_of
from ._docs_model import segment_size

__all__ = ["enum", "field_mask", "location", "number", "text_range"]

TAB = "t.0"
"""A document made through the API has one tab (https://developers.google.com/docs/api/how-tos/tabs)."""


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def number(value: Any, where: str) -> int:
    """A whole number as proto3 JSON takes it (``5`` or ``"5"``); anything else is refused before the request."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, (int, str, float)):
        raise err.invalid(where, f"Invalid value at '{where}' (TYPE_INT32), {value!r}")
    try:
        result = int(value)
        if isinstance(value, float) and result != value:
            raise ValueError(value)
    except ValueError:
        raise err.invalid(where, f"Invalid value at '{where}' (TYPE_INT32), \"{value}\"") from None
    return result


def enum(value: Any, allowed: Iterable[str], where: str, type_name: str) -> str | None:
    """An enum value (``None`` when absent); an unknown name is proto parsing's 400."""
    if value is None:
        return None
    if value not in allowed:
        path = ".".join(_snake(p) for p in where.split("."))
        message = f"Invalid value at '{path}' (type.googleapis.com/google.apps.docs.v1.{type_name}), \"{value}\""
        raise err.invalid(where, message)
    return str(value)


def _tab(value: Any) -> None:
    if value not in (None, "", TAB):
        raise DocError(f"The tab with ID {value} was not found.")  # not confirmed wording


def location(doc: dict[str, Any], request: dict[str, Any], where: str, *, required: bool = True) -> tuple[str, int]:
    """(segment id, index) from ``location`` or ``endOfSegmentLocation`` (just before the segment's last newline)."""
    at, end_of = request.get("location"), request.get("endOfSegmentLocation")
    if at is not None and end_of is not None:
        raise err.invalid(where, "Invalid JSON payload received. Oneof field 'insertion_location' is already set. "
                                 "Cannot set 'endOfSegmentLocation'")  # fmt: skip
    if end_of is not None:
        _tab(end_of.get("tabId"))
        segment_id = str(end_of.get("segmentId") or "")
        return segment_id, segment_size(segment_of(doc, segment_id)) - 1
    if at is None:
        if required:
            raise DocError("A location or an end of segment location must be specified.")  # not confirmed wording
        return "", 0
    _tab(at.get("tabId"))
    segment_id = str(at.get("segmentId") or "")
    segment_of(doc, segment_id)
    return segment_id, number(at.get("index"), f"{where}.location.index")


def text_range(doc: dict[str, Any], request: dict[str, Any], where: str) -> tuple[str, int, int]:
    """(segment id, start, end) of ``range``."""
    found = request.get("range")
    if not isinstance(found, dict):
        raise DocError("The range must be specified.")  # not confirmed wording
    _tab(found.get("tabId"))
    segment_id = str(found.get("segmentId") or "")
    segment_of(doc, segment_id)
    start = number(found.get("startIndex"), f"{where}.range.startIndex")
    end = number(found.get("endIndex"), f"{where}.range.endIndex")
    return segment_id, start, end


def field_mask(request: dict[str, Any], allowed: Iterable[str]) -> list[str]:
    """The top-level style fields a mask names (``*`` = all of them)."""
    text = str(request.get("fields") or "").strip()
    if not text:
        raise DocError("At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)")
    known = list(allowed)
    names: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if part == "*":
            return known
        top = part.split(".", 1)[0]
        if top not in known:
            raise DocError(f"Invalid field: {part}")  # not confirmed wording
        if top not in names:
            names.append(top)
    return names
