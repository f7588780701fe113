"""Drive's file state, shared by every Google API the twin serves (a Sheets spreadsheet is a Drive file).

Collections (all JSON records):

- ``users``: id = email; ``{email, displayName, permissionId, rootId, domain}``.
- ``files``: id = file id; Drive metadata plus twin bookkeeping (``owner``, ``permissions``,
  ``starredBy``, ``audience``). Content is *not* here: it lives in ``blobs`` keyed by revision id, and
  ``revisions`` (id = file id) lists a file's revisions, so Sheets/Docs can keep their own content model.
- ``changes``: id = sequence number; what ``changes.list`` replays.
- ``meta``: counters.

Visibility is never stored per user: it is computed from the permissions of a file and its ancestors,
the way Drive inherits a folder's sharing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..runtime import State

__all__ = [
    "FOLDER",
    "ROLE_RANK",
    "ancestors",
    "children",
    "descendants",
    "is_google_type",
    "next_counter",
    "owner_of",
    "record_change",
    "role_of",
    "user",
    "users",
]

FOLDER = "application/vnd.google-apps.folder"
GOOGLE_PREFIX = "application/vnd.google-apps."
ROLE_RANK = {"reader": 1, "commenter": 2, "writer": 3, "fileOrganizer": 4, "organizer": 5, "owner": 6}
WRITER = ROLE_RANK["writer"]


def is_google_type(mime_type: str) -> bool:
    """Docs Editors files, folders, shortcuts: no binary content of their own."""
    return mime_type.startswith(GOOGLE_PREFIX)


def users(state: State) -> list[dict[str, Any]]:
    return state.collection("users").values()


def user(state: State, email: str) -> dict[str, Any] | None:
    return state.collection("users").get(email.casefold())


def next_counter(state: State, name: str, start: int = 1) -> int:
    """A monotonic per-tenant counter (change ids, revision ids)."""
    meta = state.collection("meta")
    record = meta.get("counters") or {}
    value = int(record.get(name, start - 1)) + 1
    meta.put("counters", {**record, name: value})
    return value


def owner_of(record: dict[str, Any]) -> str:
    return str(record.get("owner", ""))


def _direct_role(state: State, record: dict[str, Any], email: str, *, discoverable_only: bool) -> int:
    """The best role one file's own permissions give ``email``.

    ``discoverable_only`` leaves out link sharing (``allowFileDiscovery`` false): such files open for
    anyone with the link but never show up in another user's search, as in Drive.
    """
    who = email.casefold()
    domain = who.rsplit("@", 1)[-1]
    best = 0
    for perm in record.get("permissions", ()):
        kind = perm.get("type")
        if kind == "user":
            hit = str(perm.get("emailAddress", "")).casefold() == who
        elif kind == "group":
            group = state.collection("groups").get(str(perm.get("emailAddress", "")).casefold())
            hit = bool(group) and who in (group or {}).get("members", ())
        elif kind == "domain":
            hit = str(perm.get("domain", "")).casefold() == domain
            hit = hit and (perm.get("allowFileDiscovery", False) or not discoverable_only)
        elif kind == "anyone":
            hit = perm.get("allowFileDiscovery", False) or not discoverable_only
        else:
            hit = False
        if hit:
            best = max(best, ROLE_RANK.get(str(perm.get("role")), 0))
    return best


def ancestors(state: State, record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every folder above a file (each once, cycles cannot loop)."""
    files = state.collection("files")
    seen: set[str] = {str(record["id"])}
    stack = list(record.get("parents", ()))
    while stack:
        parent_id = stack.pop()
        if parent_id in seen:
            continue
        seen.add(parent_id)
        parent = files.get(parent_id)
        if parent is not None:
            yield parent
            stack.extend(parent.get("parents", ()))


def role_of(state: State, record: dict[str, Any], email: str, *, discoverable_only: bool = False) -> int:
    """The requester's effective role rank on a file: its own permissions and every ancestor's."""
    best = _direct_role(state, record, email, discoverable_only=discoverable_only)
    if best == ROLE_RANK["owner"]:
        return best
    for folder in ancestors(state, record):
        best = max(best, _direct_role(state, folder, email, discoverable_only=discoverable_only))
    return best


def role_name(rank: int) -> str:
    for name, value in ROLE_RANK.items():
        if value == rank:
            return name
    return ""


def children(state: State, folder_id: str) -> list[dict[str, Any]]:
    return [r for r in state.collection("files").values() if folder_id in r.get("parents", ())]


def descendants(state: State, folder_id: str) -> list[dict[str, Any]]:
    """Everything below a folder, parents before children."""
    out: list[dict[str, Any]] = []
    seen: set[str] = {folder_id}
    queue = [folder_id]
    while queue:
        current = queue.pop(0)
        for child in children(state, current):
            if child["id"] not in seen:
                seen.add(child["id"])
                out.append(child)
                queue.append(child["id"])
    return out


def audience(state: State, record: dict[str, Any]) -> list[str]:
    """Users who can see the file now, plus everyone who could before (they must hear of its removal)."""
    now_visible = {u["email"] for u in users(state) if role_of(state, record, u["email"]) > 0}
    return sorted(now_visible | set(record.get("audience", ())))


def record_change(state: State, record: dict[str, Any], when: float, *, removed: bool = False) -> None:
    """Append to the change log. Saves ``record`` (with its audience refreshed) unless it was removed."""
    who = audience(state, record)
    seq = next_counter(state, "change", start=1000)
    state.collection("changes").put(
        str(seq), {"seq": seq, "fileId": record["id"], "time": when, "audience": who, "removed": removed}
    )
    if not removed:
        record["audience"] = who
        state.collection("files").put(str(record["id"]), record)


def last_change(state: State) -> int:
    record = state.collection("meta").get("counters") or {}
    return int(record.get("change", 999))
