"""The ASGI application: a raw callable, so the hot path is routing + one handler, with no framework layers."""

from __future__ import annotations

import importlib.resources
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import orjson

from . import control
from .behaviour import Registry, discover
from .requests import read_body, read_head
from .spec import Spec
from .twin import Twin

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class TwinApp:
    """ASGI 3 application serving one twin; ``app.twin`` is the running twin (state, credentials)."""

    def __init__(self, twin: Twin) -> None:
        self.twin = twin

    async def __call__(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            incoming = read_head(scope)
            incoming.raw_body = await read_body(receive)
            if incoming.path.startswith(control.PREFIX + "/"):
                status, body, headers, media_type = control.handle(self.twin, incoming)
            else:
                status, body, headers, media_type = await self.twin.handle(incoming, scope)
            raw_headers = [(b"content-type", media_type.encode()), (b"content-length", str(len(body)).encode())]
            raw_headers.extend((k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items())
            await send({"type": "http.response.start", "status": status, "headers": raw_headers})
            await send({"type": "http.response.body", "body": body})
        elif kind == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return


def create_app(
    spec: Spec | dict[str, Any] | str | Path, registry: Registry | None = None, *, seed: int | None = None
) -> TwinApp:
    """An app from a spec (object, dict, or path to spec.json) and an optional behaviour registry."""
    if isinstance(spec, (str, Path)):
        spec = Spec.load(spec)
    elif isinstance(spec, dict):
        spec = Spec(spec)
    return TwinApp(Twin(spec, registry, seed=seed))


def load_app(package: str, *, seed: int | None = None) -> TwinApp:
    """The app of an installed twin package: its ``spec.json`` and its ``behaviour`` modules."""
    data = importlib.resources.files(package).joinpath("spec.json").read_bytes()
    return create_app(orjson.loads(data), discover(f"{package}.behaviour"), seed=seed)
