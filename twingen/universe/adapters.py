"""What a vendor's kit says about its part in a universe: ``twingen/kits/NAME/universe.py``, when it has one.

A kit's universe module has ``ROLE``: ``"identity"`` (the identity provider: ``connect(member, tenant, targets)``
makes one app per target and turns on provisioning to it, returning app ids by member name;
``provision(member, tenant, person, app_ids)`` creates a person and assigns them; optionally
``connect_sso(member, tenant, apps)`` makes one OpenID Connect app per app member and ``sign_in(member, tenant,
client, email, password)`` gets a person's tokens for one: ``signin.py``) or ``"app"`` (``scim_target(member,
tenant)``: where and with what key its SCIM 2.0 API takes pushes, and ``find_person(member, tenant, email)``: the
person's id there). A kit without one is served in the universe but takes no part in its identity.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# twingen.kits here; in the twin-universe package, its copy of the kits' universe modules (twin_universe.kits)
_KITS = __name__.rsplit(".", 2)[0] + ".kits"


def adapter_for(name: str) -> ModuleType | None:
    module = f"{_KITS}.{name}.universe"
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as missing:
        if missing.name is not None and (module + ".").startswith(missing.name + "."):  # no such kit, or no module
            return None
        raise
