"""Docs text as the Docs API counts it: indexes are UTF-16 code units, so 😀 is 2 and é is 1.

Paragraph elements are kept in the API's own shape (``textRun``, ``pageBreak``, ``inlineObjectElement``) without
their indexes; these helpers measure, split and merge them.
"""

from __future__ import annotations

import copy
import re
from typing import Any

__all__ = [
    "OBJECT_CHAR",
    "SurrogateSplit",
    "clean_text",
    "element_size",
    "elements_text",
    "merge_runs",
    "paragraph_size",
    "run",
    "split_elements",
    "style_of",
    "u16len",
    "u16split",
]

# https://developers.google.com/docs/api/reference/rest/v1/documents/request#inserttextrequest: "Some control
# characters (U+0000-U+0008, U+000C-U+001F) and characters from the Unicode Basic Multilingual Plane Private Use
# Area (U+E000-U+F8FF) will be stripped out of the inserted text."
_STRIPPED = re.compile("[\u0000-\u0008\u000c-\u001f\ue000-\uf8ff]")
OBJECT_CHAR = "\ufffc"
"""Stands for a one-unit element that is not text (a page break, an inline image) when a paragraph is searched."""


def clean_text(text: str) -> str:
    return _STRIPPED.sub("", text)


def u16len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class SurrogateSplit(ValueError):
    """An index in the middle of a character outside the BMP (between its two UTF-16 units)."""


def u16split(text: str, units: int, snap: int = 0) -> tuple[str, str]:
    """``text`` cut after ``units`` UTF-16 code units. A cut inside a surrogate pair raises ``SurrogateSplit``, or
    with ``snap`` moves before (-1) or after (1) the character."""
    count = 0
    for position, ch in enumerate(text):
        if count == units:
            return text[:position], text[position:]
        count += 2 if ord(ch) > 0xFFFF else 1
        if count > units:
            if not snap:
                raise SurrogateSplit(units)
            cut = position if snap < 0 else position + 1
            return text[:cut], text[cut:]
    return text, ""


def run(content: str, style: dict[str, Any]) -> dict[str, Any]:
    return {"textRun": {"content": content, "textStyle": copy.deepcopy(style)}}


def element_size(element: dict[str, Any]) -> int:
    if "textRun" in element:
        return u16len(str(element["textRun"]["content"]))
    return 1  # a page break, an inline object, an auto text or a footnote reference: one unit each


def paragraph_size(paragraph: dict[str, Any]) -> int:
    return sum(element_size(e) for e in paragraph["elements"])


def elements_text(elements: list[dict[str, Any]]) -> str:
    """The paragraph's text, one ``OBJECT_CHAR`` per non-text element (so offsets stay those of the document)."""
    return "".join(str(e["textRun"]["content"]) if "textRun" in e else OBJECT_CHAR for e in elements)


def style_of(element: dict[str, Any]) -> dict[str, Any]:
    inner = next(iter(element.values()))
    return dict(inner.get("textStyle") or {})


def split_elements(
    elements: list[dict[str, Any]], offset: int, snap: int = 0
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Elements before and after ``offset`` (UTF-16 units from the paragraph's start); a run is cut in two
    (``snap``: as ``u16split``)."""
    left: list[dict[str, Any]] = []
    right: list[dict[str, Any]] = []
    position = 0
    for element in elements:
        size = element_size(element)
        if position + size <= offset:
            left.append(element)
        elif position >= offset:
            right.append(element)
        else:
            before, after = u16split(str(element["textRun"]["content"]), offset - position, snap)
            left.append(run(before, element["textRun"].get("textStyle") or {}))
            right.append(run(after, element["textRun"].get("textStyle") or {}))
        position += size
    return left, right


def merge_runs(elements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Empty runs dropped and neighbouring runs of one style joined, as Docs answers them."""
    out: list[dict[str, Any]] = []
    for element in elements:
        if "textRun" in element:
            if not element["textRun"]["content"]:
                continue
            last = out[-1] if out else None
            if last is not None and "textRun" in last and style_of(last) == style_of(element):
                joined = str(last["textRun"]["content"]) + str(element["textRun"]["content"])
                out[-1] = run(joined, style_of(last))
                continue
        out.append(element)
    return out
