"""``sheets.spreadsheets.batchUpdate``: every request applied in order to one working copy, saved only when all
succeed; one reply per request (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate)."""

from __future__ import annotations

from typing import Any

from ..runtime import Context, VendorError, behaviour
from . import sheets_batch_cells, sheets_batch_data, sheets_batch_dims, sheets_batch_ranges, sheets_batch_sheets
from ._errors import google_error
from ._fields import schema
from ._shapes import check_shapes
from ._sheets_batch import HANDLERS, Batch, Refused, unset_dropped
from ._sheets_book import edited, open_book
from ._sheets_errors import bad
from ._sheets_formulas import recalculate
from ._sheets_ranges import resolve
from ._sheets_request import body_of
from .sheets_spreadsheets import answer_book

# the handler modules register their request kinds on import
_KINDS = (sheets_batch_cells, sheets_batch_data, sheets_batch_dims, sheets_batch_ranges, sheets_batch_sheets)


def _request_kinds() -> frozenset[str]:
    """The request kinds Sheets' ``Request`` message has (from the twin's spec)."""
    found = schema("Request") or {}
    return frozenset((found.get("properties") or {}).keys())


def _kind(index: int, request: Any) -> str:
    if not isinstance(request, dict) or not request:
        raise bad(f"Invalid requests[{index}]: No request set.")
    if len(request) > 1:
        raise bad(f"Invalid requests[{index}]: only one kind of request may be set, found {', '.join(request)}.")
    return str(next(iter(request)))


@behaviour("sheets.spreadsheets.batchUpdate")
def spreadsheets_batch_update(ctx: Context) -> Any:
    book, record = open_book(ctx, str(ctx.params["spreadsheetId"]), write=True)
    body = body_of(ctx)
    requests = body.get("requests") or []
    if not isinstance(requests, list):
        raise bad("Invalid value at 'requests', it must be a list.")
    batch = Batch(book, str(record.get("name", "")), owner=str(record.get("owner", "")))
    replies = []
    for index, request in enumerate(requests):
        kind = _kind(index, request)
        # Sheets parses the body into its messages first: a value of the wrong shape is a 400 before anything
        check_shapes(request, "Request", f"requests[{index}]")
        handler = HANDLERS.get(kind)
        if handler is None:
            if kind in _request_kinds():  # a Sheets request the twin does not apply: an honest 501, not a fake 200
                raise google_error("notImplemented", f"The twin does not implement {kind} requests yet.")
            raise bad(
                f"Invalid JSON payload received. Unknown name \"{kind}\" at 'requests[{index}]': Cannot find field."
            )
        payload = unset_dropped(request[kind]) if isinstance(request[kind], dict) else {}
        try:
            replies.append(handler(batch, payload))
        except Refused as refused:
            raise bad(f"Invalid requests[{index}].{kind}: {refused}") from None
        except VendorError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:  # never a 500
            raise bad(f"Invalid requests[{index}].{kind}: {exc}") from None
    recalculate(book)
    book.commit()
    if batch.title != record.get("name"):
        record["name"] = batch.title
        ctx.state.collection("files").put(book.id, record)
    edited(ctx, book.id)
    answer: dict[str, Any] = {"spreadsheetId": book.id, "replies": replies}
    if body.get("includeSpreadsheetInResponse"):
        ranges = [resolve(book, str(r)) for r in body.get("responseRanges") or []] or None
        answer["updatedSpreadsheet"] = answer_book(ctx, book, record, bool(body.get("responseIncludeGridData")), ranges)
    return answer
