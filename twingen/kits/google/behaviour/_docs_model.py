"""A Google Doc's content as the twin keeps it, and where each index falls.

A document is one record in the ``documents`` collection, keyed by its Drive file id (the title *is* the Drive
file's name, so renaming the file renames the document). Its segments (the body, each header and footer, each
table cell's content) are lists of structural elements in the Docs API's own shape without indexes:
``sectionBreak``, ``paragraph`` (``elements``, ``paragraphStyle``, ``bullet``) and ``table`` (``tableRows`` of
``tableCells`` with ``content``). Indexes are worked out when needed, as the API defines them
(https://developers.google.com/docs/api/concepts/structure): UTF-16 units; a section break, a table's start,
each row's start and each cell's start take one unit; a table has no end marker.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ._docs_text import paragraph_size, run

__all__ = [
    "DOCUMENT",
    "HEADED",
    "Spot",
    "cells",
    "element_end",
    "element_size",
    "empty_paragraph",
    "locate",
    "new_document",
    "paragraphs",
    "segment",
    "segment_end",
    "segment_size",
    "top_level",
]

DOCUMENT = "application/vnd.google-apps.document"
HEADED = ("HEADING_", "TITLE", "SUBTITLE")
"""Named styles (prefixes) whose paragraphs have their own ``headingId``: headings, the title and the subtitle."""
NORMAL = {"namedStyleType": "NORMAL_TEXT", "direction": "LEFT_TO_RIGHT"}


def empty_paragraph(style: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"paragraph": {"elements": [run("\n", {})], "paragraphStyle": copy.deepcopy(style or NORMAL)}}


def new_document() -> dict[str, Any]:
    """A new document: a section break (endIndex 1) and one empty paragraph (1..2), as documents.create makes it."""
    section = {"sectionStyle": {"columnSeparatorStyle": "NONE", "contentDirection": "LEFT_TO_RIGHT",
                                "sectionType": "CONTINUOUS"}}  # fmt: skip
    return {
        "body": [{"sectionBreak": section}, empty_paragraph()],
        "headers": {},
        "footers": {},
        "lists": {},
        "inlineObjects": {},
        "namedRanges": [],
        "documentStyle": {},
        "revision": "",
        "revisions": [],
    }


def segment(doc: dict[str, Any], segment_id: str) -> list[dict[str, Any]] | None:
    """The body (``""``), a header or a footer; None for an id the document does not have."""
    if not segment_id:
        return list_of(doc["body"])
    for kind in ("headers", "footers"):
        found = doc[kind].get(segment_id)
        if found is not None:
            return list_of(found)
    return None


def list_of(value: Any) -> list[dict[str, Any]]:
    assert isinstance(value, list)
    return value


def element_size(element: dict[str, Any]) -> int:
    if "paragraph" in element:
        return paragraph_size(element["paragraph"])
    if "table" in element:
        size = 1
        for row in element["table"]["tableRows"]:
            size += 1 + sum(1 + segment_size(cell["content"]) for cell in row["tableCells"])
        return size
    return 1  # a section break or a table of contents marker


def segment_size(elements: list[dict[str, Any]]) -> int:
    return sum(element_size(e) for e in elements)


def segment_end(elements: list[dict[str, Any]]) -> int:
    """A header or footer starts at 0, as the body does (whose section break is 0..1)."""
    return segment_size(elements)


def element_end(element: dict[str, Any], start: int) -> int:
    return start + element_size(element)


def top_level(elements: list[dict[str, Any]], start: int) -> Iterator[tuple[int, int, int, dict[str, Any]]]:
    """(position in the list, startIndex, endIndex, element) of one segment's own elements."""
    at = start
    for position, element in enumerate(elements):
        end = element_end(element, at)
        yield position, at, end, element
        at = end


def cells(table: dict[str, Any], start: int) -> Iterator[tuple[int, int, int, int, dict[str, Any]]]:
    """(row, column, cell startIndex, cell endIndex, cell); a cell's content starts one unit after the cell."""
    at = start + 1
    for r, row in enumerate(table["tableRows"]):
        at += 1
        for c, cell in enumerate(row["tableCells"]):
            end = at + 1 + segment_size(cell["content"])
            yield r, c, at, end, cell
            at = end


@dataclass
class Spot:
    """Where an index falls: the list it is in (a segment or a cell's content), and that list's element."""

    container: list[dict[str, Any]]
    position: int
    start: int
    end: int
    element: dict[str, Any]
    segment_end: int
    """The end index of the innermost segment or cell content holding it."""


def locate(elements: list[dict[str, Any]], start: int, index: int) -> Spot | None:
    """The innermost element at ``index``: a paragraph, or a table when the index is a table/row/cell marker."""
    end_of_all = start + segment_size(elements)
    for position, at, end, element in top_level(elements, start):
        if not at <= index < end:
            continue
        if "table" in element and index != at:
            for _, _, cell_start, cell_end, cell in cells(element["table"], at):
                if cell_start < index < cell_end:
                    return locate(cell["content"], cell_start + 1, index)
        return Spot(elements, position, at, end, element, end_of_all)
    return None


def paragraphs(elements: list[dict[str, Any]], start: int) -> Iterator[tuple[int, int, dict[str, Any]]]:
    """Every paragraph in order, table cells' included: (startIndex, endIndex, paragraph)."""
    for _, at, end, element in top_level(elements, start):
        if "paragraph" in element:
            yield at, end, element["paragraph"]
        elif "table" in element:
            for _, _, cell_start, _, cell in cells(element["table"], at):
                yield from paragraphs(cell["content"], cell_start + 1)
