"""The site's collections and the small lookups every area shares: sequential numeric ids, users, the clock."""

from __future__ import annotations

import time
from typing import Any

from ..runtime import Context, SeedContext, State
from ._errors import jira_error

FIRST_ID = 10000
"""Jira numbers every object kind from 10000 upwards (issues, projects, comments, worklogs ...)."""


def next_id(state: State, kind: str, first: int = FIRST_ID) -> str:
    """The next numeric id of ``kind``: sequential and never reused, as Jira's database sequences."""
    counters = state.collection("counters")
    record = counters.get(kind) or {"next": first}
    value = int(record["next"])
    counters.put(kind, {"next": value + 1})
    return str(value)


def timestamp(now: float) -> str:
    """Jira's timestamp form: ``2026-12-04T22:58:34.123+0000``."""
    millis = round(now * 1000) % 1000
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{millis:03d}+0000"


def site_record(state: State) -> dict[str, Any]:
    return state.collection("site").get("site") or {"deploymentType": "Cloud"}


def is_cloud(state: State) -> bool:
    return site_record(state).get("deploymentType") == "Cloud"


def me(ctx: Context) -> dict[str, Any]:
    """The user the caller's credential acts as."""
    account = ctx.identity.get("accountId")
    user = ctx.state.collection("users").get(str(account)) if account else None
    if user is None:
        raise jira_error("unauthorized")
    return user


def find_user(state: State, ref: str | None) -> dict[str, Any] | None:
    """A user by account id, username (name/key) or email, as Jira Cloud (accountId) and Server (name) refer to one."""
    if not ref:
        return None
    users = state.collection("users")
    found = users.get(ref)
    if found is not None:
        return found
    lowered = ref.lower()
    for user in users.values():
        if lowered in (user.get("name", "").lower(), user.get("key", "").lower(), user["emailAddress"].lower()):
            return user
    return None


def put_all(ctx: SeedContext, collection: str, records: list[dict[str, Any]], key: str = "id") -> None:
    target = ctx.state.collection(collection)
    for record in records:
        target.put(str(record[key]), record)
