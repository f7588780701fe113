"""``documents.batchUpdate``: the requests applied in order to a copy of the document, all or none.

"If any request is not valid, then the entire request will fail and nothing will be applied"; each request
gets a reply, empty for kinds that have none
(https://developers.google.com/docs/api/reference/rest/v1/documents/batchUpdate).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from . import _errors as err
from ._docs_edit import DocError, Edit
from ._docs_model import HEADED, paragraphs
from ._docs_structure_ops import STRUCTURE_OPS
from ._docs_table_ops import TABLE_OPS
from ._docs_text_ops import TEXT_OPS
from ._fields import schema
from ._shapes import check_shapes

__all__ = ["apply_batch"]

Op = Callable[[Edit, dict[str, Any], str], "dict[str, Any] | None"]
OPS: dict[str, Op] = {**TEXT_OPS, **STRUCTURE_OPS, **TABLE_OPS}


def request_schema() -> str:
    """Docs' ``Request`` schema, as ``BatchUpdateDocumentRequest.requests`` names it (in the merged spec it is
    ``Request_2``: Sheets' batch request took the plain name)."""
    items = ((schema("BatchUpdateDocumentRequest") or {}).get("properties") or {}).get("requests", {}).get("items")
    return str((items or {}).get("$ref", "Request")).rsplit("/", 1)[-1]


def _kinds() -> frozenset[str]:
    found = schema(request_schema()) or {}
    return frozenset((found.get("properties") or {}).keys()) or frozenset(OPS)


def _kind_of(request: Any, where: str, known: frozenset[str]) -> str:
    if not isinstance(request, dict):
        raise err.invalid(where, f"Invalid value at '{where}' (type.googleapis.com/google.apps.docs.v1.Request)")
    for name in request:
        if name not in known:
            message = f"Invalid JSON payload received. Unknown name \"{name}\" at '{where}': Cannot find field."
            raise err.invalid(where, message)
    kinds = list(request)
    if len(kinds) > 1:
        message = f"Invalid JSON payload received. Oneof field 'request' is already set. Cannot set '{kinds[1]}'"
        raise err.invalid(where, message)
    if not kinds:
        # not confirmed wording: Docs refuses a request that names no kind
        raise err.bad_request(f"Invalid {where}: The request must specify exactly one kind of request.")
    return str(kinds[0])


def apply_batch(
    doc: dict[str, Any], requests: list[Any], new_id: Callable[[], str]
) -> tuple[dict[str, Any], list[Any]]:
    """The edited copy and the replies; the first refusal raises and ``doc`` is left as it was."""
    known, name = _kinds(), request_schema()
    for number, request in enumerate(requests):  # every request parses before any runs, as protobuf parses them
        _kind_of(request, f"requests[{number}]", known)
        check_shapes(request, name, f"requests[{number}]")
    edit = Edit(copy.deepcopy(doc), new_id)
    replies: list[Any] = []
    for number, request in enumerate(requests):
        kind = _kind_of(request, f"requests[{number}]", known)
        where = f"requests[{number}].{kind}"
        op = OPS.get(kind)
        if op is None:
            raise err.google_error("notImplemented", f"The twin does not implement {kind} requests yet.")
        try:
            reply = op(edit, dict(request[kind] or {}), where)
        except DocError as refusal:
            raise err.bad_request(f"Invalid {where}: {refusal}") from None
        replies.append({kind: reply} if reply is not None else {})
    _name_headings(edit)
    return edit.doc, replies


def _name_headings(edit: Edit) -> None:
    """Every heading, title and subtitle has its own ``headingId`` (links point at it); other paragraphs none."""
    doc = edit.doc
    for elements in [doc["body"], *doc["headers"].values(), *doc["footers"].values()]:
        for _, _, paragraph in paragraphs(elements, 0):
            style = paragraph["paragraphStyle"]
            if not str(style.get("namedStyleType", "")).startswith(HEADED):
                style.pop("headingId", None)
            elif not style.get("headingId"):
                style["headingId"] = f"h.{edit.new_id()}"
