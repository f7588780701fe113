"""A kept document -> the Docs API's ``Document`` JSON, with indexes.

Defaults (named styles, document style) are those a new Google Doc shows in ``documents.get``
(https://developers.google.com/docs/api/reference/rest/v1/documents#Document). proto3 JSON leaves out a zero
``startIndex``, so the body's section break and a header's first paragraph carry only ``endIndex``.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from ._docs_model import cells, top_level
from ._docs_text import element_size as unit_size

__all__ = [
    "DOCUMENT_STYLE",
    "document_tab",
    "inherited_paragraph_style",
    "inherited_text_style",
    "named_styles",
    "render_document",
    "render_segment",
]


def _pt(value: float) -> dict[str, Any]:
    return {"magnitude": value, "unit": "PT"}


DOCUMENT_STYLE: dict[str, Any] = {
    "background": {"color": {}},
    "pageNumberStart": 1,
    "marginTop": _pt(72),
    "marginBottom": _pt(72),
    "marginRight": _pt(72),
    "marginLeft": _pt(72),
    "pageSize": {"height": _pt(792), "width": _pt(612)},
    "marginHeader": _pt(36),
    "marginFooter": _pt(36),
    "useCustomHeaderFooterMargins": True,
    "documentFormat": {"documentMode": "PAGES"},
}

_GREY = {"color": {"rgbColor": {"red": 0.4, "green": 0.4, "blue": 0.4}}}
# (named style, font size, space above, space below, what else its text style sets): a new Doc's built-in styles,
# as documents.get shows them (NORMAL_TEXT in full; the others only where they differ)
_STYLES: tuple[tuple[str, float, float, float, dict[str, Any]], ...] = (
    ("HEADING_1", 20, 20, 6, {}),
    ("HEADING_2", 16, 18, 6, {"bold": False}),
    ("HEADING_3", 14, 16, 4, {"bold": False, "foregroundColor": {"color": {"rgbColor": {
        "red": 0.2627451, "green": 0.2627451, "blue": 0.2627451}}}}),
    ("HEADING_4", 12, 14, 4, {"foregroundColor": _GREY}),
    ("HEADING_5", 11, 12, 4, {"foregroundColor": _GREY}),
    ("HEADING_6", 11, 12, 4, {"italic": True, "foregroundColor": _GREY}),
    ("TITLE", 26, 0, 3, {}),
    ("SUBTITLE", 15, 0, 16, {"italic": False, "foregroundColor": _GREY,
                             "weightedFontFamily": {"fontFamily": "Arial", "weight": 400}}),
)  # fmt: skip


def _border() -> dict[str, Any]:
    return {"color": {}, "width": {"unit": "PT"}, "padding": {"unit": "PT"}, "dashStyle": "SOLID"}


def _normal() -> dict[str, Any]:
    text = {"bold": False, "italic": False, "underline": False, "strikethrough": False, "smallCaps": False,
            "backgroundColor": {}, "foregroundColor": {"color": {"rgbColor": {}}}, "fontSize": _pt(11),
            "weightedFontFamily": {"fontFamily": "Arial", "weight": 400}, "baselineOffset": "NONE"}  # fmt: skip
    paragraph: dict[str, Any] = {"namedStyleType": "NORMAL_TEXT", "alignment": "START", "lineSpacing": 115,
                                 "direction": "LEFT_TO_RIGHT", "spacingMode": "COLLAPSE_LISTS",
                                 "spaceAbove": {"unit": "PT"}, "spaceBelow": {"unit": "PT"}}  # fmt: skip
    for side in ("Between", "Top", "Bottom", "Left", "Right"):
        paragraph[f"border{side}"] = _border()
    paragraph.update(indentFirstLine={"unit": "PT"}, indentStart={"unit": "PT"}, indentEnd={"unit": "PT"},
                     keepLinesTogether=False, keepWithNext=False, avoidWidowAndOrphan=True,
                     shading={"backgroundColor": {}}, pageBreakBefore=False)  # fmt: skip
    return {"namedStyleType": "NORMAL_TEXT", "textStyle": text, "paragraphStyle": paragraph}


@lru_cache(maxsize=16)
def inherited_text_style(named: str) -> dict[str, Any]:
    """What text in a paragraph of named style ``named`` inherits (its named style over normal text); read only."""
    styles = named_styles()["styles"]
    normal = dict(styles[0]["textStyle"])
    own: dict[str, Any] = next((s["textStyle"] for s in styles if s["namedStyleType"] == named), {})
    return {**normal, **own}


@lru_cache(maxsize=16)
def inherited_paragraph_style(named: str) -> dict[str, Any]:
    """What a paragraph of named style ``named`` inherits; read only."""
    styles = named_styles()["styles"]
    own: dict[str, Any] = next((s["paragraphStyle"] for s in styles if s["namedStyleType"] == named), {})
    return {**styles[0]["paragraphStyle"], **{k: v for k, v in own.items() if k != "namedStyleType"}}


def named_styles() -> dict[str, Any]:
    styles = [_normal()]
    for name, size, above, below, extra in _STYLES:
        text = {**copy.deepcopy(extra), "fontSize": _pt(size)}
        paragraph = {"namedStyleType": "NORMAL_TEXT", "direction": "LEFT_TO_RIGHT",
                     "spaceAbove": _pt(above) if above else {"unit": "PT"}, "spaceBelow": _pt(below),
                     "keepLinesTogether": True, "keepWithNext": True, "pageBreakBefore": False}  # fmt: skip
        styles.append({"namedStyleType": name, "textStyle": text, "paragraphStyle": paragraph})
    return {"styles": styles}


def _indexed(start: int, end: int, body: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {} if start == 0 else {"startIndex": start}
    out["endIndex"] = end
    out.update(body)
    return out


def _paragraph(paragraph: dict[str, Any], start: int) -> dict[str, Any]:
    out: dict[str, Any] = {"elements": []}
    at = start
    for element in paragraph["elements"]:
        end = at + unit_size(element)
        out["elements"].append(_indexed(at, end, copy.deepcopy(element)))
        at = end
    out["paragraphStyle"] = copy.deepcopy(paragraph["paragraphStyle"])
    if paragraph.get("bullet"):
        out["bullet"] = copy.deepcopy(paragraph["bullet"])
    return out


def _table(table: dict[str, Any], start: int) -> dict[str, Any]:
    rows = table["tableRows"]
    out: dict[str, Any] = {"rows": len(rows), "columns": len(rows[0]["tableCells"]) if rows else 0, "tableRows": []}
    laid = list(cells(table, start))
    for r, row in enumerate(rows):
        mine = [item for item in laid if item[0] == r]
        row_start = mine[0][2] - 1
        rendered_cells = [
            _indexed(cell_start, cell_end, {"content": render_segment(cell["content"], cell_start + 1),
                                            "tableCellStyle": copy.deepcopy(cell.get("tableCellStyle") or {})})
            for _, _, cell_start, cell_end, cell in mine
        ]  # fmt: skip
        body = {"tableCells": rendered_cells, "tableRowStyle": copy.deepcopy(row.get("tableRowStyle") or {})}
        out["tableRows"].append(_indexed(row_start, mine[-1][3], body))
    out["tableStyle"] = copy.deepcopy(table.get("tableStyle") or {})
    return out


def render_segment(elements: list[dict[str, Any]], start: int) -> list[dict[str, Any]]:
    out = []
    for _, at, end, element in top_level(elements, start):
        if "paragraph" in element:
            out.append(_indexed(at, end, {"paragraph": _paragraph(element["paragraph"], at)}))
        elif "table" in element:
            out.append(_indexed(at, end, {"table": _table(element["table"], at)}))
        else:
            out.append(_indexed(at, end, copy.deepcopy(element)))
    return out


def _used_objects(doc: dict[str, Any]) -> set[str]:
    found: set[str] = set()

    def walk(elements: list[dict[str, Any]]) -> None:
        for element in elements:
            if "paragraph" in element:
                for item in element["paragraph"]["elements"]:
                    if "inlineObjectElement" in item:
                        found.add(str(item["inlineObjectElement"]["inlineObjectId"]))
            elif "table" in element:
                for row in element["table"]["tableRows"]:
                    for cell in row["tableCells"]:
                        walk(cell["content"])

    for seg in [doc["body"], *doc["headers"].values(), *doc["footers"].values()]:
        walk(seg)
    return found


def _named_ranges(doc: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in doc["namedRanges"]:
        ranges = [{k: v for k, v in r.items() if v not in ("", 0)} for r in item["ranges"]]
        entry = {"namedRangeId": item["namedRangeId"], "name": item["name"], "ranges": ranges}
        out.setdefault(item["name"], {"name": item["name"], "namedRanges": []})["namedRanges"].append(entry)
    return out


def document_tab(doc: dict[str, Any]) -> dict[str, Any]:
    """Everything a document's (only) tab holds."""
    tab: dict[str, Any] = {"body": {"content": render_segment(doc["body"], 0)}}
    for kind, key in (("headers", "headerId"), ("footers", "footerId")):
        if doc[kind]:
            tab[kind] = {i: {key: i, "content": render_segment(seg, 0)} for i, seg in doc[kind].items()}
    tab["documentStyle"] = {**copy.deepcopy(DOCUMENT_STYLE), **copy.deepcopy(doc["documentStyle"])}
    tab["namedStyles"] = named_styles()
    if doc["lists"]:
        tab["lists"] = copy.deepcopy(doc["lists"])
    if doc["namedRanges"]:
        tab["namedRanges"] = _named_ranges(doc)
    used = _used_objects(doc)
    objects = {i: copy.deepcopy(o) for i, o in doc["inlineObjects"].items() if i in used}
    if objects:
        tab["inlineObjects"] = objects
    return tab


def render_document(doc: dict[str, Any], document_id: str, title: str, mode: str, tabs: bool) -> dict[str, Any]:
    """``documents.get``: the content fields at the top, or (``includeTabsContent``) inside ``tabs`` instead."""
    out: dict[str, Any] = {"title": title}
    tab = document_tab(doc)
    if tabs:
        properties = {"tabId": "t.0", "title": "Tab 1", "index": 0}
        out["tabs"] = [{"tabProperties": properties, "documentTab": tab}]
    else:
        out.update(tab)
    out["revisionId"] = doc["revision"]
    out["suggestionsViewMode"] = mode
    out["documentId"] = document_id
    return out
