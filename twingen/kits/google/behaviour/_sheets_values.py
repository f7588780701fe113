"""One cell's value in and out: what ``valueInputOption`` makes of a sent value, and what each
``valueRenderOption`` shows (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption,
https://developers.google.com/sheets/api/reference/rest/v4/ValueRenderOption)."""

from __future__ import annotations

from typing import Any

from ._sheets_format import format_number, read_typed

__all__ = ["ERROR_TEXT", "SKIP", "effective", "render", "written"]

SKIP = object()
"""A ``null`` in ``values``: the cell is left as it is."""

ERROR_TEXT = {
    "NULL_VALUE": "#NULL!", "DIV_ZERO": "#DIV/0!", "VALUE": "#VALUE!", "REF": "#REF!", "NAME": "#NAME?",
    "NUM": "#NUM!", "N_A": "#N/A", "ERROR": "#ERROR!", "LOADING": "Loading...",
}  # fmt: skip
_DATES = ("DATE", "TIME", "DATE_TIME")


def written(old: dict[str, Any] | None, value: Any, option: str) -> Any:
    """The cell after writing ``value`` under RAW or USER_ENTERED: a dict, None (emptied), or ``SKIP``."""
    if value is None:
        return SKIP
    cell = {k: v for k, v in (old or {}).items() if k not in ("u", "e")}
    number_format = None
    if isinstance(value, bool):
        entered: dict[str, Any] | None = {"boolValue": value}
    elif isinstance(value, (int, float)):
        entered = {"numberValue": value}
    else:
        text = value if isinstance(value, str) else str(value)
        if text == "":
            entered = None
        elif option != "USER_ENTERED":
            entered = {"stringValue": text}
        elif text.startswith("="):
            entered = {"formulaValue": text}
        elif text.startswith("'"):
            entered = {"stringValue": text[1:]}
        else:
            entered, number_format = read_typed(text)
    if entered is not None:
        cell["u"] = entered
    if number_format and not (cell.get("f") or {}).get("numberFormat"):
        cell["f"] = {**cell.get("f", {}), "numberFormat": number_format}
    return cell or None


def effective(cell: dict[str, Any] | None) -> dict[str, Any] | None:
    """The value a cell shows (a formula's result), as an ExtendedValue; None for an empty cell."""
    if not cell:
        return None
    entered = cell.get("u")
    if entered and "formulaValue" in entered:
        return cell.get("e") or {"stringValue": ""}
    return entered


def _number_format(cell: dict[str, Any]) -> dict[str, Any] | None:
    return (cell.get("f") or {}).get("numberFormat")


def formatted(cell: dict[str, Any], value: dict[str, Any]) -> str:
    if "numberValue" in value:
        return format_number(float(value["numberValue"]), _number_format(cell))
    if "boolValue" in value:
        return "TRUE" if value["boolValue"] else "FALSE"
    if "errorValue" in value:
        return ERROR_TEXT.get(str(value["errorValue"].get("type")), "#ERROR!")
    return str(value.get("stringValue", ""))


def render(cell: dict[str, Any] | None, option: str, date_option: str = "SERIAL_NUMBER") -> Any:
    """The JSON value ``values.get`` answers for one cell; ``""`` for an empty one."""
    if not cell:
        return ""
    entered = cell.get("u") or {}
    if option == "FORMULA" and "formulaValue" in entered:
        return entered["formulaValue"]
    value = effective(cell)
    if value is None:
        return ""
    if option == "FORMATTED_VALUE":
        return formatted(cell, value)
    if "numberValue" in value:
        number = value["numberValue"]
        kind = (_number_format(cell) or {}).get("type")
        if date_option == "FORMATTED_STRING" and kind in _DATES:
            return formatted(cell, value)
        return int(number) if float(number).is_integer() and abs(number) < 2**53 else number
    if "boolValue" in value:
        return bool(value["boolValue"])
    if "errorValue" in value:
        return ERROR_TEXT.get(str(value["errorValue"].get("type")), "#ERROR!")
    return value.get("stringValue", "")
