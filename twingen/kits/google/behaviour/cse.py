"""``files.generateCseToken``: the signed token a client-side encryption (CSE) client hands to the key
service (KACLS) when it creates or updates an encrypted file.

The twin's domain has CSE configured with one key service, ``TWIN_KACLS``. Google signs its tokens with
its own keys; the twin signs them HS256 with a per-tenant secret (``cse_secret``), so a test can verify
one. The claims follow Google's "authorization tokens" reference for Docs & Drive CSE: ``aud``,
``email``, ``email_type``, ``exp``, ``iat``, ``iss``, ``kacls_url``, ``resource_name`` and ``role``
(see ``api_docs/google/NOTES.md`` for what is and is not confirmed).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from ..runtime import Context, behaviour, keyset
from . import _errors as err
from ._files_ops import check_parent, writable
from ._request import caller, mask_of, p_str, shape
from .files import new_file_id

__all__ = ["TWIN_KACLS", "cse_secret", "generate_cse_token"]

TWIN_KACLS = {"id": "1", "name": "Twin KACLS", "url": "https://kacls.twin.invalid/v1"}
ISSUER = "gsuitecse-tokenissuer-drive@system.gserviceaccount.com"
AUDIENCE = "cse-authorization"
TOKEN_SECONDS = 3600


def cse_secret(tenant: str) -> bytes:
    """The HS256 key of one tenant's tokens (derived, so every start of the twin signs alike)."""
    return hashlib.sha256(f"twingen-google-cse:{tenant}".encode()).digest()


_b64 = keyset.seal  # JWT segments are base64url without padding (RFC 7515 §2), as the runtime's tokens


def sign_jwt(claims: dict[str, Any], secret: bytes) -> str:
    header = {"alg": "HS256", "typ": "JWT", "kid": f"twin-kacls-{TWIN_KACLS['id']}"}
    head = _b64(json.dumps(header, separators=(",", ":")).encode())
    body = _b64(json.dumps(claims, separators=(",", ":"), sort_keys=True).encode())
    signature = hmac.new(secret, f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{_b64(signature)}"


@behaviour("drive.files.generateCseToken")
def generate_cse_token(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, "*", "GenerateCseTokenResponse")
    file_id, parent = p_str(ctx, "fileId"), p_str(ctx, "parent")
    if file_id and parent:
        raise err.invalid("parent", "It is invalid to specify both fileId and parent in a single request.")
    if file_id:
        # a token to update an existing file: the caller must be able to change its content
        resource = str(writable(ctx, file_id, me)["id"])
    else:
        if parent:
            check_parent(ctx, parent, me)  # the new file's folder must exist and take new items
        resource = new_file_id(ctx)
        # the id is reserved for this user, as generateIds reserves one, so files.create may use it
        ctx.state.collection("generated_ids").put(resource, {"user": me})
    now = int(ctx.now())
    claims = {
        "aud": AUDIENCE,
        "email": me,
        "email_type": "google",
        "iat": now,
        "exp": now + TOKEN_SECONDS,
        "iss": ISSUER,
        "kacls_url": TWIN_KACLS["url"],
        "resource_name": resource,  # Drive's own format is not documented: the twin uses the file id
        "role": "writer",
    }
    answer = {
        "kind": "drive#generateCseTokenResponse",
        "fileId": resource,
        "currentKaclsId": TWIN_KACLS["id"],
        "currentKaclsName": TWIN_KACLS["name"],
        "jwt": sign_jwt(claims, cse_secret(ctx.tenant)),
    }
    return shape(answer, mask)
