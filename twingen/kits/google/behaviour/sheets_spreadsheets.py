"""``sheets.spreadsheets.create/get/getByDataFilter``, ``sheets.copyTo`` and ``developerMetadata.*``
(https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets)."""

from __future__ import annotations

import copy
import re
from typing import Any

from ..runtime import Context, behaviour
from ..runtime.clock import BASE64URL_ALPHABET
from ._fields import FieldsError, apply_mask, check_mask, parse_mask
from ._files_model import record_change
from ._files_ops import check_parent, new_file
from ._request import caller
from ._sheets_book import new_meta, new_sheet_properties, open_book, title_of
from ._sheets_errors import bad, not_found
from ._sheets_filters import boxes_of_filter, matching_metadata
from ._sheets_model import BOOKS, SPREADSHEET, Book, row_count
from ._sheets_ranges import Box, resolve
from ._sheets_render import render_book
from ._sheets_request import body_of
from ._sheets_storage import copy_sheet_rows

DOCS = "https://docs.google.com"


def _fields(ctx: Context, value: Any) -> Any:
    text = ctx.params.get("fields")
    if not text:
        return value
    try:
        mask = parse_mask(str(text).replace(".", "/"))  # Sheets takes ``sheets.properties`` as ``sheets/properties``
        check_mask(mask, {"$ref": "#/components/schemas/Spreadsheet"})
    except FieldsError as exc:
        raise bad(f"Request contains an invalid argument. Invalid field selection {exc.name}") from None
    return apply_mask(value, mask)


def _flag(value: Any) -> bool:
    return value is True or str(value).lower() == "true"


def answer_book(ctx: Context, book: Book, record: dict[str, Any], grid: bool, boxes: list[Box] | None) -> Any:
    fields = str(ctx.params.get("fields") or "")
    if fields:  # "includeGridData is ignored if a field mask was set": the mask decides
        grid = bool(re.search(r"\bdata\b", fields))
    return _fields(ctx, render_book(book, title_of(record), DOCS, grid=grid, boxes=boxes))


def _sheets_of_body(ctx: Context, body: dict[str, Any]) -> list[dict[str, Any]]:
    sheets = []
    for index, given in enumerate(body.get("sheets") or []):
        props = dict(given.get("properties") or {})
        sheet_id = int(props.get("sheetId", index and ctx.new_id("", length=9, alphabet="123456789")))
        fresh = new_sheet_properties(sheet_id, str(props.pop("title", "") or f"Sheet{index + 1}"), index)
        fresh["gridProperties"].update(props.pop("gridProperties", {}) or {})
        fresh.update({k: v for k, v in props.items() if k not in ("sheetId", "index")})
        sheets.append({"properties": fresh})
    titles = [s["properties"]["title"].casefold() for s in sheets]
    if len(set(titles)) != len(titles):
        raise bad("Invalid spreadsheet.sheets: duplicate sheet titles.")
    return sheets


@behaviour("sheets.spreadsheets.create")
def spreadsheets_create(ctx: Context) -> Any:
    me = caller(ctx)
    body = body_of(ctx)
    properties = dict(body.get("properties") or {})
    meta = new_meta(properties, _sheets_of_body(ctx, body) or None)
    book_id = ctx.new_id("1", length=43, alphabet=BASE64URL_ALPHABET)
    now = ctx.now()
    title = str(properties.get("title") or "Untitled spreadsheet")
    record = new_file(ctx, me, book_id, {"name": title}, now)
    record.update(name=title, mimeType=SPREADSHEET, parents=[check_parent(ctx, "root", me)])
    record.pop("originalFilename", None)
    record_change(ctx.state, record, now)
    ctx.state.collection(BOOKS).put(book_id, meta)
    book, record = open_book(ctx, book_id)
    return answer_book(ctx, book, record, False, None)


def _boxes(book: Book, ranges: list[str]) -> list[Box] | None:
    return [resolve(book, text) for text in ranges] or None


@behaviour("sheets.spreadsheets.get")
def spreadsheets_get(ctx: Context) -> Any:
    book, record = open_book(ctx, str(ctx.params["spreadsheetId"]))
    ranges = ctx.params.get("ranges")
    texts = [str(r) for r in ranges] if isinstance(ranges, list) else ([str(ranges)] if ranges else [])
    return answer_book(ctx, book, record, _flag(ctx.params.get("includeGridData")), _boxes(book, texts))


@behaviour("sheets.spreadsheets.getByDataFilter")
def spreadsheets_get_by_filter(ctx: Context) -> Any:
    book, record = open_book(ctx, str(ctx.params["spreadsheetId"]))
    body = body_of(ctx)
    boxes = [box for f in body.get("dataFilters") or [] for box in boxes_of_filter(book, f)]
    return answer_book(ctx, book, record, _flag(body.get("includeGridData")), boxes or None)


@behaviour("sheets.spreadsheets.sheets.copyTo")
def sheets_copy_to(ctx: Context) -> Any:
    book, _ = open_book(ctx, str(ctx.params["spreadsheetId"]))
    sheet = book.sheet(int(ctx.params["sheetId"]))
    if sheet is None:
        raise not_found(f"No grid with id: {ctx.params['sheetId']}")
    body = body_of(ctx)
    target_id = str(body.get("destinationSpreadsheetId") or "")
    if not target_id:
        raise bad("Invalid destinationSpreadsheetId: it must be set.")
    target = book if target_id == book.id else open_book(ctx, target_id, write=True)[0]
    copied = copy.deepcopy(sheet)
    props = copied["properties"]
    props["sheetId"] = target.next_id()
    props["index"] = len(target.sheets)
    title = f"Copy of {sheet['properties']['title']}"
    n = 2
    while target.sheet_titled(title) is not None:
        title = f"Copy of {sheet['properties']['title']} {n}"
        n += 1
    props["title"] = title
    copied.pop("protectedRanges", None)  # protections stay with the original
    target.sheets.append(copied)
    copy_sheet_rows(book, int(sheet["properties"]["sheetId"]), target, int(props["sheetId"]), row_count(sheet))
    target.rebuild_formulas()
    target.commit()
    return props


@behaviour("sheets.spreadsheets.developerMetadata.get")
def developer_metadata_get(ctx: Context) -> Any:
    book, _ = open_book(ctx, str(ctx.params["spreadsheetId"]))
    found = matching_metadata(book, {"metadataId": int(ctx.params["metadataId"])})
    if not found:
        raise not_found(f"No developer metadata with ID: {ctx.params['metadataId']}")
    return found[0]


@behaviour("sheets.spreadsheets.developerMetadata.search")
def developer_metadata_search(ctx: Context) -> Any:
    book, _ = open_book(ctx, str(ctx.params["spreadsheetId"]))
    body = body_of(ctx)
    matched = []
    for data_filter in body.get("dataFilters") or []:
        lookup = data_filter.get("developerMetadataLookup")
        if lookup is None:
            continue
        for item in matching_metadata(book, lookup):
            matched.append({"developerMetadata": item, "dataFilters": [data_filter]})
    return {"matchedDeveloperMetadata": matched} if matched else {}
