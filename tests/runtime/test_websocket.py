"""WebSocket routes: ``@websocket(path)`` handlers on the twin's own server, over ws:// and wss:// on one
port, handshakes in the request log, refusals as HTTP 403, and ``@control`` endpoints under ``/_twin``."""

from __future__ import annotations

import ssl
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from twingen.runtime import Context, Registry, create_app
from twingen.runtime.behaviour import control, websocket
from twingen.runtime.serving.tls import ensure_certificate
from twingen.runtime.websocket import Connection

from . import behaviours, specs
from .test_faults import Served

pytestmark = pytest.mark.network_loopback


@websocket("/echo/")
async def echo(conn: Connection) -> None:
    if conn.query.get("key") != "open-sesame":
        await conn.refuse()
        return
    await conn.send_json({"type": "hello", "tenant": conn.tenant, "base_url": conn.base_url})
    while (text := await conn.receive()) is not None:
        if text == "bye":
            await conn.close(4000, "asked to")
            return
        conn.state.collection("echoed").put(text, {"text": text})
        await conn.send_text(text.upper())


@websocket("/broken")
async def broken(conn: Connection) -> None:
    await conn.accept()
    raise RuntimeError("handler bug")


@control("test/echoed", method="GET")
def echoed(ctx: Context) -> dict[str, Any]:
    return {"tenant": ctx.tenant, "texts": sorted(ctx.state.collection("echoed"))}


@pytest.fixture
def served() -> Any:
    registry = Registry.from_modules([behaviours, sys.modules[__name__]])
    with Served(create_app(specs.generic(), registry)) as running:
        yield running


def test_registry_discovers_websocket_and_control_marks() -> None:
    registry = Registry.from_modules([sys.modules[__name__]])
    assert registry.socket_handler("/echo") is echo and registry.socket_handler("/echo/") is echo
    assert registry.socket_handler("/nope") is None
    assert registry.controls == {("GET", "/test/echoed"): echoed}


def test_echo_over_loopback_with_state_log_and_control(served: Served) -> None:
    url = f"ws://127.0.0.1:{served.port}/echo/?key=open-sesame"
    with connect(url, open_timeout=30) as ws:
        hello = ws.recv(timeout=30)
        assert '"type":"hello"' in str(hello) and '"tenant":"default"' in str(hello)
        assert f'"base_url":"ws://127.0.0.1:{served.port}"' in str(hello)
        ws.send("quiet")
        assert ws.recv(timeout=30) == "QUIET"
        ws.send("bye")
        with pytest.raises(Exception, match="4000"):
            ws.recv(timeout=30)
    base = f"http://127.0.0.1:{served.port}"
    assert httpx.get(f"{base}/_twin/test/echoed").json() == {"tenant": "default", "texts": ["quiet"]}
    log = httpx.get(f"{base}/_twin/requests?operation=websocket").json()["requests"]
    assert [(e["method"], e["path"], e["status"], e["tenant"]) for e in log] == [("GET", "/echo/", 101, "default")]


def test_refused_unknown_and_failing_handlers(served: Served) -> None:
    for path in ("/echo/?key=wrong", "/elsewhere"):
        with pytest.raises(InvalidStatus, match="403"):
            connect(f"ws://127.0.0.1:{served.port}{path}", open_timeout=30)
    with connect(f"ws://127.0.0.1:{served.port}/broken", open_timeout=30) as ws, pytest.raises(Exception, match="1011"):
        ws.recv(timeout=30)
    log = httpx.get(f"http://127.0.0.1:{served.port}/_twin/requests?operation=websocket").json()["requests"]
    assert [(e["path"], e["status"]) for e in log] == [("/echo/", 403), ("/elsewhere", 403), ("/broken", 101)]
    # the HTTP side is untouched: a plain request to a websocket path is the vendor's unknown route
    assert httpx.get(f"http://127.0.0.1:{served.port}/echo/").status_code == 404


def test_a_tenant_is_reached_through_twin_tenant(served: Served) -> None:
    base = f"http://127.0.0.1:{served.port}"
    tenant = httpx.post(f"{base}/_twin/tenants", json={"name": "ws"}).json()["id"]
    with connect(f"ws://127.0.0.1:{served.port}/echo?key=open-sesame&twin_tenant={tenant}", open_timeout=30) as ws:
        assert f'"tenant":"{tenant}"' in str(ws.recv(timeout=30))
        ws.send("mine")
        assert ws.recv(timeout=30) == "MINE"
    assert httpx.get(f"{base}/_twin/test/echoed?tenant={tenant}").json()["texts"] == ["mine"]
    assert httpx.get(f"{base}/_twin/test/echoed").json()["texts"] == []
    assert httpx.get(f"{base}/_twin/test/echoed?tenant=nobody").status_code == 404


def test_wss_and_ws_on_the_same_port(tmp_path: Path) -> None:
    files = ensure_certificate(tmp_path)
    registry = Registry.from_modules([behaviours, sys.modules[__name__]])
    app = create_app(specs.generic(), registry)
    with Served(app, certfile=str(files.cert), keyfile=str(files.key)) as running:
        trust = ssl.create_default_context(cafile=str(files.ca))
        with connect(f"wss://localhost:{running.port}/echo/?key=open-sesame", ssl=trust, open_timeout=30) as ws:
            assert f'"base_url":"wss://localhost:{running.port}"' in str(ws.recv(timeout=30))
            ws.send("tls")
            assert ws.recv(timeout=30) == "TLS"
        with connect(f"ws://127.0.0.1:{running.port}/echo/?key=open-sesame", open_timeout=30) as ws:
            assert '"base_url":"ws://' in str(ws.recv(timeout=30))


def test_the_pytest_plugins_server_serves_websockets_too() -> None:
    from twingen.runtime.serving.harness import ThreadServer

    registry = Registry.from_modules([behaviours, sys.modules[__name__]])
    server = ThreadServer(create_app(specs.generic(), registry))
    server.start()
    try:
        url = f"ws://127.0.0.1:{server.port}/echo/?key=open-sesame"
        with connect(url, open_timeout=30) as ws:
            assert ws.recv(timeout=30).startswith('{"type":"hello"')
            ws.send("plugin")
            assert ws.recv(timeout=30) == "PLUGIN"
    finally:
        server.stop()
