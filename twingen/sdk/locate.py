"""Find an installed SDK's source without importing it, and small source helpers shared by adapters.

``importlib.util.find_spec`` on a top-level name reads the import system's finders only: the package's
``__init__`` does not run, so scanning cannot be influenced by (or fail because of) SDK import side effects.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
from pathlib import Path

from twingen.sdk.surface import ScanError

_CLASS_OR_DEF = re.compile(r"^(?P<indent>[ \t]*)(?:(?P<cls>class)|(?:async[ \t]+)?def)[ \t]+(?P<name>\w+)")


class PackageNotFound(ScanError):
    """The package is not installed (or is not a package with source files)."""


def package_dir(name: str) -> Path:
    """Directory of the installed top-level package ``name`` (``slack_sdk`` -> ``.../site-packages/slack_sdk``)."""
    top = name.split(".", 1)[0]
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError) as exc:
        raise PackageNotFound(f"{top}: {exc}") from exc
    if spec is None or not spec.submodule_search_locations:
        raise PackageNotFound(f"{top} is not installed as a package")
    return Path(next(iter(spec.submodule_search_locations)))


def package_version(name: str) -> str:
    """Version of the distribution that provides top-level package ``name``; "" when unknown."""
    top = name.split(".", 1)[0]
    try:
        return importlib.metadata.version(top)
    except importlib.metadata.PackageNotFoundError:
        pass
    # The import name and the distribution name can differ (googleapiclient <- google-api-python-client);
    # the full mapping reads every installed distribution's file list, so it is only the fallback.
    for dist in importlib.metadata.packages_distributions().get(top, []):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return ""


def definition_lines(text: str) -> dict[str, int]:
    """``{"Class.method": line}`` for every class and def, by indentation.

    libcst's position metadata costs about three times the parse on a 7,000-line module; the SDK sources
    we read are formatted code where a def's line is found reliably from its text.
    """
    lines: dict[str, int] = {}
    stack: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _CLASS_OR_DEF.match(line)
        if not match:
            continue
        indent = len(match["indent"].expandtabs())
        while stack and stack[-1][0] >= indent:
            stack.pop()
        qualname = ".".join([*(n for _, n in stack), match["name"]])
        lines.setdefault(qualname, number)
        stack.append((indent, match["name"]))
    return lines
