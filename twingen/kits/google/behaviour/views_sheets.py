"""Views of Google Sheets as its users see them: the spreadsheets, and one sheet as a grid of its computed
values (``FORMATTED_VALUE``, as the editor shows them), each formula cell's formula in its ``title`` (on hover).

They read ``spreadsheets`` and ``sheet_rows`` through a ``Book`` that is never committed; nothing changes.
"""

from __future__ import annotations

from typing import Any

from ..runtime import view
from ..runtime.control.ui.html import Child, Safe, h
from ..runtime.control.ui.views import ViewContext
from ._sheets_a1 import col_letters
from ._sheets_model import BOOKS, SPREADSHEET, Book, col_count, row_count
from ._sheets_values import render
from .views_drive import person

MAX_ROWS = 200
MAX_COLS = 52
"""A view shows at most this much of a sheet (the rest is counted): a page, not an export."""


@view("sheets", title="Spreadsheets")
def sheets_view(ctx: ViewContext) -> Safe:
    rows = []
    for record in ctx.state.collection("files").values():
        if record.get("mimeType") != SPREADSHEET:
            continue
        meta = ctx.state.collection(BOOKS).get(str(record["id"])) or {}
        tabs = [str(s["properties"].get("title")) for s in meta.get("sheets", ())]
        rows.append(
            (
                ctx.link("sheet", str(record.get("name") or record["id"]), id=record["id"]),
                ctx.id(record["id"]),
                person(ctx, record.get("owner")),
                ", ".join(tabs) or h("span", {"class_": "muted"}, "not opened through Sheets yet"),
            )
        )
    return ctx.table(("spreadsheet", "id", "owner", "sheets"), rows, id="spreadsheets")


@view("sheet", title="Spreadsheet", listed=False)
def sheet_view(ctx: ViewContext) -> Safe:
    book_id = ctx.params.get("id", "")
    record = ctx.state.collection("files").get(book_id)
    meta = ctx.state.collection(BOOKS).get(book_id)
    if record is None or record.get("mimeType") != SPREADSHEET:
        ctx.missing(f"no spreadsheet {book_id!r} in this tenant")
    ctx.title = str(record.get("name") or book_id)
    if meta is None:
        return h("p", {"class_": "muted"}, "Made through Drive and not opened through Sheets yet: no cells.")
    book = Book(ctx.state, book_id, meta)
    ordered = sorted(book.sheets, key=lambda s: int(s["properties"].get("index", 0)))
    wanted = ctx.params.get("sheet")
    chosen = next((s for s in ordered if str(s["properties"]["sheetId"]) == wanted), ordered[0] if ordered else None)
    tabs = [
        h("span", {"class_": "tag" if s is not chosen else "tag on"},
          ctx.link("sheet", str(s["properties"].get("title")), id=book_id, sheet=s["properties"]["sheetId"]))
        for s in ordered
    ]  # fmt: skip
    head: list[Child] = [
        h("p", None, ctx.id(book_id), " · owner ", person(ctx, record.get("owner")), " · ",
          ctx.link("file", "Drive file", id=book_id)),
        h("p", {"class_": "tabs"}, "sheets: ", tabs),
    ]  # fmt: skip
    if chosen is None:
        return h("div", None, head)
    return h("div", None, head, _grid(ctx, book, chosen))


def _grid(ctx: ViewContext, book: Book, sheet: dict[str, Any]) -> Safe:
    sid = int(sheet["properties"]["sheetId"])
    rows, cols = row_count(sheet), col_count(sheet)
    filled: list[tuple[int, list[Any]]] = []
    width = 0
    for r in range(min(rows, MAX_ROWS)):
        cells = book.row(sid, r) or []
        filled.append((r, cells))
        if any(cells):
            width = max(width, max(c for c, cell in enumerate(cells) if cell) + 1)
    last = max((r for r, cells in filled if any(cells)), default=-1)
    width = min(max(width, 1), MAX_COLS, cols or 1)
    head = h("tr", None, h("th", None, ""), [h("th", None, col_letters(c)) for c in range(width)])
    body = []
    for r, cells in filled[: max(last + 1, 1)]:
        tds = []
        for c in range(width):
            cell = cells[c] if c < len(cells) else None
            formula = ((cell or {}).get("u") or {}).get("formulaValue")
            shown = render(cell, "FORMATTED_VALUE")
            attrs = {"title": formula, "class_": "formula"} if formula else {}
            tds.append(h("td", {**attrs, "data_cell": f"{col_letters(c)}{r + 1}"}, str(shown)))
        body.append(h("tr", None, h("th", None, str(r + 1)), tds))
    note = f"{rows:,} rows x {cols:,} columns"
    if rows > MAX_ROWS or cols > MAX_COLS:
        note += f" (a view shows up to {MAX_ROWS} rows and {MAX_COLS} columns)"
    title = str(sheet["properties"].get("title"))
    return h(
        "div",
        None,
        h("h3", None, title, " ", ctx.id(sid)),
        h("p", {"class_": "muted"}, note, " · formula cells are green: hover for the formula"),
        h("table", {"class_": "grid", "id": "grid"}, head, body),
    )
