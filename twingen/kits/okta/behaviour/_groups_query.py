"""Which groups ``GET /api/v1/groups`` lists: ``q`` (a prefix of the name), ``filter`` and ``search`` (Okta's
SCIM-style expressions: ``type eq "OKTA_GROUP"``, ``profile.name sw "Eng"``,
``lastUpdated gt "2024-01-01T00:00:00.000Z"``, joined with ``and``/``or`` and parentheses).

A malformed expression is Okta's 400 E0000031 "Invalid search criteria.". This is a small evaluator of its own for
groups (the attributes of a group are few); the users area keeps the full one for users.
Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Group/#tag/Group/operation/listGroups
and https://developer.okta.com/docs/api/#filter
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ._errors import okta_error

Record = dict[str, Any]
Test = Callable[[Record], bool]

_TOKEN = re.compile(r'\s*(?:(\()|(\))|("(?:[^"\\]|\\.)*")|([A-Za-z_][\w.$]*)|(-?\d+(?:\.\d+)?))')
_OPERATORS = {"eq", "ne", "sw", "co", "ew", "pr", "gt", "ge", "lt", "le"}


def matcher(expression: str) -> Test:
    """The test a record must pass for ``expression``; Okta's 400 for what does not parse."""
    tokens = _tokens(expression)
    test, rest = _or(tokens)
    if rest:
        raise _invalid()
    return test


def name_prefix(q: str) -> Test:
    """``q``: groups whose name starts with the text, case-insensitively."""
    lowered = q.lower()
    return lambda group: str((group.get("profile") or {}).get("name") or "").lower().startswith(lowered)


def _invalid() -> Exception:
    return okta_error("E0000031", "Invalid search criteria.")


def _tokens(expression: str) -> list[str]:
    found: list[str] = []
    at = 0
    text = expression.strip()
    while at < len(text):
        hit = _TOKEN.match(text, at)
        if not hit or hit.end() == at:
            raise _invalid()
        found.append(hit.group(0).strip())
        at = hit.end()
    if not found:
        raise _invalid()
    return found


def _or(tokens: list[str]) -> tuple[Test, list[str]]:
    left, tokens = _and(tokens)
    while tokens and tokens[0].lower() == "or":
        right, tokens = _and(tokens[1:])
        left = (lambda a, b: lambda r: a(r) or b(r))(left, right)
    return left, tokens


def _and(tokens: list[str]) -> tuple[Test, list[str]]:
    left, tokens = _term(tokens)
    while tokens and tokens[0].lower() == "and":
        right, tokens = _term(tokens[1:])
        left = (lambda a, b: lambda r: a(r) and b(r))(left, right)
    return left, tokens


def _term(tokens: list[str]) -> tuple[Test, list[str]]:
    if not tokens:
        raise _invalid()
    if tokens[0] == "(":
        inner, rest = _or(tokens[1:])
        if not rest or rest[0] != ")":
            raise _invalid()
        return inner, rest[1:]
    if len(tokens) < 2 or tokens[1].lower() not in _OPERATORS:
        raise _invalid()
    attribute, operator = tokens[0], tokens[1].lower()
    if operator == "pr":
        return (lambda r: _value(r, attribute) not in (None, "")), tokens[2:]
    if len(tokens) < 3:
        raise _invalid()
    literal = _literal(tokens[2])
    return _compare(attribute, operator, literal), tokens[3:]


def _literal(token: str) -> Any:
    if token.startswith('"'):
        return token[1:-1].replace('\\"', '"')
    lowered = token.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered == "null":
        return None
    try:
        return float(token) if "." in token else int(token)
    except ValueError:
        raise _invalid() from None


def _value(record: Record, attribute: str) -> Any:
    value: Any = record
    for part in attribute.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _compare(attribute: str, operator: str, literal: Any) -> Test:
    def test(record: Record) -> bool:
        value = _value(record, attribute)
        if isinstance(value, list):
            return any(_holds(item, operator, literal) for item in value)
        return _holds(value, operator, literal)

    return test


def _holds(value: Any, operator: str, literal: Any) -> bool:
    if operator in ("eq", "ne"):
        same = (
            (value.lower() == literal.lower())
            if isinstance(value, str) and isinstance(literal, str)
            else (value == literal)
        )
        return same if operator == "eq" else not same
    if value is None:
        return False
    if operator in ("sw", "co", "ew"):
        text, part = str(value).lower(), str(literal).lower()
        return text.startswith(part) if operator == "sw" else text.endswith(part) if operator == "ew" else part in text
    try:
        # timestamps are ISO 8601 in one format, so they order as strings
        return bool(
            {"gt": value > literal, "ge": value >= literal, "lt": value < literal, "le": value <= literal}[operator]
        )
    except TypeError:
        return False
