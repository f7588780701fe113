"""What an RTM client sends over its connection, answered as Slack's message server does.

From the RTM API's page (github.com/slackhq/slack-api-docs, ``index_rtm.md``; docs.slack.dev/legacy/
legacy-rtm-api): every client message carries an ``id`` and a ``type``.

- ``message`` (``channel``, ``text``, optional ``thread_ts``) is posted as the connection's user, as
  ``chat.postMessage`` would post it (the same rules: the user must be in the conversation, it must not be
  archived), and answered ``{"ok": true, "reply_to": id, "ts", "text"}``; members hear it as a ``message``
  event. A refusal is ``{"ok": false, "reply_to": id, "error": {"code": 2, "msg": ...}}``: the page shows code
  2 with "message text is missing"; for the other refusals Slack documents no code or wording, so the twin
  keeps code 2 and says the Web API's error code (``channel_not_found``, ``not_in_channel``...) as ``msg``.
- ``typing`` in a conversation the user is in sends ``user_typing`` to the other members; no reply.
- ``ping`` gets ``{"type": "pong", "reply_to": id}`` with the ping's other "flat" (scalar) fields.
- A client message longer than 16 KB closes the connection ("The message server will disconnect any
  client that sends a message longer than 16 kilobytes").
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, VendorError
from ..runtime.websocket import Connection
from . import _compose, _model, rtm_stream
from ._auth import Caller

Record = dict[str, Any]

MAX_FRAME = 16 * 1024
MISSING_TEXT = "message text is missing"


class _Clock:
    """The connection's view of the twin clock, for a Context made outside a request."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def now(self) -> float:
        return self._conn.now()

    def new_id(self, prefix: str, length: int, alphabet: str) -> str:
        return self._conn.new_id(prefix, length, alphabet)


def context(conn: Connection, params: Record) -> Context:
    """A Context for a change a connection makes (the posting rules read their arguments from it)."""
    clock = _Clock(conn)
    return Context(op={"id": "chat.postMessage"}, params=params, body=None, raw_body=b"", headers={},
                   content_type="", principal=None, state=conn.state, clock=clock, ids=clock,  # type: ignore[arg-type]
                   base_url=conn.base_url, tenant=conn.tenant)  # fmt: skip


def answer(conn: Connection, caller: Caller, sent: Record) -> Record | None:
    """What the server sends back for one client message (None: nothing), after doing what it asks."""
    kind = sent.get("type")
    if kind == "ping":
        flat = {k: v for k, v in sent.items() if k not in ("id", "type") and isinstance(v, (str, int, float, bool))}
        return {**flat, "type": "pong", "reply_to": sent.get("id")}
    if kind == "typing":
        channel = conn.state.collection("channels").get(str(sent.get("channel") or ""))
        if channel is not None and _model.is_member(channel, caller.user_id):
            typing = {"type": "user_typing", "channel": channel["id"], "user": caller.user_id}
            rtm_stream.to_members(conn.tenant, channel, typing, besides=caller.user_id)
        return None
    if kind == "message":
        return _post(conn, caller, sent)
    return None


def _post(conn: Connection, caller: Caller, sent: Record) -> Record:
    text = sent.get("text")
    if not isinstance(text, str) or not text:
        return _refused(sent, MISSING_TEXT)
    params = {"channel": str(sent.get("channel") or ""), "thread_ts": str(sent.get("thread_ts") or "")}
    ctx = context(conn, params)
    try:
        record = _compose.destination(ctx, caller)
        parent = _compose.thread_parent(ctx, record["id"], params["thread_ts"])
        message = _compose.post(ctx, caller, record, _compose.content_of(text, None, None), parent)
    except VendorError as refusal:
        return _refused(sent, refusal.code)
    conn.commit()
    return {"ok": True, "reply_to": sent.get("id"), "ts": message["ts"], "text": message["text"]}


def _refused(sent: Record, why: str) -> Record:
    return {"ok": False, "reply_to": sent.get("id"), "error": {"code": 2, "msg": why}}
