"""Text between REST v2 (wiki-markup strings) and v3 (Atlassian Document Format), as Jira converts plain text.

The site stores rich text (descriptions, comments, environment, worklog comments) as the v2 string. v3 answers
it as an ADF ``doc``: one ``paragraph`` per blank-line-separated block, ``hardBreak`` for a single newline
(https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/). An ADF document sent to v3 is
turned back into text: paragraphs joined by a blank line, ``hardBreak`` as a newline, text nodes as written,
mentions as ``[~accountid:ID]``, other block nodes by their text.
"""

from __future__ import annotations

from typing import Any

from ._errors import jira_error


def to_adf(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    blocks = [block for block in text.replace("\r\n", "\n").split("\n\n")]
    content = []
    for block in blocks:
        inline: list[dict[str, Any]] = []
        for index, line in enumerate(block.split("\n")):
            if index:
                inline.append({"type": "hardBreak"})
            if line:
                inline.append({"type": "text", "text": line})
        content.append({"type": "paragraph", "content": inline})
    return {"type": "doc", "version": 1, "content": content}


def from_adf(doc: Any, field: str) -> str | None:
    """The text of an ADF document sent to v3; anything that is not a ``doc`` is refused as Jira does."""
    if doc is None:
        return None
    if not isinstance(doc, dict) or doc.get("type") != "doc":
        raise jira_error(
            "field_invalid",
            errors={field: "Operation value must be an Atlassian Document (see the Atlassian Document Format)"},
        )
    return "\n\n".join(_inline(block) for block in doc.get("content") or [])


def _inline(node: dict[str, Any]) -> str:
    kind = node.get("type")
    if kind == "text":
        return str(node.get("text", ""))
    if kind == "hardBreak":
        return "\n"
    if kind == "mention":
        return f"[~accountid:{(node.get('attrs') or {}).get('id', '')}]"
    children = node.get("content") or []
    joiner = "\n" if kind in ("bulletList", "orderedList", "listItem") else ""
    return joiner.join(_inline(child) for child in children if isinstance(child, dict))


def rendered(text: str | None) -> str | None:
    """``renderedFields``: the HTML Jira renders plain wiki text to (paragraphs, line breaks, escaped)."""
    if text is None:
        return None
    import html

    return "".join(f"<p>{html.escape(block).replace(chr(10), '<br/>' + chr(10))}</p>" for block in text.split("\n\n"))
