"""``updateTextStyle``: the mask's fields set or reset on a range, with the rules TextStyle's reference gives.

- "If the value for a particular style matches that of the parent, that style will be set to inherit": a field
  set to its paragraph's named style value is shown unset (so clearing bold on plain text merges runs again).
- Links: setting one also underlines the text and gives it the default link colour unless the request sets those
  fields itself; an existing link the range overlaps points to the new URL; newlines never carry a link; removing
  a link gives the text the preceding text's colour and underline (the defaults after another link).
- "If the range fully contains a paragraph belonging to a list, the paragraph's bullet is also updated".
(https://developers.google.com/docs/api/reference/rest/v1/documents#TextStyle, UpdateTextStyleRequest)
"""

from __future__ import annotations

import copy
from typing import Any

from ._docs_args import enum, field_mask, text_range
from ._docs_edit import DocError, Edit, paragraphs_in
from ._docs_render import inherited_text_style
from ._docs_text import element_size, merge_runs, split_elements

__all__ = ["TEXT_FIELDS", "update_text_style"]

TEXT_FIELDS = ("backgroundColor", "baselineOffset", "bold", "fontSize", "foregroundColor", "italic", "link",
               "smallCaps", "strikethrough", "underline", "weightedFontFamily")  # fmt: skip
LINK_COLOUR = {"color": {"rgbColor": {"red": 0.06666667, "green": 0.33333334, "blue": 0.8}}}
"""Docs' default link colour (#1155CC)."""
_LINKED = ("foregroundColor", "underline")


def _updated(style: dict[str, Any], given: dict[str, Any], fields: list[str], parent: dict[str, Any]) -> dict[str, Any]:
    """The mask's fields set from ``given``, or reset (inherited) where ``given`` leaves them out."""
    out = dict(style)
    for name in fields:
        value = given.get(name)
        if value is None or (name != "link" and parent.get(name) == value):
            out.pop(name, None)
        else:
            out[name] = copy.deepcopy(value)
    if out.get("baselineOffset") == "BASELINE_OFFSET_UNSPECIFIED":
        del out["baselineOffset"]
    return out


def _link_request(given: dict[str, Any], fields: list[str]) -> tuple[dict[str, Any], list[str]]:
    """The style and mask a link change really applies: a new link brings its colour and underline."""
    if "link" not in fields:
        return given, fields
    given, fields = dict(given), list(fields)
    if given.get("link"):
        for name, value in (("foregroundColor", LINK_COLOUR), ("underline", True)):
            if name not in fields:
                given[name] = value
                fields.append(name)
    return given, fields


def _restyle(elements: list[dict[str, Any]], given: dict[str, Any], fields: list[str], parent: dict[str, Any],
             before: dict[str, Any], explicit: set[str]) -> None:  # fmt: skip
    """Each element restyled; ``explicit``: the fields the request itself named (not those a link brought)."""
    linking = "link" in fields and bool(given.get("link"))
    unlinking = "link" in fields and not given.get("link")
    for element in elements:
        inner = next(iter(element.values()))
        style = inner.get("textStyle") or {}
        is_newline = "textRun" in element and element["textRun"]["content"] == "\n"
        if linking and is_newline:  # "Links are not settable on newline characters"
            mask = [f for f in fields if f != "link" and (f not in _LINKED or f in explicit)]
            inner["textStyle"] = _updated(style, given, mask, parent)
            continue
        new = _updated(style, given, fields, parent)
        if unlinking and style.get("link"):
            for name in _LINKED:  # the preceding text's look, unless the request sets it
                if name not in explicit:
                    new.pop(name, None)
                    if name in before and not before.get("link"):
                        new[name] = copy.deepcopy(before[name])
        inner["textStyle"] = new


def _split_newline(middle: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The paragraph's closing newline as a run of its own, when the range takes it."""
    last = middle[-1]["textRun"]["content"] if middle and "textRun" in middle[-1] else ""
    if last.endswith("\n") and last != "\n":
        size = sum(element_size(e) for e in middle)
        head, tail = split_elements(middle, size - 1)
        return head + tail
    return middle


def update_text_style(edit: Edit, request: dict[str, Any], where: str) -> None:
    segment_id, start, end = text_range(edit.doc, request, where)
    asked = request.get("textStyle") or {}
    fields = field_mask(request, TEXT_FIELDS)
    enum(asked.get("baselineOffset"), ("BASELINE_OFFSET_UNSPECIFIED", "NONE", "SUPERSCRIPT", "SUBSCRIPT"),
         f"{where}.textStyle.baselineOffset", "TextStyle.BaselineOffset")  # fmt: skip
    family = asked.get("weightedFontFamily")
    if "weightedFontFamily" in fields and isinstance(family, dict) and not family.get("fontFamily"):
        # "If weighted_font_family is set, then weighted_font_family#font_family must also be set with a
        # non-empty value. Otherwise, a 400 bad request error is returned." (wording ours)
        raise DocError("The font family must be set when weightedFontFamily is set.")
    if isinstance(family, dict) and family.get("fontFamily") and "weight" not in family:
        asked = {**asked, "weightedFontFamily": {**family, "weight": 400}}  # "it defaults to 400"
    given, mask = _link_request(asked, fields)
    for at, stop, paragraph in paragraphs_in(edit.doc, segment_id, start, end):
        parent = inherited_text_style(str(paragraph["paragraphStyle"].get("namedStyleType", "NORMAL_TEXT")))
        # half a surrogate pair cannot be styled: the range takes the whole character
        left, rest = split_elements(paragraph["elements"], max(start, at) - at, snap=-1)
        taken = sum(element_size(e) for e in left)
        middle, right = split_elements(rest, min(end, stop) - at - taken, snap=1)
        old_links = [next(iter(e.values())).get("textStyle", {}).get("link") for e in middle]
        before = next(iter(left[-1].values())).get("textStyle", {}) if left else {}
        middle = _split_newline(middle)
        _restyle(middle, given, mask, parent, before, set(fields))
        if given.get("link"):  # the rest of a link the range overlaps points to the new URL too
            for element in left + right:
                inner = next(iter(element.values()))
                if inner.get("textStyle", {}).get("link") in [o for o in old_links if o]:
                    inner["textStyle"]["link"] = copy.deepcopy(given["link"])
        paragraph["elements"] = merge_runs(left + middle + right)
        if paragraph.get("bullet") and start <= at and end >= stop:
            bullet = paragraph["bullet"]
            bullet["textStyle"] = _updated(bullet.get("textStyle") or {}, asked, fields, parent)
