"""Vendor profiles, chosen by the spec's ``vendor`` field: the module of that name in this package.

A twin carries its vendor's profile here (copied from the vendor's kit); in twingen's own tree the profiles
stay in the kits (``kits/NAME/runtime/``), which join this package's search path. Unknown vendors get the
generic profile.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from ..clock import IdFactory
from .base import VendorProfile

_KITS = Path(__file__).resolve().parents[2] / "kits"
if (_KITS / "kit.py").is_file():  # twingen itself, not a generated twin
    __path__ += [str(folder) for folder in sorted(_KITS.glob("*/runtime")) if folder.is_dir()]

_MODULE = re.compile(r"[a-z][a-z0-9_]*\Z")


def profile_for(vendor: str, ids: IdFactory | None = None) -> VendorProfile:
    """The profile for a spec's vendor: the ``VendorProfile`` subclass named by its module's ``PROFILE``."""
    profile: type[VendorProfile] = VendorProfile
    if _MODULE.match(vendor) and vendor != "base":
        try:
            module = importlib.import_module(f"{__name__}.{vendor}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{vendor}":
                raise
        else:
            profile = module.PROFILE
    return profile(ids)


__all__ = ["VendorProfile", "profile_for"]
