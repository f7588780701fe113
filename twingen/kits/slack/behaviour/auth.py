"""``auth.*`` and ``api.test``: who a token belongs to, revoking it, the teams an app is on."""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from . import _args, _model, _paging, _platform_tokens
from ._auth import Caller, slack_method
from ._errors import echoed_error


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
    if team.get("enterprise_id"):
        answer["enterprise_id"] = team["enterprise_id"]  # a workspace in a Grid org names it
    answer["is_enterprise_install"] = False
    return answer


@slack_method("auth.revoke")
def auth_revoke(ctx: Context, caller: Caller) -> dict[str, Any]:
    """Revokes the calling token for good; ``test=true`` only says whether it would (``revoked: false``).

    A minted token is taken from the runtime too; with token rotation this ends one token, not the install.
    """
    if _args.flag(ctx, "test"):
        return {"revoked": False}
    _platform_tokens.revoke(ctx, caller.token)
    return {"revoked": True}


@slack_method("auth.teams.list")
def auth_teams_list(ctx: Context, caller: Caller) -> dict[str, Any]:
    """The workspaces the app is installed on: outside Enterprise Grid, only this one."""
    team = _model.team(ctx)
    item: dict[str, Any] = {"id": team["id"], "name": team["name"]}
    if _args.flag(ctx, "include_icon"):
        item["icon"] = team.get("icon", {})
    page, next_cursor = _paging.page_of_keys(ctx, [team["id"]], "team", default_limit=100)
    return {"teams": [item] if page else [], **_paging.metadata(next_cursor)}


@behaviour("api.test", auth=False)  # Slack answers api.test without a token
def api_test(ctx: Context) -> dict[str, Any]:
    """Needs no token; echoes its arguments in ``args`` and fails on purpose with ``error=CODE``."""
    args = {k: v for k, v in ctx.params.items() if k != "token" and isinstance(v, (str, int, float, bool))}
    error = _args.text(ctx, "error")
    if error:
        raise echoed_error(error, args=args)
    return {"args": args} if args else {}
