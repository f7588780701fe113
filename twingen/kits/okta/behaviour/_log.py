"""The System Log's write side: every change behaviour makes is recorded as an Okta event, so software that manages
access can be audited through ``/api/v1/logs`` as on a real org.

``record(ctx, "user.lifecycle.create", [target("User", user_id, login, display)])`` after the change. The event's
shape is Okta's LogEvent: uuid, published, eventType, version, severity, displayMessage, actor (the caller), client,
outcome, target, transaction, debugContext, authenticationContext, securityContext, request.
Source: https://developer.okta.com/docs/reference/api/system-log/ and the event types catalog
https://developer.okta.com/docs/reference/api/event-types/
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..runtime import Context
from ..runtime.clock import iso8601

COLLECTION = "logs"
LISTENERS: list[Callable[[Context, dict[str, Any]], None]] = []
"""Called with each event once it is recorded: what Okta does because of an event (``universe``'s provisioning)."""


def new_uuid(ctx: Context) -> str:
    """A UUID-shaped id (8-4-4-4-12 lower-case hex), as Okta gives log events and hook/IdP key aliases."""
    raw = ctx.new_id("", 32, "0123456789abcdef")
    return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"


def target(kind: str, id_: str, alternate_id: str = "", display_name: str = "") -> dict[str, Any]:
    return {
        "id": id_,
        "type": kind,
        "alternateId": alternate_id or "unknown",
        "displayName": display_name or "unknown",
        "detailEntry": None,
    }


def actor(ctx: Context) -> dict[str, Any]:
    """Who made the change: the caller's user (the admin an API token belongs to), or the service app an OAuth
    access token was issued to (``actor_type`` PublicClientApp), as Okta names the actor."""
    who = ctx.identity
    return {
        "id": str(who.get("user_id") or "unknown"),
        "type": str(who.get("actor_type") or "User"),
        "alternateId": str(who.get("login") or "unknown"),
        "displayName": str(who.get("name") or "unknown"),
        "detailEntry": None,
    }


def record(
    ctx: Context,
    event_type: str,
    targets: list[dict[str, Any]],
    *,
    message: str = "",
    outcome: str = "SUCCESS",
    reason: str | None = None,
    severity: str = "INFO",
) -> dict[str, Any]:
    uuid = new_uuid(ctx)
    event = {
        "uuid": uuid,
        "published": iso8601(ctx.now()),
        "eventType": event_type,
        "version": "0",
        "severity": severity,
        "legacyEventType": None,
        "displayMessage": message or event_type,
        "actor": actor(ctx),
        "client": {
            "userAgent": {"rawUserAgent": ctx.headers.get("user-agent", "unknown")},
            "ipAddress": "127.0.0.1",
            "zone": "null",
            "device": "Unknown",
        },
        "outcome": {"result": outcome, "reason": reason},
        "target": targets,
        "transaction": {"type": "WEB", "id": ctx.new_id("", 27), "detail": {}},
        "debugContext": {"debugData": {"requestUri": ctx.path.split("?", 1)[0]}},
        "authenticationContext": {"authenticationStep": 0, "externalSessionId": "unknown"},
        "securityContext": {},
        "request": {"ipChain": [{"ip": "127.0.0.1"}]},
        "_at": ctx.now(),  # the twin's clock, for since/until (never shown)
    }
    ctx.state.collection(COLLECTION).put(uuid, event)
    for listener in LISTENERS:
        listener(ctx, event)
    return event
