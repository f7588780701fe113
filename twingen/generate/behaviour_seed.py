"""A new twin's ``behaviour/``: the vendor kit's behaviour modules when a kit knows the vendor, else a scaffold.

Runs only when the twin has no ``behaviour/`` yet; from then on the folder is the user's and regeneration
never touches it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import twingen
from twingen import kits
from twingen.generate import templating

_SKIPPED = shutil.ignore_patterns("__pycache__", "*.pyc")


def seed_behaviour(folder: Path, package: str, vendor: str, *, use_kit: bool = True) -> str:
    """Create ``folder``; say where its modules came from (``""`` for the empty scaffold of an unknown vendor or
    ``--no-kit``)."""
    kit = kits.kit_named(vendor) if use_kit else None
    if kit is not None and kit.behaviour_dir.is_dir():
        # copies, not links: the twin is the user's to edit and to publish without twingen installed
        shutil.copytree(kit.behaviour_dir, folder, ignore=_SKIPPED, symlinks=False)
        modules = sum(1 for _ in folder.rglob("*.py"))
        return f"{modules} modules from twingen {twingen.__version__}'s {kit.name} kit ({kit.behaviour_dir})"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "__init__.py").write_text(templating.render("behaviour_init.py.j2", package=package), encoding="utf-8")
    if kit is not None:
        return f"empty scaffold (the {kit.name} kit has no behaviour yet)"
    return ""
