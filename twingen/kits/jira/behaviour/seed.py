"""A new Jira Cloud site as its first admin sees it: the admin and a second user with their API tokens, the
default groups, and the configuration a fresh site starts with (``_seed_config.py``).

Credentials are basic auth, email + API token (https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/),
derived from the tenant so each tenant's differ and the default tenant's are the same on every start. The
``basic`` credential is the admin's (the suite driver reads it by that name).
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..runtime import Credential, SeedContext, seed
from . import _seed_config
from ._store import put_all

DOMAIN = "twin.atlassian.example"


def _digest(ctx: SeedContext, name: str, length: int) -> str:
    return hashlib.sha256(f"jira/{ctx.tenant}/{name}".encode()).hexdigest()[:length]


def api_token(ctx: SeedContext, name: str) -> str:
    # an Atlassian API token: "ATATT3x" then URL-safe characters (192 in real ones; shorter here)
    return "ATATT3xFfGF0" + _digest(ctx, f"token/{name}", 48)


def account_id(ctx: SeedContext, name: str) -> str:
    # Atlassian account ids of the "712020:" form are a prefix and a UUID; older ones 24 hex digits
    return "712020:" + _digest(ctx, f"account/{name}", 32)


def _user(ctx: SeedContext, name: str, key: str, display: str, groups: list[str]) -> dict[str, Any]:
    suffix = "" if ctx.tenant == "default" else f"-{ctx.tenant}"
    return {
        "accountId": account_id(ctx, name),
        "accountType": "atlassian",
        "name": f"{name}{suffix}@{DOMAIN}",  # Server's username (an email address, as many sites use); Cloud hides it
        "key": key,
        "emailAddress": f"{name}{suffix}@{DOMAIN}",
        "displayName": display,
        "active": True,
        "timeZone": "Etc/UTC",
        "locale": "en_US",
        "groups": groups,
        "properties": {},
    }


@seed
def new_site(ctx: SeedContext) -> None:
    admin = _user(
        ctx,
        "admin",
        "JIRAUSER10000",
        "Twin Admin",
        ["jira-admins", "jira-software-users", "site-admins", "administrators", "jira-administrators"],
    )
    normal = _user(ctx, "user", "JIRAUSER10001", "Twin User", ["jira-software-users"])
    put_all(ctx, "users", [admin, normal], key="accountId")
    for user, cred in ((admin, "basic"), (normal, "user")):
        principal = {"accountId": user["accountId"], "email": user["emailAddress"]}
        ctx.credential(
            Credential(
                name=cred,
                scheme="basic",
                username=user["emailAddress"],
                password=api_token(ctx, cred),
                principal=principal,
            )
        )
    groups = [
        {"name": name, "groupId": _uuid(_digest(ctx, f"group/{name}", 32))}
        for name in ("jira-admins", "jira-software-users", "site-admins", "administrators", "jira-administrators")
    ]
    put_all(ctx, "groups", groups, key="name")
    ctx.state.collection("site").put("site", {"deploymentType": "Cloud", "title": "Jira"})
    _seed_config.seed(ctx)


def _uuid(hexdigits: str) -> str:
    h = hexdigits
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"
