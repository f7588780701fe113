"""Which groups ``GET /api/v1/groups`` lists: ``q`` (a prefix of the name), ``filter`` and ``search`` (Okta's
SCIM-style expressions, parsed by ``_search``: ``type eq "OKTA_GROUP"``, ``profile.name sw "Eng"``,
``lastUpdated gt "2024-01-01T00:00:00.000Z"``).

``filter`` takes the few top-level attributes the listGroups reference names (id, type, lastUpdated,
lastMembershipUpdated) and compares exactly; ``search`` takes any attribute and compares strings
case-insensitively. A rejected expression is Okta's 400 E0000031 "Invalid search criteria.".
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Group/#tag/Group/operation/listGroups
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._search import SearchError, invalid, parse

Record = dict[str, Any]
Test = Callable[[Record], bool]

_FILTERED = {"id", "type", "lastUpdated", "lastMembershipUpdated", "created"}


def matcher(kind: str, expression: str) -> Test:
    """The test a group must pass for a ``filter`` or ``search`` expression."""
    try:
        if kind == "filter":
            return parse(expression, fields=lambda path: path in _FILTERED, ignore_case=False)
        return parse(expression, ignore_case=True)
    except SearchError as error:
        raise invalid(error) from None


def name_prefix(q: str) -> Test:
    """``q``: groups whose name starts with the text, case-insensitively."""
    lowered = q.lower()
    return lambda group: str((group.get("profile") or {}).get("name") or "").lower().startswith(lowered)
