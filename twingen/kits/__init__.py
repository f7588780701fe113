"""The vendor kits: one folder per vendor, found by scanning this package (and the ``twingen.kits``
entry-point group, for kits installed from elsewhere). Shared code asks here; it never names a vendor.

Adding a vendor is adding ``twingen/kits/NAME/`` with ``KIT = Kit(...)`` in its ``__init__.py``.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Sequence
from importlib.metadata import entry_points

from twingen.ir.parts import ApiParts
from twingen.kits.kit import IrRules, Kit, SdkAdapter, SuiteAdapter, load

__all__ = [
    "GENERIC",
    "IrRules",
    "Kit",
    "SdkAdapter",
    "SuiteAdapter",
    "all_kits",
    "document_folders",
    "ir_rules",
    "kit_for_sdk",
    "kit_named",
    "load",
    "recognise",
    "suite_named",
]

GENERIC = "generic"
"""The vendor of documents no kit recognises: the runtime's generic profile, no behaviour."""

_NO_RULES = IrRules()


@functools.cache
def all_kits() -> tuple[Kit, ...]:
    """Every kit, by name: this package's folders, then installed entry points."""
    found: dict[str, Kit] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.ispkg:
            kit = getattr(importlib.import_module(f"{__name__}.{info.name}"), "KIT", None)
            if isinstance(kit, Kit):
                found[kit.name] = kit
    for point in entry_points(group="twingen.kits"):
        kit = point.load()
        if isinstance(kit, Kit) and kit.name not in found:
            found[kit.name] = kit
    return tuple(found[name] for name in sorted(found))


def kit_named(name: str) -> Kit | None:
    return next((kit for kit in all_kits() if kit.name == name), None)


def kit_for_sdk(package: str) -> tuple[Kit, SdkAdapter] | None:
    """The kit and adapter of an SDK import name (``slack_sdk``), if a kit knows it."""
    for kit in all_kits():
        adapter = kit.sdk(package)
        if adapter is not None:
            return kit, adapter
    return None


def recognise(parts: Sequence[ApiParts]) -> tuple[str, str]:
    """``(vendor, why)`` for a set of documents: the first document a kit recognises decides."""
    for part in parts:
        for kit in all_kits():
            reason = kit.recognise(part)
            if reason:
                return kit.name, f"{part.source or part.title or 'a document'}: {reason}"
    return GENERIC, "no document names a known vendor's host, auth scheme or path layout"


def ir_rules(vendor: str) -> IrRules:
    kit = kit_named(vendor)
    return kit.ir if kit else _NO_RULES


def document_folders(package: str) -> tuple[str, ...]:
    """Where an SDK keeps its documents, for ``PKG:DOC`` references."""
    found = kit_for_sdk(package)
    return found[1].document_folders if found else ()


def suite_named(name: str) -> tuple[Kit, SuiteAdapter] | None:
    """The kit and adapter of a ``--suite`` name, if a kit knows it."""
    for kit in all_kits():
        adapter = kit.suite(name)
        if adapter is not None:
            return kit, adapter
    return None
