"""batchUpdate requests that keep ranges: named and protected ranges, the basic filter and filter views,
conditional formats, developer metadata and row/column groups
(https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request)."""

from __future__ import annotations

import copy
from typing import Any

from ._sheets_batch import Batch, Refused, apply_fields, handles, sheet_or_refuse
from ._sheets_filters import matching_metadata
from ._sheets_render import tidy_range


def _named(batch: Batch) -> list[dict[str, Any]]:
    return batch.book.meta.setdefault("namedRanges", [])  # type: ignore[no-any-return]


def _check_name(batch: Batch, name: str, but: str | None = None) -> None:
    if not name or not (name[0].isalpha() or name[0] == "_") or not all(ch.isalnum() or ch in "_." for ch in name):
        raise Refused(f"Invalid name: {name}.")
    for other in _named(batch):
        if str(other["name"]).casefold() == name.casefold() and other["namedRangeId"] != but:
            raise Refused(f"Named range with name {name} already exists.")


@handles("addNamedRange")
def add_named_range(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    given = dict(request.get("namedRange") or {})
    name = str(given.get("name", ""))
    _check_name(batch, name)
    box = batch.box(given.get("range"))
    named: dict[str, Any] = {
        "namedRangeId": str(given.get("namedRangeId") or batch.fresh_id()),
        "name": name,
        "range": box.grid(),
    }
    _named(batch).append(named)
    return {"addNamedRange": {"namedRange": {**named, "range": tidy_range(named["range"])}}}


def _named_by_id(batch: Batch, named_id: Any) -> dict[str, Any]:
    for named in _named(batch):
        if named["namedRangeId"] == str(named_id):
            return named
    raise Refused(f"No named range with id: {named_id}")


@handles("updateNamedRange")
def update_named_range(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    given = dict(request.get("namedRange") or {})
    named = _named_by_id(batch, given.get("namedRangeId"))
    updated = copy.deepcopy(named)
    apply_fields(updated, given, request.get("fields"))
    updated["namedRangeId"] = named["namedRangeId"]
    if updated.get("name") != named["name"]:
        _check_name(batch, str(updated.get("name", "")), named["namedRangeId"])
    updated["range"] = batch.box(updated.get("range") or {}).grid()
    named.clear()
    named.update(updated)
    return {}


@handles("deleteNamedRange")
def delete_named_range(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    named = _named_by_id(batch, request.get("namedRangeId"))
    _named(batch).remove(named)
    return {}


@handles("addProtectedRange")
def add_protected_range(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    given = copy.deepcopy(request.get("protectedRange") or {})
    if "range" in given:
        box = batch.box(given["range"])
        given["range"] = box.grid()
        sheet = box.sheet
    elif "namedRangeId" in given:
        named = _named_by_id(batch, given["namedRangeId"])
        sheet = sheet_or_refuse(batch, named["range"].get("sheetId", 0))
    else:
        raise Refused("A protected range must have a range or a named range.")
    given = {"protectedRangeId": batch.fresh_id(given.get("protectedRangeId")), **given}
    given["requestingUserCanEdit"] = True  # the caller may edit: it had to, to protect the range
    given.setdefault("editors", {})
    out = copy.deepcopy(given)  # the reply shows the editors as sent; the owner joins them afterwards
    if "range" in out:
        out["range"] = tidy_range(out["range"])
    users = given["editors"].setdefault("users", [])
    if batch.owner and batch.owner not in users:
        users.insert(0, batch.owner)
    sheet.setdefault("protectedRanges", []).append(given)
    return {"addProtectedRange": {"protectedRange": out}}


def _protected(batch: Batch, protected_id: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    for sheet in batch.book.sheets:
        for item in sheet.get("protectedRanges", []):
            if int(item["protectedRangeId"]) == int(protected_id or 0):
                return sheet, item
    raise Refused(f"No protected range with id: {protected_id}")


@handles("updateProtectedRange")
def update_protected_range(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    given = dict(request.get("protectedRange") or {})
    _, item = _protected(batch, given.get("protectedRangeId"))
    apply_fields(item, given, request.get("fields"))
    return {}


@handles("deleteProtectedRange")
def delete_protected_range(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    sheet, item = _protected(batch, request.get("protectedRangeId"))
    sheet["protectedRanges"].remove(item)
    return {}


@handles("setBasicFilter")
def set_basic_filter(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    given = copy.deepcopy(request.get("filter") or {})
    box = batch.box(given.get("range"))
    given["range"] = box.grid()
    box.sheet["basicFilter"] = given
    return {}


@handles("clearBasicFilter")
def clear_basic_filter(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    sheet = sheet_or_refuse(batch, request.get("sheetId", 0))
    sheet.pop("basicFilter", None)
    return {}


@handles("addFilterView")
def add_filter_view(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    given = copy.deepcopy(request.get("filter") or {})
    box = batch.box(given.get("range"))
    given["range"] = box.grid()
    given["filterViewId"] = batch.fresh_id(given.get("filterViewId"))
    box.sheet.setdefault("filterViews", []).append(given)
    return {"addFilterView": {"filter": {**copy.deepcopy(given), "range": tidy_range(given["range"])}}}


@handles("deleteFilterView")
def delete_filter_view(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    for sheet in batch.book.sheets:
        views = sheet.get("filterViews", [])
        for view in views:
            if int(view["filterViewId"]) == int(request.get("filterId", 0) or 0):
                views.remove(view)
                return {}
    raise Refused(f"No filter with id: {request.get('filterId')}")


@handles("addConditionalFormatRule")
def add_conditional_format_rule(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    rule = copy.deepcopy(request.get("rule") or {})
    ranges = [batch.box(grid) for grid in rule.get("ranges") or []]
    if not ranges:
        raise Refused("A conditional format rule must have at least one range.")
    rule["ranges"] = [box.grid() for box in ranges]
    rules = ranges[0].sheet.setdefault("conditionalFormats", [])
    rules.insert(max(0, min(int(request.get("index", 0) or 0), len(rules))), rule)
    return {}


@handles("deleteConditionalFormatRule")
def delete_conditional_format_rule(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    sheet = sheet_or_refuse(batch, request.get("sheetId", 0))
    rules = sheet.get("conditionalFormats", [])
    index = int(request.get("index", 0) or 0)
    if not 0 <= index < len(rules):
        raise Refused(f"No conditional format on sheet {sheet['properties']['sheetId']} at index {index}")
    return {"deleteConditionalFormatRule": {"rule": rules.pop(index)}}


@handles("createDeveloperMetadata")
def create_developer_metadata(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    item = copy.deepcopy(request.get("developerMetadata") or {})
    item["metadataId"] = batch.fresh_id(item.get("metadataId"))
    location = item.get("location") or {"spreadsheet": True}
    if location.get("spreadsheet"):
        location = {"locationType": "SPREADSHEET", "spreadsheet": True}
        batch.book.meta.setdefault("developerMetadata", []).append(item)
    elif "sheetId" in location:
        location = {"locationType": "SHEET", "sheetId": location["sheetId"]}
        sheet_or_refuse(batch, location["sheetId"]).setdefault("developerMetadata", []).append(item)
    elif "dimensionRange" in location:
        dims = location["dimensionRange"]
        kind = "ROW" if dims.get("dimension") == "ROWS" else "COLUMN"
        location = {"locationType": kind, "dimensionRange": dims}
        sheet_or_refuse(batch, dims.get("sheetId", 0)).setdefault("developerMetadata", []).append(item)
    else:
        raise Refused("Developer metadata must have a location.")
    item["location"] = location
    item.setdefault("visibility", "DOCUMENT")
    return {"createDeveloperMetadata": {"developerMetadata": copy.deepcopy(item)}}


@handles("updateDeveloperMetadata")
def update_developer_metadata(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    given = dict(request.get("developerMetadata") or {})
    found = [m for f in request.get("dataFilters") or [] for m in _lookup(batch, f)]
    for item in found:
        apply_fields(item, given, request.get("fields"))
    return {"updateDeveloperMetadata": {"developerMetadata": copy.deepcopy(found)}}


def _lookup(batch: Batch, data_filter: dict[str, Any]) -> list[dict[str, Any]]:
    return matching_metadata(batch.book, data_filter.get("developerMetadataLookup") or {})


@handles("deleteDeveloperMetadata")
def delete_developer_metadata(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    doomed = _lookup(batch, request.get("dataFilter") or {})
    ids = {int(m["metadataId"]) for m in doomed}
    holders = [batch.book.meta, *batch.book.sheets]
    for holder in holders:
        if holder.get("developerMetadata"):
            holder["developerMetadata"] = [m for m in holder["developerMetadata"] if int(m["metadataId"]) not in ids]
    return {"deleteDeveloperMetadata": {"deletedDeveloperMetadata": copy.deepcopy(doomed)}}


def _groups(sheet: dict[str, Any], dimension: str) -> list[dict[str, Any]]:
    return sheet.setdefault("rowGroups" if dimension == "ROWS" else "columnGroups", [])  # type: ignore[no-any-return]


def _redepth(groups: list[dict[str, Any]]) -> None:
    for group in groups:
        r = group["range"]
        group["depth"] = sum(
            1 for other in groups
            if other["range"]["startIndex"] <= r["startIndex"] and r["endIndex"] <= other["range"]["endIndex"]
        )  # fmt: skip
    groups.sort(key=lambda g: (g["depth"], g["range"]["startIndex"]))


@handles("addDimensionGroup")
def add_dimension_group(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    dims = dict(request.get("range") or {})
    sheet = sheet_or_refuse(batch, dims.get("sheetId", 0))
    dimension = str(dims.get("dimension", "ROWS"))
    groups = _groups(sheet, dimension)
    span = {
        "sheetId": int(dims.get("sheetId", 0) or 0),
        "dimension": dimension,
        "startIndex": int(dims.get("startIndex", 0) or 0),
        "endIndex": int(dims.get("endIndex", 0) or 0),
    }
    if any(g["range"] == span for g in groups):
        raise Refused("A group with this range already exists.")
    groups.append({"range": span, "depth": 1})
    _redepth(groups)
    # the group's toggle sits after it unless set otherwise, and Sheets says so from the first group on
    control = "rowGroupControlAfter" if dimension == "ROWS" else "columnGroupControlAfter"
    sheet["properties"].setdefault("gridProperties", {}).setdefault(control, True)
    return {"addDimensionGroup": {"dimensionGroups": [_shown(g) for g in groups]}}


def _shown(group: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(group)
    if not out["range"].get("sheetId"):
        out["range"].pop("sheetId", None)
    return out


@handles("deleteDimensionGroup")
def delete_dimension_group(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    dims = dict(request.get("range") or {})
    sheet = sheet_or_refuse(batch, dims.get("sheetId", 0))
    dimension = str(dims.get("dimension", "ROWS"))
    groups = _groups(sheet, dimension)
    start, end = int(dims.get("startIndex", 0) or 0), int(dims.get("endIndex", 0) or 0)
    hits = [g for g in groups if g["range"]["startIndex"] == start and g["range"]["endIndex"] == end]
    if not hits:
        raise Refused("No group exists for the specified range.")
    groups.remove(hits[-1])
    _redepth(groups)
    if not groups:
        sheet.pop("rowGroups" if dimension == "ROWS" else "columnGroups", None)
    left = [_shown(g) for g in groups]
    return {"deleteDimensionGroup": {"dimensionGroups": left} if left else {}}


@handles("updateDimensionGroup")
def update_dimension_group(batch: Batch, request: dict[str, Any]) -> dict[str, Any]:
    given = dict(request.get("dimensionGroup") or {})
    dims = given.get("range") or {}
    sheet = sheet_or_refuse(batch, dims.get("sheetId", 0))
    for group in _groups(sheet, str(dims.get("dimension", "ROWS"))):
        if group["range"]["startIndex"] == dims.get("startIndex", 0) and group["range"]["endIndex"] == dims.get(
            "endIndex"
        ):
            apply_fields(group, given, request.get("fields"))
            return {}
    raise Refused("No group exists for the specified range.")
