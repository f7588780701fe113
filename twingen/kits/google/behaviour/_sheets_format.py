"""Numbers as Sheets reads what a user types (USER_ENTERED) and writes them back (FORMATTED_VALUE).

Dates and times are serial numbers: days since 1899-12-30, the fraction the time of day
(https://developers.google.com/sheets/api/guides/formats#about_date_time_values). Typed text that reads as
a number, percentage, currency, date or time becomes a number with the matching number format; the
patterns are Sheets' (https://developers.google.com/sheets/api/guides/formats#number_format_tokens).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from typing import Any

__all__ = ["EPOCH", "format_number", "general", "read_typed", "serial_of"]

EPOCH = datetime(1899, 12, 30)

_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?")
_DATE_FORMS = [
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), "ymd", "yyyy-mm-dd"),
    (re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"), "ymd", "yyyy/mm/dd"),
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})"), "mdy", "M/d/yyyy"),
]
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*([AaPp][Mm])?")


def serial_of(moment: datetime) -> float:
    delta = moment - EPOCH
    return delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000


def _plain(text: str) -> float | None:
    if not text or not _NUMBER.fullmatch(text) or not any(ch.isdigit() for ch in text):
        return None
    return float(text.replace(",", ""))


def _time_part(text: str) -> float | None:
    match = _TIME.fullmatch(text.strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    half = (match.group(5) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return (hour * 3600 + minute * 60 + second) / 86400


def _date_part(text: str) -> tuple[float, str] | None:
    for pattern, order, fmt in _DATE_FORMS:
        match = pattern.fullmatch(text)
        if match:
            a, b, c = (int(g) for g in match.groups())
            y, m, d = (a, b, c) if order == "ymd" else (c, a, b)
            try:
                return float((date(y, m, d) - EPOCH.date()).days), fmt
            except ValueError:
                return None
    return None


def read_typed(text: str) -> tuple[dict[str, Any], dict[str, str] | None]:
    """What Sheets makes of typed text: an ExtendedValue and the number format it implies (or None)."""
    stripped = text.strip()
    upper = stripped.upper()
    if upper in ("TRUE", "FALSE"):
        return {"boolValue": upper == "TRUE"}, None
    number = _plain(stripped)
    if number is not None:
        fmt = {"type": "NUMBER", "pattern": "#,##0.00" if "." in stripped else "#,##0"} if "," in stripped else None
        return {"numberValue": number}, fmt
    if stripped.endswith("%") and (number := _plain(stripped[:-1].strip())) is not None:
        return {"numberValue": number / 100}, {"type": "PERCENT", "pattern": "0.00%" if "." in stripped else "0%"}
    sign = -1 if stripped.startswith("-") else 1
    body = stripped.lstrip("-")
    if body.startswith("$") and (number := _plain(body[1:])) is not None:
        return {"numberValue": sign * number}, {"type": "CURRENCY", "pattern": '"$"#,##0.00'}
    day = _date_part(stripped)
    if day is not None:
        return {"numberValue": day[0]}, {"type": "DATE", "pattern": day[1]}
    head, _, tail = stripped.partition(" ")
    day = _date_part(head)
    clock = _time_part(tail) if tail else None
    if day is not None and clock is not None:
        return {"numberValue": day[0] + clock}, {"type": "DATE_TIME", "pattern": day[1] + " H:mm:ss"}
    clock = _time_part(stripped)
    if clock is not None:
        twelve = bool(re.search(r"[AaPp][Mm]$", stripped))
        return {"numberValue": clock}, {"type": "TIME", "pattern": "h:mm:ss am/pm" if twelve else "H:mm:ss"}
    return {"stringValue": text}, None


def general(number: float) -> str:
    """Sheets' automatic format: integers whole, others to at most 10 significant digits (``1.5``, ``0.3333333333``),
    scientific from 1E+15 up."""
    if isinstance(number, bool):
        return "TRUE" if number else "FALSE"
    if math.isnan(number) or math.isinf(number):
        return "#NUM!"
    if number == int(number) and abs(number) < 1e15:
        return str(int(number))
    if abs(number) >= 1e15:
        mantissa, _, exponent = f"{number:.5E}".partition("E")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}E+{int(exponent):02d}"
    digits = max(0, 10 - max(0, math.floor(math.log10(abs(number))) + 1))
    text = f"{number:.{digits}f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


_DATE_TOKEN = re.compile(r"yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|\\.|\"[^\"]*\"|.", re.IGNORECASE)


def _date_text(number: float, pattern: str) -> str:
    moment = EPOCH + timedelta(days=number)
    moment = moment.replace(microsecond=0) + timedelta(seconds=round(moment.microsecond / 1e6))
    tokens = _DATE_TOKEN.findall(pattern)
    hour12 = any(t.lower() == "am/pm" for t in tokens)
    hour = (moment.hour % 12 or 12) if hour12 else moment.hour
    out: list[str] = []
    for i, token in enumerate(tokens):
        low = token.lower()
        if low in ("m", "mm"):
            before = [t.lower() for t in tokens[:i] if t[:1].isalpha()]
            after = [t.lower() for t in tokens[i + 1 :] if t[:1].isalpha()]
            is_minute = (before and before[-1] in ("h", "hh")) or (after and after[0] in ("s", "ss"))
            value = moment.minute if is_minute else moment.month
            out.append(f"{value:02d}" if low == "mm" else str(value))
        elif low in ("h", "hh"):
            out.append(f"{hour:02d}" if low == "hh" else str(hour))
        elif low == "am/pm":
            out.append("AM" if moment.hour < 12 else "PM")
        else:
            values = {
                "yyyy": f"{moment.year:04d}", "yy": f"{moment.year % 100:02d}", "mmmm": moment.strftime("%B"),
                "mmm": moment.strftime("%b"), "dddd": moment.strftime("%A"), "ddd": moment.strftime("%a"),
                "dd": f"{moment.day:02d}", "d": str(moment.day), "ss": f"{moment.second:02d}", "s": str(moment.second),
            }  # fmt: skip
            out.append(values.get(low, token.strip('"').lstrip("\\")))
    return "".join(out)


def _decimal_text(number: float, pattern: str) -> str:
    """``0``, ``0.00``, ``#,##0.00``, ``0%``, ``"$"#,##0.00``, ``0.00E+00``: the common numeric patterns."""
    section = pattern.split(";")[0]
    percent = "%" in section
    value = number * 100 if percent else number
    prefix = re.match(r'^((?:"[^"]*"|[^#0.,?])*)', section)
    lead = prefix.group(1) if prefix else ""
    core = section[len(lead) :]
    digits_part = re.match(r"[#0,?]*(\.[0#?]*)?(E\+0+)?", core)
    numeric = digits_part.group(0) if digits_part else ""
    tail = core[len(numeric) :]
    decimals = len(digits_part.group(1)) - 1 if digits_part and digits_part.group(1) else 0
    if digits_part and digits_part.group(2):
        text = f"{abs(value):.{decimals}E}"
        mantissa, _, exponent = text.partition("E")
        text = f"{mantissa}E{'+' if int(exponent) >= 0 else '-'}{abs(int(exponent)):02d}"
    else:
        grouped = "," in numeric
        text = f"{abs(value):{',' if grouped else ''}.{decimals}f}"
    sign = "-" if value < 0 and float(text.replace(",", "").split("E")[0] or 0) != 0 else ""
    return sign + lead.replace('"', "") + text + tail.replace('"', "")


def format_number(number: float, number_format: dict[str, Any] | None) -> str:
    """FORMATTED_VALUE of a number under a cell's numberFormat (none: the automatic format)."""
    if not number_format or not number_format.get("pattern"):
        kind = (number_format or {}).get("type", "")
        defaults = {"DATE": "M/d/yyyy", "TIME": "h:mm:ss am/pm", "DATE_TIME": "M/d/yyyy H:mm:ss", "PERCENT": "0.00%"}
        if kind not in defaults:
            return general(number)
        number_format = {"type": kind, "pattern": defaults[kind]}
    pattern = str(number_format["pattern"])
    kind = number_format.get("type", "")
    if pattern == "@" or kind == "TEXT":
        return general(number)
    if kind in ("DATE", "TIME", "DATE_TIME") or re.search(r"[ydhs]", pattern.replace('"', "").lower()):
        try:
            return _date_text(number, pattern)
        except (OverflowError, ValueError):
            return general(number)
    return _decimal_text(number, pattern)
