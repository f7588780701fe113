"""The ASGI application: a raw callable, so the hot path is routing + one handler, with no framework layers."""

from __future__ import annotations

import importlib.resources
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import orjson

from .. import websocket
from ..behaviour import Registry, discover
from ..control import access, faults
from ..control import routes as control
from ..dispatch.requests import read_body, read_head
from ..dispatch.twin import Reply, Twin
from ..spec import Spec
from ..state.gcpolicy import keep_state_out_of_gc
from .limits import MAX_BODY, HttpLimits, body_limit

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class TwinApp:
    """ASGI 3 application serving one twin; ``app.twin`` is the running twin (state, credentials)."""

    def __init__(self, twin: Twin) -> None:
        self.twin = twin
        self.limits = HttpLimits(max_body=body_limit(twin.profile, MAX_BODY))
        """What the twin's HTTP layer reads before it refuses, and how long it waits (``limits.py``)."""
        self.control_token: str | None = None
        """When set, every ``/_twin/`` request must carry it (``control/access.py``; ``serve --control-token``)."""

    def refusal(self, status: int, message: str) -> Reply:
        """The vendor's answer to a request the HTTP layer refuses before the twin sees it (400, 408, 413, 431)."""
        return self.twin.render_error(self.twin.profile.http_refusal(status, message))

    async def __call__(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            started = time.perf_counter()
            incoming = read_head(scope)
            incoming.raw_body = await read_body(receive)
            if incoming.path.startswith(control.PREFIX + "/"):
                refused = access.refusal(incoming, scope, self.control_token)
                await _send(send, *(refused or control.handle(self.twin, incoming)))
                return
            twin = self.twin
            outcome = await twin.answer(incoming, scope)
            status, body, headers, media_type = outcome.reply
            try:
                if outcome.wire is None:
                    await _send(send, status, body, headers, media_type)
                else:
                    start = _start(status, body, headers, media_type)
                    await faults.act(outcome.wire, scope, receive, send, start, body)
            finally:
                # logged after sending, so latency_ms is what the client waited for
                elapsed = (time.perf_counter() - started) * 1000
                if outcome.wire is not None and outcome.wire.kind != "truncate":
                    status = 0  # held or dropped: the client never got a status
                twin.requests.record(
                    twin.clock.now(),
                    outcome.op_id,
                    incoming.method,
                    incoming.path,
                    status,
                    elapsed,
                    outcome.fault,
                    outcome.tenant,
                    incoming.raw_body,
                    body,
                    incoming.content_type,
                    media_type,
                )
        elif kind == "websocket":
            await websocket.serve(self.twin, scope, receive, send)
        elif kind == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    keep_state_out_of_gc()
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return


def _start(status: int, body: bytes, headers: dict[str, str], media_type: str) -> dict[str, Any]:
    if status in (204, 304):
        # no body, so no body headers (RFC 9110 §8.6, §15.3.5): a client that sees a JSON type on an empty
        # 204 tries to parse it (okta-sdk-python's error check does, and fails)
        raw_headers = []
    elif not body:
        # content-less (Okta's 202 to a bulk upload): no content, no type to read it by (RFC 9110 §8.3)
        raw_headers = [(b"content-length", b"0")]
    else:
        raw_headers = [(b"content-type", media_type.encode()), (b"content-length", str(len(body)).encode())]
    raw_headers.extend((k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items())
    return {"type": "http.response.start", "status": status, "headers": raw_headers}


async def _send(send: Send, status: int, body: bytes, headers: dict[str, str], media_type: str) -> None:
    await send(_start(status, body, headers, media_type))
    await send({"type": "http.response.body", "body": body})


def create_app(
    spec: Spec | dict[str, Any] | str | Path,
    registry: Registry | None = None,
    *,
    seed: int | None = None,
    rate_limits: bool = False,
) -> TwinApp:
    """An app from a spec (object, dict, or path to spec.json) and an optional behaviour registry.

    ``seed`` makes ids, timestamps and fault dice a function of the request sequence; ``rate_limits``
    turns the vendor's rate-limit model on from the start.
    """
    if isinstance(spec, (str, Path)):
        spec = Spec.load(spec)
    elif isinstance(spec, dict):
        spec = Spec(spec)
    return TwinApp(Twin(spec, registry, seed=seed, rate_limits=rate_limits))


def load_app(package: str, *, seed: int | None = None, rate_limits: bool = False) -> TwinApp:
    """The app of an installed twin package: its ``spec.json`` and its ``behaviour`` modules."""
    data = importlib.resources.files(package).joinpath("spec.json").read_bytes()
    return create_app(orjson.loads(data), discover(f"{package}.behaviour"), seed=seed, rate_limits=rate_limits)
