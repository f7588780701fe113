"""The Directory's part of the seed: the tenant's customer and domain, and the seeded people as its users.

Customer ids look like ``C03az79cb`` (``customerId`` in https://developers.google.com/admin-sdk/directory/reference/rest/v1/customers);
user ids are 21 digits. Both are derived from the tenant and the address, so the default tenant's are the same on
every start and each tenant's differ.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..runtime import SeedContext, State
from ._directory_model import claim_email, customer, domain_of, rfc3339

__all__ = ["new_user_record", "seed_directory", "stable_user_id"]

_ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz"


def _hash(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest(), 16)


def stable_user_id(email: str) -> str:
    """A seeded user's id: 21 digits, starting with 1 as Google's do."""
    return "1" + str(_hash(f"directory-user:{email}"))[:20]


def _customer_id(tenant: str) -> str:
    n, chars = _hash(f"directory-customer:{tenant}"), []
    for _ in range(7):
        n, digit = divmod(n, len(_ALNUM))
        chars.append(_ALNUM[digit])
    return "C0" + "".join(chars)


def new_user_record(state: State, user_id: str, email: str, name: dict[str, Any], now: float) -> dict[str, Any]:
    """A user as ``users.insert`` leaves it before the request's own fields are applied (the defaults Google gives
    a new account: https://developers.google.com/admin-sdk/directory/reference/rest/v1/users)."""
    return {
        "id": user_id,
        "primaryEmail": email,
        "driveEmail": email.casefold(),
        "name": dict(name),
        "isAdmin": False,
        "isDelegatedAdmin": False,
        "lastLoginTime": rfc3339(0),
        "creationTime": rfc3339(now),
        "agreedToTerms": False,
        "suspended": False,
        "archived": False,
        "changePasswordAtNextLogin": False,
        "ipWhitelisted": False,
        "customerId": customer(state)["id"],
        "orgUnitPath": "/",
        "isMailboxSetup": False,
        "isEnrolledIn2Sv": False,
        "isEnforcedIn2Sv": False,
        "includeInGlobalAddressList": True,
        "aliases": [],
    }


def seed_directory(ctx: SeedContext, people: list[tuple[str, str]], admins: int) -> None:
    """The customer (its one domain is the people's) and a user per person; the first ``admins`` are super admins."""
    now = ctx.now()
    domains = sorted({domain_of(email) for email, _ in people})
    customer_id = _customer_id(ctx.tenant)
    ctx.state.collection("directory_customer").put(
        "customer",
        {
            "id": customer_id, "domains": domains, "creationTime": rfc3339(now),
            "domainInfo": {d: {"verified": True, "creationTime": int(now * 1000)} for d in domains},
            # the root org unit "/" (orgunits.list answers it as the parent of the top-level units)
            "rootOrgUnitId": "id:" + customer_id[2:].lower() + "0root",
        },
    )  # fmt: skip
    for n, (email, display) in enumerate(people):
        given, _, family = display.partition(" ")
        user_id = stable_user_id(email)
        record = new_user_record(ctx.state, user_id, email, {"givenName": given, "familyName": family}, now)
        record.update(isAdmin=n < admins, agreedToTerms=True, isMailboxSetup=True)
        ctx.state.collection("directory_users").put(user_id, record)
        claim_email(ctx.state, email, "user", user_id)
