"""What a vendor's kit says about its part in a universe: ``twingen/kits/NAME/universe.py``, when it has one.

A kit's universe module has ``ROLE``: ``"identity"`` (the identity provider: ``connect(member, tenant, targets)``
makes one app per target and turns on provisioning to it, returning app ids by member name;
``provision(member, tenant, person, app_ids)`` creates a person and assigns them) or ``"app"`` (``scim_target(member,
tenant)``: where and with what key its SCIM 2.0 API takes pushes, and ``find_person(member, tenant, email)``: the
person's id there). A kit without one is served in the universe but takes no part in its identity.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from twingen import kits


def adapter_for(name: str) -> ModuleType | None:
    kit = kits.kit_named(name)
    if kit is None or not (kit.folder / "universe.py").is_file():
        return None
    module = f"twingen.kits.{kit.name}.universe"
    if importlib.util.find_spec(module) is None:
        return None
    return importlib.import_module(module)
