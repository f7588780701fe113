"""Docs requests on text and its styles: insertText, deleteContentRange, replaceAllText, updateTextStyle,
updateParagraphStyle, insertPageBreak (https://developers.google.com/docs/api/reference/rest/v1/documents/request).

Each takes the batch's working copy, the request's own object and where it is (``requests[0].insertText``), and
gives its reply's inner object (None for requests whose reply is empty).
"""

from __future__ import annotations

import re
from typing import Any

from ._docs_args import enum, field_mask, location, text_range
from ._docs_edit import (
    DocError,
    Edit,
    delete_range,
    insert_elements,
    paragraph_at,
    paragraphs_in,
    shift_ranges,
    style_at,
)
from ._docs_model import paragraphs, segment
from ._docs_render import inherited_paragraph_style
from ._docs_text import clean_text, elements_text, run, split_elements, u16len
from ._docs_text_style import update_text_style

__all__ = ["NAMED_STYLES", "PARAGRAPH_FIELDS", "TEXT_OPS"]

PARAGRAPH_FIELDS = ("alignment", "avoidWidowAndOrphan", "borderBetween", "borderBottom", "borderLeft", "borderRight",
                    "borderTop", "direction", "indentEnd", "indentFirstLine", "indentStart", "keepLinesTogether",
                    "keepWithNext", "lineSpacing", "namedStyleType", "pageBreakBefore", "shading", "spaceAbove",
                    "spaceBelow", "spacingMode", "tabStops")  # fmt: skip
NAMED_STYLES = ("NORMAL_TEXT", "TITLE", "SUBTITLE", *(f"HEADING_{n}" for n in range(1, 7)))


def insert_text(edit: Edit, request: dict[str, Any], where: str) -> None:
    segment_id, index = location(edit.doc, request, where)
    text = clean_text(str(request.get("text") or ""))
    spot = paragraph_at(edit.doc, segment_id, index)
    if text:
        insert_elements(edit.doc, segment_id, index, [run(text, style_at(spot, index))])


def delete_content_range(edit: Edit, request: dict[str, Any], where: str) -> None:
    segment_id, start, end = text_range(edit.doc, request, where)
    delete_range(edit.doc, segment_id, start, end)


def _matches(paragraph_text: str, needle: str, match_case: bool, regex: bool) -> list[tuple[int, int]]:
    """(start, end) in UTF-16 units from the paragraph's start, last match first."""
    flags = 0 if match_case else re.IGNORECASE
    try:
        pattern = re.compile(needle if regex else re.escape(needle), flags)
    except re.error:
        raise DocError(f"Invalid regular expression: {needle}") from None  # not confirmed wording
    found = []
    for match in pattern.finditer(paragraph_text):
        if match.end() > match.start():
            start = u16len(paragraph_text[: match.start()])
            found.append((start, start + u16len(match.group())))
    return found[::-1]


def replace_all_text(edit: Edit, request: dict[str, Any], where: str) -> dict[str, Any]:
    criteria = request.get("containsText") or {}
    needle = str(criteria.get("text") or "")
    if not needle:
        raise DocError("The text to search for must not be empty.")  # not confirmed wording
    replacement = clean_text(str(request.get("replaceText") or ""))
    match_case, regex = bool(criteria.get("matchCase")), bool(criteria.get("searchByRegex"))
    changed = 0
    doc = edit.doc
    for segment_id in ["", *doc["headers"], *doc["footers"]]:
        elements = segment(doc, segment_id) or []
        # last paragraph first and last match first, so that earlier indexes stay where they were
        for start, _, paragraph in reversed(list(paragraphs(elements, 0))):
            body = elements_text(paragraph["elements"])[:-1]  # a match never takes the paragraph's newline
            for begin, end in _matches(body, needle, match_case, regex):
                style = _style_from(paragraph["elements"], begin)
                delete_range(doc, segment_id, start + begin, start + end, keep_empty=True)
                if replacement:
                    insert_elements(doc, segment_id, start + begin, [run(replacement, style)])
                changed += 1
    doc["namedRanges"] = [n for n in doc["namedRanges"] if any(r["endIndex"] > r["startIndex"] for r in n["ranges"])]
    return {"occurrencesChanged": changed} if changed else {}


def _style_from(elements: list[dict[str, Any]], offset: int) -> dict[str, Any]:
    """The replacement looks like the first character it replaces."""
    _, right = split_elements(elements, offset)
    inner = next(iter(right[0].values()))
    return dict(inner.get("textStyle") or {})


def update_paragraph_style(edit: Edit, request: dict[str, Any], where: str) -> None:
    segment_id, start, end = text_range(edit.doc, request, where)
    given = dict(request.get("paragraphStyle") or {})
    named = [part.strip().split(".", 1)[0] for part in str(request.get("fields") or "").split(",")]
    if "headingId" in named:  # read only ("This property is read-only."); `*` means every writable field
        raise DocError("The headingId field cannot be updated.")  # wording not confirmed
    fields = field_mask(request, PARAGRAPH_FIELDS)
    enum(given.get("namedStyleType"), ("NAMED_STYLE_TYPE_UNSPECIFIED", *NAMED_STYLES),
         f"{where}.paragraphStyle.namedStyleType", "NamedStyleType")  # fmt: skip
    enum(given.get("alignment"), ("ALIGNMENT_UNSPECIFIED", "START", "CENTER", "END", "JUSTIFIED"),
         f"{where}.paragraphStyle.alignment", "ParagraphStyle.Alignment")  # fmt: skip
    enum(given.get("direction"), ("CONTENT_DIRECTION_UNSPECIFIED", "LEFT_TO_RIGHT", "RIGHT_TO_LEFT"),
         f"{where}.paragraphStyle.direction", "ContentDirection")  # fmt: skip
    if given.get("namedStyleType") == "NAMED_STYLE_TYPE_UNSPECIFIED":
        given.pop("namedStyleType")
    for _, _, paragraph in paragraphs_in(edit.doc, segment_id, start, end):
        style = paragraph["paragraphStyle"]
        for name in fields:
            if name in given and given[name] is not None:
                style[name] = given[name]
            elif name == "namedStyleType":
                style[name] = "NORMAL_TEXT"  # every paragraph has a named style; cleared means the default
            elif name == "direction":
                style[name] = "LEFT_TO_RIGHT"
            else:
                style.pop(name, None)
        # as for text: a value equal to the named style's is inherited (shown unset); the type and direction stay
        parent = inherited_paragraph_style(str(style.get("namedStyleType", "NORMAL_TEXT")))
        for name in fields:
            if name not in ("namedStyleType", "direction") and name in style and style[name] == parent.get(name):
                del style[name]


def insert_page_break(edit: Edit, request: dict[str, Any], where: str) -> None:
    """ "Inserts a page break followed by a newline"; only in the body, and not inside a table."""
    segment_id, index = location(edit.doc, request, where)
    if segment_id:
        raise DocError("Page breaks may only be inserted in the document body.")  # not confirmed wording
    spot = paragraph_at(edit.doc, segment_id, index)
    if spot.container is not edit.doc["body"]:
        raise DocError("Page breaks cannot be inserted inside a table.")  # not confirmed wording
    style = style_at(spot, index)
    insert_elements(edit.doc, segment_id, index, [{"pageBreak": {"textStyle": style}}, run("\n", style)])


def insert_section_break(edit: Edit, request: dict[str, Any], where: str) -> None:
    """ "Inserts a newline and a section break": body only, not inside a table (InsertSectionBreakRequest)."""
    kind = enum(request.get("sectionType"), ("SECTION_TYPE_UNSPECIFIED", "CONTINUOUS", "NEXT_PAGE"),
                f"{where}.sectionType", "SectionType")  # fmt: skip
    if kind in (None, "SECTION_TYPE_UNSPECIFIED"):
        raise DocError("The section type must be specified.")  # not confirmed wording
    segment_id, index = location(edit.doc, request, where)
    if segment_id:
        raise DocError("Section breaks may only be inserted in the document body.")  # not confirmed wording
    spot = paragraph_at(edit.doc, segment_id, index)
    if spot.container is not edit.doc["body"]:
        raise DocError("Section breaks cannot be inserted inside a table.")  # not confirmed wording
    insert_elements(edit.doc, segment_id, index, [run("\n", style_at(spot, index))])
    style = {"columnSeparatorStyle": "NONE", "contentDirection": "LEFT_TO_RIGHT", "sectionType": kind}
    spot.container.insert(spot.position + 1, {"sectionBreak": {"sectionStyle": style}})
    shift_ranges(edit.doc, segment_id, index + 1, 1)


TEXT_OPS = {
    "insertSectionBreak": insert_section_break,
    "insertText": insert_text,
    "deleteContentRange": delete_content_range,
    "replaceAllText": replace_all_text,
    "updateTextStyle": update_text_style,
    "updateParagraphStyle": update_paragraph_style,
    "insertPageBreak": insert_page_break,
}
