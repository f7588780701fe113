"""The org's audit trail: every change the twin makes, as an Audit Logs API entry (``audit.py`` serves them).

Code that changes the workspace calls ``record(ctx, action, entity)`` (users, channels, joins, files, apps,
SCIM); the actor is the caller. An entry is Slack's shape (docs.slack.dev/reference/audit-logs-api/
methods-actions-reference, "Response"): ``id, date_create, action, actor{type: user, user{id, name, email,
team}}, entity{type, <type>{...}}, context{location{type, id, name, domain}, ua, ip_address, session_id}``.
Entries are kept in time order under a zero-padded sequence number, so the newest come first when read back.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..runtime import Context, SeedContext

Record = dict[str, Any]

ENTRIES = "audit_entries"
_META = "_audit_meta"
SLACK_USER = "USLACKUSER"
"""The actor Slack names when no person did it (a system change: seeded history, an expiry)."""


def record(ctx: Context | SeedContext, action: str, entity: Record, *, actor: str | None = None,
           when: int | None = None, details: Record | None = None) -> None:  # fmt: skip
    """Note ``action`` on ``entity`` (``user_entity``, ``channel_entity``...) by ``actor`` (default: the caller)."""
    state = ctx.state
    meta = state.collection(_META)
    counter = meta.get("seq") or {"n": 0}
    counter["n"] = int(counter["n"]) + 1
    meta.put("seq", counter)
    seq = counter["n"]
    actor_id = actor if actor is not None else _caller_id(ctx)
    digest = hashlib.sha256(f"audit:{ctx.tenant}:{seq}".encode()).hexdigest()
    entry: Record = {
        "id": f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}",
        "date_create": int(when if when is not None else ctx.now()),
        "action": action,
        "actor": {"type": "user", "user": _person(state, actor_id)},
        "entity": entity,
        "context": _context(ctx, actor_id),
    }
    if details:
        entry["details"] = details
    state.collection(ENTRIES).put(f"{seq:012d}", entry)


def _caller_id(ctx: Context | SeedContext) -> str:
    principal = getattr(ctx, "principal", None)
    return str(principal.principal.get("user_id") or SLACK_USER) if principal is not None else SLACK_USER


def _person(state: Any, user_id: str) -> Record:
    user = state.collection("users").get(user_id) or {}
    team = user.get("team_id") or (state.collection("team").get("team") or {}).get("id", "")
    if not user:
        return {"id": user_id, "name": "Slack", "email": "", "team": team}
    email = (user.get("profile") or {}).get("email", "")
    return {"id": user_id, "name": user.get("name", ""), "email": email, "team": team}


def _context(ctx: Context | SeedContext, actor_id: str) -> Record:
    """Where it happened: the org when the workspace belongs to one (Grid), else the workspace."""
    state = ctx.state
    org = state.collection("org").get("org")
    team = state.collection("team").get("team") or {}
    if org:
        location = {"type": "enterprise", "id": org["id"], "name": org["name"], "domain": org["domain"]}
    else:
        location = {"type": "workspace", "id": team.get("id", ""), "name": team.get("name", ""),
                    "domain": team.get("domain", "")}  # fmt: skip
    headers = getattr(ctx, "headers", None) or {}
    session = hashlib.sha256(f"session:{ctx.tenant}:{actor_id}".encode()).hexdigest()
    return {"location": location, "ua": headers.get("user-agent", ""), "ip_address": "127.0.0.1",
            "session_id": str(int(session[:12], 16))}  # fmt: skip


# -- entities (the ``schemas`` endpoint lists these shapes) ----------------------------------------------
def user_entity(user: Record) -> Record:
    email = (user.get("profile") or {}).get("email", "")
    shown = {"id": user.get("id", ""), "name": user.get("name", ""), "email": email, "team": user.get("team_id", "")}
    return {"type": "user", "user": shown}


def channel_entity(channel: Record) -> Record:
    privacy = "private" if channel.get("is_private") else "public"
    if channel.get("is_im"):
        privacy = "im"
    elif channel.get("is_mpim"):
        privacy = "mpim"
    shown: Record = {"id": channel.get("id", ""), "name": channel.get("name", ""), "privacy": privacy}
    shown.update(is_shared=bool(channel.get("is_shared")), is_org_shared=bool(channel.get("is_org_shared")))
    return {"type": "channel", "channel": shown}


def file_entity(file: Record) -> Record:
    shown = {"id": file.get("id", ""), "name": file.get("name", ""), "filetype": file.get("filetype", ""),
             "title": file.get("title", "")}  # fmt: skip
    return {"type": "file", "file": shown}


def app_entity(app_id: str, name: str, scopes: list[str] | tuple[str, ...] = ()) -> Record:
    shown = {"id": app_id, "name": name, "is_distributed": False, "is_directory_approved": False,
             "scopes": list(scopes)}  # fmt: skip
    return {"type": "app", "app": shown}


def usergroup_entity(group: Record) -> Record:
    return {"type": "usergroup", "usergroup": {"id": group.get("id", ""), "name": group.get("name", "")}}
