"""Docs v1 values for the Google check: a document to work on, edits to make, and what reading them back must show.

An answer that parses is not enough for Docs: a twin that answers ``batchUpdate`` without applying it would pass.
So each Docs method's check ends with a read back through ``documents.get`` (``read_back``): the text an edit
inserted must be in the document's body, the setup's text must be in what ``get`` answers, and a new document
must have the title it was made with and the content of a new document (a section break and one empty paragraph).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SETUP_TEXT = "twincheck setup text"
_SETUP_EDIT = {"requests": [{"insertText": {"location": {"index": 1}, "text": SETUP_TEXT}}]}
SETUP: tuple[tuple[str, dict[str, Any]], ...] = (
    ("documents.create", {"body": {"title": "twincheck document"}}),
    ("documents.batchUpdate", {"documentId": "$documentId", "body": _SETUP_EDIT}),
)
"""A document with text in it, before the methods run (``$documentId``: the one the first call made)."""


def body_for(method_name: str, n: int) -> dict[str, Any] | None:
    """The body of a valid call; each edit inserts text of its own, so that reading it back proves it happened."""
    if method_name == "documents.create":
        return {"title": f"twincheck-{n}"}
    if method_name == "documents.batchUpdate":
        return {"requests": [{"insertText": {"endOfSegmentLocation": {}, "text": f"twincheck edit {n}"}}]}
    return None


def bad_calls(method_name: str, args: dict[str, Any]) -> list[tuple[str, dict[str, Any], frozenset[str]]]:
    """Invalid edits and Google's reason for them: an index past the body's end ("Index N must be less than the
    end index of the referenced segment") and a request kind Docs does not have (the JSON parser's "Unknown
    name"), both 400 ``badRequest``/``invalid`` (INVALID_ARGUMENT)."""
    if method_name != "documents.batchUpdate":
        return []
    past_end = {"requests": [{"insertText": {"location": {"index": 1_000_000}, "text": "twincheck"}}]}
    unknown: dict[str, Any] = {"requests": [{"twincheckNoSuchRequest": {}}]}
    refused = frozenset({"badRequest", "invalid"})
    return [
        ("insert past the end", {**args, "body": past_end}, refused),
        ("unknown request kind", {**args, "body": unknown}, refused),
    ]


@dataclass(frozen=True)
class ReadBack:
    """A call made after a method's valid call, and what its answer must show (``judge`` gives the problem)."""

    label: str
    method: str
    args: dict[str, Any]
    judge: Callable[[Any], str | None]


def body_text(document: Any) -> str:
    """The text of a ``Document``'s body (table cells' too)."""

    def walk(content: Any) -> str:
        out = []
        for element in content if isinstance(content, list) else ():
            if not isinstance(element, dict):
                continue
            for item in (element.get("paragraph") or {}).get("elements") or ():
                out.append(str(((item or {}).get("textRun") or {}).get("content", "")))
            for row in (element.get("table") or {}).get("tableRows") or ():
                for cell in (row or {}).get("tableCells") or ():
                    out.append(walk((cell or {}).get("content")))
        return "".join(out)

    body = document.get("body") if isinstance(document, dict) else None
    return walk((body or {}).get("content"))


def _has_text(text: str) -> Callable[[Any], str | None]:
    def judge(document: Any) -> str | None:
        return None if text in body_text(document) else f"the body read back does not contain {text!r}"

    return judge


def _is_new(title: str) -> Callable[[Any], str | None]:
    def judge(document: Any) -> str | None:
        if not isinstance(document, dict) or document.get("title") != title:
            return f"the document read back is not titled {title!r}"
        if body_text(document) != "\n":
            return "the document read back is not a new document (one empty paragraph)"
        return None

    return judge


def read_back(method_name: str, args: dict[str, Any], data: Any) -> ReadBack | None:
    """The read back that proves ``method_name``'s valid call (``args``, answered ``data``) did what it says."""
    if method_name == "documents.batchUpdate":
        inserted = args["body"]["requests"][0]["insertText"]["text"]
        return ReadBack("edit read back", "documents.get", {"documentId": args["documentId"]}, _has_text(inserted))
    if method_name == "documents.get":
        return ReadBack("setup text in the answer", "", {}, _has_text(SETUP_TEXT))
    if method_name == "documents.create" and isinstance(data, dict) and isinstance(data.get("documentId"), str):
        title = str(args["body"]["title"])
        return ReadBack("new document read back", "documents.get", {"documentId": data["documentId"]}, _is_new(title))
    return None
