"""What this kit's views use from the runtime's view mechanism (``runtime/control/ui/views.py``), typed here.

A committed twin's ``runtime/`` is a copy from when it was generated: one older than views has no ``view``
decorator, and its views are then simply not served (``_unserved``) until the twin is regenerated. Typing the
context as a Protocol keeps these modules type-checking against either copy.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn, Protocol

from ..runtime import State
from ..runtime.control.ui.html import Child, Safe


class ViewContext(Protocol):
    """``runtime.control.ui.views.ViewContext``, as far as views use it."""

    state: State
    tenant: str
    params: dict[str, str]
    title: str

    def now(self) -> float: ...
    def url(self, view: str, **params: object) -> str: ...
    def link(self, view: str, label: Child, **params: object) -> Safe: ...
    def id(self, value: object) -> Safe: ...
    def when(self, seconds: object) -> str: ...
    def json(self, value: Any) -> Safe: ...
    def table(self, columns: Sequence[str], rows: Iterable[Sequence[Child]], **attrs: object) -> Safe: ...
    def missing(self, what: str) -> NoReturn: ...


ViewFunction = Callable[[ViewContext], Safe]


class Marker(Protocol):
    def __call__(
        self, name: str, *, title: str = "", listed: bool = True
    ) -> Callable[[ViewFunction], ViewFunction]: ...


def _unserved(name: str, *, title: str = "", listed: bool = True) -> Callable[[ViewFunction], ViewFunction]:
    return lambda fn: fn


view: Marker = getattr(importlib.import_module("..runtime", __package__), "view", _unserved)
"""``@view(name, title=..., listed=True)``: the runtime's decorator, or one that serves nothing."""
