"""``auth.test``: who a token belongs to."""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _model
from ._auth import Caller, slack_method


@slack_method("auth.test")
def auth_test(ctx: Context, caller: Caller) -> dict[str, Any]:
    """Slack adds ``bot_id`` only for bot tokens; ``is_enterprise_install`` is false outside Enterprise Grid."""
    team = _model.team(ctx)
    user = _model.user(ctx, caller.user_id)
    answer: dict[str, Any] = {
        "url": team["url"],
        "team": team["name"],
        "user": user["name"],
        "team_id": team["id"],
        "user_id": caller.user_id,
    }
    if caller.is_bot:
        answer["bot_id"] = caller.bot_id
    answer["is_enterprise_install"] = False
    return answer
