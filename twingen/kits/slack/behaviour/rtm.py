"""The legacy RTM API: ``rtm.connect``/``rtm.start`` and the message server's WebSocket at the URL they give.

Who may connect (https://docs.slack.dev/legacy/legacy-rtm-api, "Notices"; docs.slack.dev/reference/methods/
rtm.connect): granular-permission apps cannot use RTM, so their bot tokens get ``not_allowed_token_type``;
a classic app's bot token (the classic ``bot`` scope: the seed's ``classic_bot``, ``rtm_seed``) may, and a
user token needs ``rtm:stream``. ``rtm.start`` answers as ``rtm.connect`` does since September 2022
(docs.slack.dev/changelog/2021-10-rtm-start-to-stop).

The URL "is only valid for 30 seconds" (rtm.connect page): it names a one-use ticket. A ticket used after
30 s (twin clock) gets ``{"type": "error", "error": {"code": 1, "msg": "Socket URL has expired"}}`` and the
connection closes (github.com/slackhq/slack-api-docs/issues/12); an unknown or spent ticket is refused at the
handshake. A connection first gets ``{"type": "hello"}``, then the events ``rtm_stream`` sends it; what the
client sends (messages, typing, pings) is answered by ``rtm_commands``.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from ..runtime import Context
from ..runtime.behaviour import websocket
from ..runtime.clock import URLSAFE_ALPHABET
from ..runtime.websocket import Connection
from . import _model, _platform, rtm_commands, rtm_stream
from ._auth import Caller, slack_method
from ._errors import slack_error

Record = dict[str, Any]

TICKETS = "rtm_tickets"
PATH = "/websocket"
VALID_FOR = 30.0
CLASSIC_BOT_SCOPE = "bot"
"""The scope a classic app's bot token holds (https://api.slack.com/scopes/bot); granular apps cannot get it."""


def _rtm(ctx: Context, caller: Caller) -> Record:
    if _platform.kind(caller) == "bot":
        if CLASSIC_BOT_SCOPE not in caller.scopes:
            raise slack_error("not_allowed_token_type")
    elif _platform.kind(caller) == "user":
        caller.require("rtm:stream")
    else:
        raise slack_error("not_allowed_token_type")
    team = _model.team(ctx)
    me = _model.user(ctx, caller.user_id)
    ticket = ctx.new_id(length=43, alphabet=URLSAFE_ALPHABET)
    who = {  # the connection posts as the token's holder (rtm_commands)
        "user_id": caller.user_id,
        "team_id": caller.team_id,
        "bot_id": caller.bot_id,
        "scopes": sorted(caller.scopes),
    }
    ctx.state.collection(TICKETS).put(ticket, {**who, "created": ctx.now()})
    base = ctx.base_url.rstrip("/")
    socket = ("wss://" if base.startswith("https://") else "ws://") + base.split("://", 1)[-1]
    return {
        "url": ctx.for_tenant(f"{socket}{PATH}?ticket={ticket}"),
        "team": {"id": team.get("id"), "name": team.get("name"), "domain": team.get("domain")},
        "self": {"id": me["id"], "name": me["name"]},
    }


@slack_method("rtm.connect", scopes=())
def rtm_connect(ctx: Context, caller: Caller) -> Record:
    return _rtm(ctx, caller)


@slack_method("rtm.start", scopes=())
def rtm_start(ctx: Context, caller: Caller) -> Record:
    return _rtm(ctx, caller)


# -- the message server -----------------------------------------------------------------------------


@websocket(PATH)
async def message_server(conn: Connection) -> None:
    tickets = conn.state.collection(TICKETS)
    found = tickets.get(conn.query.get("ticket", ""))
    if found is None:
        await conn.refuse()
        return
    tickets.delete(conn.query["ticket"])  # a URL opens one connection
    conn.commit()
    if conn.now() - float(found["created"]) > VALID_FOR:
        await conn.send_json({"type": "error", "error": {"code": 1, "msg": "Socket URL has expired"}})
        await conn.close()
        return
    caller = Caller("", found["user_id"], found["team_id"], frozenset(found["scopes"]), bot_id=found["bot_id"])
    listener = rtm_stream.Listener(conn.tenant, caller.user_id, asyncio.get_running_loop())
    rtm_stream.join(listener)
    try:
        await conn.send_json({"type": "hello"})
        reader = asyncio.ensure_future(_read(conn, caller, listener))
        try:
            while not reader.done():
                sending = asyncio.ensure_future(listener.queue.get())
                await asyncio.wait((sending, reader), return_when=asyncio.FIRST_COMPLETED)
                if not sending.done():
                    sending.cancel()
                    break
                await conn.send_json(sending.result())
        finally:
            reader.cancel()
    finally:
        rtm_stream.leave(listener)


async def _read(conn: Connection, caller: Caller, listener: rtm_stream.Listener) -> None:
    """What the client sends, until it closes the connection (or sends more than Slack takes at once)."""
    while (text := await conn.receive()) is not None:
        if len(text.encode()) > rtm_commands.MAX_FRAME:
            await conn.close(1009, "message too big")
            return
        try:
            sent = json.loads(text)
        except ValueError:
            continue  # not JSON: nothing to answer
        reply = rtm_commands.answer(conn, caller, sent) if isinstance(sent, dict) else None
        if reply is not None:
            listener.push(reply)
