"""Drive's ``q`` search language: a tokenizer, a recursive-descent parser and the predicate it builds.

Grammar (Drive's ref-search-terms guide, in our words)::

    query   := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | primary
    primary := "(" query ")" | term
    term    := FIELD OP VALUE | VALUE "in" COLLECTION | FIELD "has" "{" "key" "=" STR "and" "value" "=" STR "}"

Anything else (an unknown term, an operator a term does not take, a bad date, a dangling quote) is a
``QueryError``; the caller answers it with Drive's 400 ``invalid`` on location ``q``. So is a query that nests
parentheses and ``not`` more than ``MAX_DEPTH`` deep: the parser and the predicate it builds recurse once per
level, and a few thousand levels would exhaust Python's stack.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone

__all__ = ["Candidate", "Predicate", "QueryError", "QueryScope", "QueryTooDeep", "parse_query"]


MAX_DEPTH = 100
"""The most parentheses and ``not`` a query may nest."""


class QueryError(ValueError):
    """The query is not valid Drive search syntax."""


class QueryTooDeep(QueryError):
    """The query nests more than ``MAX_DEPTH`` levels: the twin's own limit, so its message is shown."""


@dataclass(frozen=True)
class Candidate:
    """What a query can see of one file, from the point of view of the requesting user."""

    name: str
    mime_type: str
    parents: frozenset[str]
    trashed: bool
    starred: bool
    created: float
    modified: float
    viewed: float | None
    full_text: str
    owners: frozenset[str]
    writers: frozenset[str]
    readers: frozenset[str]
    shared_with_me: bool
    properties: Mapping[str, str] = field(default_factory=dict)
    app_properties: Mapping[str, str] = field(default_factory=dict)
    visibility: str = "limited"


@dataclass(frozen=True)
class QueryScope:
    """Aliases resolved at parse time: ``'me'`` is the caller's email, ``'root'`` their My Drive folder."""

    me: str
    root_id: str


Predicate = Callable[[Candidate], bool]

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
      | (?P<op><=|>=|!=|=|<|>)
      | (?P<punct>[(){}])
      | (?P<word>[A-Za-z_][A-Za-z0-9_.]*)
      | (?P<num>-?[0-9]+(?:\.[0-9]+)?)
    )""",
    re.VERBOSE,
)

_STRING_TERMS = {"name": ("contains", "=", "!="), "mimeType": ("contains", "=", "!="), "fullText": ("contains",)}
_DATE_TERMS = {"modifiedTime": "modified", "createdTime": "created", "viewedByMeTime": "viewed"}
_BOOL_TERMS = {"trashed": "trashed", "starred": "starred", "sharedWithMe": "shared_with_me"}
_COLLECTIONS = ("parents", "owners", "writers", "readers")
_COMPARE = ("<", "<=", "=", "!=", ">", ">=")


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str


def _tokenize(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos, end = 0, len(query.rstrip())
    while pos < end:
        match = _TOKEN.match(query, pos)
        if match is None or match.end() == pos:
            raise QueryError(f"unexpected character at {pos}")
        kind = match.lastgroup or ""
        tokens.append(_Token(kind, match.group(kind)))
        pos = match.end()
    return tokens


def _unquote(text: str) -> str:
    # Drive escapes a quote or backslash inside a string with a backslash
    return re.sub(r"\\(.)", r"\1", text[1:-1])


def _parse_time(text: str) -> float:
    """RFC 3339; Drive reads a time without a zone as UTC."""
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise QueryError(f"not a time: {text}") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.timestamp()


_WORD_CHARS = re.compile(r"[0-9A-Za-z]+")


def _name_contains(name: str, value: str) -> bool:
    """Drive matches ``name contains`` on word prefixes: 'Hello' finds 'HelloWorld', 'World' does not."""
    haystack, needle = name.casefold(), value.casefold()
    if not needle:
        return True
    start = haystack.find(needle)
    while start != -1:
        if start == 0 or not haystack[start - 1].isalnum():
            return True
        start = haystack.find(needle, start + 1)
    return False


def _full_text_contains(text: str, value: str) -> bool:
    """Whole words only; a phrase in double quotes must appear as consecutive words."""
    words = [w.casefold() for w in _WORD_CHARS.findall(text)]
    phrase = value.strip()
    if len(phrase) >= 2 and phrase[0] == phrase[-1] == '"':
        wanted = [w.casefold() for w in _WORD_CHARS.findall(phrase[1:-1])]
        n = len(wanted)
        return n == 0 or any(words[i : i + n] == wanted for i in range(len(words) - n + 1))
    present = set(words)
    return all(w.casefold() in present for w in _WORD_CHARS.findall(phrase))


def _compare(op: str, left: float | str | bool | None, right: float | str | bool) -> bool:
    if left is None:
        return op == "!="
    if op == "=":
        return left == right
    if op == "!=":
        return left != right
    if isinstance(left, bool) or isinstance(right, bool):
        return False
    if op == "<":
        return left < right  # type: ignore[operator]
    if op == "<=":
        return left <= right  # type: ignore[operator]
    if op == ">":
        return left > right  # type: ignore[operator]
    return left >= right  # type: ignore[operator]


class _Parser:
    def __init__(self, tokens: list[_Token], scope: QueryScope) -> None:
        self.tokens = tokens
        self.pos = 0
        self.scope = scope
        self.depth = 0

    def peek(self, offset: int = 0) -> _Token | None:
        index = self.pos + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.peek()
        if token is None:
            raise QueryError("unexpected end of query")
        self.pos += 1
        return token

    def keyword(self, word: str) -> bool:
        token = self.peek()
        if token is not None and token.kind == "word" and token.text.lower() == word:
            self.pos += 1
            return True
        return False

    def expect(self, kind: str, text: str | None = None) -> _Token:
        token = self.take()
        if token.kind != kind or (text is not None and token.text != text):
            raise QueryError(f"expected {text or kind}, got {token.text}")
        return token

    def parse(self) -> Predicate:
        predicate = self.parse_or()
        if self.peek() is not None:
            raise QueryError(f"unexpected {self.take().text}")
        return predicate

    def parse_or(self) -> Predicate:
        parts = [self.parse_and()]
        while self.keyword("or"):
            parts.append(self.parse_and())
        return parts[0] if len(parts) == 1 else (lambda c: any(p(c) for p in parts))

    def parse_and(self) -> Predicate:
        parts = [self.parse_not()]
        while self.keyword("and"):
            parts.append(self.parse_not())
        return parts[0] if len(parts) == 1 else (lambda c: all(p(c) for p in parts))

    def parse_not(self) -> Predicate:
        if self.keyword("not"):
            inner = self.nested(self.parse_not)
            return lambda c: not inner(c)
        token = self.peek()
        if token is not None and token.kind == "punct" and token.text == "(":
            self.take()
            inner = self.nested(self.parse_or)
            self.expect("punct", ")")
            return inner
        return self.parse_term()

    def nested(self, parse: Callable[[], Predicate]) -> Predicate:
        """``parse`` one level deeper; past ``MAX_DEPTH`` levels the query is refused."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryTooDeep(f"the query nests parentheses and not more than {MAX_DEPTH} levels deep")
        inner = parse()
        self.depth -= 1
        return inner

    def parse_term(self) -> Predicate:
        first = self.take()
        if first.kind == "str":
            return self.parse_membership(_unquote(first.text))
        if first.kind != "word":
            raise QueryError(f"unexpected {first.text}")
        term = first.text
        if term in ("properties", "appProperties"):
            return self.parse_has(term)
        op_token = self.take()
        op = op_token.text.lower() if op_token.kind == "word" else op_token.text
        if op_token.kind not in ("op", "word"):
            raise QueryError(f"expected an operator after {term}")
        if term in _STRING_TERMS:
            return self.string_term(term, op, self.take_string())
        if term in _DATE_TERMS:
            if op not in _COMPARE:
                raise QueryError(f"{term} does not take {op}")
            return self.date_term(_DATE_TERMS[term], op, _parse_time(self.take_string()))
        if term in _BOOL_TERMS:
            if op not in ("=", "!="):
                raise QueryError(f"{term} does not take {op}")
            attr, wanted = _BOOL_TERMS[term], self.take_bool()
            return lambda c: (getattr(c, attr) == wanted) == (op == "=")
        if term == "visibility":
            if op not in ("=", "!="):
                raise QueryError("visibility takes = or !=")
            level = self.take_string()
            return lambda c: (c.visibility == level) == (op == "=")
        raise QueryError(f"unknown term {term}")

    def take_string(self) -> str:
        token = self.take()
        if token.kind != "str":
            raise QueryError(f"expected a quoted string, got {token.text}")
        return _unquote(token.text)

    def take_bool(self) -> bool:
        token = self.take()
        if token.kind == "word" and token.text.lower() in ("true", "false"):
            return token.text.lower() == "true"
        raise QueryError(f"expected true or false, got {token.text}")

    def string_term(self, term: str, op: str, value: str) -> Predicate:
        if op not in _STRING_TERMS[term]:
            raise QueryError(f"{term} does not take {op}")
        if term == "fullText":
            return lambda c: _full_text_contains(c.full_text, value)
        attr = "name" if term == "name" else "mime_type"
        if op == "contains":
            if term == "name":
                return lambda c: _name_contains(c.name, value)
            return lambda c: value.casefold() in c.mime_type.casefold()
        return lambda c: (getattr(c, attr) == value) == (op == "=")

    @staticmethod
    def date_term(attr: str, op: str, when: float) -> Predicate:
        # times are kept to the millisecond, as Drive shows them
        limit = round(when * 1000) / 1000
        return lambda c: _compare(op, _ms(getattr(c, attr)), limit)

    def parse_membership(self, value: str) -> Predicate:
        if not self.keyword("in"):
            raise QueryError("a quoted value must be followed by 'in'")
        collection = self.expect("word").text
        if collection not in _COLLECTIONS:
            raise QueryError(f"cannot search in {collection}")
        if collection == "parents":
            folder = self.scope.root_id if value == "root" else value
            return lambda c: folder in c.parents
        who = (self.scope.me if value == "me" else value).casefold()
        return lambda c: who in getattr(c, collection)

    def parse_has(self, term: str) -> Predicate:
        if not self.keyword("has"):
            raise QueryError(f"{term} takes has")
        self.expect("punct", "{")
        if not self.keyword("key"):
            raise QueryError("expected key")
        self.expect("op", "=")
        key = self.take_string()
        if not self.keyword("and") or not self.keyword("value"):
            raise QueryError("expected and value")
        self.expect("op", "=")
        value = self.take_string()
        self.expect("punct", "}")
        attr = "properties" if term == "properties" else "app_properties"
        return lambda c: getattr(c, attr).get(key) == value


def _ms(value: float | None) -> float | None:
    return None if value is None else round(value * 1000) / 1000


def parse_query(query: str, scope: QueryScope) -> Predicate:
    """Parse ``q`` into a predicate over ``Candidate``; raises ``QueryError`` when Drive would answer 400."""
    if not query.strip():
        return lambda c: True
    return _Parser(_tokenize(query), scope).parse()
