"""The committed twins' specs and their kits' behaviour over twingen's own runtime, for the view tests.

A committed twin's ``runtime/`` is a copy made when it was generated (older than this runtime), and its
behaviour imports ``..runtime``: so each twin is loaded from a temporary package whose ``runtime`` is a link to
``twingen/runtime`` and whose ``behaviour`` is a link to the kit's, under a name of its own (``twin_NAME_views``)
that cannot clash with the committed twin another test may have imported.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def load(name: str, where: Path) -> Any:
    """The ASGI app of the committed ``generated/NAME`` twin's spec with ``twingen/kits/NAME/behaviour``."""
    package = f"twin_{name}_views"
    root = where / package
    if not root.is_dir():
        root.mkdir(parents=True)
        (root / "__init__.py").write_text('"""Test-only package: a kit\'s behaviour over the repo runtime."""\n')
        (root / "runtime").symlink_to(REPO / "twingen" / "runtime", target_is_directory=True)
        (root / "behaviour").symlink_to(REPO / "twingen" / "kits" / name / "behaviour", target_is_directory=True)
    if str(where) not in sys.path:
        sys.path.insert(0, str(where))
    runtime = importlib.import_module(f"{package}.runtime")
    spec = REPO / "generated" / name / f"twin_{name}" / "spec.json"
    return runtime.create_app(spec, runtime.discover(f"{package}.behaviour"))
