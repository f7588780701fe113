"""A new Okta org, as the admin who created it sees it: the API token, then each area's defaults.

Each area seeds its own objects in a ``_seed_AREA.py`` module with a ``seed(ctx)`` function (users: the super
admin; groups: Everyone; ...), called here in name order, so an area's defaults live beside its behaviour.
Tokens are derived from the tenant, so each tenant's differ and the default tenant's are the same on every start.
"""

from __future__ import annotations

import hashlib
import importlib
import pkgutil

from ..runtime import Credential, SeedContext, seed

ADMIN_LOGIN = "admin@twin.okta.example"
"""The org's super admin: whoever holds the seeded API token acts as this user (Okta tokens act as their creator)."""


def token(ctx: SeedContext, name: str) -> str:
    # an SSWS token looks like Okta's: 42 characters starting "00"
    digest = hashlib.sha256(f"okta/{ctx.tenant}/{name}".encode()).hexdigest()
    return "00" + digest[:40]


@seed
def default_org(ctx: SeedContext) -> None:
    admin = {
        "user_id": "00uadmin" + ("" if ctx.tenant == "default" else ctx.tenant),
        "login": ADMIN_LOGIN,
        "name": "Twin Admin",
    }
    ctx.credential(Credential(name="apikey", scheme="apikey", token=token(ctx, "apikey"), principal=admin))
    ctx.credential(Credential(name="bearer", scheme="bearer", token=token(ctx, "bearer"), principal=admin))
    for info in sorted(pkgutil.iter_modules(_package_path()), key=lambda m: m.name):
        if info.name.startswith("_seed_"):
            importlib.import_module(f"{__package__}.{info.name}").seed(ctx)


def _package_path() -> list[str]:
    return list(importlib.import_module(__package__).__path__)
