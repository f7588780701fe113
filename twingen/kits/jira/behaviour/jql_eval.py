"""JQL evaluation: a parsed query compiled once into a predicate over issue records and a sort key.

Operator rules from https://support.atlassian.com/jira-software-cloud/docs/jql-operators/: ``!=`` and ``NOT IN``
never match an empty field; ``~`` is a word search (``*`` a trailing wildcard); ``WAS`` reads the changelog as
well as the current value; ``CHANGED`` needs a changelog entry for the field. Functions:
https://support.atlassian.com/jira-software-cloud/docs/jql-functions/.
"""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Callable
from typing import Any

from ..runtime import State
from ._store import find_user
from .jql_fields import Field, field_named, key_order, unknown_value
from .jql_parse import Bool, Clause, Query, Value, bad

Predicate = Callable[[dict[str, Any]], bool]
_RELATIVE = re.compile(r"^([+-]?)\s*((?:\d+\s*[wdhm]\s*)+)$", re.IGNORECASE)
_UNIT = {"w": 7 * 86400, "d": 86400, "h": 3600, "m": 60}
_DATE_FORMATS = ("%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d", "%Y-%m-%d")


class Env:
    """What a query is evaluated against: the site's state, who asks, and the twin clock."""

    def __init__(self, state: State, caller: str | None, now: float) -> None:
        self.state, self.caller, self.now = state, caller, now


def parse_time(text: Any) -> float | None:
    if text is None:
        return None
    text = str(text)
    if "T" in text:  # a stored timestamp: 2026-12-04T22:58:34.123+0000
        return calendar.timegm(time.strptime(text[:19], "%Y-%m-%dT%H:%M:%S"))
    for form in _DATE_FORMATS:
        try:
            return calendar.timegm(time.strptime(text, form))
        except ValueError:
            continue
    return None


def _relative(env: Env, text: str) -> float | None:
    match = _RELATIVE.match(text.strip())
    if not match:
        return None
    seconds = sum(int(n) * _UNIT[u.lower()] for n, u in re.findall(r"(\d+)\s*([wdhm])", match.group(2), re.I))
    return env.now - seconds if match.group(1) == "-" else env.now + seconds


def _period(env: Env, name: str, args: tuple[str, ...]) -> float:
    start = name.startswith("start")
    tm = time.gmtime(env.now)
    if name.endswith("day"):
        base = calendar.timegm((tm.tm_year, tm.tm_mon, tm.tm_mday, 0, 0, 0))
        span = 86400
    elif name.endswith("week"):
        base = calendar.timegm((tm.tm_year, tm.tm_mon, tm.tm_mday, 0, 0, 0)) - ((tm.tm_wday + 1) % 7) * 86400
        span = 7 * 86400
    elif name.endswith("month"):
        base = calendar.timegm((tm.tm_year, tm.tm_mon, 1, 0, 0, 0))
        span = calendar.monthrange(tm.tm_year, tm.tm_mon)[1] * 86400
    else:
        base = calendar.timegm((tm.tm_year, 1, 1, 0, 0, 0))
        span = (366 if calendar.isleap(tm.tm_year) else 365) * 86400
    moment = float(base if start else base + span - 1)
    if args:
        shifted = _relative(Env(env.state, env.caller, moment), args[0] if args[0][0] in "+-" else "+" + args[0])
        if shifted is None:
            raise bad(f"Incorrect time unit given to function '{name}()'.")
        moment = shifted
    return moment


def _date_value(env: Env, value: Value) -> float:
    if value.function:
        if value.function == "now":
            return env.now
        if re.fullmatch(r"(start|end)of(day|week|month|year)", value.function):
            return _period(env, value.function, value.args)
        raise bad(f"Unable to find JQL function '{value.text}()'.")
    found = _relative(env, value.text)
    if found is None:
        found = parse_time(value.text)
    if found is None:
        raise bad(
            f"Date value '{value.text}' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd "
            "HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."
        )
    return found


def _user_atoms(env: Env, value: Value, field: Field) -> set[Any]:
    if value.function == "currentuser":
        return {env.caller} if env.caller else set()
    if value.function == "membersof":
        group = value.args[0] if value.args else ""
        if env.state.collection("groups").get(group) is None:
            raise bad(
                f"Function 'membersOf' can not generate a list of usernames for group '{group}'; the group "
                "does not exist."
            )
        return {u["accountId"] for u in env.state.collection("users").values() if group in u.get("groups", [])}
    if value.function:
        raise bad(f"Unable to find JQL function '{value.text}()'.")
    found = find_user(env.state, value.text)
    if found is None:
        raise unknown_value(value, field)
    return {found["accountId"]}


def _named_atoms(env: Env, value: Value, field: Field) -> set[Any]:
    if value.function:
        raise bad(f"Unable to find JQL function '{value.text}()'.")
    wanted = value.text.lower()
    if field.name == "resolution" and wanted == "unresolved":
        return {None}
    found = set()
    for record in env.state.collection(field.collection or "").values():
        names = {str(record.get("id")).lower(), str(record.get("name", "")).lower(), str(record.get("key", "")).lower()}
        if wanted in names:
            found.add(record["id"])
    if not found:
        raise unknown_value(value, field)
    return found


def _key_atom(env: Env, value: Value, field: Field) -> dict[str, Any]:
    from .issues_store import issue_by_ref

    found = issue_by_ref(env.state, value.text)
    if found is None:
        raise bad(f"An issue with key '{value.text}' does not exist for field '{field.name}'.")
    return found


def atoms_of(env: Env, value: Value, field: Field) -> set[Any]:
    """The atoms a query value names for ``field`` (``{None}`` stands for EMPTY)."""
    if value.function == "empty":
        return {None}
    if field.kind == "user":
        return _user_atoms(env, value, field)
    if field.kind == "id":
        return _named_atoms(env, value, field)
    if field.kind == "key":
        return {_key_atom(env, value, field)["id"]}
    if field.kind == "date":
        return {_date_value(env, value)}
    if field.kind == "number":
        try:
            return {float(value.text)}
        except ValueError:
            raise bad(f"Value '{value.text}' is not valid for field '{field.name}'.") from None
    if field.kind == "sprint":
        return _sprint_atoms(env, value)
    if value.function:
        raise bad(f"Unable to find JQL function '{value.text}()'.")
    return {value.text.lower()}


def _sprint_atoms(env: Env, value: Value) -> set[Any]:
    sprints = env.state.collection("sprints").values()
    # openSprints(): every sprint not yet completed (future and active)
    states = {"opensprints": ("active", "future"), "closedsprints": ("closed",), "futuresprints": ("future",)}
    if value.function in states:
        return {int(s["id"]) for s in sprints if s["state"] in states[value.function]}
    if value.function:
        raise bad(f"Unable to find JQL function '{value.text}()'.")
    return {int(s["id"]) for s in sprints if str(s["id"]) == value.text or s["name"].lower() == value.text.lower()}


def _norm(field: Field, atom: Any) -> Any:
    if field.kind == "date":
        return parse_time(atom)
    if field.kind == "number":
        return float(atom)
    if field.kind in ("list",) and isinstance(atom, str):
        return atom.lower()
    if field.kind == "sprint" and isinstance(atom, dict):
        return int(atom.get("id", 0))
    return atom


def _words(text: str) -> list[str]:
    return re.findall(r"[\w']+\*?", text.lower())


def _contains(haystacks: list[Any], needle: str) -> bool:
    wanted = _words(needle)
    if not wanted:
        return False
    words = set()
    for hay in haystacks:
        words.update(_words(str(hay)))
    for word in wanted:
        if word.endswith("*"):
            if not any(w.startswith(word[:-1]) for w in words):
                return False
        elif word not in words and not any(w.startswith(word) and len(w) - len(word) <= 3 for w in words):
            return False  # a light stemming: "test" finds "tests", "tested"
    return True


def _history(issue: dict[str, Any], field: Field) -> list[Any]:
    out: list[Any] = []
    for entry in issue.get("changelog", []):
        for item in entry["items"]:
            if item["field"].lower() == field.name.lower():
                out.extend(v for v in (item.get("from"), item.get("to")) if v is not None)
    return out


def compile_clause(env: Env, clause: Clause) -> Predicate:
    field = field_named(env.state, clause.field)
    op = clause.op
    read = field.read
    state = env.state
    if op in ("is", "is not"):
        empty = op == "is"
        return lambda issue: (not read(state, issue)) == empty
    if op == "changed":
        return lambda issue: bool(_history(issue, field))
    if field.kind == "text":
        if op not in ("~", "!~"):
            raise bad(f"The operator '{op.upper()}' is not supported by the '{clause.field}' field.")
        text = clause.values[0].text
        if op == "~":
            return lambda issue: _contains(read(state, issue), text)
        return lambda issue: not _contains(read(state, issue), text)
    if op in ("~", "!~"):
        raise bad(f"The operator '{op}' is not supported by the '{clause.field}' field.")
    wanted: set[Any] = set()
    for value in clause.values:
        wanted |= atoms_of(env, value, field)
    if op in ("=", "in", "!=", "not in"):
        positive = op in ("=", "in")
        empty_ok = None in wanted

        def match(issue: dict[str, Any]) -> bool:
            atoms = [_norm(field, a) for a in read(state, issue)]
            if not atoms:
                return empty_ok if positive else False
            hit = any(a in wanted for a in atoms)
            return hit if positive else not hit

        return match
    if op in ("was", "was in", "was not", "was not in"):
        positive = op in ("was", "was in")

        def was(issue: dict[str, Any]) -> bool:
            seen = {_norm(field, a) for a in [*read(state, issue), *_history(issue, field)]}
            return bool(seen & wanted) == positive

        return was
    return _compare(env, field, op, wanted)


def _compare(env: Env, field: Field, op: str, wanted: set[Any]) -> Predicate:
    if field.kind not in ("date", "number", "key"):
        raise bad(f"The operator '{op}' is not supported by the '{field.name}' field.")
    target = next(iter(wanted))
    state = env.state
    if field.kind == "key":
        issue_target = state.collection("issues").get(target) or {"key": "-0"}
        bound = key_order(issue_target)

        def position(issue: dict[str, Any]) -> Any:
            return key_order(issue) if key_order(issue)[0] == bound[0] else None
    else:

        def position(issue: dict[str, Any]) -> Any:
            atoms = field.read(state, issue)
            return _norm(field, atoms[0]) if atoms else None

        bound = target
    tests = {">": lambda a: a > bound, ">=": lambda a: a >= bound, "<": lambda a: a < bound, "<=": lambda a: a <= bound}
    test: Callable[[Any], bool] = tests[op]

    def compare(issue: dict[str, Any]) -> bool:
        at = position(issue)
        return at is not None and test(at)

    return compare


def compile_where(env: Env, node: Any) -> Predicate:
    if node is None:
        return lambda issue: True
    if isinstance(node, Clause):
        return compile_clause(env, node)
    assert isinstance(node, Bool)
    parts = [compile_where(env, p) for p in node.parts]
    if node.op == "and":
        return lambda issue: all(p(issue) for p in parts)
    if node.op == "or":
        return lambda issue: any(p(issue) for p in parts)
    return lambda issue: not parts[0](issue)


def sort_key(env: Env, query: Query) -> tuple[list[tuple[Callable[[dict[str, Any]], Any], bool]], bool]:
    """The ORDER BY keys as (value of an issue, descending); the second item says whether the query gave one."""
    keys = []
    for name, descending in query.order:
        field = field_named(env.state, name)
        if field.order is not None:
            fn = (lambda f: lambda issue: f.order(env.state, issue))(field)  # type: ignore[misc]
        else:
            fn = (lambda f: lambda issue: _first(f, env.state, issue))(field)
        keys.append((fn, descending))
    return keys, bool(query.order)


def _first(field: Field, state: State, issue: dict[str, Any]) -> Any:
    atoms = field.read(state, issue)
    return _norm(field, atoms[0]) if atoms else None
