"""The default seed: two users on one domain, each with a bearer token and an empty My Drive; the same two people are
the Admin SDK Directory's users of the tenant's customer, the owner its super administrator."""

from __future__ import annotations

import hashlib
from typing import Any

from ..runtime import Credential, SeedContext, State, seed
from ._directory_seed import seed_directory
from ._files_model import FOLDER

__all__ = ["SEED_USERS", "add_person", "default_seed", "for_tenant"]

DRIVE_SCOPE = "https://www.googleapis.com/auth/drive"
DIRECTORY_SCOPES = tuple(
    f"https://www.googleapis.com/auth/admin.directory.{name}"
    for name in ("user", "group", "group.member", "orgunit", "domain", "customer")
)
"""What the Admin SDK Directory's users, groups, members, org units, domains and customer methods take (the Discovery
document's scopes); each seeded token holds them, and the Directory answers only its administrator's."""
SEED_USERS = (
    # (credential name, email, display name, bearer token)
    ("owner", "owner@example.com", "Olive Owner", "ya29.twin-owner-token"),
    ("other", "other@example.com", "Otto Other", "ya29.twin-other-token"),
)


def _digits(text: str, length: int) -> str:
    return str(int(hashlib.sha256(text.encode()).hexdigest(), 16))[:length]


def root_id(email: str) -> str:
    """My Drive root ids look like ``0A...Uk9PVA`` in Drive; stable per user so tests can rely on them."""
    return "0A" + hashlib.sha256(f"root:{email}".encode()).hexdigest()[:13].upper() + "Uk9PVA"


def for_tenant(tenant: str, email: str, token: str) -> tuple[str, str]:
    """The seeded (email, token) as they always were for the default tenant; a tenant made with
    ``POST /_twin/tenants`` is a domain of its own (``owner@t1.example.com``) with tokens of its own."""
    if tenant == "default":
        return email, token
    local, _, domain = email.partition("@")
    return f"{local}@{tenant}.{domain}", token.replace("ya29.twin-", f"ya29.twin-{tenant}-", 1)


def add_person(state: State, email: str, display: str, now: float) -> dict[str, Any]:
    """A Drive person and their empty My Drive (a seeded user, or one the Directory's ``users.insert`` made)."""
    permission_id = _digits(f"user:{email}", 20)
    root = root_id(email)
    person = {"email": email, "displayName": display, "permissionId": permission_id, "rootId": root,
              "domain": email.rsplit("@", 1)[1]}  # fmt: skip
    state.collection("users").put(email, dict(person))
    state.collection("files").put(
        root,
        {
            "id": root, "name": "My Drive", "mimeType": FOLDER, "parents": [], "owner": email, "isRoot": True,
            "createdTime": now, "modifiedTime": now, "version": 1, "trashed": False, "explicitlyTrashed": False,
            "starredBy": [], "lastModifyingUser": email, "audience": [email],
            "permissions": [{"id": permission_id, "type": "user", "role": "owner", "emailAddress": email,
                             "displayName": display}],
        },
    )  # fmt: skip
    return person


@seed
def default_seed(ctx: SeedContext) -> None:
    """Seed users, their credentials and their My Drive root folders, and the Directory's customer."""
    now = ctx.now()
    people = []
    for name, seeded_email, display, seeded_token in SEED_USERS:
        email, token = for_tenant(ctx.tenant, seeded_email, seeded_token)
        person = add_person(ctx.state, email, display, now)
        people.append((email, display))
        ctx.credential(
            Credential(
                name=name,
                scheme="bearer",
                token=token,
                principal={"email": email, "permissionId": person["permissionId"]},
                scopes=(DRIVE_SCOPE, *DIRECTORY_SCOPES),
            )
        )
    seed_directory(ctx, people, admins=1)
