"""Who is calling: Slack's token rules, checked before any method runs, and the ``slack_method`` decorator.

The runtime already rejects a missing or unknown token, and its credential says who the caller is
(``ctx.principal``: user, team, bot, app, kind, expiry, scopes; see ``_tokens``). This adds what only Slack
does: a JSON body is read only with a bearer header, a token revoked or uninstalled since it was seeded gets
``invalid_auth``, a token past its expiry (rotating and configuration tokens) gets ``token_expired``, a
deactivated user's token gets ``account_inactive``, and each method checks its scopes and answers
``missing_scope`` with ``needed`` and ``provided``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..runtime import Context, Credential, behaviour
from . import _tokens
from ._errors import slack_error
from ._scopes import KIND_PREFIX, METHOD_SCOPES

Record = dict[str, Any]

Handler = Callable[[Context, "Caller"], Any]


@dataclass(frozen=True)
class Caller:
    token: str
    user_id: str
    team_id: str
    scopes: frozenset[str]
    bot_id: str = ""
    is_admin: bool = False
    kind: str = ""
    """``bot``/``user``/``config`` for minted tokens (``_platform_tokens``); empty: the prefix says."""
    app_id: str = ""
    """The app the token was issued to (minted and app-level tokens); empty: the seeded app, or the bot's."""
    expires: int | None = None
    """When the token stops working (epoch seconds), for rotating and configuration tokens."""

    @property
    def is_bot(self) -> bool:
        return bool(self.bot_id)

    def has(self, *scopes: str) -> bool:
        return not self.scopes.isdisjoint(scopes)

    def require(self, *scopes: str) -> None:
        """``missing_scope`` unless the token holds one of ``scopes``."""
        if scopes and not self.has(*scopes):
            raise slack_error("missing_scope", needed=",".join(scopes), provided=",".join(sorted(self.scopes)))

    def sees_kind(self, kind: str, family: str) -> bool:
        """Whether the token may see conversations of ``kind`` for ``family`` (read/history/write)."""
        prefix = KIND_PREFIX[kind]
        if family == "write":
            wanted = {"channels:manage", "channels:write"} if prefix == "channels" else {f"{prefix}:write"}
            return bool(wanted & self.scopes)
        return f"{prefix}:{family}" in self.scopes


def bearer(ctx: Context) -> str:
    """The token of an ``Authorization: Bearer`` header ("" without one)."""
    header = ctx.headers.get("authorization", "")
    return header[7:].strip() if header[:7].lower() == "bearer " else ""


def live_holder(ctx: Context, token: str) -> tuple[Credential, Record] | None:
    """The runtime's credential for ``token`` and the user holding it; None when the token no longer works
    (``_tokens.gone``) or its user is deactivated: what the REST APIs beside the Web API (SCIM, audit logs) check."""
    credential = ctx.principal
    if credential is None or credential.token != token or _tokens.gone(_tokens.status(ctx, token)):
        return None
    user: Record = ctx.state.collection("users").get(credential.principal.get("user_id", "")) or {}
    return None if user.get("deleted") else (credential, user)


def token_of(ctx: Context) -> str:
    if token := bearer(ctx):
        return token
    if (ctx.content_type or "").startswith("application/json"):
        # Slack ignores a token inside a JSON body: JSON posts must carry a bearer header
        return ""
    value = ctx.params.get("token")
    return value.strip() if isinstance(value, str) else ""


def caller_of(ctx: Context) -> Caller:
    """Who calls with the token Slack reads (``token_of``): the runtime's credential, checked by Slack's rules."""
    token = token_of(ctx)
    if not token:
        raise slack_error("not_authed")
    credential, found = ctx.principal, _tokens.status(ctx, token)
    if credential is None or credential.token != token or _tokens.gone(found):
        raise slack_error("invalid_auth")
    expires = _tokens.expiry(credential, found)
    if expires is not None and ctx.now() >= expires:
        raise slack_error("token_expired")
    who = credential.principal
    user = ctx.state.collection("users").get(who["user_id"]) or {}
    if user.get("deleted"):
        raise slack_error("account_inactive")
    return Caller(
        token=token,
        user_id=who["user_id"],
        team_id=who["team_id"],
        scopes=frozenset(credential.scopes),
        bot_id=who.get("bot_id") or "",
        is_admin=bool(user.get("is_admin")),
        kind=who.get("kind") or "",
        app_id=who.get("app_id") or "",
        expires=expires,
    )


def slack_method(op_id: str, scopes: tuple[str, ...] | None = None) -> Callable[[Handler], Callable[[Context], Any]]:
    """Make ``fn(ctx, caller)`` the behaviour of ``op_id``, run after auth and the method's scope check.

    ``scopes`` (any one of them) overrides ``METHOD_SCOPES``, so a module for a family can keep its
    scopes beside its methods.
    """
    needed = METHOD_SCOPES.get(op_id, ()) if scopes is None else scopes

    def check(ctx: Context, caller: Caller) -> None:
        caller.require(*needed)

    return guarded(op_id, check)


def guarded(op_id: str, check: Callable[[Context, Caller], None]) -> Callable[[Handler], Callable[[Context], Any]]:
    """Register ``fn(ctx, caller)`` as ``op_id``, run after the caller is known and ``check`` passed.

    The runtime finds behaviours by scanning module attributes, so the decorated name must be bound to
    the marked wrapper; the plain ``fn`` stays reachable as ``__wrapped__`` for tests.
    """

    def register(fn: Handler) -> Callable[[Context], Any]:
        def run(ctx: Context) -> Any:
            caller = caller_of(ctx)
            check(ctx, caller)
            return fn(ctx, caller)

        run.__name__ = run.__qualname__ = fn.__name__
        run.__doc__ = fn.__doc__
        run.__wrapped__ = fn  # type: ignore[attr-defined]
        return behaviour(op_id)(run)

    return register
