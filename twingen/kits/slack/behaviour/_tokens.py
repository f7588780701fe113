"""The workspace's tokens as Slack sees them: the runtime's credentials plus what has happened to a token since.

Who holds a token is the runtime's credential (``ctx.principal`` for the caller, ``ctx.credentials()`` for all of
the tenant's): its principal carries ``user_id`` and ``team_id``, ``bot_id`` for bot tokens, and for tokens the
twin minted or the seed's app-level ones ``app_id``, and ``kind``, ``issued`` and ``expires`` as they apply; its
scopes are the token's scopes. Nothing of that is copied into state.

What state keeps (collection ``token_status``, by token) is what changed after a token was issued, because a
seeded credential cannot change (a reset must bring it back): ``revoked`` (``auth.revoke`` of a seeded token,
``admin.apps.uninstall``), ``uninstalled`` (``apps.uninstall``; a reinstall clears it), ``expires`` (rotation
ended a long-lived token early) and ``exchanged`` (``oauth.v2.exchange`` was spent on it). A minted token that is
revoked leaves the runtime (``ctx.revoke``) instead.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Credential

Record = dict[str, Any]

STATUS = "token_status"


def status(ctx: Context, token: str) -> Record:
    """What happened to ``token`` since it was issued (``{}``: nothing)."""
    found: Record | None = ctx.state.collection(STATUS).get(token)
    return found or {}


def mark(ctx: Context, token: str, **changes: Any) -> None:
    """Record ``changes`` to the token (``revoked=True``, ``uninstalled=True``, ``expires=...``, ``exchanged=True``)."""
    ctx.state.collection(STATUS).put(token, {**status(ctx, token), **changes})


def unmark(ctx: Context, token: str, key: str) -> None:
    """Drop one recorded change (a reinstall ends ``uninstalled``)."""
    found = status(ctx, token)
    if key in found:
        del found[key]
        if found:
            ctx.state.collection(STATUS).put(token, found)
        else:
            ctx.state.collection(STATUS).delete(token)


def forget(ctx: Context, token: str) -> None:
    """Drop everything recorded about a token that is gone (a minted token the runtime no longer accepts)."""
    ctx.state.collection(STATUS).delete(token)


def gone(found: Record) -> bool:
    """Whether a token with this status no longer works: revoked, or set aside by ``apps.uninstall``."""
    return bool(found.get("revoked") or found.get("uninstalled"))


def expiry(credential: Credential, found: Record) -> Any:
    """When the token expires (an epoch second), or None: rotation's early end, else what it was issued with."""
    return found["expires"] if "expires" in found else credential.principal.get("expires")


def live(ctx: Context) -> list[tuple[Credential, Record]]:
    """The tenant's tokens that still work (expired ones included: they answer ``token_expired``), each with its
    status, in the runtime's order: the seed's, then the minted ones, oldest first."""
    recorded = dict(ctx.state.collection(STATUS).scan())  # read only
    found = [(c, recorded.get(c.token) or {}) for c in ctx.credentials() if c.scheme == "bearer"]
    return [(credential, record) for credential, record in found if not gone(record)]


def holds(ctx: Context, token: str) -> bool:
    """Whether ``token`` is one of the tenant's tokens that still work."""
    if gone(status(ctx, token)):
        return False
    return any(c.token == token and c.scheme == "bearer" for c in ctx.credentials())
