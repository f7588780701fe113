"""Messages, stored one record each and indexed per channel by ts, so history paging costs O(page).

Records live in the ``messages`` collection keyed ``CHANNEL/TS`` (the runtime's store is the source of
truth and survives into snapshots); beside it this module keeps, per process, a sorted list of the ts
values each channel's history shows and of each thread's replies. The index is rebuilt from the records
whenever it cannot vouch for them: a new collection object (``/_twin/reset``, a restore that changed
messages) or a record count it did not write itself (records loaded straight into the store, e.g. by a
benchmark). Indexes are keyed weakly on their collection, so a replaced collection is not kept alive.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from typing import Any

from ..runtime import Context
from . import _events, _ids
from ._errors import slack_error

Record = dict[str, Any]


@dataclass
class _Index:
    count: int = 0
    history: dict[str, list[str]] = field(default_factory=dict)
    """Channel -> ts of the messages ``conversations.history`` shows, ascending."""
    replies: dict[str, list[str]] = field(default_factory=dict)
    """``CHANNEL/THREAD_TS`` -> ts of the thread's replies, ascending (the parent excluded)."""


_INDEXES: weakref.WeakKeyDictionary[Any, _Index] = weakref.WeakKeyDictionary()


def _in_history(message: Record) -> bool:
    thread_ts = message.get("thread_ts")
    return not thread_ts or thread_ts == message["ts"] or message.get("subtype") == "thread_broadcast"


def _is_reply(message: Record) -> bool:
    thread_ts = message.get("thread_ts")
    return bool(thread_ts) and thread_ts != message["ts"]


def _index(ctx: Context) -> _Index:
    collection = ctx.state.collection("messages")
    found = _INDEXES.get(collection)
    if found is not None and found.count == len(collection):
        return found
    index = _Index()
    for _key, message in collection.scan():  # read-only: no per-record copy after a restore
        channel = message["_channel"]
        if _in_history(message):
            index.history.setdefault(channel, []).append(message["ts"])
        if _is_reply(message):
            index.replies.setdefault(f"{channel}/{message['thread_ts']}", []).append(message["ts"])
    for listing in (*index.history.values(), *index.replies.values()):
        listing.sort()
    index.count = len(collection)
    _INDEXES[collection] = index
    return index


def get(ctx: Context, channel: str, ts: str) -> Record | None:
    found: Record | None = ctx.state.collection("messages").get(f"{channel}/{ts}")
    return found


def addressed(ctx: Context, channel: Record, raw_ts: str) -> Record:
    """The live message ``raw_ts`` names in ``channel`` (pins, reactions): ``no_item_specified`` without a
    timestamp, ``bad_timestamp`` for a malformed one, ``message_not_found`` for none or a deleted one."""
    if not raw_ts:
        raise slack_error("no_item_specified")
    ts = _ids.normalise_ts(raw_ts)
    if ts is None:
        raise slack_error("bad_timestamp")
    message = get(ctx, channel["id"], ts)
    if message is None or message.get("subtype") == "tombstone":
        raise slack_error("message_not_found")
    return message


def add(ctx: Context, channel: str, message: Record) -> None:
    index = _index(ctx)
    message["_channel"] = channel
    ctx.state.collection("messages").put(f"{channel}/{message['ts']}", message)
    index.count += 1
    if _in_history(message):
        _insert(index.history.setdefault(channel, []), message["ts"])
    if _is_reply(message):
        _insert(index.replies.setdefault(f"{channel}/{message['thread_ts']}", []), message["ts"])
    _events.message(ctx, channel, message)


def save(ctx: Context, message: Record) -> None:
    """Store a changed record (its ts and thread never change)."""
    ctx.state.collection("messages").put(f"{message['_channel']}/{message['ts']}", message)


def remove(ctx: Context, message: Record) -> None:
    index = _index(ctx)
    channel, ts = message["_channel"], message["ts"]
    if ctx.state.collection("messages").delete(f"{channel}/{ts}"):
        index.count -= 1
    _discard(index.history.get(channel), ts)
    if _is_reply(message):
        _discard(index.replies.get(f"{channel}/{message['thread_ts']}"), ts)


def _insert(listing: list[str], ts: str) -> None:
    # new messages almost always carry the newest ts: appending keeps posting O(1)
    if not listing or listing[-1] < ts:
        listing.append(ts)
    else:
        insort(listing, ts)


def _discard(listing: list[str] | None, ts: str) -> None:
    if listing:
        at = bisect_left(listing, ts)
        if at < len(listing) and listing[at] == ts:
            del listing[at]


def history_count(ctx: Context, channel: str) -> int:
    return len(_index(ctx).history.get(channel, ()))


def latest(ctx: Context, channel: str) -> Record | None:
    listing = _index(ctx).history.get(channel)
    return get(ctx, channel, listing[-1]) if listing else None


def history_window(
    ctx: Context, channel: str, oldest: tuple[str, bool], latest_ts: tuple[str, bool] | None, limit: int
) -> tuple[list[Record], str | None]:
    """Up to ``limit`` messages between ``oldest`` and ``latest_ts`` (each ``(ts, inclusive)``), newest
    first, and the ts of the next older message when there are more."""
    listing = _index(ctx).history.get(channel, [])
    low = bisect_left(listing, oldest[0]) if oldest[1] else bisect_right(listing, oldest[0])
    if latest_ts is None:
        high = len(listing)
    else:
        high = bisect_right(listing, latest_ts[0]) if latest_ts[1] else bisect_left(listing, latest_ts[0])
    start = max(low, high - limit)
    page = [m for ts in reversed(listing[start:high]) if (m := get(ctx, channel, ts))]
    return page, listing[start - 1] if start > low else None


def replies(ctx: Context, channel: str, thread_ts: str) -> list[str]:
    """Reply ts values of a thread, oldest first (a copy: callers may page through it)."""
    return list(_index(ctx).replies.get(f"{channel}/{thread_ts}", ()))


def post_system(ctx: Context, channel: str, user_id: str, subtype: str, text: str, **extra: Any) -> Record:
    """A message Slack writes itself when a conversation changes (``channel_join``, ``channel_topic``...)."""
    message: Record = {"type": "message", "subtype": subtype, "ts": _ids.new_ts(ctx.state, ctx.now())}
    message.update(user=user_id, text=text, **extra)
    add(ctx, channel, message)
    return message
