"""``spreadsheets.batchUpdate``'s machinery: one handler per request kind, applied in order to one ``Book``
(nothing is saved unless every request succeeds: "if any request is not valid, the entire request will fail
and nothing will be applied", https://developers.google.com/sheets/api/guides/batchupdate).

A handler takes ``(Batch, request body)`` and returns its reply (``{}`` for kinds that have none) or raises
``Refused(message)``, which the batch words as Sheets does: ``Invalid requests[2].addSheet: message``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..runtime import VendorError
from ._fields import FieldsError, Mask, parse_mask
from ._sheets_model import Book
from ._sheets_ranges import Box, box_of_grid

__all__ = ["HANDLERS", "Batch", "Refused", "handles", "sheet_or_refuse"]


class Refused(Exception):
    """A request Sheets would refuse; the message follows ``Invalid requests[i].kind: ``."""


@dataclass
class Batch:
    book: Book
    title: str
    """The spreadsheet's title (its Drive file's name); ``updateSpreadsheetProperties`` may change it."""
    owner: str = ""
    """The Drive owner's email: Sheets lists them among a protected range's editors."""

    def box(self, grid: dict[str, Any] | None) -> Box:
        if grid is None:
            raise Refused("range must be set.")
        try:
            return box_of_grid(self.book, dict(grid))
        except VendorError as exc:
            raise Refused(str(exc.message)) from None

    def fresh_id(self, wanted: Any = None) -> int:
        if wanted is not None:
            return int(wanted)
        return self.book.next_id()


def unset_dropped(value: Any) -> Any:
    """A request as proto3 reads it: ``null``, ``false`` and ``[]`` are the same as leaving the field out."""
    if isinstance(value, dict):
        return {k: unset_dropped(v) for k, v in value.items() if v is not None and v is not False and v != []}
    if isinstance(value, list):
        return [unset_dropped(v) for v in value]
    return value


Handler = Callable[[Batch, dict[str, Any]], dict[str, Any]]
HANDLERS: dict[str, Handler] = {}


def handles(*names: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for name in names:
            HANDLERS[name] = fn
        return fn

    return register


def sheet_or_refuse(batch: Batch, sheet_id: Any) -> dict[str, Any]:
    sheet = batch.book.sheet(int(sheet_id or 0))
    if sheet is None:
        raise Refused(f"No grid with id: {sheet_id or 0}")
    return sheet


def apply_fields(target: dict[str, Any], source: dict[str, Any], fields: str | None) -> None:
    """Copy ``fields`` (a FieldMask: ``a,b.c``, ``a/b``, ``a(b,c)`` or ``*``) from ``source`` into ``target``; a
    named field absent from ``source`` is cleared, as Sheets' masks mean."""
    if fields is None or fields == "":
        raise Refused("At least one field must be updated.")
    try:
        mask = parse_mask(fields.replace(".", "/"))
    except FieldsError as exc:
        raise Refused(f"Invalid field mask: {exc.name}") from None
    _apply(target, source, mask)


def _apply(target: dict[str, Any], source: Any, mask: Mask) -> None:
    for name, sub in mask.items():
        if name == "*":
            target.clear()
            target.update(source if isinstance(source, dict) else {})
            continue
        value = source.get(name) if isinstance(source, dict) else None
        if sub is None or not isinstance(value, dict):
            if value is None:
                target.pop(name, None)
            else:
                target[name] = value
            continue
        inner = target.get(name)
        inner = dict(inner) if isinstance(inner, dict) else {}
        _apply(inner, value, sub)
        target[name] = inner
