"""The seeded org's past in its audit trail: members made a month ago, and their sign-ins since.

The seed's workspace is 30 days old (``seed.py``), so its org already has a history when the twin starts: each
seeded person was created then (``user_created``), #general and #random were made, Dave was deactivated, and
every active person signed in once a day over the last week (``user_login``, the action slack_sdk's Audit Logs
examples read). No API call makes a sign-in, so these are the only ``user_login`` entries; everything after the
seed is recorded as it happens (``_audit.record``).
"""

from __future__ import annotations

from ..runtime import SeedContext
from . import _audit

ORG_OWNER_SCOPES = ("admin", "auditlogs:read")
"""What the org owner's org-level install adds: ``admin`` (SCIM, docs.slack.dev/admins/scim-api) and
``auditlogs:read`` (docs.slack.dev/admins/audit-logs-api); only an owner of the org can be granted them."""

_DAYS = 7


def seed_audit_history(ctx: SeedContext, created: int) -> None:
    """Record the org's history up to now, oldest first (``created``: when the workspace was made)."""
    state = ctx.state
    people = [u for u in state.collection("users").values() if not u.get("is_bot") and u["id"] != "USLACKBOT"]
    owner = ((state.collection("org").get("org") or {}).get("owners") or [_audit.SLACK_USER])[0]
    for user in people:
        _audit.record(ctx, "user_created", _audit.user_entity(user), actor=owner, when=created)
    for channel in state.collection("channels").values():
        if channel.get("name") in ("general", "random"):
            _audit.record(ctx, "public_channel_created", _audit.channel_entity(channel), actor=owner, when=created)
    for user in people:
        if user.get("deleted"):
            _audit.record(ctx, "user_deactivated", _audit.user_entity(user), actor=owner, when=created + 3600)
    today = int(ctx.now()) // 86_400 * 86_400
    for day in range(_DAYS, 0, -1):
        for hour, user in enumerate(people):
            if user.get("deleted"):
                continue
            when = today - day * 86_400 + (9 + hour) * 3600  # each signs in at their own hour of the morning
            _audit.record(ctx, "user_login", _audit.user_entity(user), actor=user["id"], when=when)
