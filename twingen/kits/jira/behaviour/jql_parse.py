"""JQL as a language: a tokenizer and a recursive-descent parser into a small tree, with Jira's error messages.

Grammar (https://support.atlassian.com/jira-software-cloud/docs/jql-fields/, .../jql-operators/, .../jql-keywords/):
    query   := [or] [ORDER BY sort ("," sort)*]
    or      := and (OR and)*            and := unary (AND unary)*
    unary   := NOT unary | "(" or ")" | clause
    clause  := field ( op value | [NOT] IN list | IS [NOT] (EMPTY|NULL) | WAS [NOT] [IN] value | CHANGED )
    value   := string | word | function "(" [args] ")"        list := "(" value ("," value)* ")" | function
No maintained JQL grammar is published on PyPI, so the twin carries this one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ._errors import jira_error

KEYWORDS = {"AND", "OR", "NOT", "IN", "IS", "EMPTY", "NULL", "ORDER", "BY", "ASC", "DESC", "WAS", "CHANGED"}
OPERATOR_LIST = "'=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'"
RESERVED = set("{}*/%+^$#@[]")
_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
      | (?P<op>!=|!~|>=|<=|=|~|>|<)
      | (?P<punct>[(),])
      | (?P<word>(?:cf\[\d+\]|[^\s"'(),=!~<>])+)
    )""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    kind: str  # string | op | punct | word | end
    text: str
    pos: int

    @property
    def keyword(self) -> str | None:
        return self.text.upper() if self.kind == "word" and self.text.upper() in KEYWORDS else None


@dataclass(frozen=True)
class Value:
    text: str
    function: str | None = None
    args: tuple[str, ...] = ()
    quoted: bool = False


@dataclass(frozen=True)
class Clause:
    field: str
    op: str  # = != ~ !~ > >= < <= in "not in" is "is not" was "was not" changed
    values: tuple[Value, ...] = ()


@dataclass(frozen=True)
class Bool:
    op: str  # and | or | not
    parts: tuple[Any, ...]


@dataclass
class Query:
    where: Any | None
    order: list[tuple[str, bool]] = field(default_factory=list)  # (field, descending)


def bad(message: str) -> Exception:
    return jira_error("jql_invalid", message)


def tokenize(text: str) -> list[Token]:
    tokens, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            pos += len(text[pos:]) - len(text[pos:].lstrip())
            char = text[pos]
            raise bad(
                f"Error in the JQL Query: The character '{char}' is a reserved JQL character. You must enclose "
                f"it in a string or use the escape '\\u{ord(char):04x}' instead. (line 1, character {pos + 1})"
            )
        kind = match.lastgroup or "word"
        raw = match.group(kind)
        start = match.start(kind)
        if kind == "string":
            raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
        elif kind == "word":
            for char in raw:
                if char in RESERVED and not re.fullmatch(r"cf\[\d+\]", raw):
                    raise bad(
                        f"Error in the JQL Query: The character '{char}' is a reserved JQL character. You must "
                        f"enclose it in a string or use the escape '\\u{ord(char):04x}' instead. "
                        f"(line 1, character {start + raw.index(char) + 1})"
                    )
        tokens.append(Token(kind, raw, start))
        pos = match.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


class Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.i = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def expect_word(self, what: str) -> Token:
        token = self.peek()
        if token.kind not in ("word", "string") or token.keyword in ("AND", "OR", "ORDER"):
            raise self.unexpected(what)
        return self.take()

    def unexpected(self, what: str, token: Token | None = None) -> Exception:
        token = token or self.peek()
        if token.kind == "end":
            return bad(f"Error in the JQL Query: Expecting {what} but reached the end of the query.")
        return bad(
            f"Error in the JQL Query: Expecting {what} but got '{token.text}'. (line 1, character {token.pos + 1})"
        )

    def query(self) -> Query:
        where = None
        if self.peek().kind != "end" and self.peek().keyword != "ORDER":
            where = self.or_()
        order: list[tuple[str, bool]] = []
        if self.peek().keyword == "ORDER":
            self.take()
            if self.peek().keyword != "BY":
                raise self.unexpected("'by'")
            self.take()
            while True:
                name = self.expect_word("a field name").text
                descending = False
                if self.peek().keyword in ("ASC", "DESC"):
                    descending = self.take().keyword == "DESC"
                order.append((name, descending))
                if self.peek().text != ",":
                    break
                self.take()
        if self.peek().kind != "end":
            token = self.peek()
            raise bad(
                f"Error in the JQL Query: Expecting either 'OR' or 'AND' but got '{token.text}'. (line 1, "
                f"character {token.pos + 1})"
            )
        return Query(where, order)

    def or_(self) -> Any:
        parts = [self.and_()]
        while self.peek().keyword == "OR":
            self.take()
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else Bool("or", tuple(parts))

    def and_(self) -> Any:
        parts = [self.unary()]
        while self.peek().keyword == "AND":
            self.take()
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else Bool("and", tuple(parts))

    def unary(self) -> Any:
        token = self.peek()
        if token.keyword == "NOT":
            self.take()
            return Bool("not", (self.unary(),))
        if token.text == "(" and token.kind == "punct":
            self.take()
            inner = self.or_()
            if self.peek().text != ")":
                raise self.unexpected("')'")
            self.take()
            return inner
        return self.clause()

    def clause(self) -> Clause:
        name = self.expect_word("a field name").text
        token = self.peek()
        if token.kind == "op":
            self.take()
            return Clause(name, token.text, (self.value(),))
        word = token.keyword
        if word == "IN":
            self.take()
            return Clause(name, "in", self.values())
        if word == "NOT":
            self.take()
            if self.peek().keyword != "IN":
                raise self.unexpected("'IN'")
            self.take()
            return Clause(name, "not in", self.values())
        if word == "IS":
            self.take()
            negated = self.peek().keyword == "NOT"
            if negated:
                self.take()
            if self.peek().keyword not in ("EMPTY", "NULL"):
                raise self.unexpected("'EMPTY' or 'NULL'")
            self.take()
            return Clause(name, "is not" if negated else "is", ())
        if word == "WAS":
            self.take()
            negated = self.peek().keyword == "NOT"
            if negated:
                self.take()
            if self.peek().keyword == "IN":
                self.take()
                return Clause(name, "was not in" if negated else "was in", self.values())
            return Clause(name, "was not" if negated else "was", (self.value(),))
        if word == "CHANGED":
            self.take()
            return Clause(name, "changed", ())
        raise bad(
            f"Error in the JQL Query: Expecting operator but got '{token.text}'. The valid operators are "
            f"{OPERATOR_LIST}. (line 1, character {token.pos + 1})"
            if token.kind != "end"
            else f"Error in the JQL Query: Expecting operator before the end of the query. The valid operators are "
            f"{OPERATOR_LIST}."
        )

    def value(self) -> Value:
        token = self.peek()
        if token.keyword in ("EMPTY", "NULL"):
            self.take()
            return Value("", function="empty")
        if token.kind == "string":
            self.take()
            return Value(token.text, quoted=True)
        if token.kind != "word" or token.keyword in ("AND", "OR", "ORDER", "NOT", "IN", "IS"):
            raise self.unexpected("either a value, list or function")
        self.take()
        if self.peek().text == "(" and self.peek().kind == "punct":
            self.take()
            args: list[str] = []
            while self.peek().text != ")":
                arg = self.take()
                if arg.kind == "end":
                    raise self.unexpected("')'", arg)
                if arg.text != ",":
                    args.append(arg.text)
            self.take()
            return Value(token.text, function=token.text.lower(), args=tuple(args))
        return Value(token.text)

    def values(self) -> tuple[Value, ...]:
        if self.peek().text != "(":
            single = self.value()
            if single.function:
                return (single,)
            raise self.unexpected("'('")
        self.take()
        out = [self.value()]
        while self.peek().text == ",":
            self.take()
            out.append(self.value())
        if self.peek().text != ")":
            raise self.unexpected("')'")
        self.take()
        return tuple(out)


def parse(text: str) -> Query:
    return Parser(text or "").query()
