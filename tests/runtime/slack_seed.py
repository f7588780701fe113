"""A twin's own seed: replaces the generic default credentials."""

from __future__ import annotations

from twingen.runtime import Credential, SeedContext, seed


@seed
def slack_seed(ctx: SeedContext) -> None:
    ctx.credential(Credential("bot", "bearer", token="xoxb-test-bot", principal={"user_id": "U0BOT"}))
    ctx.credential(Credential("user", "bearer", token="xoxp-test-user", principal={"user_id": "U0USER"}))
    ctx.state.collection("conversations").put("C0GENERAL", {"id": "C0GENERAL", "name": "general"})
