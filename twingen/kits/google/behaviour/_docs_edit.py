"""The edits every Docs request is made of: insert at an index, delete a range, visit the paragraphs of a range.

Each keeps the document's named ranges where Docs keeps them (text inserted inside a range widens it; at its start
or end it stays outside; a deleted range shrinks and one deleted entirely is gone). A refusal raises
``DocError`` with Docs' wording after ``Invalid requests[i].kind: ``, which the batch adds.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ._docs_model import Spot, cells, locate, paragraphs, segment, segment_size, top_level
from ._docs_text import SurrogateSplit, merge_runs, run, split_elements, style_of
from ._docs_text import element_size as unit_size

__all__ = [
    "DocError",
    "Edit",
    "check_range",
    "delete_range",
    "insert_elements",
    "paragraph_at",
    "paragraphs_in",
    "past_cluster",
    "segment_of",
    "shift_ranges",
    "shrink_ranges",
    "style_at",
]


class DocError(ValueError):
    """A request Docs refuses (400); the message is the part after the request's name."""


@dataclass
class Edit:
    """One batch's working copy of a document, and where its new ids (lists, ranges, objects) come from."""

    doc: dict[str, Any]
    new_id: Callable[[], str]


def segment_of(doc: dict[str, Any], segment_id: str) -> list[dict[str, Any]]:
    found = segment(doc, segment_id)
    if found is None:
        raise DocError(f"The segment ID {segment_id} was not found.")  # not confirmed: no quoted answer found
    return found


def _too_far(index: int, end: int) -> DocError:
    return DocError(f"Index {index} must be less than the end index of the referenced segment, {end}.")


def _checked_range(start: int, end: int, size: int, *, style: bool) -> None:
    """A range Docs can address: not empty, not before 0, not past the segment (for styles, its last newline)."""
    if start < 0:
        raise DocError(f"Index {start} must be greater than or equal to 0.")  # not confirmed wording
    if end > size or (style and end >= size):
        raise _too_far(end, size)
    if start >= end:
        raise DocError("The range should not be empty.")


def _split(elements: list[dict[str, Any]], offset: int, index: int) -> tuple[list[Any], list[Any]]:
    try:
        return split_elements(elements, offset)
    except SurrogateSplit:
        # "Deleting one code unit of a surrogate pair" is an invalid range (DeleteContentRangeRequest); the wording
        # is not confirmed
        raise DocError(f"The index {index} cannot be in the middle of a surrogate pair.") from None


def past_cluster(spot: Spot, index: int) -> int:
    """Where text meant for ``index`` goes: "The API may implicitly adjust the location to prevent insertions
    within Unicode grapheme clusters ... the text is inserted immediately after the grapheme cluster"
    (https://developers.google.com/docs/api/concepts/rules-behavior). The twin knows surrogate pairs only."""
    try:
        split_elements(spot.element["paragraph"]["elements"], index - spot.start)
    except SurrogateSplit:
        return index + 1
    return index


def paragraph_at(doc: dict[str, Any], segment_id: str, index: int) -> Spot:
    """The paragraph holding ``index``, where text may go."""
    elements = segment_of(doc, segment_id)
    end = segment_size(elements)
    if index >= end:
        raise _too_far(index, end)
    spot = locate(elements, 0, index) if index >= 0 else None
    if spot is None or "paragraph" not in spot.element:
        raise DocError("The insertion index must be inside the bounds of an existing paragraph.")
    return spot


def style_at(spot: Spot, index: int) -> dict[str, Any]:
    """What inserted text looks like: "In most cases, the text style for the inserted text will match the text
    immediately before the insertion index" (InsertTextRequest); at a paragraph's start, the text after it."""
    elements = spot.element["paragraph"]["elements"]
    left, right = split_elements(elements, index - spot.start, snap=-1)
    neighbour = left[-1] if left else right[0]
    return style_of(neighbour)


def insert_elements(doc: dict[str, Any], segment_id: str, index: int, new: list[dict[str, Any]]) -> int:
    """Insert paragraph elements at ``index``; each ``\\n`` in a text run ends a paragraph (the new ones take the
    paragraph's style and bullet). Returns the number of units inserted."""
    spot = paragraph_at(doc, segment_id, index)
    index = past_cluster(spot, index)
    paragraph = spot.element["paragraph"]
    left, right = _split(paragraph["elements"], index - spot.start, index)
    groups: list[list[dict[str, Any]]] = []
    current = left
    for element in new:
        if "textRun" not in element:
            current.append(element)
            continue
        style = element["textRun"].get("textStyle") or {}
        *ended, last = str(element["textRun"]["content"]).split("\n")
        for part in ended:
            current.append(run(part + "\n", style))
            groups.append(current)
            current = []
        current.append(run(last, style))
    groups.append(current + right)
    made = []
    for number, group in enumerate(groups):
        copied = {k: copy.deepcopy(v) for k, v in paragraph.items() if k != "elements"}
        if number and "headingId" in copied.get("paragraphStyle", {}):
            del copied["paragraphStyle"]["headingId"]  # a heading split in two: the new part gets its own id
        made.append({"paragraph": {"elements": merge_runs(group), **copied}})
    spot.container[spot.position : spot.position + 1] = made
    units = sum(unit_size(e) for e in new)
    shift_ranges(doc, segment_id, index, units)
    return units


def shift_ranges(doc: dict[str, Any], segment_id: str, index: int, units: int) -> None:
    for named in doc["namedRanges"]:
        for item in named["ranges"]:
            if item.get("segmentId", "") != segment_id:
                continue
            if item["startIndex"] >= index:
                item["startIndex"] += units
            if item["endIndex"] > index:
                item["endIndex"] += units


def shrink_ranges(doc: dict[str, Any], segment_id: str, start: int, end: int, *, keep_empty: bool = False) -> None:
    def moved(x: int) -> int:
        return x if x <= start else start if x <= end else x - (end - start)

    for named in doc["namedRanges"]:
        for item in named["ranges"]:
            if item.get("segmentId", "") == segment_id:
                item["startIndex"], item["endIndex"] = moved(item["startIndex"]), moved(item["endIndex"])
        if not keep_empty:
            named["ranges"] = [r for r in named["ranges"] if r["endIndex"] > r["startIndex"]]
    if not keep_empty:
        doc["namedRanges"] = [n for n in doc["namedRanges"] if n["ranges"]]


_BAD_RANGE = "Invalid deletion range. Cannot delete the requested range."  # not confirmed wording


def delete_range(doc: dict[str, Any], segment_id: str, start: int, end: int, *, keep_empty: bool = False) -> None:
    """Delete ``[start, end)``: text, whole paragraphs, whole tables, or text inside one table cell."""
    elements = segment_of(doc, segment_id)
    _checked_range(start, end, segment_size(elements), style=False)
    _delete_in(elements, 0, start, end)
    shrink_ranges(doc, segment_id, start, end, keep_empty=keep_empty)


def _delete_in(elements: list[dict[str, Any]], base: int, start: int, end: int) -> None:
    if end >= base + segment_size(elements):
        raise DocError("The range cannot include the newline character at the end of the segment.")
    hit = [(p, at, stop, e) for p, at, stop, e in top_level(elements, base) if at < end and stop > start]
    for _, at, stop, element in hit:
        # a section break goes only whole, with what is around it, and never the document's first one
        if "paragraph" not in element and "table" not in element and (at == 0 or at < start or stop > end):
            raise DocError(_BAD_RANGE)
    first_pos, first_at, _, first = hit[0]
    if len(hit) == 1 and "table" in first and not (start == first_at and end >= hit[0][2]):
        for _, _, cell_start, cell_end, cell in cells(first["table"], first_at):
            if cell_start < start and end < cell_end:
                _delete_in(cell["content"], cell_start + 1, start, end)
                return
        raise DocError(_BAD_RANGE)
    if "table" in first and start != first_at:
        raise DocError(_BAD_RANGE)
    left: list[dict[str, Any]] = []
    if "paragraph" in first:
        left = _split(first["paragraph"]["elements"], start - first_at, start)[0]
    last_pos, last_at, last_stop, last = hit[-1]
    if last_stop > end:  # the range ends inside its last element
        if "table" in last:
            raise DocError(_BAD_RANGE)
        tail_owner, tail_at, tail_pos = last, last_at, last_pos
    elif not left:  # whole elements go
        del elements[first_pos : last_pos + 1]
        return
    else:  # a paragraph's newline went: the next paragraph joins this one
        tail_pos = last_pos + 1
        tail_owner, tail_at = elements[tail_pos], last_stop
        if "paragraph" not in tail_owner:
            raise DocError(_BAD_RANGE)
    tail = _split(tail_owner["paragraph"]["elements"], end - tail_at, end)[1]
    # the joined paragraph keeps the first one's style, as backspacing over a paragraph break does in the editor
    keeper = first if left else tail_owner
    joined = {k: copy.deepcopy(v) for k, v in keeper["paragraph"].items() if k != "elements"}
    elements[first_pos : tail_pos + 1] = [{"paragraph": {"elements": merge_runs(left + tail), **joined}}]


def check_range(doc: dict[str, Any], segment_id: str, start: int, end: int) -> None:
    """A range within the segment (its last newline included: a named range may hold it)."""
    _checked_range(start, end, segment_size(segment_of(doc, segment_id)), style=False)


def paragraphs_in(doc: dict[str, Any], segment_id: str, start: int, end: int) -> Iterator[tuple[int, int, Any]]:
    """Paragraphs a range touches (table cells' too): (startIndex, endIndex, paragraph)."""
    elements = segment_of(doc, segment_id)
    _checked_range(start, end, segment_size(elements), style=True)
    for at, stop, paragraph in list(paragraphs(elements, 0)):
        if at < end and stop > start:
            yield at, stop, paragraph
