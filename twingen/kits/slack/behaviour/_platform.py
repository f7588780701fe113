"""Helpers the platform families share: required arguments, token kinds, the app a token belongs to, triggers.

Slack answers a missing required argument with ``invalid_arguments`` and a ``response_metadata`` message
naming it; a method meant for another kind of token answers ``not_allowed_token_type``.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from ..runtime import Context, arguments
from . import _args, _model, _platform_seed
from ._auth import Caller
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]

# prefixes Slack gives each kind of token: bot, user, app-level (Socket Mode), app configuration
_KINDS = (("xoxe.xoxp-", "config"), ("xoxe.xoxb-", "config"), ("xapp-", "app"), ("xoxb-", "bot"), ("xoxp-", "user"))
_TRIGGER = re.compile(r"^(\d+)\.(\d+)\.([0-9a-f]{8,64})$")
TRIGGER_KEY = "twin-slack:trigger"
"""The twin signs the trigger ids it accepts with this (public) key: see ``trigger_id``."""


def need(ctx: Context, name: str) -> str:
    """A required argument, or Slack's ``invalid_arguments`` naming it."""
    value = _args.text(ctx, name).strip()
    if not value:
        raise invalid_arguments(f"missing required field: {name}")
    return value


def token_kind(token: str, named: str | None = None) -> str:
    """``bot``, ``user``, ``app`` or ``config``: what a minted token's grant ``named``, else what the prefix says
    (a minted rotating ``xoxe.xoxp-`` user token is not a configuration one)."""
    return named or next((k for prefix, k in _KINDS if token.startswith(prefix)), "user")


def kind(caller: Caller) -> str:
    return token_kind(caller.token, caller.kind)


def only(caller: Caller, *kinds: str) -> None:
    """``not_allowed_token_type`` unless the token is one of ``kinds`` (bot, user, app, config)."""
    if kind(caller) not in kinds:
        raise slack_error("not_allowed_token_type")


def apps(ctx: Context) -> Any:
    return ctx.state.collection("apps")


def app_of(ctx: Context, caller: Caller) -> Record:
    """The app that owns the caller's token (the seeded app for seeded tokens)."""
    app_id: str | None = caller.app_id
    if not app_id and caller.bot_id:
        app_id = (ctx.state.collection("bots").get(caller.bot_id) or {}).get("app_id")
    found: Record | None = apps(ctx).get(app_id) if app_id else None
    if found is None:
        found = next(iter(apps(ctx).values()), None)
    if found is None:
        raise slack_error("app_not_found")
    return found


def channel(ctx: Context, caller: Caller, name: str = "channel_id") -> Record:
    """A conversation named by a required argument; ``channel_not_found`` for one the caller cannot see."""
    return _model.channel(ctx, caller, need(ctx, name))


def user_id(ctx: Context, name: str = "user_id") -> str:
    found = _model.user(ctx, need(ctx, name))
    return str(found["id"])


def team_number(ctx: Context) -> str:
    """The workspace's number as it appears in its tokens (``xoxb-TEAMNUMBER-...``)."""
    del ctx  # one workspace per tenant, numbered as the seed numbers its tokens
    return _platform_seed.team_number()


# -- trigger ids -------------------------------------------------------------------------------------


def trigger_id(team_number: str, n: int) -> str:
    """The ``n``-th trigger id the twin accepts for a team: ``N.TEAMNUMBER.SIGNATURE``.

    Slack mints a trigger id for each interaction (a shortcut, a slash command, a button) and accepts it
    once within 3 seconds. The twin sends no interactions, so it accepts any id signed as here; anyone
    (a test, an app under test) can mint one without a control plane. Each is accepted once.
    """
    body = f"{n}.{team_number}"
    return f"{body}.{hashlib.sha256(f'{TRIGGER_KEY}:{body}'.encode()).hexdigest()[:32]}"


def use_trigger(ctx: Context, raw: str, codes: tuple[str, str, str]) -> None:
    """Spend a trigger id; codes for (malformed, not minted by the twin, already used)."""
    found = _TRIGGER.match(raw)
    if found is None:
        # views.* document a malformed trigger as invalid_arguments naming it; dialog.open has its own code
        if codes[0] == "invalid_arguments":
            raise invalid_arguments("invalid `trigger_id`")
        raise slack_error(codes[0])
    if raw != trigger_id(found.group(2), int(found.group(1))) or found.group(2) != team_number(ctx):
        # well-formed but not ours: most likely a real Slack trigger id, long expired
        raise slack_error(codes[1])
    used = ctx.state.collection("triggers_used")
    if raw in used:
        raise slack_error(codes[2])
    used.put(raw, {"used": int(ctx.now())})


def team_of(ctx: Context) -> str:
    return str(_model.team(ctx).get("id", ""))


def json_arg(ctx: Context, name: str) -> Any:
    """A JSON argument (a value in a JSON body, a JSON string in a form); bad JSON is ``invalid_arguments``."""
    return arguments.json_value(ctx.params, name, lambda value: invalid_arguments(f"{name} must be valid JSON"))
