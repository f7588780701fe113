"""Who is connected to the RTM API, and the events the Web API's changes send them.

A connection (``rtm.py``) listens as one user (a classic app's bot user, or a person): it gets the events of
the conversations that user is a member of, as Slack's message server sends them
(https://docs.slack.dev/legacy/legacy-rtm-api, "Events"): ``message`` for every message added there (the
user's own included: Slack echoes what a client posts through the Web API), ``reaction_added`` /
``reaction_removed`` on messages there, ``user_typing`` when another member types, and ``channel_created``
to everyone in the workspace. Events happen in behaviour threads and are sent from the server's event loop,
so each connection has its own queue, fed thread-safely.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from typing import Any

from ..runtime import Context
from . import _model

Record = dict[str, Any]


@dataclass(eq=False)
class Listener:
    """One open RTM connection: the user it listens as and its outgoing queue."""

    tenant: str
    user_id: str
    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue[Record] = field(default_factory=asyncio.Queue)

    def push(self, event: Record) -> None:
        self.loop.call_soon_threadsafe(self.queue.put_nowait, event)


_lock = threading.Lock()
_listeners: dict[str, list[Listener]] = {}
"""Open connections by tenant: a reset keeps them open (Slack has no resets; the workspace goes on)."""


def join(listener: Listener) -> None:
    with _lock:
        _listeners.setdefault(listener.tenant, []).append(listener)


def leave(listener: Listener) -> None:
    with _lock:
        found = _listeners.get(listener.tenant, [])
        if listener in found:
            found.remove(listener)


def listeners(tenant: str) -> list[Listener]:
    with _lock:
        return list(_listeners.get(tenant, ()))


def to_members(tenant: str, channel: Record, event: Record, *, besides: str = "") -> None:
    """Send ``event`` to every connection whose user is a member of ``channel`` (but not ``besides``)."""
    for listener in listeners(tenant):
        if listener.user_id != besides and _model.is_member(channel, listener.user_id):
            listener.push(event)


def message(ctx: Context, channel_id: str, stored: Record) -> None:
    """A message was added to a conversation (posts, replies, joins and other system messages)."""
    if not listeners(ctx.tenant):
        return
    channel = ctx.state.collection("channels").get(channel_id)
    if channel is not None:
        event = {**_model.show_message(stored), "type": "message", "channel": channel_id, "event_ts": stored["ts"]}
        to_members(ctx.tenant, channel, event)


def reaction(ctx: Context, event: Record, channel: Record) -> None:
    """``reaction_added``/``reaction_removed`` (the Events API's inner event) to the channel's members."""
    to_members(ctx.tenant, channel, dict(event))


def channel_created(ctx: Context, event: Record) -> None:
    """A public channel was made: every connection of the workspace hears of it."""
    for listener in listeners(ctx.tenant):
        listener.push(dict(event))
