"""``users.list``'s ``query`` and the Directory's page tokens.

The query language is https://developers.google.com/admin-sdk/directory/v1/guides/search-users: clauses separated
by spaces (an implicit AND), each ``field`` + operator + value; ``=`` is an exact match, ``:`` a match of a word
(``:{PREFIX}*`` of a word's start), a value may be quoted; a clause with no field compares against givenName,
familyName and email. Text matches ignore case. A field the twin does not search (addresses, organizations,
custom schema fields, managers) is refused as Google refuses a malformed query, 400 "Invalid Input" (a gap listed
in api_docs/google/NOTES.md, never a silently wrong answer).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from ..runtime import keyset
from ._directory_model import invalid_input

__all__ = ["matcher", "page"]

Record = dict[str, Any]
_CLAUSE = re.compile(r"""(?:(?P<field>[A-Za-z][A-Za-z.]*)(?P<op>[=:]))?(?P<value>'[^']*'|"[^"]*"|\S+)""")
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)
_BOOLEANS = {"isAdmin": "isAdmin", "isDelegatedAdmin": "isDelegatedAdmin", "isSuspended": "suspended",
             "isArchived": "archived"}  # fmt: skip


def _emails(user: Record) -> list[str]:
    return [str(user.get("primaryEmail", "")), *(str(a) for a in user.get("aliases") or ())]


def _text(field: str, user: Record) -> list[str]:
    name = user.get("name") or {}
    if field == "email":
        return _emails(user)
    if field in ("givenName", "familyName"):
        return [str(name.get(field, ""))]
    if field == "name":
        return [f"{name.get('givenName', '')} {name.get('familyName', '')}".strip()]
    if field == "orgUnitPath":
        return [str(user.get("orgUnitPath", "/"))]
    if field == "externalId":
        return [str(item.get("value", "")) for item in user.get("externalIds") or () if isinstance(item, dict)]
    raise invalid_input()


def _matches(values: list[str], op: str, wanted: str) -> bool:
    wanted = wanted.casefold()
    for value in (v.casefold() for v in values):
        if op == "=":
            if value == wanted:
                return True
        elif wanted.endswith("*"):
            stem = wanted[:-1]
            if value.startswith(stem) or any(w.startswith(stem) for w in _WORDS.findall(value)):
                return True
        elif value == wanted or wanted in _WORDS.findall(value):
            return True
    return False


def _clause(field: str | None, op: str, value: str) -> Callable[[Record], bool]:
    if value[:1] in "'\"" and value[-1:] == value[:1] and len(value) > 1:
        value = value[1:-1]
    if field is None:
        fields = ("givenName", "familyName", "email")
        return lambda user: any(_matches(_text(f, user), ":", value + "*") for f in fields)
    if field in _BOOLEANS:
        if op != "=" or value.casefold() not in ("true", "false"):
            raise invalid_input()
        key, truth = _BOOLEANS[field], value.casefold() == "true"
        return lambda user: bool(user.get(key)) is truth
    _text(field, {})  # an unknown field is refused before anything is listed
    if field == "orgUnitPath" and op != "=":
        raise invalid_input()
    return lambda user: _matches(_text(field, user), op, value)


def matcher(query: str | None) -> Callable[[Record], bool]:
    """The predicate of a ``query``; raises 400 "Invalid Input" for one the twin cannot read."""
    clauses = [_clause(m["field"], m["op"] or ":", m["value"]) for m in _CLAUSE.finditer(query or "")]
    return lambda user: all(test(user) for test in clauses)


def page(
    items: Sequence[Record], key: Callable[[Record], list[Any]], descending: bool, size: int, token: str | None
) -> tuple[list[Record], str | None]:
    """One page of ``items`` ordered by ``key`` (whose last part is unique), after the position ``token`` names;
    the next page's token, or None on the last page. A token the twin did not make is 400 "Invalid Input"."""
    ordered = sorted(items, key=key, reverse=descending)
    if token:
        raw = keyset.unseal(token)
        try:
            after = json.loads(raw) if raw is not None else None
        except ValueError:
            after = None
        if not isinstance(after, list):
            raise invalid_input()
        ordered = [item for item in ordered if (key(item) < after if descending else key(item) > after)]
    chosen = ordered[:size]
    more = len(ordered) > size
    return chosen, keyset.seal(json.dumps(key(chosen[-1])).encode()) if more and chosen else None
