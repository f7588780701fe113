"""Views of Google Docs as their readers see them: the documents, and one document rendered as text with its
styles (headings, bold, italic, underline, strikethrough, links, bulleted and numbered lists, tables).

They read the ``documents`` records (``_docs_model``'s shape); nothing changes.
"""

from __future__ import annotations

from typing import Any

from ..runtime import view
from ..runtime.control.ui.html import Child, Safe, h
from ..runtime.control.ui.views import ViewContext
from ._docs_model import DOCUMENT
from ._docs_store import COLLECTION
from .views_drive import person

_HEADINGS = {"TITLE": "h1", "SUBTITLE": "h2", **{f"HEADING_{n}": f"h{n}" for n in range(1, 7)}}
_NUMBERED = ("DECIMAL", "ZERO_DECIMAL", "ALPHA", "UPPER_ALPHA", "ROMAN", "UPPER_ROMAN")
"""Glyph types of numbered list levels (https://developers.google.com/docs/api/reference/rest/v1/documents#glyphtype);
a level with a ``glyphSymbol`` instead is bulleted."""


@view("docs", title="Documents")
def docs_view(ctx: ViewContext) -> Safe:
    rows = [
        (ctx.link("doc", str(r.get("name") or r["id"]), id=r["id"]), ctx.id(r["id"]), person(ctx, r.get("owner")))
        for r in ctx.state.collection("files").values()
        if r.get("mimeType") == DOCUMENT
    ]
    return ctx.table(("document", "id", "owner"), rows, id="documents")


@view("doc", title="Document", listed=False)
def doc_view(ctx: ViewContext) -> Safe:
    doc_id = ctx.params.get("id", "")
    record = ctx.state.collection("files").get(doc_id)
    if record is None or record.get("mimeType") != DOCUMENT:
        ctx.missing(f"no document {doc_id!r} in this tenant")
    ctx.title = str(record.get("name") or doc_id)
    doc = ctx.state.collection(COLLECTION).get(doc_id)
    about = h("p", None, ctx.id(doc_id), " · owner ", person(ctx, record.get("owner")), " · ",
              ctx.link("file", "Drive file", id=doc_id),
              " · revision ", ctx.id(doc.get("revision", "")) if doc else "none yet")  # fmt: skip
    if doc is None:
        return h("div", None, about, h("p", {"class_": "muted"}, "Made through Drive and not opened through Docs yet."))
    return h("div", None, about, h("div", {"class_": "doc", "id": "document"}, _elements(doc, doc.get("body", ()))))


def _elements(doc: dict[str, Any], elements: Any) -> list[Child]:
    out: list[Child] = []
    items: list[Child] = []  # consecutive list paragraphs become one <ul>/<ol>
    kind = ""
    for element in elements or ():
        paragraph = element.get("paragraph")
        bullet = (paragraph or {}).get("bullet")
        if bullet is not None:
            tag = _list_tag(doc, bullet)
            if items and tag != kind:
                out.append(h(kind, None, items))
                items = []
            kind = tag
            level = int(bullet.get("nestingLevel", 0))
            items.append(h("li", {"style": f"margin-left:{level * 24}px"}, _runs(paragraph)))
            continue
        if items:
            out.append(h(kind, None, items))
            items = []
        if paragraph is not None:
            out.append(_paragraph(paragraph))
        elif "table" in element:
            out.append(_table(doc, element["table"]))
    if items:
        out.append(h(kind, None, items))
    return out


def _list_tag(doc: dict[str, Any], bullet: dict[str, Any]) -> str:
    listing = (doc.get("lists") or {}).get(str(bullet.get("listId")), {})
    levels = (listing.get("listProperties") or {}).get("nestingLevels") or [{}]
    level = levels[min(int(bullet.get("nestingLevel", 0)), len(levels) - 1)]
    return "ol" if level.get("glyphType") in _NUMBERED else "ul"


def _paragraph(paragraph: dict[str, Any]) -> Safe:
    style = str((paragraph.get("paragraphStyle") or {}).get("namedStyleType", "NORMAL_TEXT"))
    return h(_HEADINGS.get(style, "p"), {"data_style": style}, _runs(paragraph))


def _runs(paragraph: dict[str, Any]) -> list[Child]:
    out: list[Child] = []
    for element in paragraph.get("elements", ()):
        run = element.get("textRun")
        if run is None:
            continue  # an inline object, a page break, a footnote reference: not text
        text = str(run.get("content", "")).rstrip("\n")
        if text:
            out.append(_styled(text, run.get("textStyle") or {}))
    return out


def _styled(text: str, style: dict[str, Any]) -> Safe:
    shown: Child = text
    for flag, tag in (("bold", "strong"), ("italic", "em"), ("underline", "u"), ("strikethrough", "s")):
        if style.get(flag):
            shown = h(tag, None, shown)
    url = str((style.get("link") or {}).get("url", ""))
    if url.startswith(("https://", "http://")):  # never a javascript: link from a document's data
        shown = h("a", {"href": url, "rel": "noreferrer"}, shown)
    return h("span", None, shown)


def _table(doc: dict[str, Any], table: dict[str, Any]) -> Safe:
    rows = [
        h("tr", None, [h("td", None, _elements(doc, cell.get("content"))) for cell in row.get("tableCells", ())])
        for row in table.get("tableRows", ())
    ]
    return h("table", {"class_": "grid"}, rows)
