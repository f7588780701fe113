"""Problems found in a user's documents, as values.

A warning means the twin is generated with the located piece skipped or repaired; an error means
twingen could not generate (from that document, or at all). Library code collects diagnostics and goes
on; only the CLI prints them and picks the exit code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

Level = Literal["warning", "error"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    level: Level
    file: str
    pointer: str
    """RFC 6901 JSON pointer inside ``file`` ("" for the whole document)."""
    message: str
    code: str = ""
    """Short, stable kind of problem (``invalid-spec``, ``remote-ref``, ``dangling-ref``...)."""

    def __str__(self) -> str:
        where = f"{self.file}#{self.pointer}" if self.pointer else self.file
        kind = f" [{self.code}]" if self.code else ""
        return f"{self.level}: {where}: {self.message}{kind}"


@dataclass
class Diagnostics:
    """An ordered collection that pipeline steps append to."""

    items: list[Diagnostic] = field(default_factory=list)

    def warn(self, file: str, pointer: str, message: str, code: str = "") -> None:
        self.items.append(Diagnostic("warning", file, pointer, message, code))

    def error(self, file: str, pointer: str, message: str, code: str = "") -> None:
        self.items.append(Diagnostic("error", file, pointer, message, code))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def has_errors(self) -> bool:
        return any(d.level == "error" for d in self.items)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == "warning"]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == "error"]

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def escape_pointer_token(token: str) -> str:
    """Escape one reference token for a JSON pointer (RFC 6901: ``~`` -> ``~0``, ``/`` -> ``~1``)."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer(*tokens: str | int) -> str:
    """Build a JSON pointer from raw tokens: ``pointer("paths", "/a/{b}", "get")`` -> ``/paths/~1a~1{b}/get``."""
    return "".join("/" + escape_pointer_token(str(t)) for t in tokens)
