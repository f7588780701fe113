"""The Events API events the twin sends (a leaf module: the seed and the event code both read it)."""

from __future__ import annotations

SENT = (
    "message.channels",
    "message.groups",
    "message.im",
    "message.mpim",
    "reaction_added",
    "reaction_removed",
    "channel_created",
    "member_joined_channel",
    "app_mention",
)
"""The bot events the twin sends."""
