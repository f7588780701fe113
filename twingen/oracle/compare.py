"""One recorded answer against the twin's answer to the same request: status, the keys at every depth, the
vendor's error code, and paging (``Link`` relations, cursors and page tokens in the body).

Keys are compared as sets of paths: ``user``, ``user.profile``, ``user.profile.email``; list items add
``[]`` (``members[].id``) and the keys of all items are pooled. ``null`` against an object counts; the items
of a list empty on one side do not: their absence is the state of an account (the recorded org's own agent
pools, the twin's seed), which the issue asks the replay to set apart rather than blame on the twin, and
there is no item shape to compare. The verdict still counts every differing path (``missing_count``,
``extra_count``) and says when all of them sit under such lists (``keys_only_unpaired_items``). A body that
is not JSON has no keys; its kind (``object``, ``array``, ``text``, ``empty``) must still agree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ErrorCodeReader = Callable[[int, Any], str]
"""A kit's ``error_code(status, body) -> str``: the vendor's code in an answer, "" if none."""

_CURSOR_KEY = re.compile(r"(?i).*(?:cursor|pagetoken|page_token|nextlink|next_link)")
_LINK = re.compile(r"<([^>]*)>\s*((?:;\s*[^;,]+)*)")
_REL = re.compile(r"""rel\s*=\s*"?([^";,]+)"?""", re.I)
SHOWN_KEYS = 8
"""How many differing key paths a verdict keeps (the count is exact)."""


@dataclass(frozen=True)
class Answer:
    """An HTTP answer as the comparison reads it."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str:
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), "")

    def json(self) -> Any:
        """The parsed body, or None when it is not JSON."""
        if not self.body.strip():
            return None
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError):
            return None


@dataclass(frozen=True)
class Verdict:
    """What agreed and what did not, for one judged interaction."""

    recorded_status: int
    twin_status: int
    status_match: bool
    keys_match: bool
    keys_only_unpaired_items: bool = False
    """The keys differ only under lists that are empty on one side."""
    missing_keys: tuple[str, ...] = ()
    """Key paths the real answer had and the twin's lacks (at most ``SHOWN_KEYS``)."""
    extra_keys: tuple[str, ...] = ()
    missing_count: int = 0
    extra_count: int = 0
    recorded_code: str = ""
    twin_code: str = ""
    paging: tuple[str, ...] = ()
    """The recorded answer's paging signals (``link:next``, ``cursor:nextPageToken``)."""
    twin_paging: tuple[str, ...] = ()

    @property
    def error_code_match(self) -> bool | None:
        """None when the recorded answer carries no error code (nothing to judge)."""
        return None if not self.recorded_code else self.recorded_code == self.twin_code

    @property
    def paging_match(self) -> bool | None:
        """None when neither answer pages."""
        return None if not (self.paging or self.twin_paging) else self.paging == self.twin_paging

    @property
    def passed(self) -> bool:
        return (
            self.status_match
            and self.keys_match
            and self.error_code_match is not False
            and self.paging_match is not False
        )


def key_paths(recorded: Any, twin: Any, *, hide_unpaired_items: bool = False) -> tuple[set[str], set[str]]:
    """The key paths of both bodies, walked side by side. With ``hide_unpaired_items``, the item keys of a list
    that is empty on the other side are left out (what the replay reports as a difference of account state)."""
    left: set[str] = {f"<{_kind(recorded)}>"}
    right: set[str] = {f"<{_kind(twin)}>"}
    _walk(recorded, twin, "", (left, right), hide_unpaired_items)
    return left, right


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return "empty" if value is None else "scalar"


def _walk(left: Any, right: Any, prefix: str, out: tuple[set[str], set[str]], hide: bool) -> None:
    if isinstance(left, dict) or isinstance(right, dict):
        left_keys = left if isinstance(left, dict) else {}
        right_keys = right if isinstance(right, dict) else {}
        for name in left_keys.keys() | right_keys.keys():
            path = f"{prefix}.{name}" if prefix else name
            if name in left_keys:
                out[0].add(path)
            if name in right_keys:
                out[1].add(path)
            _walk(left_keys.get(name), right_keys.get(name), path, out, hide)
        return
    both = isinstance(left, list) and isinstance(right, list)
    if both and hide and (not left or not right):
        return
    left_items = left if isinstance(left, list) else []
    right_items = right if isinstance(right, list) else []
    if left_items or right_items:
        # items are pooled: the union of every item's keys on each side
        _walk(_union(left_items), _union(right_items), f"{prefix}[]", out, hide)


def _union(items: list[Any]) -> Any:
    objects = [item for item in items if isinstance(item, dict)]
    if objects:
        merged: dict[str, Any] = {}
        for item in objects:
            for name, value in item.items():
                merged[name] = _merge(merged[name], value) if name in merged else value
        return merged
    lists = [item for item in items if isinstance(item, list)]
    if lists:
        return [value for item in lists for value in item]
    return None


def _merge(left: Any, right: Any) -> Any:
    if isinstance(left, dict) and isinstance(right, dict):
        return _union([left, right])
    if isinstance(left, list) and isinstance(right, list):
        return left + right
    return left if left is not None else right


def paging_signals(answer: Answer, data: Any) -> tuple[str, ...]:
    """What tells a client there is another page: ``Link`` relations, and non-empty cursor fields at any depth."""
    signals = {f"link:{rel}" for rel in link_relations(answer.header("link")) if rel != "self"}
    signals.update(f"cursor:{path}" for path in _cursors(data, ""))
    return tuple(sorted(signals))


def link_relations(value: str) -> dict[str, str]:
    """``rel -> URL`` of a ``Link`` header."""
    found: dict[str, str] = {}
    for target, params in _LINK.findall(value or ""):
        for rel in _REL.findall(params):
            for name in rel.split():
                found.setdefault(name.lower(), target)
    return found


def _cursors(data: Any, prefix: str) -> list[str]:
    found: list[str] = []
    if isinstance(data, dict):
        for name, value in data.items():
            path = f"{prefix}.{name}" if prefix else name
            if _CURSOR_KEY.fullmatch(name) and isinstance(value, str) and value:
                found.append(path)
            elif isinstance(value, dict):
                found += _cursors(value, path)
    return found


def judge(recorded: Answer, twin: Answer, error_code: ErrorCodeReader | None) -> Verdict:
    """Compare the twin's answer with the recorded one."""
    left_data, right_data = recorded.json(), twin.json()
    left, right = key_paths(_shape(recorded, left_data), _shape(twin, right_data))
    missing, extra = sorted(left - right), sorted(right - left)
    paired = key_paths(_shape(recorded, left_data), _shape(twin, right_data), hide_unpaired_items=True)
    return Verdict(
        recorded_status=recorded.status,
        twin_status=twin.status,
        status_match=recorded.status == twin.status,
        keys_match=paired[0] == paired[1],
        keys_only_unpaired_items=bool(missing or extra) and paired[0] == paired[1],
        missing_keys=tuple(missing[:SHOWN_KEYS]),
        extra_keys=tuple(extra[:SHOWN_KEYS]),
        missing_count=len(missing),
        extra_count=len(extra),
        recorded_code=_code(error_code, recorded.status, left_data),
        twin_code=_code(error_code, twin.status, right_data),
        paging=paging_signals(recorded, left_data),
        twin_paging=paging_signals(twin, right_data),
    )


def _shape(answer: Answer, data: Any) -> Any:
    """What the key walk sees: the JSON, or a marker for a body that is text (kind ``scalar``) or empty."""
    if data is not None:
        return data
    return "<text>" if answer.body.strip() else None


def _code(reader: ErrorCodeReader | None, status: int, data: Any) -> str:
    if reader is None:
        return ""
    try:
        return str(reader(status, data) or "")
    except Exception:  # a kit's reader must not stop the replay on an odd body
        return ""
