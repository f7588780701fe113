"""The Audit Logs API at ``https://api.slack.com/audit/v1/``: ``schemas``, ``actions`` and ``logs``.

``logs`` reads the trail ``_audit.record`` keeps, newest first, filtered by ``latest``/``oldest`` (inclusive),
``action`` (one or several, comma-separated), ``actor`` (a user id) and ``entity`` (the id of what was acted
on), ``limit`` entries at a time (at most 9999) with ``response_metadata.next_cursor`` naming the next page.
``schemas`` and ``actions`` need no token (docs.slack.dev/reference/audit-logs-api/methods-actions-reference,
"Endpoints"); ``logs`` needs an Enterprise org owner's user token with ``auditlogs:read``.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from ..runtime import Context, Response, behaviour
from . import _args
from ._audit import ENTRIES
from ._audit_catalogue import ACTIONS, SCHEMAS
from ._audit_errors import AuditRefusal, answer
from ._auth import bearer, live_holder

Record = dict[str, Any]
BASE = "/audit/v1/"
MAX_LIMIT = 9999
"""docs: "limit: Number of results to optimistically return, maximum 9999"."""


def _served(fn: Callable[[Context], Response]) -> Callable[[Context], Response]:
    def run(ctx: Context) -> Response:
        try:
            return fn(ctx)
        except AuditRefusal as refusal:
            return refusal.response

    run.__name__ = run.__qualname__ = fn.__name__
    run.__doc__ = fn.__doc__
    return run


@behaviour("audit.schemas", method="GET", path=BASE + "schemas", auth=False)
@_served
def audit_schemas(ctx: Context) -> Response:
    """The kinds of object an entry's ``entity`` can be, with their fields."""
    return answer({"schemas": SCHEMAS})


@behaviour("audit.actions", method="GET", path=BASE + "actions", auth=False)
@_served
def audit_actions(ctx: Context) -> Response:
    """Every action an entry can name, grouped by what it acts on."""
    return answer({"actions": ACTIONS})


def require_owner(ctx: Context) -> None:
    """Who may read the org's logs: an owner of the Enterprise org, by user token holding ``auditlogs:read``."""
    token = bearer(ctx)
    if not token:
        raise AuditRefusal("not_authed")
    holder = live_holder(ctx, token)
    if holder is None:
        raise AuditRefusal("invalid_authentication")
    credential, user = holder
    who = credential.principal
    if not token.startswith("xoxp-") or who.get("bot_id"):
        raise AuditRefusal("not_allowed_token_type")
    org = ctx.state.collection("org").get("org")
    if not org:
        raise AuditRefusal("feature_not_enabled")
    if "auditlogs:read" not in credential.scopes:
        raise AuditRefusal("missing_scope", needed="auditlogs:read")
    if user.get("id") not in (org.get("owners") or ()):
        raise AuditRefusal("user_not_authorized")


def _number(ctx: Context, name: str) -> int | None:
    value = _args.text(ctx, name)
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise AuditRefusal("invalid_arguments") from None


def _seal(key: str) -> str:
    return base64.urlsafe_b64encode(f"entry:{key}".encode()).decode().rstrip("=")


def _unseal(cursor: str) -> str:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        raise AuditRefusal("invalid_cursor") from None
    kind, _, key = raw.partition(":")
    if kind != "entry" or not key.isdigit():
        raise AuditRefusal("invalid_cursor")
    return key


@behaviour("audit.logs", method="GET", path=BASE + "logs", auth=False)
@_served
def audit_logs(ctx: Context) -> Response:
    """The org's audit entries, newest first, filtered and paged."""
    require_owner(ctx)
    latest, oldest, limit = _number(ctx, "latest"), _number(ctx, "oldest"), _number(ctx, "limit")
    if latest is not None and oldest is not None and oldest > latest:
        raise AuditRefusal("invalid_range")
    if limit is not None and limit < 1:
        raise AuditRefusal("invalid_arguments")
    limit = min(limit or 100, MAX_LIMIT)
    actions = {a.strip() for a in _args.text(ctx, "action").split(",") if a.strip()}
    actor, entity = _args.text(ctx, "actor").strip(), _args.text(ctx, "entity").strip()
    cursor = _args.text(ctx, "cursor").strip()
    start = _unseal(cursor) if cursor else None

    def wanted(entry: Record) -> bool:
        when = int(entry.get("date_create", 0))
        if (latest is not None and when > latest) or (oldest is not None and when < oldest):
            return False
        if actions and entry.get("action") not in actions:
            return False
        if actor and (entry.get("actor") or {}).get("user", {}).get("id") != actor:
            return False
        kind = (entry.get("entity") or {}).get("type", "")
        return not entity or ((entry.get("entity") or {}).get(kind) or {}).get("id") == entity

    page: list[Record] = []
    next_key = ""
    # newest first: keys are zero-padded sequence numbers, so reverse key order is reverse time order
    for key, entry in reversed(ctx.state.collection(ENTRIES).scan()):
        if start is not None and key > start:
            continue
        if not wanted(entry):
            continue
        if len(page) == limit:
            next_key = key
            break
        page.append(dict(entry))
    return answer({"entries": page, "response_metadata": {"next_cursor": _seal(next_key) if next_key else ""}})
