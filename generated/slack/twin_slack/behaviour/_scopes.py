"""Which OAuth scopes each method needs (any one of them), from Slack's method reference pages.

The 2021 spec lists legacy scopes (``chat:write:bot``); the granular scopes tokens carry today are what
Slack checks, and ``needed`` in a ``missing_scope`` answer lists them comma-separated, as Slack does for
methods that cover several conversation types (``channels:history,groups:history,mpim:history,im:history``).
"""

from __future__ import annotations

READ = ("channels:read", "groups:read", "mpim:read", "im:read")
HISTORY = ("channels:history", "groups:history", "mpim:history", "im:history")
# bot tokens manage channels with channels:manage, user tokens with channels:write
WRITE = ("channels:manage", "channels:write", "groups:write", "mpim:write", "im:write")
CHAT = ("chat:write", "chat:write:bot", "chat:write:user")

METHOD_SCOPES: dict[str, tuple[str, ...]] = {
    "auth.test": (),
    "api.test": (),
    "users.list": ("users:read",),
    "users.info": ("users:read",),
    "users.lookupByEmail": ("users:read.email",),
    "users.conversations": READ,
    "users.getPresence": ("users:read",),
    "users.setPresence": ("users:write",),
    "users.profile.get": ("users.profile:read",),
    "users.profile.set": ("users.profile:write",),
    "conversations.create": WRITE,
    "conversations.list": READ,
    "conversations.info": READ,
    "conversations.members": READ,
    "conversations.history": HISTORY,
    "conversations.replies": HISTORY,
    "conversations.join": ("channels:join", "channels:write"),
    "conversations.leave": WRITE,
    "conversations.invite": WRITE,
    "conversations.kick": WRITE,
    "conversations.archive": WRITE,
    "conversations.unarchive": WRITE,
    "conversations.rename": WRITE,
    "conversations.setTopic": (*WRITE, "channels:write.topic", "groups:write.topic"),
    "conversations.setPurpose": (*WRITE, "channels:write.topic", "groups:write.topic"),
    "conversations.open": WRITE,
    "conversations.close": WRITE,
    "conversations.mark": WRITE,
    "chat.postMessage": CHAT,
    "chat.postEphemeral": CHAT,
    "chat.update": CHAT,
    "chat.delete": CHAT,
    "chat.meMessage": CHAT,
    "chat.scheduleMessage": CHAT,
    "chat.deleteScheduledMessage": CHAT,
    "chat.scheduledMessages.list": (),
    "chat.getPermalink": (),
    "reactions.add": ("reactions:write",),
    "reactions.remove": ("reactions:write",),
    "reactions.get": ("reactions:read",),
    "reactions.list": ("reactions:read",),
    "pins.add": ("pins:write",),
    "pins.remove": ("pins:write",),
    "pins.list": ("pins:read",),
    "files.getUploadURLExternal": ("files:write",),
    "files.completeUploadExternal": ("files:write",),
    "files.upload": ("files:write", "files:write:user"),
    "files.info": ("files:read",),
    "files.list": ("files:read",),
    "files.delete": ("files:write", "files:write:user"),
}

# what a conversation of each kind needs on top of the method's family (read/history/write)
KIND_PREFIX = {"public": "channels", "private": "groups", "mpim": "mpim", "im": "im"}

BOT_SCOPES = (
    "app_mentions:read",
    "channels:history",
    "channels:join",
    "channels:manage",
    "channels:read",
    "chat:write",
    "chat:write.public",
    "emoji:read",
    "files:read",
    "files:write",
    "groups:history",
    "groups:read",
    "groups:write",
    "im:history",
    "im:read",
    "im:write",
    "mpim:history",
    "mpim:read",
    "mpim:write",
    "pins:read",
    "pins:write",
    "reactions:read",
    "reactions:write",
    "team:read",
    "users.profile:read",
    "users:read",
    "users:read.email",
    "users:write",
)

USER_SCOPES = (
    "channels:history",
    "channels:read",
    "channels:write",
    "chat:write",
    "emoji:read",
    "files:read",
    "files:write",
    "groups:history",
    "groups:read",
    "groups:write",
    "im:history",
    "im:read",
    "im:write",
    "mpim:history",
    "mpim:read",
    "mpim:write",
    "pins:read",
    "pins:write",
    "reactions:read",
    "reactions:write",
    "search:read",
    "team:read",
    "users.profile:read",
    "users.profile:write",
    "users:read",
    "users:read.email",
    "users:write",
)

# a read-only token, so users of the twin can see missing_scope without minting their own credential
READER_SCOPES = ("channels:read", "channels:history", "users:read")
