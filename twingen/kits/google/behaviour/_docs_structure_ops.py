"""Docs requests on structure: bullets and lists, tables and their rows, headers and footers, named ranges and
inline images (https://developers.google.com/docs/api/reference/rest/v1/documents/request)."""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import urlsplit

from ._docs_args import enum, field_mask, location, text_range
from ._docs_edit import (
    DocError,
    Edit,
    check_range,
    delete_range,
    insert_elements,
    paragraph_at,
    paragraphs_in,
    segment_of,
    style_at,
)
from ._docs_model import empty_paragraph, paragraphs
from ._docs_text import run, split_elements, u16len

__all__ = ["STRUCTURE_OPS", "bullet_indents", "list_properties"]

_PRESETS = {
    # preset -> (glyph symbols or glyph types for nesting levels 0, 1, 2; repeated down to level 8)
    "BULLET_DISC_CIRCLE_SQUARE": ("●", "○", "■"),
    "BULLET_DIAMONDX_ARROW3D_SQUARE": ("❖", "➢", "■"),
    "BULLET_CHECKBOX": ("☐", "☐", "☐"),
    "BULLET_ARROW_DIAMOND_DISC": ("➔", "◆", "●"),
    "BULLET_STAR_CIRCLE_SQUARE": ("★", "○", "■"),
    "BULLET_ARROW3D_CIRCLE_SQUARE": ("➢", "○", "■"),
    "BULLET_LEFTTRIANGLE_DIAMOND_DISC": ("◄", "◆", "●"),
    "BULLET_DIAMONDX_HOLLOWDIAMOND_SQUARE": ("❖", "◇", "■"),
    "BULLET_DIAMOND_CIRCLE_SQUARE": ("◆", "○", "■"),
    "NUMBERED_DECIMAL_ALPHA_ROMAN": ("DECIMAL", "ALPHA", "ROMAN"),
    "NUMBERED_DECIMAL_ALPHA_ROMAN_PARENS": ("DECIMAL", "ALPHA", "ROMAN"),
    "NUMBERED_DECIMAL_NESTED": ("DECIMAL", "DECIMAL", "DECIMAL"),
    "NUMBERED_UPPERALPHA_ALPHA_ROMAN": ("UPPER_ALPHA", "ALPHA", "ROMAN"),
    "NUMBERED_UPPERROMAN_UPPERALPHA_DECIMAL": ("UPPER_ROMAN", "UPPER_ALPHA", "DECIMAL"),
    "NUMBERED_ZERODECIMAL_ALPHA_ROMAN": ("ZERO_DECIMAL", "ALPHA", "ROMAN"),
}


def bullet_indents(properties: dict[str, Any], level: int) -> dict[str, Any]:
    """A bulleted paragraph's own indents: those of its list's nesting level (as Docs shows them)."""
    found = properties["listProperties"]["nestingLevels"][level]
    return {"indentFirstLine": dict(found["indentFirstLine"]), "indentStart": dict(found["indentStart"])}


def list_properties(preset: str) -> dict[str, Any]:
    levels = []
    for level in range(9):
        glyph = _PRESETS[preset][level % 3]
        item: dict[str, Any] = {"bulletAlignment": "START", "startNumber": 1, "textStyle": {"underline": False},
                                "indentFirstLine": {"magnitude": 18 + 36 * level, "unit": "PT"},
                                "indentStart": {"magnitude": 36 + 36 * level, "unit": "PT"}}  # fmt: skip
        if preset.startswith("NUMBERED"):
            close = ")" if preset.endswith("PARENS") else "."
            item.update(glyphType=glyph, glyphFormat=f"%{level}{close}")
            if glyph.endswith("ROMAN"):  # roman numerals align at their end, as Docs' own numbered lists
                item["bulletAlignment"] = "END"
        else:
            item.update(glyphSymbol=glyph, glyphFormat=f"%{level}")
        levels.append(item)
    return {"listProperties": {"nestingLevels": levels}}


def create_paragraph_bullets(edit: Edit, request: dict[str, Any], where: str) -> None:
    """A new list over the range's paragraphs; each paragraph's leading tabs become its nesting level and go."""
    segment_id, start, end = text_range(edit.doc, request, where)
    preset = enum(request.get("bulletPreset"), _PRESETS, f"{where}.bulletPreset", "BulletGlyphPreset")
    if preset is None:
        raise DocError("A bullet preset must be specified.")  # not confirmed wording
    touched = list(paragraphs_in(edit.doc, segment_id, start, end))
    if not touched:  # only table markers: no paragraph to give a bullet
        return
    properties = list_properties(preset)
    list_id = _joined_list(edit, segment_id, touched[0][0], properties)
    if list_id is None:
        list_id = f"kix.{edit.new_id()}"
        edit.doc["lists"][list_id] = properties
    for at, _, paragraph in reversed(touched):  # the last first: removing tabs moves what follows
        text = "".join(str(e["textRun"]["content"]) for e in paragraph["elements"] if "textRun" in e)
        tabs = min(len(text) - len(text.lstrip("\t")), 8)
        bullet: dict[str, Any] = {"listId": list_id, "textStyle": {}}
        if tabs:
            bullet["nestingLevel"] = tabs
        paragraph["bullet"] = bullet
        paragraph["paragraphStyle"].update(bullet_indents(edit.doc["lists"][list_id], tabs))
        if tabs:
            delete_range(edit.doc, segment_id, at, at + tabs)


def _joined_list(edit: Edit, segment_id: str, first: int, properties: dict[str, Any]) -> str | None:
    """ "Adding paragraph bullets that match the list bullets immediately preceding the target paragraph joins
    the paragraph to that list" (rules-behavior): the list of the paragraph just before, if its bullets match."""
    for _, stop, paragraph in paragraphs(segment_of(edit.doc, segment_id), 0):
        bullet = paragraph.get("bullet")
        if stop == first and bullet and edit.doc["lists"].get(bullet["listId"]) == properties:
            return str(bullet["listId"])
    return None


def delete_paragraph_bullets(edit: Edit, request: dict[str, Any], where: str) -> None:
    """ "The nesting level of each paragraph will be visually preserved by adding indent to the start of the
    corresponding paragraph": the text stays where it was (the first line too, with no bullet before it)."""
    segment_id, start, end = text_range(edit.doc, request, where)
    for _, _, paragraph in paragraphs_in(edit.doc, segment_id, start, end):
        if paragraph.pop("bullet", None) is not None:
            style = paragraph["paragraphStyle"]
            if "indentStart" in style:
                style["indentFirstLine"] = dict(style["indentStart"])


def _create_header_footer(edit: Edit, request: dict[str, Any], where: str, kind: str) -> dict[str, Any]:
    enum(request.get("type"), ("HEADER_FOOTER_TYPE_UNSPECIFIED", "DEFAULT"), f"{where}.type", "HeaderFooterType")
    if request.get("type") != "DEFAULT":
        raise DocError("The header/footer type must be DEFAULT.")  # not confirmed wording
    key = f"default{kind.capitalize()}Id"
    if edit.doc["documentStyle"].get(key):
        raise DocError(f"A default {kind} already exists.")  # not confirmed wording
    new = f"kix.{edit.new_id()}"
    edit.doc[f"{kind}s"][new] = [empty_paragraph()]
    edit.doc["documentStyle"][key] = new
    return {f"{kind}Id": new}


def create_header(edit: Edit, request: dict[str, Any], where: str) -> dict[str, Any]:
    return _create_header_footer(edit, request, where, "header")


def create_footer(edit: Edit, request: dict[str, Any], where: str) -> dict[str, Any]:
    return _create_header_footer(edit, request, where, "footer")


def _delete_header_footer(edit: Edit, request: dict[str, Any], kind: str) -> None:
    wanted = str(request.get(f"{kind}Id") or "")
    if wanted not in edit.doc[f"{kind}s"]:
        raise DocError(f"The {kind} with ID {wanted} was not found.")  # not confirmed wording
    del edit.doc[f"{kind}s"][wanted]
    style = edit.doc["documentStyle"]
    for key in [k for k, v in style.items() if v == wanted]:
        del style[key]
    edit.doc["namedRanges"] = [n for n in edit.doc["namedRanges"]
                               if all(r.get("segmentId", "") != wanted for r in n["ranges"])]  # fmt: skip


def delete_header(edit: Edit, request: dict[str, Any], where: str) -> None:
    _delete_header_footer(edit, request, "header")


def delete_footer(edit: Edit, request: dict[str, Any], where: str) -> None:
    _delete_header_footer(edit, request, "footer")


def create_named_range(edit: Edit, request: dict[str, Any], where: str) -> dict[str, Any]:
    name = str(request.get("name") or "")
    if not 1 <= u16len(name) <= 256:  # "Must be between 1 and 256 characters, measured in UTF-16 code units."
        raise DocError("The name must be between 1 and 256 characters.")  # not confirmed wording
    segment_id, start, end = text_range(edit.doc, request, where)
    check_range(edit.doc, segment_id, start, end)
    if start == 0 and end == 1 and not segment_id:
        raise DocError("The range must include text.")  # the section break alone; wording not confirmed
    new = f"kix.{edit.new_id()}"
    item = {"startIndex": start, "endIndex": end, "segmentId": segment_id}
    edit.doc["namedRanges"].append({"namedRangeId": new, "name": name, "ranges": [item]})
    return {"namedRangeId": new}


def _named(edit: Edit, request: dict[str, Any], id_key: str, name_key: str) -> list[dict[str, Any]]:
    wanted_id, wanted_name = request.get(id_key), request.get(name_key)
    if (wanted_id is None) == (wanted_name is None):
        raise DocError(f"Exactly one of {id_key} or {name_key} must be specified.")  # not confirmed wording
    if wanted_id is not None:
        found = [n for n in edit.doc["namedRanges"] if n["namedRangeId"] == wanted_id]
        if not found:
            raise DocError(f"The named range with ID {wanted_id} was not found.")  # not confirmed wording
        return found
    return [n for n in edit.doc["namedRanges"] if n["name"] == wanted_name]


def delete_named_range(edit: Edit, request: dict[str, Any], where: str) -> None:
    doomed = {id(n) for n in _named(edit, request, "namedRangeId", "name")}
    edit.doc["namedRanges"] = [n for n in edit.doc["namedRanges"] if id(n) not in doomed]


def replace_named_range_content(edit: Edit, request: dict[str, Any], where: str) -> None:
    """Each range's content becomes ``text`` (styled as the range's first character) and the range covers it."""
    text = str(request.get("text") or "")
    for named in _named(edit, request, "namedRangeId", "namedRangeName"):
        for item in sorted(named["ranges"], key=lambda r: -r["startIndex"]):
            segment_id, start, end = item.get("segmentId", ""), item["startIndex"], item["endIndex"]
            spot = paragraph_at(edit.doc, segment_id, start)
            left, right = split_elements(spot.element["paragraph"]["elements"], start - spot.start, snap=-1)
            style = next(iter((right or left)[0].values())).get("textStyle") or {}
            if end > start:
                delete_range(edit.doc, segment_id, start, end, keep_empty=True)
            if text:
                insert_elements(edit.doc, segment_id, start, [run(text, style)])
            item["startIndex"], item["endIndex"] = start, start + u16len(text)
    edit.doc["namedRanges"] = [
        n for n in edit.doc["namedRanges"] if any(r["endIndex"] > r["startIndex"] for r in n["ranges"])
    ]


def insert_inline_image(edit: Edit, request: dict[str, Any], where: str) -> dict[str, Any]:
    """The image is referenced by URI: the twin never fetches it (Docs does, and refuses what it cannot read)."""
    uri = str(request.get("uri") or "")
    parts = urlsplit(uri)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(uri) > 2000:
        raise DocError("The provided image URL is invalid.")  # not confirmed wording; the URI limit is 2 kB
    segment_id, index = location(edit.doc, request, where)
    spot = paragraph_at(edit.doc, segment_id, index)
    object_id = f"kix.{edit.new_id()}"
    size = copy.deepcopy(request.get("objectSize") or {})
    margin = {"magnitude": 9, "unit": "PT"}
    # Docs serves its own copy at contentUri (googleusercontent.com); the twin has no copy, so it names the source
    border = {"color": {"color": {"rgbColor": {}}}, "width": {"unit": "PT"}, "dashStyle": "SOLID",
              "propertyState": "NOT_RENDERED"}  # fmt: skip
    embedded = {"imageProperties": {"contentUri": uri, "sourceUri": uri, "cropProperties": {}},
                "embeddedObjectBorder": border, "size": size, "marginTop": margin, "marginBottom": dict(margin),
                "marginRight": dict(margin), "marginLeft": dict(margin)}  # fmt: skip
    edit.doc["inlineObjects"][object_id] = {
        "objectId": object_id,
        "inlineObjectProperties": {"embeddedObject": embedded},
    }
    element = {"inlineObjectElement": {"inlineObjectId": object_id, "textStyle": style_at(spot, index)}}
    insert_elements(edit.doc, segment_id, index, [element])
    return {"objectId": object_id}


# DocumentStyle's writable fields (the header and footer ids are read only)
_DOCUMENT_FIELDS = ("background", "documentFormat", "flipPageOrientation", "marginBottom", "marginFooter",
                    "marginHeader", "marginLeft", "marginRight", "marginTop", "pageNumberStart", "pageSize",
                    "useCustomHeaderFooterMargins", "useEvenPageHeaderFooter", "useFirstPageHeaderFooter")  # fmt: skip


def update_document_style(edit: Edit, request: dict[str, Any], where: str) -> None:
    """The mask's fields set from ``documentStyle``, or back to a new document's where it leaves them out."""
    given = request.get("documentStyle") or {}
    style = edit.doc["documentStyle"]
    for name in field_mask(request, _DOCUMENT_FIELDS):
        if given.get(name) is not None:
            style[name] = copy.deepcopy(given[name])
        else:
            style.pop(name, None)


STRUCTURE_OPS = {
    "updateDocumentStyle": update_document_style,
    "createParagraphBullets": create_paragraph_bullets,
    "deleteParagraphBullets": delete_paragraph_bullets,
    "createHeader": create_header,
    "createFooter": create_footer,
    "deleteHeader": delete_header,
    "deleteFooter": delete_footer,
    "createNamedRange": create_named_range,
    "deleteNamedRange": delete_named_range,
    "replaceNamedRangeContent": replace_named_range_content,
    "insertInlineImage": insert_inline_image,
}
