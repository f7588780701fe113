"""Tokens minted while the twin runs: OAuth installs, token rotation, app configuration tokens.

Each minted token is recorded once, as a runtime credential (``ctx.grant``) whose principal says who it is,
its app and kind, when it was issued and when it expires (``_tokens``), so it authenticates from the next
request on, in this workspace (tenant) only, and snapshots, restores and ``--state`` keep it. Secrets are
derived from the tenant and a per-workspace serial kept in state, so no two tenants mint the same token.

Rotation (docs.slack.dev "Using token rotation"): a rotating access token is ``xoxe.xoxb-1-...`` or
``xoxe.xoxp-1-...`` and expires after 43,200 s; its refresh token ``xoxe-1-...`` is spent by one
``oauth.v2.access`` with ``grant_type=refresh_token``; refreshing does not end the older access token,
but at most 2 stay active (the oldest beyond that is revoked); the first refresh of a chain begun by
``oauth.v2.exchange`` expires the long-lived token it replaced.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..runtime import Context, Credential
from . import _ids, _platform, _tokens
from ._errors import slack_error

Record = dict[str, Any]

ROTATION_TTL = 43_200
"""Seconds a rotating access token (and an app configuration token) lives: 12 hours."""
ACTIVE_LIMIT = 2
"""Rotating access tokens of one grant that stay valid at once."""


def _secret(ctx: Context, label: str, size: int) -> str:
    serial = _ids.new_id(ctx.state, "K")  # per-workspace, in state: restored and persisted with the grants
    return hashlib.shake_256(f"twin-slack:{ctx.tenant}:{label}:{serial}".encode()).hexdigest(size // 2)


def mint(
    ctx: Context,
    kind: str,
    user_id: str,
    scopes: list[str] | tuple[str, ...],
    *,
    app_id: str,
    bot_id: str = "",
    rotating: bool = False,
    ttl: int | None = None,
) -> str:
    """A new token of ``kind`` (``bot``, ``user`` or ``config``), recorded and accepted from the next request.

    ``rotating`` (or ``kind="config"``) makes an ``xoxe.`` token that expires after ``ttl`` seconds
    (12 hours unless given).
    """
    team = _platform.team_number(ctx)
    if kind == "config":
        token, rotating = f"xoxe.xoxp-1-{_secret(ctx, 'config', 140)}", True
    elif rotating:
        token = f"xoxe.{'xoxb' if kind == 'bot' else 'xoxp'}-1-{_secret(ctx, kind, 140)}"
    elif kind == "bot":
        token = f"xoxb-{team}-{_secret(ctx, 'bot-n', 12)}-{_secret(ctx, 'bot', 24)}"
    else:
        token = f"xoxp-{team}-{_secret(ctx, 'user-n', 12)}-{_secret(ctx, 'user-m', 12)}-{_secret(ctx, 'user', 32)}"
    team_id = _platform.team_of(ctx)
    principal: Record = {"user_id": user_id, "team_id": team_id, **({"bot_id": bot_id} if bot_id else {}),
                         "app_id": app_id, "kind": kind, "issued": int(ctx.now())}  # fmt: skip
    if rotating:
        principal["expires"] = int(ctx.now()) + (ttl if ttl is not None else ROTATION_TTL)
    ctx.grant(Credential(f"minted-{kind}", "bearer", token, principal=principal, scopes=tuple(scopes)))
    return token


def revoke(ctx: Context, token: str) -> None:
    """The token stops working: a minted one leaves the runtime; a seeded one (a reset brings it back) is marked."""
    if ctx.granted(token) is not None:
        ctx.revoke(token)
        _tokens.forget(ctx, token)
    elif _tokens.holds(ctx, token):
        _tokens.mark(ctx, token, revoked=True)


def expire(ctx: Context, token: str) -> None:
    """The token answers ``token_expired`` from now on (Slack expires a token replaced by rotation)."""
    if _tokens.holds(ctx, token):
        _tokens.mark(ctx, token, expires=int(ctx.now()))


# -- rotation --------------------------------------------------------------------------------------


def new_refresh_token(ctx: Context) -> str:
    """A fresh ``xoxe-1-...`` refresh token (the caller records what it refreshes)."""
    return f"xoxe-1-{_secret(ctx, 'refresh', 140)}"


def start_rotation(ctx: Context, token: str, *, replaces: str = "") -> str:
    """A refresh token for the rotating ``token``; ``replaces`` is the long-lived token it was exchanged for."""
    refresh = new_refresh_token(ctx)
    credential = ctx.granted(token)
    who = credential.principal if credential is not None else {}
    ctx.state.collection("refresh_tokens").put(
        refresh,
        {"app_id": who.get("app_id"), "user_id": who.get("user_id"), "kind": who.get("kind"),
         "bot_id": who.get("bot_id") or "", "scopes": list(credential.scopes) if credential else [],
         "active": [token], "replaces": replaces},
    )  # fmt: skip
    return refresh


def refresh(ctx: Context, app: Record, raw: str, kinds: tuple[str, ...] = ("bot", "user")) -> tuple[str, str, Record]:
    """Spend refresh token ``raw`` of ``app``: ``(access token, refresh token, the chain's record)``."""
    store = ctx.state.collection("refresh_tokens")
    chain: Record | None = store.get(raw)
    if chain is None or chain.get("app_id") != app["id"] or chain.get("kind") not in kinds:
        raise slack_error("invalid_refresh_token")
    store.delete(raw)  # Slack revokes it after a short grace period; the twin at once
    token = mint(ctx, chain["kind"], chain["user_id"], chain["scopes"], app_id=app["id"], bot_id=chain["bot_id"],
                 rotating=True)  # fmt: skip
    active = [*chain["active"], token]
    for old in active[:-ACTIVE_LIMIT]:
        revoke(ctx, old)
    if chain.get("replaces"):
        expire(ctx, chain["replaces"])  # the first refresh ends the long-lived token it replaced
    following = new_refresh_token(ctx)
    store.put(following, {**chain, "active": active[-ACTIVE_LIMIT:], "replaces": ""})
    return token, following, chain
