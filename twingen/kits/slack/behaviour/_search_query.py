"""The query half of ``assistant.search.context``: what a result must contain, and the filters every result passes.

Keyword matching (Slack's search is semantic; the twin's is by keywords, NOTES.md "slack_sdk 3.48's new methods"): a
result holds at least one of the query's words (common words such as "what" or "is" left out) and every
``"quoted phrase"``; its score is how many distinct query words it holds. ``term_clauses`` must all match, each by
any of its words (conjunctive normal form, the method page), and ``modifiers`` apply only with term clauses ("For
now modifiers only affect term clauses", https://docs.slack.dev/reference/methods/assistant.search.context).
"""

from __future__ import annotations

import dataclasses
import re
import shlex
from datetime import datetime, timedelta, timezone

from ..runtime import Context
from . import _args, _platform
from ._errors import invalid_arguments, slack_error

HIGHLIGHT = ("\ue000", "\ue001")
"""Markers around matched words with ``highlight``, as Slack's search answers mark them."""
_STOP_WORDS = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "did", "do", "does", "for", "from", "has", "have",
        "how", "i", "in", "is", "it", "me", "my", "of", "on", "or", "our", "the", "there", "this", "to", "us", "was",
        "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your",
    }
)  # fmt: skip
_WORD = re.compile(r"[\w']+")
REF = re.compile(r"<[#@]([A-Z0-9]+)(\|[^>]*)?>")
"""A conversation or person as a modifier may name it: ``<#C123|general>``, ``<@U123>``."""
SEARCHABLE = frozenset({None, "thread_broadcast", "me_message", "file_share", "bot_message"})
"""Subtypes of the messages people wrote or shared; joins, topic changes and other system messages are not found."""


@dataclasses.dataclass
class Query:
    """What a result must contain: query words (any), quoted phrases (all) and term clauses (each: any word)."""

    words: list[str]
    phrases: list[str]
    clauses: list[list[str]]
    modifiers: dict[str, list[str]]

    def score(self, text: str) -> int:
        """Distinct query words ``text`` contains; 0 when it misses a phrase, a clause or every word."""
        lowered = text.lower()
        found = set(_WORD.findall(lowered))
        if any(p not in lowered for p in self.phrases):
            return 0
        if any(not found.intersection(clause) for clause in self.clauses):
            return 0
        hits = sum(1 for w in self.words if w in found)
        if not self.words:
            return 1 if self.phrases or self.clauses else 0
        return hits

    def terms(self) -> list[str]:
        """Everything a match may contain, for highlighting."""
        return [*self.words, *self.phrases, *(w for c in self.clauses for w in c)]


def keywords(text: str) -> list[str]:
    """The words of ``text`` a search looks for, lowercased, once each, common words left out."""
    return list(dict.fromkeys(w for w in _WORD.findall(text.lower()) if w not in _STOP_WORDS))


def parse_query(ctx: Context) -> Query:
    """``query``, ``term_clauses`` and ``modifiers`` as one ``Query``; no query is ``missing_query``."""
    raw = _args.text(ctx, "query").strip()
    if not raw:
        raise slack_error("missing_query")
    phrases = [p.lower() for p in re.findall(r'"([^"]+)"', raw)]
    words = keywords(re.sub(r'"[^"]*"', " ", raw))
    clauses: list[list[str]] = []
    if "term_clauses" in ctx.params:
        given = _platform.json_arg(ctx, "term_clauses")
        if not isinstance(given, list) or not all(isinstance(c, str) for c in given):
            raise invalid_arguments("term_clauses must be a list of strings")
        clauses = [w for w in (keywords(c) for c in given) if w]
    modifiers: dict[str, list[str]] = {}
    if clauses:  # "For now modifiers only affect term clauses" (the method page)
        try:
            parts = shlex.split(_args.text(ctx, "modifiers"))
        except ValueError:
            parts = _args.text(ctx, "modifiers").split()
        for part in parts:
            key, sep, value = part.partition(":")
            if sep and value and key in ("in", "from", "before", "after", "has"):
                found = REF.fullmatch(value)
                modifiers.setdefault(key, []).append((found[1] if found else value.lstrip("#@")).lower())
    return Query(words, phrases, clauses, modifiers)


def day_start(value: str, now: float) -> float | None:
    """The UTC midnight starting a modifier's day (``YYYY-MM-DD``, ``today``, ``yesterday``); None if not a day."""
    today = datetime.fromtimestamp(now, timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    if value in ("today", "yesterday"):
        return (today - timedelta(days=1 if value == "yesterday" else 0)).timestamp()
    try:
        return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=timezone.utc).timestamp()
    except ValueError:
        return None


@dataclasses.dataclass
class Window:
    """Filters every result passes: time (``before``/``after`` arguments and modifiers), archived channels, bots."""

    before: float | None
    after: float | None
    archived: bool
    bots: bool

    def in_time(self, moment: float) -> bool:
        """Whether ``moment`` lies strictly between ``after`` and ``before``."""
        return (self.before is None or moment < self.before) and (self.after is None or moment > self.after)


def window(ctx: Context, query: Query) -> Window:
    """The filters of a call: ``before``/``after`` (UNIX times, narrowed by modifiers) and the ``include_*`` flags."""
    before: float | None = float(_args.integer(ctx, "before", 0)) or None
    after: float | None = float(_args.integer(ctx, "after", 0)) or None
    for value in query.modifiers.get("before", ()):
        day = day_start(value, ctx.now())
        before = day if day is not None and (before is None or day < before) else before
    for value in query.modifiers.get("after", ()):
        day = day_start(value, ctx.now())
        end = None if day is None else day + 86_400 - 1
        after = end if end is not None and (after is None or end > after) else after
    return Window(before, after, _args.flag(ctx, "include_archived_channels"), _args.flag(ctx, "include_bots"))


def highlight(text: str, terms: list[str]) -> str:
    """``text`` with each match of ``terms`` between Slack's highlight markers."""
    for term in sorted(set(terms), key=len, reverse=True):
        text = re.sub(re.escape(term), lambda m: f"{HIGHLIGHT[0]}{m.group(0)}{HIGHLIGHT[1]}", text, flags=re.I)
    return text
