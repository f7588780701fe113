"""Docs requests on tables: insertTable, insertTableRow, deleteTableRow, insertTableColumn, deleteTableColumn
(https://developers.google.com/docs/api/reference/rest/v1/documents/request).

A new cell is an empty paragraph: 2 units (the cell's own and its newline); a new row is 1 more.
"""

from __future__ import annotations

from typing import Any

from ._docs_args import location, number
from ._docs_edit import DocError, Edit, insert_elements, paragraph_at, segment_of, shift_ranges, shrink_ranges, style_at
from ._docs_model import cells, empty_paragraph, locate
from ._docs_text import run

__all__ = ["TABLE_OPS", "cell_style"]


def cell_style() -> dict[str, Any]:
    """A new cell's style as Docs shows it: no span, no background, 5 pt padding, content at the top."""
    padding = {"magnitude": 5, "unit": "PT"}
    return {"rowSpan": 1, "columnSpan": 1, "backgroundColor": {}, "paddingLeft": dict(padding),
            "paddingRight": dict(padding), "paddingTop": dict(padding), "paddingBottom": dict(padding),
            "contentAlignment": "TOP"}  # fmt: skip


def _cell() -> dict[str, Any]:
    return {"content": [empty_paragraph()], "tableCellStyle": cell_style()}


def _row(columns: int) -> dict[str, Any]:
    return {"tableCells": [_cell() for _ in range(columns)], "tableRowStyle": {"minRowHeight": {"unit": "PT"}}}


def insert_table(edit: Edit, request: dict[str, Any], where: str) -> None:
    """ "A newline character will be inserted before the inserted table": the table goes between the two halves."""
    rows, columns = number(request.get("rows"), f"{where}.rows"), number(request.get("columns"), f"{where}.columns")
    if not (1 <= rows <= 1000 and 1 <= columns <= 20):  # the editor's limits; wording not confirmed
        raise DocError("The table must have at least one row and between 1 and 20 columns.")
    segment_id, index = location(edit.doc, request, where)
    spot = paragraph_at(edit.doc, segment_id, index)
    insert_elements(edit.doc, segment_id, index, [run("\n", style_at(spot, index))])
    widths = [{"widthType": "EVENLY_DISTRIBUTED"} for _ in range(columns)]
    table = {"tableRows": [_row(columns) for _ in range(rows)], "tableStyle": {"tableColumnProperties": widths}}
    spot.container.insert(spot.position + 1, {"table": table})
    size = 1 + rows * (1 + columns * 2)  # the table, each row, each cell and its empty paragraph
    shift_ranges(edit.doc, segment_id, index + 1, size)


def _table_cell(edit: Edit, request: dict[str, Any], where: str) -> tuple[str, int, dict[str, Any], int, int]:
    """(segment id, table start, table, row index, column index) of ``tableCellLocation``."""
    found = request.get("tableCellLocation") or {}
    start_location = found.get("tableStartLocation") or {}
    segment_id = str(start_location.get("segmentId") or "")
    elements = segment_of(edit.doc, segment_id)
    index = number(start_location.get("index"), f"{where}.tableCellLocation.tableStartLocation.index")
    spot = locate(elements, 0, index)
    if spot is None or "table" not in spot.element or spot.start != index:
        raise DocError(f"Invalid table start location. There is no table at index {index}.")  # not confirmed
    table = spot.element["table"]
    row = number(found.get("rowIndex"), f"{where}.tableCellLocation.rowIndex")
    column = number(found.get("columnIndex"), f"{where}.tableCellLocation.columnIndex")
    if not 0 <= row < len(table["tableRows"]) or not 0 <= column < len(table["tableRows"][0]["tableCells"]):
        raise DocError("Invalid table cell location. The cell does not exist.")  # not confirmed wording
    return segment_id, index, table, row, column


def _row_span(table: dict[str, Any], start: int, row: int) -> tuple[int, int]:
    laid = [(cell_start, cell_end) for r, _, cell_start, cell_end, _ in cells(table, start) if r == row]
    return laid[0][0] - 1, laid[-1][1]


def insert_table_row(edit: Edit, request: dict[str, Any], where: str) -> None:
    segment_id, start, table, row, _ = _table_cell(edit, request, where)
    below = bool(request.get("insertBelow"))
    row_start, row_end = _row_span(table, start, row)
    columns = len(table["tableRows"][row]["tableCells"])
    table["tableRows"].insert(row + 1 if below else row, _row(columns))
    shift_ranges(edit.doc, segment_id, row_end if below else row_start, 1 + columns * 2)


def delete_table_row(edit: Edit, request: dict[str, Any], where: str) -> None:
    segment_id, start, table, row, _ = _table_cell(edit, request, where)
    if len(table["tableRows"]) == 1:
        # "If no rows remain in the table after this deletion, the whole table is deleted."
        _drop_table(edit, segment_id, start)
        return
    row_start, row_end = _row_span(table, start, row)
    del table["tableRows"][row]
    shrink_ranges(edit.doc, segment_id, row_start, row_end)


def _drop_table(edit: Edit, segment_id: str, start: int) -> None:
    spot = locate(segment_of(edit.doc, segment_id), 0, start)
    assert spot is not None  # _table_cell found a table here
    del spot.container[spot.position]
    shrink_ranges(edit.doc, segment_id, spot.start, spot.end)


def _column_edges(table: dict[str, Any], start: int, column: int) -> list[tuple[int, int]]:
    """(cell start, cell end) of one column's cells, the last row first (so edits keep earlier indexes)."""
    found = [(cell_start, cell_end) for _, c, cell_start, cell_end, _ in cells(table, start) if c == column]
    return found[::-1]


def insert_table_column(edit: Edit, request: dict[str, Any], where: str) -> None:
    segment_id, start, table, _, column = _table_cell(edit, request, where)
    if len(table["tableRows"][0]["tableCells"]) >= 20:
        raise DocError("The table cannot have more than 20 columns.")  # the editor's limit; wording not confirmed
    right = bool(request.get("insertRight"))
    for cell_start, cell_end in _column_edges(table, start, column):
        shift_ranges(edit.doc, segment_id, cell_end if right else cell_start, 2)
    for row in table["tableRows"]:
        row["tableCells"].insert(column + 1 if right else column, _cell())
    columns = table.setdefault("tableStyle", {}).get("tableColumnProperties")
    if isinstance(columns, list):
        columns.insert(column + 1 if right else column, {"widthType": "EVENLY_DISTRIBUTED"})


def delete_table_column(edit: Edit, request: dict[str, Any], where: str) -> None:
    segment_id, start, table, _, column = _table_cell(edit, request, where)
    if len(table["tableRows"][0]["tableCells"]) == 1:  # as for rows: no column left, no table
        _drop_table(edit, segment_id, start)
        return
    for cell_start, cell_end in _column_edges(table, start, column):
        shrink_ranges(edit.doc, segment_id, cell_start, cell_end)
    for row in table["tableRows"]:
        del row["tableCells"][column]
    columns = table.get("tableStyle", {}).get("tableColumnProperties")
    if isinstance(columns, list) and column < len(columns):
        del columns[column]


TABLE_OPS = {
    "insertTable": insert_table,
    "insertTableRow": insert_table_row,
    "deleteTableRow": delete_table_row,
    "insertTableColumn": insert_table_column,
    "deleteTableColumn": delete_table_column,
}
