"""Jira's duration strings: ``1w 2d 3h 30m`` with the site's time tracking defaults, 8 working hours a day and
5 working days a week (https://support.atlassian.com/jira-cloud-administration/docs/configure-time-tracking/)."""

from __future__ import annotations

import re

MINUTE, HOUR = 60, 3600
DAY = 8 * HOUR
WEEK = 5 * DAY
UNITS = {"w": WEEK, "d": DAY, "h": HOUR, "m": MINUTE}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([wdhm])", re.IGNORECASE)


def parse_duration(text: str) -> int | None:
    """Seconds in ``text``, or None when it is not a duration Jira accepts. A bare number is minutes."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"\d+", text):
        return int(text) * MINUTE
    pos, total = 0, 0.0
    for match in _PART.finditer(text):
        if text[pos : match.start()].strip():
            return None
        total += float(match.group(1)) * UNITS[match.group(2).lower()]
        pos = match.end()
    if pos == 0 or text[pos:].strip():
        return None
    return int(total)


def format_duration(seconds: int) -> str:
    """``1w 2d 3h 30m`` as Jira shows ``timeSpent``; ``0m`` for nothing."""
    parts = []
    for unit, size in UNITS.items():
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return " ".join(parts) or "0m"
