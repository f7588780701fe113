"""The Events API events the twin sends (a leaf module: the seed and the event code both read it)."""

from __future__ import annotations

SCOPES: dict[str, tuple[str, ...]] = {
    "message.channels": ("channels:history",),
    "message.groups": ("groups:history",),
    "message.im": ("im:history",),
    "message.mpim": ("mpim:history",),
    "reaction_added": ("reactions:read",),
    "reaction_removed": ("reactions:read",),
    "channel_created": ("channels:read",),
    "member_joined_channel": ("channels:read", "groups:read"),
    "app_mention": ("app_mentions:read",),
}
"""Each bot event the twin sends, and the scopes any one of which lets an app receive it (each event's
reference page)."""

SENT = tuple(SCOPES)
"""The bot events the twin sends."""
