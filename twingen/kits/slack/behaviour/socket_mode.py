"""Socket Mode: the WebSocket behind ``apps.connections.open``'s URL, and what Slack sends over it.

As on Slack (docs.slack.dev/apis/events-api/using-socket-mode): the URL's ticket opens one connection
(a spent or unknown ticket is refused at the handshake); the app first gets ``hello`` (``num_connections``,
``debug_info``, ``connection_info.app_id``); payloads come in envelopes ``{envelope_id, type, payload,
accepts_response_payload}`` (``events_api`` adds ``retry_attempt``/``retry_reason``), each acknowledged by
``{"envelope_id", "payload"?}``. An envelope not acknowledged within 3 s goes out again (to any open
connection of the app) with ``retry_attempt`` 1, then after 1 and 5 more minutes, then it is dropped
(Events API retry policy); the twin clock counts, so ``POST /_twin/clock {"advance": 4}`` brings the
retry at once. Events that happen while the app has no connection open are not kept (Slack's retries
would fail too); queued envelopes wait for the next connection. Connections end with ``disconnect``:
``warning`` 10 s before ``approximate_connection_time`` (3600 s, or 360 s with ``debug_reconnects=true``)
has passed, then ``refresh_requested``; ``link_disabled`` when the app turns Socket Mode off or is
uninstalled.

``POST /_twin/slack/socket`` (test control, plain JSON): ``{"type": "slash_commands"|"interactive",
"payload": {...}, "accepts_response_payload"?: bool, "tenant"?: id}`` queues an envelope for the seeded
app (or ``"app_id"``); ``token``, ``team_id``, ``api_app_id`` (and ``team``/``api_app_id`` for
interactive payloads) are filled in when left out, and for one from a channel a ``response_url``
(``_webhooks``). Answers ``{"envelope_id"}``. ``GET
/_twin/slack/socket?envelope_id=ID`` answers ``{"envelope_id", "status": "pending"|"acknowledged",
"retry_attempt", "response"}`` (``response``: the payload the app sent with its acknowledgement).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import hashlib
import weakref
from dataclasses import dataclass, field
from typing import Any

from ..runtime import Context
from ..runtime.behaviour import control, websocket
from ..runtime.clock import HEX_ALPHABET
from ..runtime.websocket import Connection
from . import _webhooks  # a module, not a name: _webhooks imports _events, which imports this module
from ._errors import control_refusal

Record = dict[str, Any]

TICKETS = "socket_tickets"
OUTBOX = "socket_envelopes"
ACKED = "socket_acks"
ACK_WINDOW = 3.0
RETRY_DELAYS = (0.0, 60.0, 300.0)
"""After the 3 s window: retry 1 at once, retry 2 a minute later, retry 3 five minutes later."""
CONNECTION_TIME = 3600
DEBUG_CONNECTION_TIME = 360
WARNING_BEFORE = 10.0
HOST = "applink-twin"
_IDLE = 0.5  # seconds between looks at the clock when nothing wakes a connection


@dataclass(eq=False)
class _Link:
    app_id: str
    loop: asyncio.AbstractEventLoop
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    def notify(self) -> None:
        self.loop.call_soon_threadsafe(self.wake.set)


# open connections by the outbox collection of their tenant (a reset or restore gives a new one)
_links: weakref.WeakKeyDictionary[Any, list[_Link]] = weakref.WeakKeyDictionary()


def envelope_id(new_id: Any) -> str:
    """A UUID-shaped envelope id, as Slack's (``57d6a792-4d35-4d0b-b6aa-3361493e1caf``)."""
    raw = new_id("", 32, HEX_ALPHABET)
    return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"


def mint_ticket(ctx: Context, app_id: str) -> str:
    ticket = envelope_id(ctx.new_id)
    ctx.state.collection(TICKETS).put(ticket, {"app_id": app_id, "created": ctx.now()})
    return ticket


def socket_enabled(app: Record) -> bool:
    settings = (app.get("manifest") or {}).get("settings") or {}
    return bool(settings.get("socket_mode_enabled")) and bool(app.get("installed")) and not app.get("deleted")


def enqueue(state: Any, now: float, new_id: Any, app_id: str, kind: str, payload: Record, accepts: bool) -> str:
    """Queue an envelope for the app's connections; the first connection free to send it does."""
    eid = envelope_id(new_id)
    outbox = state.collection(OUTBOX)
    outbox.put(eid, {"app_id": app_id, "type": kind, "payload": payload, "accepts": accepts, "attempt": 0, "due": now})
    for link in _links.get(outbox, ()):
        if link.app_id == app_id:
            link.notify()
    return eid


def listening(state: Any) -> bool:
    """Whether any app of this tenant has a connection open (events are only kept for connected apps)."""
    return bool(_links.get(state.collection(OUTBOX)))


def connections(state: Any, app_id: str) -> int:
    return sum(1 for link in _links.get(state.collection(OUTBOX), ()) if link.app_id == app_id)


# -- the socket --------------------------------------------------------------------------------------


@websocket("/link/")
async def link(conn: Connection) -> None:
    tickets = conn.state.collection(TICKETS)
    found = tickets.get(conn.query.get("ticket", ""))
    app = conn.state.collection("apps").get(found["app_id"]) if found else None
    if found is None or app is None or app.get("id") != conn.query.get("app_id", app.get("id")):
        await conn.refuse()
        return
    tickets.delete(conn.query["ticket"])  # a ticket opens one connection
    conn.commit()
    me = _Link(app["id"], asyncio.get_running_loop())
    lifetime = DEBUG_CONNECTION_TIME if conn.query.get("debug_reconnects") == "true" else CONNECTION_TIME
    started = conn.now()
    outbox = _join(conn, me)
    await conn.send_json(
        {
            "type": "hello",
            "num_connections": connections(conn.state, me.app_id),
            "debug_info": {
                "host": HOST,
                "started": _started(started),
                "build_number": 1,
                "approximate_connection_time": lifetime,
            },
            "connection_info": {"app_id": me.app_id},
        }
    )
    reader = asyncio.ensure_future(_read_acks(conn, me))
    try:
        await _write(conn, me, started + lifetime, outbox)
    finally:
        reader.cancel()
        for outbox_now in list(_links):
            _leave(outbox_now, me)


def _join(conn: Connection, me: _Link) -> Any:
    outbox = conn.state.collection(OUTBOX)
    links = _links.setdefault(outbox, [])
    if me not in links:
        links.append(me)
    return outbox


def _leave(outbox: Any, me: _Link) -> None:
    links = _links.get(outbox)
    if links is not None and me in links:
        links.remove(me)


async def _write(conn: Connection, me: _Link, ends: float, outbox: Any) -> None:
    warned = False
    while not conn.closed:
        current = _join(conn, me)
        if current is not outbox:  # reset or restore: this connection now serves the new state
            _leave(outbox, me)
            outbox = current
        app = conn.state.collection("apps").get(me.app_id)
        now = conn.now()
        if app is None or not socket_enabled(app):
            await _disconnect(conn, "link_disabled")
            return
        if now >= ends:
            await _disconnect(conn, "refresh_requested")
            return
        if not warned and now >= ends - WARNING_BEFORE:
            warned = True
            await conn.send_json({"type": "disconnect", "reason": "warning", "debug_info": {"host": HOST}})
        for message in _due(outbox, me.app_id, now):
            await conn.send_json(message)
        conn.commit()
        me.wake.clear()
        wait = min(_IDLE, max(0.0, _next_due(outbox, me.app_id) - conn.now()))
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(me.wake.wait(), timeout=wait or _IDLE)


def _due(outbox: Any, app_id: str, now: float) -> list[Record]:
    """Envelopes to send now (first deliveries and retries), marked sent; envelopes out of retries dropped."""
    messages: list[Record] = []
    for eid, stored in list(outbox.scan()):
        if stored["app_id"] != app_id or stored["due"] > now:
            continue
        attempt = stored["attempt"]
        if attempt > len(RETRY_DELAYS):
            outbox.delete(eid)
            continue
        message: Record = {
            "envelope_id": eid,
            "payload": stored["payload"],
            "type": stored["type"],
            "accepts_response_payload": stored["accepts"],
        }
        if stored["type"] == "events_api":
            message.update(retry_attempt=attempt, retry_reason="timeout" if attempt else "")
        messages.append(message)
        delay = RETRY_DELAYS[attempt] if attempt < len(RETRY_DELAYS) else 0.0
        outbox.put(eid, {**stored, "attempt": attempt + 1, "due": now + ACK_WINDOW + delay})
    return messages


def _next_due(outbox: Any, app_id: str) -> float:
    return min((r["due"] for _, r in outbox.scan() if r["app_id"] == app_id), default=float("inf"))


async def _read_acks(conn: Connection, me: _Link) -> None:
    while True:
        try:
            message = await conn.receive_json()
        except ValueError:
            continue  # not JSON: Slack ignores it too
        if message is None:
            me.notify()  # the writer sees the connection closed
            return
        eid = message.get("envelope_id") if isinstance(message, dict) else None
        outbox = conn.state.collection(OUTBOX)
        if not isinstance(eid, str):
            continue
        stored = outbox.get(eid)
        if stored is None or stored["app_id"] != me.app_id:
            continue
        outbox.delete(eid)
        if stored["type"] != "events_api":
            response = message.get("payload")
            conn.state.collection(ACKED).put(eid, {"attempt": stored["attempt"] - 1, "response": response})
        conn.commit()


async def _disconnect(conn: Connection, reason: str) -> None:
    await conn.send_json({"type": "disconnect", "reason": reason, "debug_info": {"host": HOST}})
    await conn.close()


def _started(now: float) -> str:
    moment = datetime.datetime.fromtimestamp(now, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{moment.microsecond // 1000:03d}"


# -- test control: slash commands and interactive payloads ----------------------------------------------

_KINDS = ("slash_commands", "interactive")


@control("slack/socket", method="POST")
def inject(ctx: Context) -> Record:
    """Queue a ``slash_commands`` or ``interactive`` envelope (nothing in the Web API causes these)."""
    kind = ctx.params.get("type")
    payload = ctx.params.get("payload")
    if kind not in _KINDS:
        raise control_refusal(400, f"type must be one of {', '.join(_KINDS)}")
    if not isinstance(payload, dict):
        raise control_refusal(400, "payload must be a JSON object")
    apps = ctx.state.collection("apps")
    app = apps.get(str(ctx.params.get("app_id") or "")) or next(iter(apps.values()), None)
    if app is None:
        raise control_refusal(404, "no such app")
    team: Record = ctx.state.collection("team").get("team") or {}
    filled: Record = {"token": verification_token(app), "api_app_id": app["id"]}
    if kind == "slash_commands":
        filled.update(team_id=team.get("id", ""), team_domain=team.get("domain", ""))
    else:
        filled.update(team={"id": team.get("id", ""), "domain": team.get("domain", "")})
    filled.update(_webhooks.response_url_for(ctx, kind, app["id"], payload))  # where the app answers (_webhooks)
    accepts = ctx.params.get("accepts_response_payload")
    if not isinstance(accepts, bool):
        accepts = kind == "slash_commands" or payload.get("type") in ("view_submission", "block_suggestion")
    eid = enqueue(ctx.state, ctx.now(), ctx.new_id, app["id"], kind, {**filled, **payload}, accepts)
    return {"envelope_id": eid, "app_id": app["id"], "connections": connections(ctx.state, app["id"])}


@control("slack/socket", method="GET")
def envelope_status(ctx: Context) -> Record:
    """Where an injected (or any) envelope stands: pending, or acknowledged with the app's response."""
    eid = str(ctx.params.get("envelope_id") or "")
    pending = ctx.state.collection(OUTBOX).get(eid)
    if pending is not None:
        return {"envelope_id": eid, "status": "pending", "retry_attempt": max(0, pending["attempt"] - 1)}
    acked = ctx.state.collection(ACKED).get(eid)
    if acked is None:
        raise control_refusal(404, f"no envelope {eid!r} (events are not kept once acknowledged)")
    attempt = acked["attempt"]
    return {"envelope_id": eid, "status": "acknowledged", "retry_attempt": attempt, "response": acked["response"]}


def verification_token(app: Record) -> str:
    """The app's (deprecated) verification token, which Slack still puts in every payload."""
    found = app.get("verification_token")
    return str(found) if found else hashlib.sha256(f"twin-slack:verify:{app['id']}".encode()).hexdigest()[:24]
