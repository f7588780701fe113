"""Drive's import of an upload into a Google Doc (``files.create`` with the Docs type and content): plain text,
HTML and Word (.docx, read with python-docx) become paragraphs, headings, runs, lists and tables
(https://developers.google.com/drive/api/guides/manage-uploads#import-docs).

What is read: paragraph text and breaks; headings and title; bold, italic, underline and strikethrough; bullet and
numbered items (python-docx's list styles, HTML ``ul``/``ol``); tables of text. Images, fonts, colours and page
layout are not carried over (a gap; Google keeps them).
"""

from __future__ import annotations

import copy
import io
import re
from html.parser import HTMLParser
from typing import Any

from ..runtime import State
from ._docs_model import HEADED, new_document
from ._docs_structure_ops import bullet_indents, list_properties
from ._docs_table_ops import cell_style
from ._docs_text import clean_text, merge_runs, run
from ._files_model import next_counter

__all__ = ["IMPORTS", "import_document"]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
IMPORTS = frozenset({"text/plain", "text/html", DOCX})

Block = dict[str, Any]
"""``{"runs": [(text, style)], "named": NAMED_STYLE, "list": "BULLET"|"NUMBER"|None, "level": n}`` or
``{"table": [[[block, ...], ...], ...]}``."""


def _paragraph(block: Block, lists: dict[str, str], doc: dict[str, Any], state: State) -> dict[str, Any]:
    runs = [run(clean_text(text).replace("\n", "\v"), style) for text, style in block["runs"]]
    style: dict[str, Any] = {"namedStyleType": block.get("named") or "NORMAL_TEXT", "direction": "LEFT_TO_RIGHT"}
    if style["namedStyleType"].startswith(HEADED):
        style["headingId"] = f"h.imported{next_counter(state, 'docs_id'):04x}"
    out: dict[str, Any] = {"elements": merge_runs([*runs, run("\n", {})]), "paragraphStyle": style}
    kind = block.get("list")
    if kind:
        if kind not in lists:  # one list per kind in a document, as consecutive items of one list
            preset = "NUMBERED_DECIMAL_ALPHA_ROMAN" if kind == "NUMBER" else "BULLET_DISC_CIRCLE_SQUARE"
            lists[kind] = f"kix.imported{next_counter(state, 'docs_id'):04x}"
            doc["lists"][lists[kind]] = list_properties(preset)
        out["bullet"] = {"listId": lists[kind], "textStyle": {}}
        level = min(int(block.get("level") or 0), 8)
        if level:
            out["bullet"]["nestingLevel"] = level
        style.update(bullet_indents(doc["lists"][lists[kind]], level))
    return {"paragraph": out}


def _content(blocks: list[Block], lists: dict[str, str], doc: dict[str, Any], state: State) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for block in blocks:
        if "table" not in block:
            out.append(_paragraph(block, lists, doc, state))
            continue
        rows = block["table"]
        width = max((len(r) for r in rows), default=0)
        if not rows or not width:
            continue
        if not out or "paragraph" not in out[-1]:
            out.append(_paragraph({"runs": []}, lists, doc, state))  # a table follows a paragraph, as insertTable
        table_rows = []
        for row in rows:
            cells = []
            for cell in [*row, *([[]] * (width - len(row)))]:
                content = _content(cell or [{"runs": []}], lists, doc, state)
                cells.append({"content": content, "tableCellStyle": cell_style()})
            table_rows.append({"tableCells": cells, "tableRowStyle": {"minRowHeight": {"unit": "PT"}}})
        columns = [{"widthType": "EVENLY_DISTRIBUTED"}] * width
        out.append(
            {"table": {"tableRows": table_rows, "tableStyle": {"tableColumnProperties": copy.deepcopy(columns)}}}
        )
    if not out or "paragraph" not in out[-1]:
        out.append(_paragraph({"runs": []}, lists, doc, state))  # a segment ends with a paragraph
    return out


def _plain(data: bytes) -> list[Block]:
    text = data.decode("utf-8", "replace").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return [{"runs": [(line, {})]} for line in text.removesuffix("\n").split("\n")]


_HEADING_TAGS = {f"h{n}": f"HEADING_{n}" for n in range(1, 7)}
_BLOCK_TAGS = {"p", "div", "li", "tr", "title", *_HEADING_TAGS}
_STYLE_TAGS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "s": "strikethrough",
               "strike": "strikethrough", "del": "strikethrough"}  # fmt: skip


class _Html(HTMLParser):
    """Block tags end paragraphs; inline tags style runs; a table's cells hold their own blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[list[Block]] = [[]]  # the block lists being filled (the body, then cells inside tables)
        self.tables: list[list[list[list[Block]]]] = []
        self.current: Block = {"runs": []}
        self.styles: list[str] = []
        self.lists: list[str] = []
        self.skip = 0

    def _flush(self) -> None:
        if self.current["runs"] or self.current.get("named") or self.current.get("list"):
            self.stack[-1].append(self.current)
        self.current = {"runs": []}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self.skip += 1
        elif tag in _STYLE_TAGS:
            self.styles.append(_STYLE_TAGS[tag])
        elif tag == "br":
            self.current["runs"].append(("\n", self._style()))
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append("NUMBER" if tag == "ol" else "BULLET")
        elif tag == "table":
            self._flush()
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._flush()
            if not self.tables[-1]:
                self.tables[-1].append([])
            cell: list[Block] = []
            self.tables[-1][-1].append(cell)
            self.stack.append(cell)
        elif tag in _BLOCK_TAGS:
            self._flush()
            self.current["named"] = _HEADING_TAGS.get(tag)
            if tag == "li" and self.lists:
                self.current.update(list=self.lists[-1], level=min(len(self.lists) - 1, 8))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self.skip = max(0, self.skip - 1)
        elif tag in _STYLE_TAGS and _STYLE_TAGS[tag] in self.styles:
            self.styles.remove(_STYLE_TAGS[tag])
        elif tag in ("ul", "ol") and self.lists:
            self._flush()
            self.lists.pop()
        elif tag in ("td", "th") and len(self.stack) > 1:
            self._flush()
            self.stack.pop()
        elif tag == "table" and self.tables:
            self._flush()
            self.stack[-1].append({"table": self.tables.pop()})
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        """White space collapses to one space, as a browser shows it; none at a paragraph's start."""
        text = re.sub(r"\s+", " ", data)
        if not self.current["runs"]:
            text = text.lstrip()
        if text and not self.skip:
            self.current["runs"].append((text, self._style()))

    def _style(self) -> dict[str, Any]:
        return {name: True for name in self.styles}


def _html(data: bytes) -> list[Block]:
    parser = _Html()
    parser.feed(data.decode("utf-8", "replace"))
    parser.close()
    parser._flush()
    return parser.stack[0]


def _docx_blocks(container: Any) -> list[Block]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[Block] = []
    for item in container.iter_inner_content():
        if isinstance(item, Table):
            rows = [[_docx_blocks(cell) for cell in row.cells] for row in item.rows]
            blocks.append({"table": rows})
        elif isinstance(item, Paragraph):
            blocks.append(_docx_paragraph(item))
    return blocks


def _docx_paragraph(paragraph: Any) -> Block:
    name = str(paragraph.style.name if paragraph.style is not None else "")
    block: Block = {"runs": []}
    if name.startswith("Heading ") and name[8:].isdigit() and 1 <= int(name[8:]) <= 6:
        block["named"] = f"HEADING_{name[8:]}"
    elif name in ("Title", "Subtitle"):
        block["named"] = name.upper()
    elif name.startswith(("List Bullet", "List Number")):
        level = name.rsplit(" ", 1)[-1]
        block.update(list="NUMBER" if "Number" in name else "BULLET", level=int(level) - 1 if level.isdigit() else 0)
    for piece in paragraph.runs:
        style = {flag: True for flag, on in (("bold", piece.bold), ("italic", piece.italic),
                                             ("underline", piece.underline), ("strikethrough", piece.font.strike))
                 if on}  # fmt: skip
        if piece.text:
            block["runs"].append((piece.text, style))
    return block


def _docx(data: bytes) -> list[Block]:
    import docx

    return _docx_blocks(docx.Document(io.BytesIO(data)))


def import_document(state: State, data: bytes, content_type: str) -> dict[str, Any]:
    """A document made from an upload of one of ``IMPORTS``."""
    reader = {"text/plain": _plain, "text/html": _html, DOCX: _docx}[content_type]
    doc = new_document()
    lists: dict[str, str] = {}
    doc["body"] = [doc["body"][0], *_content(reader(data), lists, doc, state)]
    return doc
