"""Which files a user's ``files.list`` searches, and how they sort."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..runtime import State
from ._content import text_of
from ._files_model import FOLDER, ROLE_RANK, WRITER, role_of
from ._paging import SortValue
from ._query import Candidate

__all__ = ["candidate", "listable", "sort_key"]

_OWNER = ROLE_RANK["owner"]


def listable(state: State, record: dict[str, Any], me: str) -> bool:
    """In the caller's search corpus: theirs or shared with them (link-only sharing does not count).

    My Drive roots never appear, and since 2020 Drive leaves a trashed file out of every list but its
    owner's.
    """
    if record.get("isRoot"):
        return False
    rank = role_of(state, record, me, discoverable_only=True)
    if rank == 0:
        return False
    return not record.get("trashed") or rank == _OWNER


def _emails_with(state: State, record: dict[str, Any], minimum: int, exact: int | None = None) -> frozenset[str]:
    found = set()
    for perm in record.get("permissions", ()):
        rank = ROLE_RANK.get(str(perm.get("role")), 0)
        if perm.get("emailAddress") and rank >= minimum and (exact is None or rank == exact):
            found.add(str(perm["emailAddress"]).casefold())
    return frozenset(found)


def candidate(state: State, record: dict[str, Any], me: str) -> Candidate:
    """What ``q`` sees of a file, for one user."""
    owner = str(record.get("owner", "")).casefold()
    shared_with_me = owner != me and role_of(state, record, me, discoverable_only=True) > 0
    viewed = record.get("viewedBy", {}).get(me)
    return Candidate(
        name=str(record.get("name", "")),
        mime_type=str(record.get("mimeType", "")),
        parents=frozenset(record.get("parents", ())),
        trashed=bool(record.get("trashed", False)),
        starred=me in record.get("starredBy", ()),
        created=float(record["createdTime"]),
        modified=float(record["modifiedTime"]),
        viewed=float(viewed) if viewed is not None else None,
        full_text=text_of(state, record),
        owners=frozenset({owner}) if owner else frozenset(),
        # Drive's writers include the owner, and its readers everyone who can read
        writers=_emails_with(state, record, WRITER),
        readers=_emails_with(state, record, ROLE_RANK["reader"]),
        shared_with_me=shared_with_me,
        properties=record.get("properties", {}) or {},
        app_properties=record.get("appProperties", {}) or {},
        visibility=_visibility(record),
    )


def _visibility(record: dict[str, Any]) -> str:
    for perm in record.get("permissions", ()):
        if perm.get("type") == "anyone":
            return "anyoneCanFind" if perm.get("allowFileDiscovery") else "anyoneWithLink"
        if perm.get("type") == "domain":
            return "domainCanFind" if perm.get("allowFileDiscovery") else "domainWithLink"
    return "limited"


def sort_key(state: State, me: str, order: list[tuple[str, bool]]) -> Callable[[dict[str, Any]], list[SortValue]]:
    """A key for ``paginate``: the ``orderBy`` values, then creation time and id so the order is total."""

    def value(record: dict[str, Any], field: str) -> SortValue:
        if field in ("name", "name_natural"):
            return str(record.get("name", "")).casefold()
        if field == "folder":
            return 0 if record.get("mimeType") == FOLDER else 1  # folders first, ascending
        if field == "starred":
            return 0 if me in record.get("starredBy", ()) else 1
        if field == "quotaBytesUsed":
            return int(record.get("size", 0) or 0)
        if field == "viewedByMeTime":
            return float(record.get("viewedBy", {}).get(me, 0))
        if field == "modifiedByMeTime":
            return float(record.get("modifiedBy", {}).get(me, 0))
        if field == "sharedWithMeTime":
            return float((record.get("sharedWith", {}).get(me) or {}).get("time", 0))
        if field == "recency":
            return max(float(record["modifiedTime"]), float(record.get("viewedBy", {}).get(me, 0)))
        return float(record.get(field, 0) or 0)

    def key(record: dict[str, Any]) -> list[SortValue]:
        return [*(value(record, name) for name, _ in order), float(record["createdTime"]), str(record["id"])]

    return key
