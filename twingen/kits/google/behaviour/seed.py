"""The default seed: two users on one domain, each with a bearer token and an empty My Drive."""

from __future__ import annotations

import hashlib

from ..runtime import Credential, SeedContext, seed
from ._files_model import FOLDER

__all__ = ["SEED_USERS", "default_seed", "for_tenant"]

DRIVE_SCOPE = "https://www.googleapis.com/auth/drive"
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


@seed
def default_seed(ctx: SeedContext) -> None:
    """Seed users, their credentials and their My Drive root folders."""
    now = ctx.now()
    for name, seeded_email, display, seeded_token in SEED_USERS:
        email, token = for_tenant(ctx.tenant, seeded_email, seeded_token)
        permission_id = _digits(f"user:{email}", 20)
        root = root_id(email)
        ctx.state.collection("users").put(
            email,
            {"email": email, "displayName": display, "permissionId": permission_id, "rootId": root,
             "domain": email.rsplit("@", 1)[1]},
        )  # fmt: skip
        ctx.state.collection("files").put(
            root,
            {
                "id": root, "name": "My Drive", "mimeType": FOLDER, "parents": [], "owner": email, "isRoot": True,
                "createdTime": now, "modifiedTime": now, "version": 1, "trashed": False, "explicitlyTrashed": False,
                "starredBy": [], "lastModifyingUser": email, "audience": [email],
                "permissions": [{"id": permission_id, "type": "user", "role": "owner", "emailAddress": email,
                                 "displayName": display}],
            },
        )  # fmt: skip
        ctx.credential(
            Credential(
                name=name,
                scheme="bearer",
                token=token,
                principal={"email": email, "permissionId": permission_id},
                scopes=(DRIVE_SCOPE,),
            )
        )
