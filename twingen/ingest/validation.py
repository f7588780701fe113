"""Validate a document with openapi-spec-validator and turn each finding into a located warning.

Vendor specs are imperfect (Slack, Jira, Okta all fail validation) and still make twins, so findings are
warnings, never errors. Two things are added around the validator:

- Location. Findings from its keyword checks (defaults outside their enum, bad nested schemas) carry no
  path. Each keyword validator is wrapped to remember the spec node it was checking, and that node is
  found in the document by identity, which gives the real JSON pointer even behind ``$ref``s.
- Speed. Its schema walk remembers visited schemas in lists, which is quadratic: GitHub's spec took 21 s
  in that walk alone. The same checks with sets take 6 s. One pass runs per document; its cache is not
  kept (the library's ``iter_errors`` is an ``lru_cache`` that would hold a 13 MB spec forever).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jsonschema_path import SchemaPath
from openapi_spec_validator import OpenAPIV2SpecValidator, OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
from openapi_spec_validator.validation import keywords
from openapi_spec_validator.validation.validators import SpecValidator

from twingen.diagnostics import Diagnostics, pointer
from twingen.ingest.refs import LinkedPath, unwind

PLACES_PER_MESSAGE = 5
"""Findings with the same message beyond this many are summed up in one warning that lists the rest."""
_LISTED_EXTRA = 10
_MAX_MESSAGE = 160
_VALIDATORS: dict[str, type[SpecValidator]] = {
    "swagger-2.0": OpenAPIV2SpecValidator,
    "openapi-3.0": OpenAPIV30SpecValidator,
    "openapi-3.1": OpenAPIV31SpecValidator,
}
_ANCHOR = "_twingen_anchor"
_DISCRIMINATING = frozenset({"enum", "const", "type"})


@dataclass(frozen=True)
class Problem:
    """One validator finding."""

    pointer: str
    message: str


class _IdSet(set[int]):
    """A set with the list ``append`` the validator calls: membership tests become O(1)."""

    append = set.add


def _located(cls: type[keywords.KeywordValidator]) -> type[keywords.KeywordValidator]:
    """A subclass of one keyword validator that tags the errors it yields with the node it was checking."""

    class Located(cls):  # type: ignore[valid-type,misc]
        def __init__(self, registry: Any) -> None:
            super().__init__(registry)
            if isinstance(self, keywords.SchemaValidator):
                self.visited_schema_ids = _IdSet()
                self.meta_checked_schema_ids = _IdSet()

        def __call__(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
            anchor = next((a for a in args if isinstance(a, SchemaPath)), None)
            # A value check (``default``) looks at the default beside the schema it was given.
            suffix = ("default",) if isinstance(self, keywords.ValueValidator) else ()
            for err in super().__call__(*args, **kwargs):
                if anchor is not None and not hasattr(err, _ANCHOR):
                    setattr(err, _ANCHOR, (anchor, suffix))
                yield err

    Located.__name__ = Located.__qualname__ = f"Located{cls.__name__}"
    return Located


def _validator_for(fmt: str, data: dict[str, Any]) -> SpecValidator | None:
    base = _VALIDATORS.get(fmt)
    if base is None:
        return None
    located = {name: _located(cls) for name, cls in base.keyword_validators.items()}
    cls: type[SpecValidator] = type(f"Located{base.__name__}", (base,), {"keyword_validators": located})
    return cls(data)


def find_problems(data: dict[str, Any], fmt: str) -> list[Problem]:
    """Every openapi-spec-validator finding for a document of format ``fmt``, located; [] for other formats."""
    validator = _validator_for(fmt, data)
    if validator is None:
        return []
    locator = _Locator(data)
    problems = []
    # The two passes of ``SpecValidator.iter_errors``, without its everlasting cache.
    for err in validator.schema_validator.iter_errors(validator.schema):
        problems.append(_problem((), err))
    for err in validator.root_validator(validator.schema_path):
        anchor = getattr(err, _ANCHOR, None)
        problems.append(_problem(locator.tokens(*anchor) if anchor else (), err))
    return problems


def _problem(where: tuple[str | int, ...], err: Any) -> Problem:
    """Locate one finding; "not valid under any of the given schemas" is replaced by its most specific cause."""
    tokens = (*where, *err.path)
    leaves = [leaf for leaf in _leaves(err, ()) if "'$ref'" not in leaf[2].message]
    # Branches rejected by a discriminating value (``in: path`` is not ``query``) are the wrong alternative,
    # not the fault; and "'$ref' is a required property" only says the object is not a reference.
    leaves = [leaf for leaf in leaves if leaf[2].validator not in _DISCRIMINATING] or leaves
    if leaves:
        # The deepest remaining sub-error names the fault (Jira agile: a Java-only regex in a `pattern`;
        # Swagger: a path parameter's missing ``required``, nested deeper than the body-parameter branch).
        path, _, cause = max(leaves, key=lambda leaf: (len(leaf[0]), leaf[1]))
        return Problem(pointer(*tokens, *path), _short_message(cause))
    return Problem(pointer(*tokens), _short_message(err))


def _leaves(
    err: Any, prefix: tuple[str | int, ...], depth: int = 1
) -> Iterator[tuple[tuple[str | int, ...], int, Any]]:
    """Innermost sub-errors of a oneOf/anyOf failure with their path and how deeply they are nested."""
    for sub in getattr(err, "context", None) or ():
        path = (*prefix, *sub.relative_path)
        if sub.context:
            yield from _leaves(sub, path, depth + 1)
        else:
            yield path, depth, sub


def validate_document(data: dict[str, Any], fmt: str, given: str, diags: Diagnostics) -> int:
    """Add one located ``invalid-spec`` warning per finding (grouped past ``PLACES_PER_MESSAGE``); return the count."""
    try:
        problems = find_problems(data, fmt)
    except RecursionError:
        diags.warn(given, "", "not validated: the document is nested too deeply", "validator-failed")
        return 0
    except Exception as exc:  # a validator bug must not stop ingest; it is reported instead
        diags.warn(given, "", f"validation stopped early: {type(exc).__name__}: {exc}", "validator-failed")
        return 0
    by_message: dict[str, list[str]] = {}
    for problem in problems:
        by_message.setdefault(problem.message, []).append(problem.pointer)
    for message, places in by_message.items():
        for place in places[:PLACES_PER_MESSAGE]:
            diags.warn(given, place, message, "invalid-spec")
        rest = places[PLACES_PER_MESSAGE:]
        if rest:
            listed = ", ".join(p or "/" for p in rest[:_LISTED_EXTRA])
            more = f" and {len(rest) - _LISTED_EXTRA} more" if len(rest) > _LISTED_EXTRA else ""
            text = f"{len(rest)} more places with the same problem ({message}): {listed}{more}"
            diags.warn(given, rest[0], text, "invalid-spec")
    return len(problems)


class _Locator:
    """Finds where a node the validator was looking at sits in the document (built on first use)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.where: dict[int, LinkedPath] | None = None

    def tokens(self, anchor: SchemaPath, suffix: tuple[str, ...]) -> tuple[str | int, ...]:
        if self.where is None:
            self.where = self._index()
        try:
            node = anchor.read_value()
        except Exception:  # an unreadable node still has its logical path
            node = None
        if isinstance(node, (dict, list)) and id(node) in self.where:
            return (*unwind(self.where[id(node)]), *suffix)
        return (*anchor.parts, *suffix)

    def _index(self) -> dict[int, LinkedPath]:
        where: dict[int, LinkedPath] = {}
        stack: list[tuple[Any, LinkedPath]] = [(self.data, None)]
        while stack:
            node, path = stack.pop()
            if id(node) in where:  # shared (YAML anchor) nodes keep their first place
                continue
            where[id(node)] = path
            if isinstance(node, dict):
                stack.extend((v, (path, k)) for k, v in node.items() if isinstance(v, (dict, list)))
            elif isinstance(node, list):
                stack.extend((v, (path, i)) for i, v in enumerate(node) if isinstance(v, (dict, list)))
        return where


def _short_message(err: Any) -> str:
    """The validator's message with a long instance repr cut down, so messages stay readable and groupable."""
    message = str(getattr(err, "message", err))
    instance = getattr(err, "instance", None)
    if len(message) > _MAX_MESSAGE and isinstance(instance, (dict, list)):
        shown = repr(instance)
        if isinstance(instance, dict):
            keys = ", ".join(map(str, list(instance)[:4]))
            short = f"{{{keys}{', …' if len(instance) > 4 else ''}}}"
        else:
            short = f"[a list of {len(instance)}]"
        message = message.replace(shown, short)
    if len(message) <= _MAX_MESSAGE:
        return message
    # Keep the end too: it says what is wrong ("... is not of type 'object', 'boolean'").
    return message[: _MAX_MESSAGE - 61] + " … " + message[-58:]
