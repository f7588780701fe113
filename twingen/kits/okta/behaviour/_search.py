"""Okta's filter and search expression language (SCIM-style), one parser for every family that takes one.

``parse(text, ...) -> predicate`` where ``predicate(record) -> bool``; a text it rejects raises ``SearchError``,
which ``invalid(error)`` turns into Okta's 400 E0000031 "Invalid search criteria.". Families narrow the language
with ``fields`` (which attribute paths may appear), ``operators`` (which operator an attribute may use) and
``values`` (which literal an attribute may be compared with), and choose case rules with ``ignore_case``
(``search`` compares strings case-insensitively, ``filter`` does not).

Grammar (a small recursive-descent parser, written here: no maintained PyPI SCIM parser evaluates Python dicts
without a schema or SQL layer)::

    expression := conjunct ("or" conjunct)*
    conjunct   := factor ("and" factor)*
    factor     := "not"? ( "(" expression ")" | path "pr" | path OP value )
    OP         := eq | ne | gt | ge | lt | le | sw | co
    value      := "string" | number | true | false | null

Operators and the logical words are case-insensitive; attribute paths are case-sensitive dotted paths into the
record (``profile.login``, ``type.id``). A list value matches when any element does (SCIM arrays).
Sources: https://developer.okta.com/docs/api/#filter, https://developer.okta.com/docs/api/#operators,
https://datatracker.ietf.org/doc/html/rfc7644#section-3.4.2.2
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Any

from ..runtime import VendorError
from ._errors import okta_error

__all__ = ["COMPARISONS", "Predicate", "SearchError", "invalid", "parse", "value_at"]

Record = dict[str, Any]
Predicate = Callable[[Record], bool]
COMPARISONS = ("eq", "ne", "gt", "ge", "lt", "le", "sw", "co")

_TOKEN = re.compile(r'\s*(?:(\()|(\))|"((?:[^"\\]|\\.)*)"|([^\s()"]+))')
_PATH = re.compile(r"[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)*$")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?$")
# Okta answers an overly complex expression with an error (listUsers "search" reference); nesting past this is one
MAX_DEPTH = 32
_ORDER = {"gt": operator.gt, "ge": operator.ge, "lt": operator.lt, "le": operator.le}


class SearchError(ValueError):
    """The expression is not one the language (or the family's narrowing of it) accepts."""


def invalid(error: SearchError | None = None) -> VendorError:
    """Okta's answer to a rejected expression (the wording Okta sends for every family)."""
    return okta_error("E0000031", "Invalid search criteria.", causes=[str(error)] if error and str(error) else ())


def value_at(record: Record, path: str) -> Any:
    """The value at a dotted path, None when any step is missing."""
    found: Any = record
    for step in path.split("."):
        if not isinstance(found, dict):
            return None
        found = found.get(step)
    return found


def parse(
    text: str,
    *,
    fields: Callable[[str], bool] | None = None,
    operators: Callable[[str, str], bool] | None = None,
    ignore_case: bool = True,
    allow_not: bool = False,
    values: Callable[[str, str, Any], None] | None = None,
) -> Predicate:
    """The predicate ``text`` means; ``fields(path)`` and ``operators(path, op)`` say what this family accepts,
    ``values(path, op, literal)`` may refuse a literal (raise SearchError, or the family's own VendorError)."""
    tokens = _tokens(text)
    if not tokens:
        raise SearchError("The search expression is empty.")
    parser = _Parser(tokens, fields, operators, ignore_case, allow_not)
    parser.values = values
    predicate = parser.expression()
    if parser.at < len(tokens):
        raise SearchError(f"Unexpected '{tokens[parser.at][1]}'.")
    return predicate


def _tokens(text: str) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    at, text = 0, text.strip()
    while at < len(text):
        match = _TOKEN.match(text, at)
        if match is None or match.end() == at:
            raise SearchError("The search expression is not well formed.")
        at = match.end()
        opened, closed, quoted, word = match.groups()
        if opened:
            found.append(("(", "("))
        elif closed:
            found.append((")", ")"))
        elif quoted is not None:
            found.append(("value", re.sub(r"\\(.)", r"\1", quoted)))
        else:
            found.append(("word", word))
    return found


class _Parser:
    def __init__(
        self,
        tokens: list[tuple[str, Any]],
        fields: Callable[[str], bool] | None,
        operators: Callable[[str, str], bool] | None,
        ignore_case: bool,
        allow_not: bool,
    ) -> None:
        self.tokens, self.at, self.depth = tokens, 0, 0
        self.fields, self.operators, self.ignore_case, self.allow_not = fields, operators, ignore_case, allow_not
        self.values: Callable[[str, str, Any], None] | None = None

    def peek(self) -> tuple[str, Any] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def next(self, what: str) -> tuple[str, Any]:
        token = self.peek()
        if token is None:
            raise SearchError(f"Expected {what} at the end of the expression.")
        self.at += 1
        return token

    def keyword(self, word: str) -> bool:
        token = self.peek()
        if token and token[0] == "word" and token[1].lower() == word:
            self.at += 1
            return True
        return False

    def expression(self) -> Predicate:
        parts = [self.conjunct()]
        while self.keyword("or"):
            parts.append(self.conjunct())
        return parts[0] if len(parts) == 1 else (lambda r: any(p(r) for p in parts))

    def conjunct(self) -> Predicate:
        parts = [self.factor()]
        while self.keyword("and"):
            parts.append(self.factor())
        return parts[0] if len(parts) == 1 else (lambda r: all(p(r) for p in parts))

    def factor(self) -> Predicate:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise SearchError("The search expression is too complex.")
            return self._factor()
        finally:
            self.depth -= 1

    def _factor(self) -> Predicate:
        if self.keyword("not"):
            if not self.allow_not:
                raise SearchError("The 'not' operator is not supported.")
            inner = self.factor()
            return lambda r: not inner(r)
        kind, value = self.next("an attribute")
        if kind == "(":
            inner = self.expression()
            if self.next("')'")[0] != ")":
                raise SearchError("Expected ')'.")
            return inner
        if kind != "word" or not _PATH.match(value) or value.lower() in ("and", "or"):
            raise SearchError(f"Expected an attribute, found '{value}'.")
        path = value
        if self.fields is not None and not self.fields(path):
            raise SearchError(f"The attribute '{path}' cannot be searched.")
        op_kind, op = self.next("an operator")
        op = str(op).lower()
        if op_kind != "word" or op not in (*COMPARISONS, "pr"):
            raise SearchError(f"Unknown operator '{op}'.")
        if self.operators is not None and not self.operators(path, op):
            raise SearchError(f"The operator '{op}' is not supported for '{path}'.")
        if op == "pr":
            return lambda r: value_at(r, path) not in (None, "", [])
        literal = self._literal()
        if self.values is not None:
            self.values(path, op, literal)
        return _comparison(path, op, literal, self.ignore_case)

    def _literal(self) -> Any:
        kind, value = self.next("a value")
        if kind == "value":
            return value
        if kind == "word":
            lowered = value.lower()
            if lowered in ("true", "false"):
                return lowered == "true"
            if lowered == "null":
                return None
            if _NUMBER.match(value):
                return float(value) if "." in value else int(value)
        raise SearchError(f"Expected a value, found '{value}'.")


def _comparison(path: str, op: str, literal: Any, ignore_case: bool) -> Predicate:
    wanted = _folded(literal, ignore_case)

    def one(value: Any) -> bool:
        value = _folded(value, ignore_case)
        if op in ("sw", "co"):
            if not isinstance(value, str) or not isinstance(wanted, str):
                return False
            return value.startswith(wanted) if op == "sw" else wanted in value
        if op == "eq":
            return bool(value == wanted)
        if op == "ne":
            return bool(value != wanted)
        if value is None or wanted is None or isinstance(value, str) != isinstance(wanted, str):
            return False
        try:
            return bool(_ORDER[op](value, wanted))
        except TypeError:
            return False

    def matches(record: Record) -> bool:
        value = value_at(record, path)
        if isinstance(value, list):
            return any(one(item) for item in value)
        return one(value)

    return matches


def _folded(value: Any, ignore_case: bool) -> Any:
    return value.lower() if ignore_case and isinstance(value, str) else value
