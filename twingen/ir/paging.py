"""Infer how an operation pages, from its parameters and its success response.

Specs rarely say "this pages" in a machine-readable way: Slack and Jira only name the parameters,
and Okta mostly says it in prose (``after`` + a ``Link: <...>; rel="next"`` header). So the request
parameters pick the style, and the response schema (or example) names the list being paged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from twingen.ir import schemarefs
from twingen.ir.model import JsonSchema, Operation, Paging, Parameter
from twingen.kits import ir_rules

_LIMIT_NAMES = ("limit", "maxResults", "pageSize", "max_results", "per_page", "page_size", "count")
# Arrays that sit beside the paged list in vendor answers and are never the list itself.
_NOT_ITEMS = frozenset({"errorMessages", "warningMessages", "warnings", "errors", "messages_errors", "scopes"})
# When an answer holds several arrays, these are the usual names of the paged one (most likely first).
_ITEM_NAMES = (
    "values",
    "issues",
    "items",
    "data",
    "results",
    "members",
    "channels",
    "files",
    "users",
    "messages",
    "records",
    "elements",
    "entries",
)


def infer_paging(op: Operation, schemas: Mapping[str, JsonSchema], vendor: str) -> Paging | None:
    """The paging convention of ``op``, or None when it does not page."""
    params = {p.name: p for p in op.parameters if p.location in ("query", "form")}
    if not params:
        return None
    schema, example = _success(op)
    props = schemarefs.object_properties(schema, schemas) if schema is not None else {}
    items = _items_field(schema, props, example, schemas)
    limit = _first(params, _LIMIT_NAMES)
    if "cursor" in params:
        return Paging("cursor", "cursor", limit, _next_cursor(props, example, vendor), items)
    if "pageToken" in params:
        return Paging("page_token", "pageToken", limit, "nextPageToken", items, _total(props))
    if "nextPageToken" in params:
        # Jira's newer search endpoints take the previous answer's token under the same name.
        return Paging("page_token", "nextPageToken", limit, "nextPageToken", items, _total(props))
    if "startAt" in params:
        return Paging("offset", "startAt", limit, "", items, _total(props))
    if "after" in params:
        # Okta (and GitHub's cursor endpoints) hand out the next position in a Link header only.
        return Paging("link", "after", limit, "", items)
    if "starting_after" in params:
        # Stripe: the cursor is the last object's id; the answer says ``has_more`` instead of a next cursor.
        return Paging("cursor", "starting_after", limit, "", items)
    if "page" in params and "per_page" in params:
        # GitHub numbers pages and links the next one in a Link header.
        return Paging("link", "page", "per_page", "", items)
    if "offset" in params and limit:
        return Paging("offset", "offset", limit, "", items, _total(props))
    return None


def _first(params: Mapping[str, Parameter], names: tuple[str, ...]) -> str:
    return next((name for name in names if name in params), "")


def _success(op: Operation) -> tuple[Any, Any]:
    for response in op.responses:
        if response.status.startswith("2") and (response.schema is not None or response.example is not None):
            return response.schema, response.example
    return None, None


def _items_field(schema: Any, props: Mapping[str, Any], example: Any, schemas: Mapping[str, JsonSchema]) -> str:
    """Dotted path of the paged list: "" for a bare array answer or when nothing looks like one."""
    if schema is not None and schemarefs.is_array(schema, schemas):
        return ""
    arrays = [str(name) for name, prop in props.items() if schemarefs.is_array(prop, schemas)]
    if not arrays and isinstance(example, Mapping):
        # Slack's placeholder schemas say nothing; its examples still show the list.
        arrays = [str(name) for name, value in example.items() if isinstance(value, list)]
    arrays = [name for name in arrays if name not in _NOT_ITEMS]
    for name in _ITEM_NAMES:
        if name in arrays:
            return name
    return arrays[0] if arrays else ""


def _next_cursor(props: Mapping[str, Any], example: Any, vendor: str) -> str:
    has_metadata = "response_metadata" in props or (isinstance(example, Mapping) and "response_metadata" in example)
    fixed = ir_rules(vendor).cursor_field
    if fixed:
        return fixed
    if has_metadata:
        return "response_metadata.next_cursor"
    for name in ("next_cursor", "nextCursor", "cursor"):
        if name in props:
            return name
    return ""


def _total(props: Mapping[str, Any]) -> str:
    return "total" if "total" in props else ""
