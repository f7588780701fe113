"""PATCH bodies of both SCIM versions, read into plain attribute changes.

v1.1 (docs.slack.dev/reference/scim-api/scim-api-1.1, PATCH): the body is a partial resource; ``meta.attributes``
lists attributes to clear; group ``members`` entries with ``"operation": "delete"`` leave the group.
v2.0 (RFC 7644 3.5.2, as Slack's v2.0 reference shows it): ``{"schemas": [PatchOp], "Operations": [{"op": "add" |
"replace" | "remove", "path"?, "value"?}]}``; ``op`` in any case; a path of ``a.b`` sets a nested attribute,
``emails[type eq "work"].value`` the email, ``members[value eq "W123"]`` one member.
"""

from __future__ import annotations

import re
from typing import Any

from ._scim_errors import ScimRefusal

Record = dict[str, Any]
_CLEARED = {"title": "", "displayName": "", "nickName": "", "externalId": "", "phoneNumbers": [], "addresses": [],
            "roles": [], "userType": "", "preferredLanguage": "", "locale": ""}  # fmt: skip
_MEMBER = re.compile(r'^members\[value eq "([^"]+)"\]$', re.IGNORECASE)
_EMAIL = re.compile(r"^emails(\[.*\])?(\.value)?$", re.IGNORECASE)


def _operations(body: Record) -> list[Record]:
    found = body.get("Operations")
    if not isinstance(found, list) or not found or not all(isinstance(o, dict) for o in found):
        raise ScimRefusal("invalid_operation")
    return found


def _op(operation: Record) -> str:
    op = str(operation.get("op") or "").lower()
    if op not in ("add", "replace", "remove"):
        raise ScimRefusal("invalid_operation")
    return op


def user_changes(body: Record, version: str) -> Record:
    """The attributes a PATCH sets (a cleared one set to its empty value)."""
    changes: Record = {}
    if version == "v1":
        changes.update((k, v) for k, v in body.items() if k not in ("schemas", "meta", "id"))
        for cleared in (body.get("meta") or {}).get("attributes") or ():
            if cleared in _CLEARED:
                changes[cleared] = _CLEARED[cleared]
        return changes
    for operation in _operations(body):
        op, path, value = _op(operation), str(operation.get("path") or ""), operation.get("value")
        if not path:
            if op == "remove" or not isinstance(value, dict):
                raise ScimRefusal("invalid_operation")
            changes.update(value)
        elif op == "remove":
            if path not in _CLEARED:
                raise ScimRefusal("invalid_operation")
            changes[path] = _CLEARED[path]
        elif _EMAIL.match(path):
            email = value if isinstance(value, str) else None
            if isinstance(value, list) and value and isinstance(value[0], dict):
                email = value[0].get("value")
            changes["emails"] = [{"value": email, "primary": True}] if email else []
        elif "." in path:
            head, _, tail = path.partition(".")
            changes.setdefault(head, {})[tail] = value
        else:
            changes[path] = value
    return changes


def group_changes(body: Record, version: str, members: list[str]) -> tuple[str | None, list[str]]:
    """The new ``displayName`` (None: unchanged) and member list a group PATCH asks for."""
    kept = list(members)
    name: str | None = None
    if version == "v1":
        name = str(body["displayName"]) if body.get("displayName") is not None else None
        if "members" in ((body.get("meta") or {}).get("attributes") or ()):
            kept = []
        given = body.get("members")
        for member in given if isinstance(given, list) else ():
            if not isinstance(member, dict):
                raise ScimRefusal("invalid_members")
            member_id = str(member.get("value", ""))
            if member.get("operation") == "delete":
                kept = [m for m in kept if m != member_id]
            elif member_id and member_id not in kept:
                kept.append(member_id)
        return name, kept
    for operation in _operations(body):
        op, path, value = _op(operation), str(operation.get("path") or ""), operation.get("value")
        single = _MEMBER.match(path)
        if path.lower() == "displayname" and op != "remove":
            name = str(value or "")
        elif not path and op != "remove" and isinstance(value, dict):
            name = str(value["displayName"]) if "displayName" in value else name
            kept = _merged(kept, value.get("members"), replace=op == "replace")
        elif path.lower() == "members" and op == "remove":
            drop = {str(m.get("value")) for m in value or () if isinstance(m, dict)} if value else set(kept)
            kept = [m for m in kept if m not in drop]
        elif single and op == "remove":
            kept = [m for m in kept if m != single.group(1)]
        elif path.lower() == "members":
            kept = _merged(kept, value, replace=op == "replace")
        else:
            raise ScimRefusal("invalid_operation")
    return name, kept


def _merged(kept: list[str], value: Any, *, replace: bool) -> list[str]:
    if value is None:
        return kept
    given = (
        [str(m.get("value")) for m in value if isinstance(m, dict) and m.get("value")]
        if isinstance(value, list)
        else []
    )
    base = [] if replace else list(kept)
    return base + [m for m in given if m not in base]
