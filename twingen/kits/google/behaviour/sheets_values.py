"""``sheets.spreadsheets.values.*``: get, update, append, clear and their batch and data-filter forms
(https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values)."""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from ._sheets_append import append
from ._sheets_book import edited, open_book
from ._sheets_errors import bad
from ._sheets_filters import boxes_of_filter
from ._sheets_formulas import recalculate
from ._sheets_grid import Written, clear_box, input_option, read_box, render_options, write_box
from ._sheets_model import Book
from ._sheets_ranges import Box, resolve
from ._sheets_request import body_of


def _value_range(box: Box, values: list[list[Any]], major: str) -> dict[str, Any]:
    out: dict[str, Any] = {"range": box.a1(), "majorDimension": major}
    if values:
        out["values"] = values
    return out


def _save(ctx: Context, book: Book) -> None:
    recalculate(book)
    book.commit()
    edited(ctx, book.id)


def _ranges(ctx: Context, body: dict[str, Any] | None = None) -> list[str]:
    value = (body or {}).get("ranges", ctx.params.get("ranges"))
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


@behaviour("sheets.spreadsheets.values.get")
def values_get(ctx: Context) -> Any:
    book, _ = open_book(ctx, str(ctx.params["spreadsheetId"]))
    major, option, dates = render_options(ctx.params)
    box = resolve(book, str(ctx.params["range"]))
    return _value_range(box, read_box(book, box, major, option, dates), major)


@behaviour("sheets.spreadsheets.values.batchGet")
def values_batch_get(ctx: Context) -> Any:
    book, _ = open_book(ctx, str(ctx.params["spreadsheetId"]))
    major, option, dates = render_options(ctx.params)
    boxes = [resolve(book, text) for text in _ranges(ctx)]
    ranges = [_value_range(b, read_box(book, b, major, option, dates), major) for b in boxes]
    return {"spreadsheetId": book.id, "valueRanges": ranges}


def _updated(ctx: Context, book: Book, written: Written, include: bool, major: str) -> dict[str, Any]:
    answer = written.answer(book.id)
    if include:
        _, option, dates = render_options(
            ctx.params, {"valueRenderOption": ctx.params.get("responseValueRenderOption")}
        )
        answer["updatedData"] = _value_range(written.box, read_box(book, written.box, major, option, dates), major)
    return answer


@behaviour("sheets.spreadsheets.values.update")
def values_update(ctx: Context) -> Any:
    book, _ = open_book(ctx, str(ctx.params["spreadsheetId"]), write=True)
    body = body_of(ctx)
    option = input_option(ctx.params.get("valueInputOption"))
    major, _, _ = render_options({}, {"majorDimension": body.get("majorDimension")})
    box = resolve(book, str(ctx.params["range"]))
    written = write_box(book, box, body.get("values"), major, option)
    _save(ctx, book)
    return _updated(ctx, book, written, _flag(ctx, "includeValuesInResponse"), major)


def _flag(ctx: Context, name: str, body: dict[str, Any] | None = None) -> bool:
    value = (body or {}).get(name, ctx.params.get(name))
    return value is True or str(value).lower() == "true"


@behaviour("sheets.spreadsheets.values.batchUpdate")
def values_batch_update(ctx: Context) -> Any:
    book, _ = open_book(ctx, str(ctx.params["spreadsheetId"]), write=True)
    body = body_of(ctx)
    option = input_option(body.get("valueInputOption"))
    data = body.get("data") or []
    targets = [(resolve(book, str(item.get("range", ""))), item) for item in data]
    return _batch_write(ctx, book, body, option, targets)


def _batch_write(
    ctx: Context, book: Book, body: dict[str, Any], option: str, targets: list[tuple[Box, dict[str, Any]]]
) -> dict[str, Any]:
    include = _flag(ctx, "includeValuesInResponse", body)
    responses, sheets = [], set()
    totals = {"rows": 0, "columns": 0, "cells": 0}
    for box, item in targets:
        major, _, _ = render_options({}, {"majorDimension": item.get("majorDimension")})
        written = write_box(book, box, item.get("values"), major, option)
        responses.append((written, major))
        totals["rows"] += written.rows
        totals["columns"] += written.columns
        totals["cells"] += written.cells
        if written.cells:
            sheets.add(box.sheet_id)
    _save(ctx, book)
    answer: dict[str, Any] = {"spreadsheetId": book.id}
    if totals["cells"]:
        answer.update(
            totalUpdatedRows=totals["rows"],
            totalUpdatedColumns=totals["columns"],
            totalUpdatedCells=totals["cells"],
            totalUpdatedSheets=len(sheets),
        )
    if responses:
        answer["responses"] = [_updated(ctx, book, w, include, m) for w, m in responses]
    return answer


@behaviour("sheets.spreadsheets.values.append")
def values_append(ctx: Context) -> Any:
    book, _ = open_book(ctx, str(ctx.params["spreadsheetId"]), write=True)
    body = body_of(ctx)
    option = input_option(ctx.params.get("valueInputOption"))
    insert = str(ctx.params.get("insertDataOption") or "OVERWRITE")
    if insert not in ("OVERWRITE", "INSERT_ROWS"):
        kind = "type.googleapis.com/google.apps.sheets.v4.InsertDataOption"
        raise bad(f"Invalid value at 'insert_data_option' ({kind}), \"{insert}\"")
    major, _, _ = render_options({}, {"majorDimension": body.get("majorDimension")})
    box = resolve(book, str(ctx.params["range"]))
    table, written = append(book, box, body.get("values"), major, option, insert)
    _save(ctx, book)
    answer: dict[str, Any] = {"spreadsheetId": book.id}
    if table is not None:
        answer["tableRange"] = table.a1()
    answer["updates"] = _updated(ctx, book, written, _flag(ctx, "includeValuesInResponse"), major)
    return answer


@behaviour("sheets.spreadsheets.values.clear")
def values_clear(ctx: Context) -> Any:
    book, _ = open_book(ctx, str(ctx.params["spreadsheetId"]), write=True)
    box = resolve(book, str(ctx.params["range"]))
    clear_box(book, box)
    _save(ctx, book)
    return {"spreadsheetId": book.id, "clearedRange": box.a1()}


@behaviour("sheets.spreadsheets.values.batchClear")
def values_batch_clear(ctx: Context) -> Any:
    book, _ = open_book(ctx, str(ctx.params["spreadsheetId"]), write=True)
    boxes = [resolve(book, text) for text in _ranges(ctx, body_of(ctx))]
    for box in boxes:
        clear_box(book, box)
    _save(ctx, book)
    return {"spreadsheetId": book.id, "clearedRanges": [b.a1() for b in boxes]}


@behaviour("sheets.spreadsheets.values.batchGetByDataFilter")
def values_batch_get_by_filter(ctx: Context) -> Any:
    book, _ = open_book(ctx, str(ctx.params["spreadsheetId"]))
    body = body_of(ctx)
    major, option, dates = render_options({}, body)
    out = []
    for data_filter in body.get("dataFilters") or []:
        for box in boxes_of_filter(book, data_filter):
            value_range = _value_range(box, read_box(book, box, major, option, dates), major)
            out.append({"valueRange": value_range, "dataFilters": [data_filter]})
    return {"spreadsheetId": book.id, "valueRanges": out}


@behaviour("sheets.spreadsheets.values.batchUpdateByDataFilter")
def values_batch_update_by_filter(ctx: Context) -> Any:
    book, _ = open_book(ctx, str(ctx.params["spreadsheetId"]), write=True)
    body = body_of(ctx)
    option = input_option(body.get("valueInputOption"))
    targets = [
        (box, item) for item in body.get("data") or [] for box in boxes_of_filter(book, item.get("dataFilter") or {})
    ]
    answer = _batch_write(ctx, book, body, option, targets)
    for response, (_, item) in zip(answer.get("responses", []), targets, strict=False):
        response["dataFilter"] = item.get("dataFilter")
    return answer


@behaviour("sheets.spreadsheets.values.batchClearByDataFilter")
def values_batch_clear_by_filter(ctx: Context) -> Any:
    book, _ = open_book(ctx, str(ctx.params["spreadsheetId"]), write=True)
    boxes = [box for f in body_of(ctx).get("dataFilters") or [] for box in boxes_of_filter(book, f)]
    for box in boxes:
        clear_box(book, box)
    _save(ctx, book)
    return {"spreadsheetId": book.id, "clearedRanges": [b.a1() for b in boxes]}
