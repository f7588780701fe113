"""DataFilters: which boxes an ``a1Range``, a ``gridRange`` or a ``developerMetadataLookup`` selects
(https://developers.google.com/sheets/api/reference/rest/v4/DataFilter)."""

from __future__ import annotations

from typing import Any

from ._sheets_errors import bad
from ._sheets_model import Book, col_count, row_count
from ._sheets_ranges import Box, box_of_grid, resolve

__all__ = ["boxes_of_filter", "matching_metadata"]


def _all_metadata(book: Book) -> list[dict[str, Any]]:
    found = list(book.meta.get("developerMetadata", []))
    for sheet in book.sheets:
        found.extend(sheet.get("developerMetadata", []))
    return found


def matching_metadata(book: Book, lookup: dict[str, Any]) -> list[dict[str, Any]]:
    """Developer metadata a DeveloperMetadataLookup names (every given criterion must match)."""
    out = []
    for item in _all_metadata(book):
        if "metadataId" in lookup and str(lookup["metadataId"]) != str(item.get("metadataId", "")):
            continue
        if "metadataKey" in lookup and lookup["metadataKey"] != item.get("metadataKey"):
            continue
        if "metadataValue" in lookup and lookup["metadataValue"] != item.get("metadataValue"):
            continue
        if "visibility" in lookup and lookup["visibility"] != item.get("visibility"):
            continue
        kind = lookup.get("locationType")
        if kind and kind != item.get("location", {}).get("locationType"):
            continue
        out.append(item)
    return out


def _box_of_location(book: Book, location: dict[str, Any]) -> Box | None:
    if "sheetId" in location:
        sheet = book.sheet(int(location["sheetId"]))
        return Box(sheet, 0, row_count(sheet), 0, col_count(sheet)) if sheet else None
    dims = location.get("dimensionRange")
    if dims:
        sheet = book.sheet(int(dims.get("sheetId", 0)))
        if sheet is None:
            return None
        start, end = int(dims.get("startIndex", 0)), dims.get("endIndex")
        if dims.get("dimension") == "COLUMNS":
            return Box(sheet, 0, row_count(sheet), start, int(end) if end is not None else col_count(sheet))
        return Box(sheet, start, int(end) if end is not None else row_count(sheet), 0, col_count(sheet))
    return None


def boxes_of_filter(book: Book, data_filter: dict[str, Any]) -> list[Box]:
    if "a1Range" in data_filter:
        return [resolve(book, str(data_filter["a1Range"]))]
    if "gridRange" in data_filter:
        return [box_of_grid(book, dict(data_filter["gridRange"]))]
    if "developerMetadataLookup" in data_filter:
        boxes = [
            _box_of_location(book, m.get("location", {}))
            for m in matching_metadata(book, data_filter["developerMetadataLookup"])
        ]
        return [b for b in boxes if b is not None]
    raise bad("Invalid dataFilter: one of a1Range, gridRange or developerMetadataLookup must be set.")
