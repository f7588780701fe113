"""Identifiers for generated code, made from arbitrary strings found in specs.

Every function here returns a string that is a valid, non-keyword, non-dunder Python identifier made only
of ``[A-Za-z0-9_]``, whatever the input. These are the only spec-derived strings that may appear in
generated code outside ``repr()``.
"""

from __future__ import annotations

import keyword
import re
import unicodedata

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_IDENT = re.compile(r"[^0-9a-zA-Z]+")
_RESERVED = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | {"self", "cls"}


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def snake_case(text: str) -> str:
    """``chat.postMessage`` -> ``chat_post_message``; ``X-Request-ID`` -> ``x_request_id``."""
    words = _NON_IDENT.sub(" ", _WORD_BOUNDARY.sub(" ", _ascii(text))).split()
    return "_".join(w.lower() for w in words)


def python_identifier(text: str, fallback: str = "name") -> str:
    """A safe snake_case identifier: keywords get a trailing ``_``, leading digits a prefix, dunders none."""
    name = snake_case(text).strip("_") or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if name in _RESERVED:
        name += "_"
    return name


def class_name(text: str, fallback: str = "Model") -> str:
    """A safe CapWords identifier: ``user-profile`` -> ``UserProfile``."""
    words = _NON_IDENT.sub(" ", _WORD_BOUNDARY.sub(" ", _ascii(text))).split()
    name = "".join(w[:1].upper() + w[1:] for w in words) or fallback
    if name[0].isdigit():
        name = fallback + name
    if name in _RESERVED:
        name += "_"
    return name


def package_name(twin_name: str) -> str:
    """``google`` -> ``twin_google``; the import package of a twin."""
    return "twin_" + python_identifier(twin_name, fallback="api")


def distribution_name(twin_name: str) -> str:
    """``google`` -> ``twin-google``; the pip distribution of a twin."""
    return "twin-" + python_identifier(twin_name, fallback="api").replace("_", "-")


class NameAllocator:
    """Hands out unique identifiers in one namespace: the second ``list`` becomes ``list_2``."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self._taken: set[str] = set(taken or ())

    def allocate(self, candidate: str) -> str:
        name, n = candidate, 1
        while name in self._taken:
            n += 1
            name = f"{candidate}_{n}"
        self._taken.add(name)
        return name
