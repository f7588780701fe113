"""``assistant.search.context`` and ``assistant.search.info``: the Data Access (real-time search) API.

Sources: the method pages https://docs.slack.dev/reference/methods/assistant.search.context and
https://docs.slack.dev/reference/methods/assistant.search.info (arguments, the answer example, error tables,
mirrored in slack-ruby/slack-api-ref ``methods/assistant/*.json``), the Data Access API guide
(https://api.slack.com/docs/apps/data-access-api: an app gets a short-lived ``action_token`` from a message
event and searches what the invoking user can see), the scope pages (``search:read.public`` covers public
channels, the searching user need not be a member; ``search:read.private/mpim/im/files/users`` the rest) and
the Node SDK's response type (``AssistantSearchContextResponse``: the fields of messages, files, channels and
users results).

What the twin searches is its own state: messages people wrote (system messages such as joins are not found),
completed files, channels and people, as the searching user may see them. Slack's search is semantic; the twin
matches keywords (``_search_query``; our choice, so ``assistant.search.info`` says ``is_ai_search_enabled:
false``). Modifiers ``in:``, ``from:``, ``before:``, ``after:``, ``has:pin`` and ``has:link`` narrow term clauses.
Pages are ``limit`` (at most 20) per content type; the cursor is Slack's example's own shape, base64 of
``CURRENT_PAGE:N``.

Tokens: a user token searches as its user; a bot token needs the ``action_token`` of a user's message event,
else ``invalid_action_token`` (the page's code for a token that is not valid; a missing one is not valid either,
our reading). The twin sends no such events with tokens, so it accepts action tokens made by a documented
formula (``action_token``), like trigger ids: ``N.TEAMNUMBER.SIG`` with SIG the first 12 hex digits of
``sha256("twin-slack:action-token:N.TEAMNUMBER:USER_ID")`` for an active person ``USER_ID``, any ``N``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from ..runtime import Context
from . import _args, _files, _model, _paging, _platform
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error
from ._search_query import SEARCHABLE, highlight, parse_query, window

Record = dict[str, Any]
Ranked = tuple[int, float, Record]
"""A result with its score and time."""

ACTION_KEY = "twin-slack:action-token"
_ACTION = re.compile(r"^(\d+)\.(\d+)\.([0-9a-f]{12})$")
CHANNEL_TYPES = {
    "public_channel": ("public", "search:read.public"),
    "private_channel": ("private", "search:read.private"),
    "mpim": ("mpim", "search:read.mpim"),
    "im": ("im", "search:read.im"),
}
CONTENT_TYPES = ("messages", "files", "channels", "users")
CONTENT_SCOPES = {"files": "search:read.files", "users": "search:read.users"}
MAX_LIMIT = 20
"""``limit``: "Number of results to return, up to a max of 20. Defaults to 20." (the method page)."""
CONTEXT_SIZE = 2
"""Messages shown before and after a result with ``include_context_messages`` (the page gives no number)."""
CURSOR_KIND = "CURRENT_PAGE"
_LINK = re.compile(r"https?://|<https?:")


def action_token(team_number: str, user_id: str, n: int) -> str:
    """The ``n``-th action token the twin accepts for ``user_id`` (see the module docstring)."""
    body = f"{n}.{team_number}"
    return f"{body}.{hashlib.sha256(f'{ACTION_KEY}:{body}:{user_id}'.encode()).hexdigest()[:12]}"


def _invoking_user(ctx: Context, caller: Caller) -> str:
    """Whose view the search takes: the user token's user, or the person an action token names."""
    raw = _args.text(ctx, "action_token").strip()
    if not raw:
        if caller.is_bot:
            raise slack_error("invalid_action_token")
        return caller.user_id
    found = _ACTION.match(raw)
    if found is None or found.group(2) != _platform.team_number(ctx):
        raise slack_error("invalid_action_token")
    n = int(found.group(1))
    for user in ctx.state.collection("users").values():
        if user.get("is_bot") or user.get("deleted") or user["id"] == "USLACKBOT":
            continue
        if raw == action_token(found.group(2), user["id"], n):
            if not caller.is_bot and user["id"] != caller.user_id:
                break  # a user token searches as its own user only
            return str(user["id"])
    raise slack_error("invalid_action_token")


def _choices(ctx: Context, name: str, allowed: tuple[str, ...], default: str) -> list[str]:
    chosen = _args.id_list(ctx, name) or [default]
    unknown = [c for c in chosen if c not in allowed]
    if unknown:
        raise invalid_arguments(f"{name} must be a list of {', '.join(allowed)}; got {unknown[0]}")
    return list(dict.fromkeys(chosen))


def _require_all(caller: Caller, needed: list[str]) -> None:
    """Every scope the requested channel and content types need ("The requested channel types are not allowed
    by the provided scopes": missing_scope, naming what is missing)."""
    missing = [s for s in dict.fromkeys(needed) if s not in caller.scopes]
    if missing:
        raise slack_error("missing_scope", needed=",".join(missing), provided=",".join(sorted(caller.scopes)))


def _name_of(user: Record | None) -> str:
    if not user:
        return ""
    return str(user.get("real_name") or user.get("profile", {}).get("real_name") or user.get("name", ""))


class Search:
    """One call's search: the searcher's view, the filters, and how to show each kind of result."""

    def __init__(self, ctx: Context, caller: Caller, searcher: str, kinds: list[str]) -> None:
        self.ctx = ctx
        self.viewer = dataclasses.replace(caller, user_id=searcher)
        self.kinds = kinds
        self.query = parse_query(ctx)
        self.window = window(ctx, self.query)
        self.team = _model.team(ctx)
        self.users = ctx.state.collection("users")
        self.channels = ctx.state.collection("channels")
        self.highlight = _args.flag(ctx, "highlight")
        self.with_blocks = _args.flag(ctx, "include_message_blocks")
        self.with_context = _args.flag(ctx, "include_context_messages")

    def sees(self, channel_id: str) -> bool:
        """Whether the searcher may see conversation ``channel_id`` (``context_channel_id``)."""
        channel: Record | None = self.channels.get(channel_id)
        return channel is not None and _model.visible(channel, self.viewer)

    def _channel_ok(self, channel: Record | None) -> bool:
        return (
            channel is not None
            and channel["_kind"] in self.kinds
            and _model.visible(channel, self.viewer)
            and (self.window.archived or not channel.get("is_archived"))
            and self._in_modifier_channel(channel)
        )

    def _in_modifier_channel(self, channel: Record) -> bool:
        names = (str(channel["id"]).lower(), str(channel.get("name", "")).lower())
        return all(w in names for w in self.query.modifiers.get("in", ()))

    def _content(self, text: str) -> str:
        return highlight(text, self.query.terms()) if self.highlight else text

    def messages(self) -> list[Ranked]:
        """(score, time, result) of each message people wrote that matches, in a conversation the viewer sees."""
        history: dict[str, list[tuple[str, Record]]] = {}
        found: list[tuple[int, float, tuple[Record, Record | None, bool]]] = []
        for _key, message in self.ctx.state.collection("messages").scan():  # read-only
            channel_id = message["_channel"]
            thread_ts = message.get("thread_ts")
            in_history = not thread_ts or thread_ts == message["ts"] or message.get("subtype") == "thread_broadcast"
            if self.with_context and in_history:
                history.setdefault(channel_id, []).append((message["ts"], message))
            if message.get("subtype") not in SEARCHABLE or not self._channel_ok(self.channels.get(channel_id)):
                continue
            author = self.users.get(str(message.get("user", "")))
            is_bot = bool(message.get("bot_id") or (author or {}).get("is_bot"))
            text = str(message.get("text", ""))
            score = self.query.score(text)
            if not score or (is_bot and not self.window.bots) or not self.window.in_time(float(message["ts"])):
                continue
            if not self._message_modifiers(message, author, text):
                continue
            found.append((score, float(message["ts"]), (message, author, is_bot)))
        for listing in history.values():
            listing.sort(key=lambda pair: pair[0])
        return [(score, moment, self._message(*seen, history)) for score, moment, seen in found]

    def _message_modifiers(self, message: Record, author: Record | None, text: str) -> bool:
        wanted = self.query.modifiers
        names = (str(message.get("user", "")).lower(), str((author or {}).get("name", "")).lower())
        if any(w not in names for w in wanted.get("from", ())):
            return False
        has = wanted.get("has", ())
        return not ("pin" in has and not message.get("pinned_to")) and not ("link" in has and not _LINK.search(text))

    def _message(
        self, message: Record, author: Record | None, is_bot: bool, history: dict[str, list[tuple[str, Record]]]
    ) -> Record:
        channel = self.channels.get(message["_channel"]) or {}
        ts = str(message["ts"])
        shown: Record = {
            "author_name": _name_of(author) or str(message.get("username", "")),
            "author_user_id": str(message.get("user", "")),
            "team_id": self.team.get("id", ""),
            "channel_id": channel.get("id", ""),
            "channel_name": channel.get("name", channel.get("id", "")),
            "message_ts": ts,
            "content": self._content(str(message.get("text", ""))),
            "is_author_bot": is_bot,
            "permalink": f"{self.team.get('url', '')}archives/{channel.get('id', '')}/p{ts.replace('.', '')}",
        }
        if self.with_blocks:
            shown["blocks"] = list(message.get("blocks") or [])
        if self.with_context:
            shown["context_messages"] = self._around(history.get(channel.get("id", ""), []), ts)
        return shown

    def _around(self, listing: list[tuple[str, Record]], ts: str) -> Record:
        at = bisect_left(listing, ts, key=lambda pair: pair[0])
        after_at = at + 1 if at < len(listing) and listing[at][0] == ts else at

        def show(pair: tuple[str, Record]) -> Record:
            item: Record = {
                "text": str(pair[1].get("text", "")),
                "ts": pair[0],
                "user_id": str(pair[1].get("user", "")),
            }
            if self.with_blocks:
                item["blocks"] = list(pair[1].get("blocks") or [])
            return item

        return {
            "before": [show(p) for p in listing[max(0, at - CONTEXT_SIZE) : at]],
            "after": [show(p) for p in listing[after_at : after_at + CONTEXT_SIZE]],
        }

    def files(self) -> list[Ranked]:
        """Uploaded files the viewer may see whose name or title matches."""
        found: list[Ranked] = []
        for _key, record in self.ctx.state.collection("files").scan():  # read-only
            if record.get("_state") != "complete" or record.get("_deleted") or record.get("mode") == "external":
                continue
            if not _files.visible(self.ctx, record, self.viewer) or not self.window.in_time(float(record["created"])):
                continue
            score = self.query.score(f"{record.get('name', '')} {record.get('title', '')}")
            if score:
                found.append((score, float(record["created"]), self._file(record)))
        return found

    def _file(self, record: Record) -> Record:
        author = self.users.get(str(record.get("user", "")))
        return {
            "file_id": record["id"],
            "title": self._content(str(record.get("title", ""))),
            "file_type": record.get("filetype", ""),
            "author_name": _name_of(author),
            "author_user_id": record.get("user", ""),
            "uploader_user_id": record.get("user", ""),
            "team_id": self.team.get("id", ""),
            "date_created": int(record.get("created", 0)),
            "date_updated": int(record.get("updated") or record.get("created") or 0),
            "permalink": f"{self.team.get('url', '')}files/{record.get('user', '')}/{record['id']}/{record['name']}",
            "content": self._content(str(record.get("preview", ""))),
        }

    def channel_results(self) -> list[Ranked]:
        """Channels of the requested kinds whose name, topic or purpose matches."""
        found: list[Ranked] = []
        for _key, channel in self.channels.scan():  # read-only
            if channel["_kind"] not in ("public", "private") or not self._channel_ok(channel):
                continue
            topic, purpose = (str((channel.get(k) or {}).get("value", "")) for k in ("topic", "purpose"))
            score = self.query.score(f"{str(channel.get('name', '')).replace('-', ' ')} {topic} {purpose}")
            if score and self.window.in_time(float(channel.get("created", 0))):
                found.append((score, float(channel.get("created", 0)), self._channel(channel, topic, purpose)))
        return found

    def _channel(self, channel: Record, topic: str, purpose: str) -> Record:
        creator = self.users.get(str(channel.get("creator", "")))
        return {
            "name": channel.get("name", ""),
            "team_id": self.team.get("id", ""),
            "creator_name": _name_of(creator),
            "creator_user_id": channel.get("creator", ""),
            "date_created": int(channel.get("created", 0)),
            "date_updated": int(channel.get("updated", 0)) // 1000 or int(channel.get("created", 0)),
            "purpose": self._content(purpose),
            "topic": self._content(topic),
            "permalink": f"{self.team.get('url', '')}archives/{channel['id']}",
        }

    def people(self) -> list[Ranked]:
        """People whose handle, names or title match (bots and the deactivated only when asked for)."""
        found: list[Ranked] = []
        deleted = _args.flag(self.ctx, "include_deleted_users")
        for _key, user in self.users.scan():  # read-only
            if (user.get("is_bot") and not self.window.bots) or (user.get("deleted") and not deleted):
                continue
            profile = user.get("profile") or {}
            names = (
                user.get("name", ""),
                user.get("real_name", ""),
                profile.get("display_name", ""),
                profile.get("title", ""),
            )
            score = self.query.score(" ".join(str(n) for n in names))
            if score:
                found.append((score, float(user.get("updated", 0)), self._person(user)))
        return found

    def _person(self, user: Record) -> Record:
        profile = user.get("profile") or {}
        return {
            "user_id": user["id"],
            "name": user.get("name", ""),
            "real_name": self._content(_name_of(user)),
            "team_id": self.team.get("id", ""),
            "permalink": f"{self.team.get('url', '')}team/{user['id']}",
            "content": self._content(str(profile.get("title", ""))),
        }


def _ordering(ctx: Context) -> Callable[[list[Ranked]], list[Record]]:
    """``sort=score`` (default): most query words first, newest first among equals; ``timestamp``: by time."""
    sort = _args.text(ctx, "sort", "score").strip() or "score"
    direction = _args.text(ctx, "sort_dir", "desc").strip().lower() or "desc"
    if sort not in ("score", "timestamp") or direction not in ("asc", "desc"):
        raise invalid_arguments("sort must be score or timestamp and sort_dir asc or desc")
    key = (lambda item: (item[1],)) if sort == "timestamp" else (lambda item: (item[0], item[1]))

    def order(found: list[Ranked]) -> list[Record]:
        return [record for *_rank, record in sorted(found, key=key, reverse=direction == "desc")]

    return order


def _page_number(ctx: Context) -> int:
    position = _paging.decode(ctx, CURSOR_KIND)
    if position is None:
        return 1
    if not position.isdigit() or int(position) < 1:
        raise slack_error("invalid_cursor")
    return int(position)


@slack_method("assistant.search.context", scopes=())
def assistant_search_context(ctx: Context, caller: Caller) -> Record:
    """Search messages, files, channels and people as the invoking user sees them."""
    _platform.only(caller, "bot", "user")
    searcher = _invoking_user(ctx, caller)
    channel_types = _choices(ctx, "channel_types", tuple(CHANNEL_TYPES), "public_channel")
    content_types = _choices(ctx, "content_types", CONTENT_TYPES, "messages")
    needed = [CHANNEL_TYPES[t][1] for t in channel_types] if set(content_types) - {"users"} else []
    _require_all(caller, [*needed, *(CONTENT_SCOPES[t] for t in content_types if t in CONTENT_SCOPES)])
    search = Search(ctx, caller, searcher, [CHANNEL_TYPES[t][0] for t in channel_types])
    context_channel = _args.text(ctx, "context_channel_id").strip()
    if context_channel and not search.sees(context_channel):
        raise slack_error("context_channel_not_found")
    limit = _paging.limit_of(ctx, MAX_LIMIT, maximum=MAX_LIMIT)
    page = _page_number(ctx)
    ordered_by = _ordering(ctx)
    makers = {
        "messages": search.messages,
        "files": search.files,
        "channels": search.channel_results,
        "users": search.people,
    }
    results: Record = {}
    more = False
    for kind in content_types:
        ordered = ordered_by(makers[kind]())
        results[kind] = ordered[(page - 1) * limit : page * limit]
        more = more or len(ordered) > page * limit
    return {"results": results, **_paging.metadata(_paging.encode(CURSOR_KIND, str(page + 1)) if more else "")}


@slack_method("assistant.search.info", scopes=("search:read.public",))
def assistant_search_info(ctx: Context, caller: Caller) -> Record:
    """Whether AI (semantic) search is on for the team: the twin searches by keywords, so it is off unless the
    team record says otherwise (``_ai_search``)."""
    _platform.only(caller, "bot", "user")
    return {"is_ai_search_enabled": bool(_model.team(ctx).get("_ai_search", False))}
