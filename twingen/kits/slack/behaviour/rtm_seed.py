"""The workspace's classic app: a bot user whose token may open the RTM API (``rtm``).

Slack lets only classic apps use RTM (https://docs.slack.dev/legacy/legacy-rtm-api, "Notices"); their bot
tokens hold the single classic ``bot`` scope, which opens the methods bot users may call
(https://api.slack.com/scopes/bot: messages, conversations, users, reactions, pins, files and the like),
written here as the granular scopes the twin checks. The workspace invited the bot to #general and #random
(an RTM bot hears only the conversations it was invited to). Its credential is ``classic_bot``. Seeded after
everything else, so every other seeded id stays what it was.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Credential, SeedContext
from ._platform_seed import for_tenant
from .rtm import CLASSIC_BOT_SCOPE

Record = dict[str, Any]

HANDLE = "classicbot"
INVITED_TO = ("general", "random")
"""As the workspace's other bot: invited to both seeded channels when it was installed."""
CLASSIC_BOT_SCOPES = (
    CLASSIC_BOT_SCOPE,
    "channels:history",
    "channels:read",
    "chat:write",
    "dnd:read",
    "emoji:read",
    "files:read",
    "files:write",
    "groups:history",
    "groups:read",
    "im:history",
    "im:read",
    "im:write",
    "mpim:history",
    "mpim:read",
    "pins:read",
    "pins:write",
    "reactions:read",
    "reactions:write",
    "team:read",
    "usergroups:read",
    "users:read",
)


def seed_classic_app(ctx: SeedContext, created: int) -> None:
    from .seed import _token, seed_bot  # the seed imports this module

    state = ctx.state
    team_id = str((state.collection("team").get("team") or {}).get("id", ""))
    user_id, bot_id = seed_bot(state, team_id, HANDLE, "Classic Bot", created)
    channels = state.collection("channels")
    for channel_id in [cid for cid, channel in channels.scan() if channel.get("name") in INVITED_TO]:
        invited = channels.get(channel_id) or {}
        invited["_members"] = [*invited["_members"], user_id]
        channels.put(channel_id, invited)
    principal = {"user_id": user_id, "team_id": team_id, "bot_id": bot_id}
    token = for_tenant(ctx, _token("bot", HANDLE))
    ctx.credential(Credential("classic_bot", "bearer", token, principal=principal, scopes=CLASSIC_BOT_SCOPES))
