"""A search ordered by ``created`` or ``updated`` walks an index kept in that order and stops after one page,
so ``/search/jql`` pages cost the same at 1,000 issues as at 100,000 (it answers no total).

The index is a sorted list of (timestamp, id) per field, built from ``scan()`` the first time and kept in step by
``issues_store.save_issue`` / ``forget``; it is keyed on the issues collection (a reset or restore gives a new
collection, so a new index). ``nextPageToken`` is sealed: the last (timestamp, id) seen, or an offset, with a
digest of the query so a token is refused for another query.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import weakref
from collections.abc import Callable
from typing import Any

from ..runtime import State, keyset
from ._errors import jira_error
from .jql_parse import Query

ORDERED = ("created", "updated")
_INDEXES: weakref.WeakKeyDictionary[Any, dict[str, list[tuple[str, int]]]] = weakref.WeakKeyDictionary()
_CHILDREN: weakref.WeakKeyDictionary[Any, dict[str, set[str]]] = weakref.WeakKeyDictionary()
"""parent issue id -> ids of the issues whose ``parent`` it is (subtasks), built once per issues collection."""


def _index(state: State) -> dict[str, list[tuple[str, int]]]:
    issues = state.collection("issues")
    found = _INDEXES.get(issues)
    if found is None:
        rows = issues.scan()
        found = {name: sorted((record[name], int(key)) for key, record in rows) for name in ORDERED}
        _INDEXES[issues] = found
    return found


def _children(state: State) -> dict[str, set[str]]:
    issues = state.collection("issues")
    found = _CHILDREN.get(issues)
    if found is None:
        found = {}
        for key, record in issues.scan():
            parent = record["fields"].get("parent")
            if parent:
                found.setdefault(parent, set()).add(key)
        _CHILDREN[issues] = found
    return found


def children(state: State, parent_id: str) -> list[str]:
    """The ids of an issue's children, oldest first."""
    return sorted(_children(state).get(parent_id, ()), key=int)


def track(state: State, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    """Keep built indexes in step with one issue's write (``after`` None: deleted)."""
    kids = _CHILDREN.get(state.collection("issues"))
    if kids is not None:
        if before is not None and before["fields"].get("parent"):
            kids.get(before["fields"]["parent"], set()).discard(before["id"])
        if after is not None and after["fields"].get("parent"):
            kids.setdefault(after["fields"]["parent"], set()).add(after["id"])
    found = _INDEXES.get(state.collection("issues"))
    if found is None:
        return
    for name in ORDERED:
        rows = found[name]
        if before is not None:
            entry = (before[name], int(before["id"]))
            at = bisect.bisect_left(rows, entry)
            if at < len(rows) and rows[at] == entry:
                del rows[at]
        if after is not None:
            bisect.insort(rows, (after[name], int(after["id"])))


def ordered_matches(
    state: State, env: Any, query: Query, predicate: Callable[[dict[str, Any]], bool], after: Any, want: int
) -> list[dict[str, Any]] | None:
    """Up to ``want`` matches after the cursor, by walking the index; None when the order is not one it keeps."""
    if (
        len(query.order) != 1
        or query.order[0][0].lower() not in ORDERED
        or (after is not None and not isinstance(after, list))
    ):
        return None
    name, descending = query.order[0][0].lower(), query.order[0][1]
    rows = _index(state)[name]
    issues = state.collection("issues")
    if descending:
        start = len(rows) if after is None else bisect.bisect_left(rows, (after[0], after[1]))
        positions = range(start - 1, -1, -1)
    else:
        start = 0 if after is None else bisect.bisect_right(rows, (after[0], after[1]))
        positions = range(start, len(rows))
    out: list[dict[str, Any]] = []
    for position in positions:
        record = issues.get(str(rows[position][1]))
        if record is not None and predicate(record):
            out.append(record)
            if len(out) >= want:
                break
    return out


def _digest(jql: str) -> str:
    return hashlib.sha256(jql.encode()).hexdigest()[:12]


def seal_token(cursor: int | list[Any], jql: str) -> str:
    """An offset (a full sort) or the last (timestamp, id) walked."""
    return keyset.seal(json.dumps({"c": cursor, "q": _digest(jql)}).encode())


def unseal_token(token: str, jql: str) -> Any:
    raw = keyset.unseal(token)
    try:
        data = json.loads(raw or b"")
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("q") != _digest(jql):
        raise jira_error("bad_request", "The provided next page token is invalid or expired.")
    return data["c"]
