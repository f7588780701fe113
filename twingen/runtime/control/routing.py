"""Routing for the control plane: (method, path pattern) -> handler, as starlette's ``Route`` does it.

A pattern is the path after ``/_twin`` with ``{name}`` for one segment or ``{name:path}`` for the rest of
the path; values are as sent (still percent-encoded). A handler gets a ``Call`` and returns the answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson

from ..dispatch.requests import Incoming
from ..dispatch.twin import Reply, Twin

_PARAM = re.compile(r"\{(\w+)(:path)?\}")


class BadRequest(ValueError):
    """A control request the twin cannot act on; answered 400 with the message."""


@dataclass(slots=True)
class Call:
    """One control request as its handler sees it: the twin, the request, and the pattern's parameters."""

    twin: Twin
    incoming: Incoming
    params: dict[str, str]

    @property
    def query(self) -> dict[str, str]:
        return self.incoming.query

    def json(self) -> Any:
        """The body as JSON, None when it is empty."""
        raw = self.incoming.raw_body
        try:
            return orjson.loads(raw) if raw.strip() else None
        except orjson.JSONDecodeError as error:
            raise BadRequest(f"the body is not valid JSON: {error}") from None

    def fields(self) -> dict[str, Any]:
        """The body as a JSON object, ``{}`` when it is empty."""
        raw = self.incoming.raw_body
        if not raw.strip():
            return {}
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise BadRequest(f"the body is not JSON: {error}") from None
        if not isinstance(data, dict):
            raise BadRequest("the body must be a JSON object")
        return data


Handler = Callable[[Call], Reply]


@dataclass(frozen=True, slots=True)
class Route:
    """``method`` (``"*"``: any) and ``path`` (a pattern, or matched as it is when ``literal``) -> ``handler``."""

    method: str
    path: str
    handler: Handler
    literal: bool = False
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", re.compile(re.escape(self.path) if self.literal else _compile(self.path)))

    def match(self, method: str, path: str) -> dict[str, str] | None:
        """The path parameters when this route answers ``method path``, else None."""
        if self.method not in (method, "*"):
            return None
        found = self.pattern.fullmatch(path)
        return found.groupdict() if found else None


def _compile(path: str) -> str:
    parts: list[str] = []
    end = 0
    for param in _PARAM.finditer(path):
        parts += [re.escape(path[end : param.start()]), f"(?P<{param[1]}>{'.+' if param[2] else '[^/]+'})"]
        end = param.end()
    return "".join([*parts, re.escape(path[end:])])


def json_reply(body: Any, status: int = 200) -> Reply:
    return status, orjson.dumps(body), {}, "application/json"


def error_reply(code: str, message: str, status: int) -> Reply:
    return json_reply({"error": code, "message": message}, status)


def no_endpoint(incoming: Incoming) -> Reply:
    return error_reply("not_found", f"no control endpoint {incoming.method} {incoming.path}", 404)
