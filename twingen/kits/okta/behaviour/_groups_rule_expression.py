"""The part of the Okta Expression Language a group rule's condition is written in, evaluated against a user.

Understood: ``user.ATTR`` (the user's profile attribute), string/number/boolean/null literals, ``==`` ``!=``
``>`` ``>=`` ``<`` ``<=``, ``&&``/``AND``, ``||``/``OR``, ``!``, parentheses, and the functions
``isMemberOfGroup("id")``, ``isMemberOfAnyGroup("id", ...)``, ``isMemberOfGroupName("name")``,
``String.startsWith(a, b)``, ``String.stringContains(a, b)``, ``String.toLowerCase(a)``,
``String.toUpperCase(a)``. Anything else (other functions, ``user.getGroups()``...) makes the expression
unknown to the twin: it matches nobody (listed in api_docs/okta/NOTES.md).
Source: https://developer.okta.com/docs/reference/okta-expression-language/
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Record = dict[str, Any]
Groups = Callable[[], tuple[set[str], set[str]]]
"""The user's group ids and lower-cased group names, asked only when a membership function is used."""

_TOKEN = re.compile(
    r'\s*("(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|==|!=|>=|<=|&&|\|\||[()!,<>]|'
    r"-?\d+(?:\.\d+)?|[A-Za-z_][\w.]*)"
)


class Unknown(Exception):
    """The expression uses something the twin does not evaluate."""


def evaluate(expression: str, user: Record, groups: Groups) -> bool:
    """Whether ``user`` meets ``expression``; False for an expression the twin does not understand."""
    try:
        parser = _Parser(_tokens(expression), user, groups)
        value = parser.disjunction()
        if parser.tokens:
            raise Unknown(parser.tokens[0])
        return value is True
    except Unknown:
        return False


def _tokens(text: str) -> list[str]:
    found, at = [], 0
    text = text.strip()
    while at < len(text):
        hit = _TOKEN.match(text, at)
        if not hit or hit.end() == at:
            raise Unknown(text[at:])
        found.append(hit.group(1))
        at = hit.end()
    return found


class _Parser:
    def __init__(self, tokens: list[str], user: Record, groups: Groups) -> None:
        self.tokens, self.user, self.groups = tokens, user, groups

    def _take(self, expected: str | None = None) -> str:
        if not self.tokens or (expected is not None and self.tokens[0] != expected):
            raise Unknown(expected or "end")
        return self.tokens.pop(0)

    def disjunction(self) -> Any:
        value = self.conjunction()
        while self.tokens and self.tokens[0] in ("||", "OR", "or"):
            self._take()
            right = self.conjunction()
            value = value is True or right is True
        return value

    def conjunction(self) -> Any:
        value = self.comparison()
        while self.tokens and self.tokens[0] in ("&&", "AND", "and"):
            self._take()
            right = self.comparison()
            value = value is True and right is True
        return value

    def comparison(self) -> Any:
        left = self.unary()
        if self.tokens and self.tokens[0] in ("==", "!=", ">", ">=", "<", "<="):
            operator = self._take()
            right = self.unary()
            if operator in ("==", "!="):
                return (left == right) == (operator == "==")
            try:
                return {">": left > right, ">=": left >= right, "<": left < right, "<=": left <= right}[operator]
            except TypeError:
                return False
        return left

    def unary(self) -> Any:
        if self.tokens and self.tokens[0] == "!":
            self._take()
            return self.unary() is not True
        return self.primary()

    def primary(self) -> Any:
        token = self._take()
        if token == "(":
            value = self.disjunction()
            self._take(")")
            return value
        if token[0] in "\"'":
            return token[1:-1].replace("\\" + token[0], token[0])
        if re.fullmatch(r"-?\d+(?:\.\d+)?", token):
            return float(token) if "." in token else int(token)
        if token in ("true", "false"):
            return token == "true"
        if token == "null":
            return None
        if self.tokens and self.tokens[0] == "(":
            return self._call(token)
        if token.startswith("user."):
            return (self.user.get("profile") or {}).get(token[5:])
        raise Unknown(token)

    def _call(self, name: str) -> Any:
        self._take("(")
        args: list[Any] = []
        while self.tokens and self.tokens[0] != ")":
            args.append(self.disjunction())
            if self.tokens and self.tokens[0] == ",":
                self._take()
        self._take(")")
        return _FUNCTIONS.get(name, _unknown)(self, args)


def _unknown(parser: _Parser, args: list[Any]) -> Any:
    raise Unknown("function")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


_FUNCTIONS: dict[str, Callable[[_Parser, list[Any]], Any]] = {
    "isMemberOfGroup": lambda p, a: bool(a) and str(a[0]) in p.groups()[0],
    "isMemberOfAnyGroup": lambda p, a: any(str(x) in p.groups()[0] for x in a),
    "isMemberOfGroupName": lambda p, a: bool(a) and _text(a[0]).lower() in p.groups()[1],
    "String.startsWith": lambda p, a: len(a) == 2 and _text(a[0]).startswith(_text(a[1])),
    "String.stringContains": lambda p, a: len(a) == 2 and _text(a[1]) in _text(a[0]),
    "String.toLowerCase": lambda p, a: _text(a[0]).lower() if a else "",
    "String.toUpperCase": lambda p, a: _text(a[0]).upper() if a else "",
}
