"""``GET /api/v1/users``: all users but DEPROVISIONED ones, or those a ``search``, ``filter`` or ``q`` selects, paged
with ``limit`` and the ``after`` cursor.

- ``search``: the whole expression language (_search) on any ``profile.*`` property and the top-level ``id``,
  ``status``, ``created``, ``activated``, ``statusChanged``, ``lastUpdated``, ``passwordChanged``, ``lastLogin``,
  ``type.id``; ``co`` only on firstName, lastName, email, login; no ``ne``; string values case-insensitive;
  ``sortBy``/``sortOrder`` (ties ordered by id).
- ``filter``: ``status``, ``lastUpdated``, ``id``, ``profile.login/email/firstName/lastName`` with ``eq`` only
  (``lastUpdated`` also ``gt ge lt le``), ``and``/``or``; case-sensitive.
- ``q``: a prefix of firstName, lastName or email (case-insensitive); DEPROVISIONED users left out; ``limit``
  (default 10) caps it and there is no next page.
Without sortBy a page is the matching users after the cursor in creation order, found by walking the collection
a chunk at a time and stopping once the page is full: O(page) when matches are dense. With sortBy every match is
weighed for each page (O(matches log limit)): Okta's search is an eventually consistent index, the twin keeps none.
Source: the listUsers parameters in https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/
"""

from __future__ import annotations

import copy
import heapq
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..runtime import Context, arguments, behaviour
from . import _paging, _search, _users, _users_related
from ._errors import okta_error

Record = dict[str, Any]

TOP_LEVEL = (
    "id",
    "status",
    "created",
    "activated",
    "statusChanged",
    "lastUpdated",
    "passwordChanged",
    "lastLogin",
    "type.id",
)
CONTAINS = ("profile.firstName", "profile.lastName", "profile.email", "profile.login")
FILTERABLE = ("status", "lastUpdated", "id", "profile.login", "profile.email", "profile.firstName", "profile.lastName")
MAXIMUM = 200


def searchable(path: str) -> bool:
    return path in TOP_LEVEL or (path.startswith("profile.") and len(path) > len("profile."))


def search_operator(path: str, op: str) -> bool:
    return op != "ne" and (op != "co" or path in CONTAINS)


def filter_operator(path: str, op: str) -> bool:
    return op == "eq" or (path == "lastUpdated" and op in ("gt", "ge", "lt", "le"))


DATES = ("created", "activated", "statusChanged", "lastUpdated", "passwordChanged", "lastLogin")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?(Z|[+-]\d{2}:?\d{2})$")


def dated(path: str, op: str, literal: Any) -> None:
    """A date property is compared with a date in Okta's form, else E0000030 (the error-code reference)."""
    if path in DATES and literal is not None and not (isinstance(literal, str) and _DATE.match(literal)):
        raise okta_error("E0000030")


def _parsed(text: str, **rules: Any) -> _search.Predicate:
    try:
        return _search.parse(text, values=dated, **rules)
    except _search.SearchError as error:
        raise _search.invalid(error) from None


@behaviour("listUsers")
def list_users(ctx: Context) -> Any:
    search = arguments.text(ctx.params, "search")
    filter_ = arguments.text(ctx.params, "filter")
    q = arguments.text(ctx.params, "q")
    if search:
        keep = _parsed(search, fields=searchable, operators=search_operator, ignore_case=True)
        sort_by = arguments.text(ctx.params, "sortBy")
        if sort_by:
            return _sorted(ctx, keep, sort_by, arguments.text(ctx.params, "sortOrder") == "desc")
    elif filter_:
        keep = _parsed(filter_, fields=lambda p: p in FILTERABLE, operators=filter_operator, ignore_case=False)
    elif q:
        return _people_picker(ctx, q.lower())
    else:

        def keep(user: Record) -> bool:
            return user.get("status") != "DEPROVISIONED"

    rows = ((k, u) for k, u in _paging.walk(_users.collection(ctx), _paging.cursor_of(ctx)) if keep(u))
    return _paging.served(ctx, rows, _shown(ctx), MAXIMUM, MAXIMUM)


def _sorted(ctx: Context, keep: Callable[[Record], bool], sort_by: str, descending: bool) -> Any:
    """One page of the matches in ``sortBy`` order (ties by id): the ``limit + 1`` smallest keys after the cursor's,
    O(matches log limit) per page."""

    def key(item: tuple[str, Record]) -> tuple[int, str, str]:
        value = _search.value_at(item[1], sort_by)
        # users without the property sort after those with it, as a null sorts last in Okta's index
        return (value is None, "" if value is None else str(value).lower(), item[0])

    users = _users.collection(ctx)
    limit = _paging.limit_of(ctx, MAXIMUM, MAXIMUM)
    after = _paging.cursor_of(ctx)
    matches: Iterable[tuple[str, Record]] = ((k, u) for k, u in users.scan() if keep(u))
    if after is not None:
        last = users.get(after)
        if last is None:
            return _paging.answer(ctx, [], False, limit)
        bound = key((after, last))
        matches = (m for m in matches if (key(m) < bound if descending else key(m) > bound))
    chosen = (heapq.nlargest if descending else heapq.nsmallest)(limit + 1, matches, key=key)
    page, more = chosen[:limit], len(chosen) > limit
    return _paging.answer(ctx, page, more, limit, _shown(ctx))


def _people_picker(ctx: Context, prefix: str) -> Any:
    limit = _paging.limit_of(ctx, 10, MAXIMUM)
    found: list[tuple[str, Record]] = []
    for key, user in _walk_all(ctx):
        if len(found) == limit:
            break
        profile = user.get("profile") or {}
        if user.get("status") != "DEPROVISIONED" and any(
            str(profile.get(name) or "").lower().startswith(prefix) for name in ("firstName", "lastName", "email")
        ):
            found.append((key, user))
    return _paging.answer(ctx, found, False, limit, _shown(ctx))


def _shown(ctx: Context) -> Callable[[Record], Record]:
    """How each listed user is answered: whole, or only the ``fields`` asked for (``id`` always; profile
    properties inside ``profile:(a, b)``)."""
    fields = arguments.text(ctx.params, "fields")
    classified = "classification" in str(arguments.text(ctx.params, "expand") or "").split(",")

    def rendered(user: Record) -> Record:
        if user.get("_settleAt") is not None:
            user = _users_related.settle(ctx, copy.deepcopy(user))
        shown = _users.render(ctx, user, listed=True)
        if classified:  # expand=classification embeds what GET /users/{id}/classification answers
            default = {"type": "STANDARD", "lastUpdated": user.get("created")}
            shown["_embedded"] = {"classification": user.get("_classification") or default}
        return shown

    if not fields:
        return rendered
    directive = re.search(r"profile:\(([^)]*)\)", fields)
    rest = fields.replace(directive.group(0), "") if directive else fields
    top = {f.strip() for f in rest.split(",") if f.strip()} | {"id"}
    inner = {f.strip() for f in (directive.group(1) if directive else "").split(",") if f.strip()}

    def projected(user: Record) -> Record:
        shown = rendered(user)
        kept = {k: v for k, v in shown.items() if k in top or k in ("_links", "_embedded")}
        if inner:
            kept["profile"] = {k: v for k, v in (shown.get("profile") or {}).items() if k in inner}
        return kept

    return projected


def _walk_all(ctx: Context) -> Iterator[tuple[str, Record]]:
    return _paging.walk(_users.collection(ctx), None)
