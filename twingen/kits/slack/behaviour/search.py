"""``search.*``: searching the messages and files a user can see (user tokens only, as on Slack).

Queries are words and ``"quoted phrases"`` (all must match, case-insensitively) with Slack's modifiers
``in:#channel`` / ``in:<#C123>``, ``from:@handle`` / ``from:<@U123>``, ``before:``/``after:`` (YYYY-MM-DD).
"""

from __future__ import annotations

import shlex
from datetime import datetime, timezone
from typing import Any

from ..runtime import Context
from . import _args, _files, _model
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error
from ._search_query import REF, SEARCHABLE

Record = dict[str, Any]


def _caller_of_search(caller: Caller) -> None:
    if caller.is_bot:
        raise slack_error("not_allowed_token_type")
    caller.require("search:read")


def _parse(ctx: Context) -> tuple[list[str], dict[str, list[str]]]:
    query = _args.text(ctx, "query").strip()
    if not query:
        raise invalid_arguments("missing required field: query")
    try:
        words = shlex.split(query)
    except ValueError:
        words = query.split()
    terms: list[str] = []
    filters: dict[str, list[str]] = {}
    for word in words:
        key, sep, value = word.partition(":")
        if sep and key in ("in", "from", "before", "after") and value:
            found = REF.fullmatch(value)
            filters.setdefault(key, []).append(found[1] if found else value.lstrip("#@"))
        else:
            terms.append(word.lower())
    return terms, filters


def _day(value: str) -> float | None:
    try:
        return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=timezone.utc).timestamp()
    except ValueError:
        return None


def _channel_matches(channel: Record, wanted: list[str]) -> bool:
    return all(w in (channel["id"], channel.get("name")) for w in wanted)


def _user_matches(ctx: Context, user_id: str, wanted: list[str]) -> bool:
    user = ctx.state.collection("users").get(user_id) or {}
    return all(w in (user_id, user.get("name")) for w in wanted)


def _time_matches(moment: float, filters: dict[str, list[str]]) -> bool:
    for value in filters.get("before", ()):
        day = _day(value)
        if day is not None and moment >= day:
            return False
    for value in filters.get("after", ()):
        day = _day(value)
        if day is not None and moment < day + 86_400:
            return False
    return True


def _page(ctx: Context, matches: list[Record]) -> Record:
    """Slack pages search results by ``count`` (default 20, at most 100) and ``page`` (at most 100)."""
    count = max(1, min(_args.integer(ctx, "count", 20), 100))
    page_no = max(1, min(_args.integer(ctx, "page", 1), 100))
    total = len(matches)
    pages = max(1, -(-total // count))
    chosen = matches[(page_no - 1) * count : page_no * count]
    first = (page_no - 1) * count + 1 if chosen else 0
    return {
        "total": total,
        "pagination": {
            "total_count": total,
            "page": page_no,
            "per_page": count,
            "page_count": pages,
            "first": first,
            "last": first + len(chosen) - 1 if chosen else 0,
        },
        "paging": {"count": count, "total": total, "page": page_no, "pages": pages},
        "matches": chosen,
    }


def _order(ctx: Context, found: list[tuple[float, Record]]) -> list[Record]:
    """``sort=timestamp`` orders by time; ``score`` (the default) ranks newest first too, as ties do on Slack."""
    descending = _args.text(ctx, "sort_dir", "desc").strip().lower() != "asc"
    found.sort(key=lambda pair: pair[0], reverse=descending)
    return [item for _moment, item in found]


def message_matches(ctx: Context, caller: Caller) -> Record:
    terms, filters = _parse(ctx)
    channels = ctx.state.collection("channels")
    team = _model.team(ctx)
    found: list[tuple[float, Record]] = []
    for message in ctx.state.collection("messages").values():
        if message.get("subtype") not in SEARCHABLE:
            continue
        channel = channels.get(message["_channel"])
        if channel is None or not _model.visible(channel, caller):
            continue
        text = str(message.get("text", ""))
        if not all(term in text.lower() for term in terms):
            continue
        if not _channel_matches(channel, filters.get("in", [])):
            continue
        if not _user_matches(ctx, str(message.get("user", "")), filters.get("from", [])):
            continue
        if not _time_matches(float(message["ts"]), filters):
            continue
        user = ctx.state.collection("users").get(str(message.get("user", ""))) or {}
        link = f"{team['url']}archives/{channel['id']}/p{message['ts'].replace('.', '')}"
        found.append(
            (
                float(message["ts"]),
                {
                    "iid": f"{channel['id']}-{message['ts']}",
                    "team": team["id"],
                    "channel": {
                        "id": channel["id"],
                        "name": channel.get("name", channel["id"]),
                        "is_channel": channel["_kind"] in ("public", "private"),
                        "is_private": channel["_kind"] != "public",
                        "is_mpim": channel["_kind"] == "mpim",
                        "is_im": channel["_kind"] == "im",
                        "is_shared": False,
                        "is_ext_shared": False,
                        "is_org_shared": False,
                        "is_pending_ext_shared": False,
                    },
                    "type": "message",
                    "user": message.get("user", ""),
                    "username": user.get("name", ""),
                    "ts": message["ts"],
                    "text": text,
                    "permalink": link,
                    **({"blocks": message["blocks"]} if "blocks" in message else {}),
                },
            )
        )
    return _page(ctx, _order(ctx, found))


def file_matches(ctx: Context, caller: Caller) -> Record:
    terms, filters = _parse(ctx)
    found: list[tuple[float, Record]] = []
    for record in ctx.state.collection("files").values():
        if record["_state"] != "complete" or record["_deleted"] or not _files.visible(ctx, record, caller):
            continue
        haystack = f"{record['name']} {record['title']}".lower()
        if not all(term in haystack for term in terms):
            continue
        places = [*record["channels"], *record["groups"], *record["ims"]]
        if filters.get("in") and not any(
            _channel_matches(c, filters["in"]) for cid in places if (c := ctx.state.collection("channels").get(cid))
        ):
            continue
        if not _user_matches(ctx, record["user"], filters.get("from", [])) or not _time_matches(
            float(record["created"]), filters
        ):
            continue
        found.append((float(record["created"]), _files.show(ctx, record)))
    return _page(ctx, _order(ctx, found))


@slack_method("search.messages", scopes=())
def search_messages(ctx: Context, caller: Caller) -> Record:
    _caller_of_search(caller)
    return {"query": _args.text(ctx, "query"), "messages": message_matches(ctx, caller)}


@slack_method("search.files", scopes=())
def search_files(ctx: Context, caller: Caller) -> Record:
    _caller_of_search(caller)
    return {"query": _args.text(ctx, "query"), "files": file_matches(ctx, caller)}


@slack_method("search.all", scopes=())
def search_all(ctx: Context, caller: Caller) -> Record:
    """Messages and files in one answer; ``posts`` (retired Slack Posts) is always empty."""
    _caller_of_search(caller)
    return {
        "query": _args.text(ctx, "query"),
        "messages": message_matches(ctx, caller),
        "files": file_matches(ctx, caller),
        "posts": {"total": 0, "matches": []},
    }
