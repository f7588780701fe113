"""Drive's ``files.export`` of a Google Doc: plain text, HTML and Word (.docx, written with python-docx).

The export types are those Drive lists for Documents
(https://developers.google.com/drive/api/guides/ref-export-formats). Choices where Google's output was not
checked byte for byte: plain text starts with a UTF-8 byte order mark and ends lines with CRLF, as Docs' .txt
downloads do; list items are written ``* `` (indented four spaces a level); a table's cells one per line.
Markdown: headings ``#`` per level (a title ``#``), ``**bold**``, ``*italic*``, ``~~struck~~``, links, list items
``* `` or ``1. `` indented two spaces a level, tables as pipe tables, a blank line between blocks.
PDF, RTF, ODT, EPUB and zipped HTML are not produced (Drive's "conversion not supported" answer).
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterator
from typing import Any

__all__ = ["DOCX", "export_document"]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_HEADINGS = {f"HEADING_{n}": n for n in range(1, 7)}


def _blocks(elements: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The paragraphs and tables of a segment, in order (section breaks are not content)."""
    for element in elements:
        if "paragraph" in element or "table" in element:
            yield element


def _runs(paragraph: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(text, text style, kind) with the paragraph's own newline left out."""
    elements = paragraph["elements"]
    for number, element in enumerate(elements):
        if "textRun" in element:
            text = str(element["textRun"]["content"])
            if number == len(elements) - 1:
                text = text.removesuffix("\n")
            if text:
                yield text, element["textRun"].get("textStyle") or {}, "text"
        elif "pageBreak" in element:
            yield "", {}, "pageBreak"


def _plain_lines(elements: list[dict[str, Any]]) -> Iterator[str]:
    for block in _blocks(elements):
        if "table" in block:
            for row in block["table"]["tableRows"]:
                for cell in row["tableCells"]:
                    yield from _plain_lines(cell["content"])
            continue
        paragraph = block["paragraph"]
        text = "".join(t for t, _, kind in _runs(paragraph) if kind == "text").replace("\v", "\n")
        bullet = paragraph.get("bullet")
        prefix = "    " * int(bullet.get("nestingLevel", 0)) + "* " if bullet else ""
        yield prefix + text


def _plain(doc: dict[str, Any]) -> bytes:
    return ("\ufeff" + "\r\n".join(_plain_lines(doc["body"]))).encode("utf-8")


def _css(style: dict[str, Any]) -> str:
    rules = []
    if style.get("bold"):
        rules.append("font-weight:700")
    if style.get("italic"):
        rules.append("font-style:italic")
    lines = [name for flag, name in (("underline", "underline"), ("strikethrough", "line-through")) if style.get(flag)]
    if lines:
        rules.append("text-decoration:" + " ".join(lines))
    return ";".join(rules)


def _html_paragraph(paragraph: dict[str, Any], doc: dict[str, Any]) -> str:
    parts = []
    for text, style, kind in _runs(paragraph):
        if kind == "pageBreak":
            parts.append('<hr style="page-break-before:always;display:none;">')
            continue
        span = f'<span style="{_css(style)}">{html.escape(text).replace(chr(11), "<br>")}</span>'
        url = (style.get("link") or {}).get("url")
        parts.append(f'<a href="{html.escape(str(url))}">{span}</a>' if url else span)
    for element in paragraph["elements"]:
        if "inlineObjectElement" in element:
            found = doc["inlineObjects"].get(element["inlineObjectElement"]["inlineObjectId"]) or {}
            uri = found.get("inlineObjectProperties", {}).get("embeddedObject", {}).get("imageProperties", {})
            parts.append(f'<img src="{html.escape(str(uri.get("contentUri", "")))}">')
    named = str(paragraph["paragraphStyle"].get("namedStyleType", "NORMAL_TEXT"))
    tag = f"h{_HEADINGS[named]}" if named in _HEADINGS else "p"
    css_class = f' class="{named.lower()}"' if named in ("TITLE", "SUBTITLE") else ""
    return f"<{tag}{css_class}>{''.join(parts)}</{tag}>"


def _html_body(elements: list[dict[str, Any]], doc: dict[str, Any]) -> str:
    out: list[str] = []
    open_list = ""
    for block in _blocks(elements):
        bullet = block.get("paragraph", {}).get("bullet")
        kind = ""
        if bullet:
            levels = doc["lists"].get(bullet["listId"], {}).get("listProperties", {}).get("nestingLevels") or [{}]
            kind = "ol" if "glyphType" in levels[0] else "ul"
        if open_list and kind != open_list:
            out.append(f"</{open_list}>")
            open_list = ""
        if kind and not open_list:
            out.append(f"<{kind}>")
            open_list = kind
        if "table" in block:
            rows = "".join(
                "<tr>" + "".join(f"<td>{_html_body(c['content'], doc)}</td>" for c in row["tableCells"]) + "</tr>"
                for row in block["table"]["tableRows"]
            )
            out.append(f"<table>{rows}</table>")
        elif kind:
            out.append(f"<li>{_html_paragraph(block['paragraph'], doc)}</li>")
        else:
            out.append(_html_paragraph(block["paragraph"], doc))
    if open_list:
        out.append(f"</{open_list}>")
    return "".join(out)


def _html(doc: dict[str, Any], title: str) -> bytes:
    meta = '<meta content="text/html; charset=UTF-8" http-equiv="content-type">'
    head = f"<head>{meta}<title>{html.escape(title)}</title></head>"
    return f"<html>{head}<body>{_html_body(doc['body'], doc)}</body></html>".encode()


def _docx_paragraph(target: Any, paragraph: dict[str, Any], doc: dict[str, Any]) -> None:
    from docx.enum.text import WD_BREAK

    named = str(paragraph["paragraphStyle"].get("namedStyleType", "NORMAL_TEXT"))
    style = {"TITLE": "Title", "SUBTITLE": "Subtitle"}.get(named) or (
        f"Heading {_HEADINGS[named]}" if named in _HEADINGS else None
    )
    bullet = paragraph.get("bullet")
    if bullet and style is None:
        levels = doc["lists"].get(bullet["listId"], {}).get("listProperties", {}).get("nestingLevels") or [{}]
        level = min(int(bullet.get("nestingLevel", 0)), 2)
        style = ("List Number" if "glyphType" in levels[0] else "List Bullet") + (f" {level + 1}" if level else "")
    out = target.add_paragraph(style=style)
    for text, text_style, kind in _runs(paragraph):
        piece = out.add_run()
        if kind == "pageBreak":
            piece.add_break(WD_BREAK.PAGE)
            continue
        for number, line in enumerate(text.split("\v")):
            if number:
                piece.add_break()
            piece.add_text(line)
        piece.bold = bool(text_style.get("bold")) or None
        piece.italic = bool(text_style.get("italic")) or None
        piece.underline = bool(text_style.get("underline")) or None
        piece.font.strike = bool(text_style.get("strikethrough")) or None


def _docx_body(target: Any, elements: list[dict[str, Any]], doc: dict[str, Any]) -> None:
    for block in _blocks(elements):
        if "paragraph" in block:
            _docx_paragraph(target, block["paragraph"], doc)
            continue
        rows = block["table"]["tableRows"]
        table = target.add_table(rows=len(rows), cols=len(rows[0]["tableCells"]))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row["tableCells"]):
                into = table.cell(r, c)
                into._tc.remove(into.paragraphs[0]._p)  # a new cell has one empty paragraph of its own
                _docx_body(into, cell["content"], doc)


def _docx(doc: dict[str, Any], title: str) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    _docx_body(document, doc["body"], doc)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _md_text(paragraph: dict[str, Any]) -> str:
    parts = []
    for text, style, kind in _runs(paragraph):
        if kind != "text":
            continue
        piece = text.replace("\v", "  \n")
        core = piece.strip()
        if core:
            marks = ("**" if style.get("bold") else "") + ("*" if style.get("italic") else "")
            marks += "~~" if style.get("strikethrough") else ""
            wrapped = marks + core + marks[::-1]
            url = (style.get("link") or {}).get("url")
            wrapped = f"[{wrapped}]({url})" if url else wrapped
            piece = piece[: len(piece) - len(piece.lstrip())] + wrapped + piece[len(piece.rstrip()) :]
        parts.append(piece)
    return "".join(parts)


def _md_blocks(elements: list[dict[str, Any]], doc: dict[str, Any]) -> Iterator[str]:
    for block in _blocks(elements):
        if "table" in block:
            rows = [
                "| " + " | ".join(" ".join(_md_cell(cell, doc)) for cell in row["tableCells"]) + " |"
                for row in block["table"]["tableRows"]
            ]
            columns = len(block["table"]["tableRows"][0]["tableCells"])
            yield "\n".join([rows[0], "|" + " --- |" * columns, *rows[1:]])
            continue
        paragraph = block["paragraph"]
        named = str(paragraph["paragraphStyle"].get("namedStyleType", "NORMAL_TEXT"))
        text = _md_text(paragraph)
        bullet = paragraph.get("bullet")
        if bullet:
            levels = doc["lists"].get(bullet["listId"], {}).get("listProperties", {}).get("nestingLevels") or [{}]
            mark = "1." if "glyphType" in levels[0] else "*"
            yield "  " * int(bullet.get("nestingLevel", 0)) + f"{mark} {text}"
        elif named in _HEADINGS or named == "TITLE":
            yield "#" * _HEADINGS.get(named, 1) + " " + text
        else:
            yield text


def _md_cell(cell: dict[str, Any], doc: dict[str, Any]) -> list[str]:
    return [line.replace("|", "\\|") for line in _md_blocks(cell["content"], doc) if line]


def _markdown(doc: dict[str, Any]) -> bytes:
    out: list[str] = []
    for line in _md_blocks(doc["body"], doc):
        listed = line.lstrip().startswith(("* ", "1. "))
        if out and not (listed and out[-1].lstrip().startswith(("* ", "1. "))):
            out.append("")  # a blank line between blocks, none inside a list
        out.append(line)
    return ("\n".join(out) + "\n").encode("utf-8")


def export_document(doc: dict[str, Any], title: str, mime_type: str) -> tuple[bytes, str] | None:
    """(bytes, content type) of the document as ``mime_type``; None for a type the twin does not convert to."""
    if mime_type == "text/plain":
        return _plain(doc), "text/plain"
    if mime_type == "text/html":
        return _html(doc, title), "text/html"
    if mime_type == DOCX:
        return _docx(doc, title), DOCX
    if mime_type == "text/markdown":
        return _markdown(doc), "text/markdown"
    return None
