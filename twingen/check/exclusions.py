"""Methods left out of the check, each with a written reason kept in the twin.

The file lives in the twin's folder, beside its behaviour, and the generator never writes it:

``compat-exclusions.toml``::

    [exclude]
    rtm_connect = "opens a websocket; the twin serves none"

or ``compat-exclusions.json``: ``{"exclude": {"rtm_connect": "opens a websocket; the twin serves none"}}``.

Keys are SDK method names or operation ids, or fnmatch patterns of either. An exclusion without a reason
is an error: the point of the file is that nobody drops a method silently. Excluded methods are not
called but still count in the report's total, so excluding can never raise the score.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomllib

from twingen.sdk.surface import SdkMethod

FILES = ("compat-exclusions.toml", "compat-exclusions.json")


class ExclusionError(ValueError):
    """The exclusions file is malformed, or an exclusion has no reason."""


@dataclass(frozen=True)
class Exclusions:
    reasons: Mapping[str, str]
    """Pattern -> reason, in the file's order."""
    path: Path | None = None

    def reason_for(self, method: SdkMethod) -> str | None:
        for pattern, reason in self.reasons.items():
            names = (method.name, method.operation, *method.calls)
            if any(name and fnmatch.fnmatchcase(name, pattern) for name in names):
                return reason
        return None


def load(twin_dir: Path) -> Exclusions:
    """The twin's exclusions; none when it has no file."""
    found = [twin_dir / name for name in FILES if (twin_dir / name).is_file()]
    if len(found) > 1:
        raise ExclusionError(f"both {found[0].name} and {found[1].name} in {twin_dir}: keep one")
    if not found:
        return Exclusions({})
    path = found[0]
    try:
        text = path.read_text(encoding="utf-8")
        data: Any = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ExclusionError(f"{path}: {exc}") from exc
    return Exclusions(parse(data, str(path)), path)


def parse(data: Any, where: str = "exclusions") -> dict[str, str]:
    """``{"exclude": {name: reason}}`` -> ``{name: reason}``; every reason must say something."""
    if not isinstance(data, dict) or set(data) - {"exclude"}:
        raise ExclusionError(f"{where}: expected one table 'exclude' of method = \"reason\"")
    table = data.get("exclude", {})
    if not isinstance(table, dict):
        raise ExclusionError(f"{where}: 'exclude' must be a table of method = \"reason\"")
    reasons: dict[str, str] = {}
    for name, reason in table.items():
        if not isinstance(reason, str) or not reason.strip():
            raise ExclusionError(f"{where}: exclusion {name!r} has no reason; write why it is excluded")
        reasons[str(name)] = reason.strip()
    return reasons
