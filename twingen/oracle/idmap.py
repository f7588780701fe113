"""Recorded id -> twin id, learned from the answers of one cassette and put into its later requests.

The real service and the twin mint different ids for the same object. When both answer a request, the
answers are walked side by side: a value under an id-like key (``id``, ``userId``, ``user_id``, ``key``,
``ts``, a page token or cursor) that differs is a pair; lists are paired item by item; ``Location`` and
``Link`` headers are paired segment by segment and query value by query value. Later requests of the same
cassette get the twin's ids wherever the recorded ones appear: path segments, query values, JSON strings,
form fields, and inside longer strings (``'ID' in parents``, URLs) when the id is long enough not to be a
word.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

_ID_KEY = re.compile(
    r"(?:id|ID|uuid|key|kid|ts|cursor|.*[a-z0-9](?:Id|ID|Key|Token|Cursor)|.*_(?:id|key|token|cursor)|.*-id)"
)
_LONG = 8
"""Ids at least this long are also replaced inside longer strings; shorter ones only as whole values."""
_ID_CHARS = "A-Za-z0-9_\\-"
_SEGMENT_SAFE = ":@!$&'()*+,;=-._~"


def id_like(key: str) -> bool:
    """A field name that holds an identifier, a page token or a cursor."""
    return _ID_KEY.fullmatch(key) is not None


def looks_generated(value: str) -> bool:
    """A value a service minted rather than a word a client chose (``00u1ab2c3``, not ``me`` or ``default``)."""
    return len(value) >= 6 and any(c.isdigit() for c in value)


class IdMap:
    """The pairs learned so far in one cassette."""

    def __init__(self) -> None:
        self.pairs: dict[str, str] = {}
        self._targets: set[str] = set()
        self._pattern: re.Pattern[str] | None = None

    def __contains__(self, recorded: str) -> bool:
        return recorded in self.pairs

    def add(self, recorded: str, twin: str) -> None:
        """Keep the first pair for a recorded id, and never give two recorded ids the same twin id."""
        if not recorded or not twin or recorded == twin or recorded in self.pairs or twin in self._targets:
            return
        self.pairs[recorded] = twin
        self._targets.add(twin)
        self._pattern = None

    # learning -------------------------------------------------------------------------------------------------

    def learn_bodies(self, recorded: Any, twin: Any, key: str = "") -> None:
        """Pair the ids of two answers to the same request, walked side by side."""
        if isinstance(recorded, dict) and isinstance(twin, dict):
            for name in recorded.keys() & twin.keys():
                self.learn_bodies(recorded[name], twin[name], name)
        elif isinstance(recorded, list) and isinstance(twin, list):
            for left, right in zip(recorded, twin, strict=False):
                self.learn_bodies(left, right, key)
        elif key and id_like(key) and _scalar_id(recorded) and _scalar_id(twin):
            self.add(str(recorded), str(twin))

    def learn_urls(self, recorded: str, twin: str) -> None:
        """Pair two URLs naming the same thing (``Location``, a ``Link`` target): path segments in place and
        query values by name, where the recorded value is an id (``looks_generated``) or under an id-like name."""
        left, right = urlsplit(recorded), urlsplit(twin)
        left_segments, right_segments = left.path.split("/"), right.path.split("/")
        if len(left_segments) == len(right_segments):
            for a, b in zip(left_segments, right_segments, strict=True):
                if looks_generated(unquote(a)):
                    self.add(unquote(a), unquote(b))
        right_query = dict(parse_qsl(right.query, keep_blank_values=True))
        for name, value in parse_qsl(left.query, keep_blank_values=True):
            if name in right_query and (id_like(name) or looks_generated(value)):
                self.add(value, right_query[name])

    # substitution -----------------------------------------------------------------------------------------------

    def text(self, value: str) -> str:
        """A string with every learned id in it replaced: whole value, or bounded inside it for long ids."""
        if value in self.pairs:
            return self.pairs[value]
        pattern = self._compiled()
        return pattern.sub(lambda m: self.pairs[m.group(0)], value) if pattern else value

    def url(self, url: str) -> str:
        """A request URL with learned ids in its path segments and query values; untouched parts keep their
        recorded encoding."""
        parts = urlsplit(url)
        segments = []
        for raw in parts.path.split("/"):
            value = unquote(raw)
            replaced = self.text(value)
            segments.append(raw if replaced == value else quote(replaced, safe=_SEGMENT_SAFE))
        query = parts.query
        pairs = parse_qsl(query, keep_blank_values=True)
        swapped = [(name, self.text(value)) for name, value in pairs]
        if swapped != pairs:
            query = urlencode(swapped)
        return urlunsplit((parts.scheme, parts.netloc, "/".join(segments), query, parts.fragment))

    def body(self, raw: bytes, content_type: str) -> bytes:
        """A request body with learned ids in it: JSON values, form fields, else the text itself."""
        if not raw or not self.pairs:
            return raw
        kind = content_type.split(";", 1)[0].strip().lower()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw  # binary media: nothing of ours in it
        if kind.endswith("json"):
            try:
                data = json.loads(text)
            except ValueError:
                return self.text(text).encode("utf-8")
            swapped = self._walk(data)
            return raw if swapped == data else json.dumps(swapped, ensure_ascii=False).encode("utf-8")
        if kind == "application/x-www-form-urlencoded":
            pairs = parse_qsl(text, keep_blank_values=True)
            fields = [(name, self.text(value)) for name, value in pairs]
            return raw if fields == pairs else urlencode(fields).encode("utf-8")
        replaced = self.text(text)
        return raw if replaced == text else replaced.encode("utf-8")

    def _walk(self, value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {name: self._walk(item, name) for name, item in value.items()}
        if isinstance(value, list):
            return [self._walk(item, key) for item in value]
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, int) and not isinstance(value, bool) and id_like(key) and str(value) in self.pairs:
            twin = self.pairs[str(value)]
            return int(twin) if twin.isdigit() else twin
        return value

    def _compiled(self) -> re.Pattern[str] | None:
        if self._pattern is None:
            longs = sorted((r for r in self.pairs if len(r) >= _LONG), key=lambda r: (-len(r), r))
            if not longs:
                return None
            alternatives = "|".join(re.escape(r) for r in longs)
            self._pattern = re.compile(f"(?<![{_ID_CHARS}])(?:{alternatives})(?![{_ID_CHARS}])")
        return self._pattern


def _scalar_id(value: Any) -> bool:
    return (isinstance(value, str) and value != "") or (isinstance(value, int) and not isinstance(value, bool))
