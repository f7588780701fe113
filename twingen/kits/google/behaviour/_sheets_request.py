"""A Sheets request body, read as Sheets reads it: parsed into the method's request message before the method runs,
so a value of the wrong shape is a 400 and nothing changes (the schema named by the operation's request body)."""

from __future__ import annotations

from typing import Any

from ..runtime import Context, VendorError
from ._shapes import check_shapes
from ._sheets_grid import check_values

__all__ = ["body_of"]

_TOP = "request"


def body_of(ctx: Context) -> dict[str, Any]:
    body = dict(ctx.body) if isinstance(ctx.body, dict) else {}
    ref = str(((ctx.op.get("request_body") or {}).get("schema") or {}).get("$ref", ""))
    schema = ref.rsplit("/", 1)[-1]
    if schema == "ValueRange":
        check_values(body.get("values"), "data.values")  # Sheets' own wording for values that are no list
        check_shapes(body, schema, "data")  # Sheets names an update's body ``data``
    elif schema:
        try:
            check_shapes(body, schema, _TOP)
        except VendorError as error:  # other bodies' fields are named from the top: ``requests[1].addSheet``
            error.message = (error.message or "").replace(f"'{_TOP}.", "'")
            error.details["location"] = str(error.details.get("location", "")).removeprefix(f"{_TOP}.")
            raise
    return body
