"""Slack's published per-method rate-limit tiers, as data; ``slack.py`` counts calls against them."""

from __future__ import annotations

from ..control.ratelimits import Limit

# -- Slack: per-method tiers, calls per minute (https://api.slack.com/docs/rate-limits) --------------
TIER = {1: 1, 2: 20, 3: 50, 4: 100}
SLACK_TIERS = {
    "api.test": 4,
    "auth.test": 4,  # listed as "special"; it allows bursts well above Tier 3
    "chat.delete": 3,
    "chat.getPermalink": 4,
    "chat.postEphemeral": 4,
    "chat.scheduleMessage": 3,
    "chat.update": 3,
    "conversations.archive": 2,
    "conversations.create": 2,
    "conversations.history": 3,
    "conversations.info": 3,
    "conversations.invite": 3,
    "conversations.join": 3,
    "conversations.kick": 3,
    "conversations.leave": 3,
    "conversations.list": 2,
    "conversations.members": 4,
    "conversations.open": 3,
    "conversations.rename": 2,
    "conversations.replies": 3,
    "conversations.setTopic": 2,
    "files.completeUploadExternal": 4,
    "files.delete": 3,
    "files.getUploadURLExternal": 4,
    "files.info": 4,
    "files.list": 3,
    "files.upload": 2,
    "pins.add": 2,
    "pins.list": 2,
    "pins.remove": 2,
    "reactions.add": 3,
    "reactions.get": 3,
    "reactions.list": 2,
    "reactions.remove": 2,
    "team.info": 3,
    "users.conversations": 3,
    "users.info": 4,
    "users.list": 2,
    "users.lookupByEmail": 3,
    "users.profile.get": 4,
    "users.profile.set": 3,
}
SLACK_DEFAULT_TIER = 2  # "most methods allow at least 20 requests per minute"

# -- special tiers (https://api.slack.com/apis/rate-limits, "Special Tier" and "Posting messages") ---------------
SPECIAL = {
    # "several hundred messages per minute" workspace-wide beside the per-channel limit (chat.postMessage page)
    "chat.postMessage": 300,
}
POST_PER_CHANNEL = Limit(30, 30.0)
"""chat.postMessage: "generally allows posting one message per second per channel" with "short bursts >1 allowed",
and incoming webhooks the same per webhook. Slack names no burst size: the twin lets 30 posts come at once, then
holds them to 30 per 30 s (one a second). A test posting a few messages quickly is never refused."""
UNCOUNTED = frozenset({"webhooks.commandResponse", "webhooks.actionResponse"})
"""Response URLs: 5 posts in all (``used_url``, their own limit) and no rate beside it."""
