"""Where an SDK method goes: its operation id in the twin's spec, and which object each path parameter names.

okta's methods are read from the SDK (``POST /api/v1/users``); the twin's spec names operations by Okta's
``operationId`` (``createUser``), and the two may name path parameters differently (``{userId}`` / ``{id}``), so
they are matched by verb and path shape. A path parameter names an object of the collection just before it:
``/api/v1/apps/{appId}/users/{userId}`` -> ``appId`` is in ``/api/v1/apps``, ``userId`` in ``/api/v1/apps/{}/users``.
That collection (earlier parameters blanked) is the *kind* the check keeps ids under.
"""

from __future__ import annotations

import re
from typing import Any

_PARAM = re.compile(r"\{([^}]*)\}")


def shape(path: str) -> str:
    """``/api/v1/users/{id}`` -> ``/api/v1/users/{}``."""
    return _PARAM.sub("{}", path)


def operation_ids(operations: dict[str, dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(verb, path shape) -> the spec's operation id."""
    found: dict[tuple[str, str], str] = {}
    for op_id, op in operations.items():
        for verb in (op.get("method", ""), *(op.get("also_methods") or ())):
            found.setdefault((str(verb).upper(), shape(str(op.get("path", "")))), op_id)
    return found


def kinds(path: str) -> dict[str, str]:
    """Each path parameter -> the collection (kind) its object lives in."""
    out: dict[str, str] = {}
    for match in _PARAM.finditer(path):
        out[match.group(1)] = shape(path[: match.start()].rstrip("/"))
    return out


def collection_of(path: str) -> str | None:
    """The kind a POST to ``path`` makes, or a GET lists: the path itself when it ends in a collection name."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return None if last.startswith("{") else shape(path)


def fallback(kind: str) -> str:
    """``/api/v1/groups/{}/users`` -> ``/api/v1/users``: members of a sub-collection are the org's own objects."""
    return "/api/v1/" + kind.rsplit("/", 1)[-1]


def names(path: str) -> list[str]:
    """The path parameters' names, in path order."""
    return _PARAM.findall(path)


def fill(path: str, values: dict[str, str]) -> str:
    """The path with its parameters' values: the concrete collection a call made something in."""
    return _PARAM.sub(lambda m: values.get(m.group(1), "{}"), path)
