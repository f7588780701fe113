"""Fixtures: an app per vendor spec, in-process clients, and a real uvicorn server on loopback."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from twingen.runtime import Registry, TwinApp, create_app
from twingen.runtime.server import server as twin_server

from . import behaviours, slack_seed, specs

SPECS: dict[str, Callable[[], dict[str, Any]]] = {
    "slack": specs.slack,
    "google": specs.google,
    "okta": specs.okta,
    "jira": specs.jira,
    "generic": specs.generic,
}


def make_app(vendor: str) -> TwinApp:
    modules = [behaviours, slack_seed] if vendor == "slack" else [behaviours]
    return create_app(SPECS[vendor](), Registry.from_modules(modules))


@pytest.fixture
def client_for() -> Iterator[Callable[[str], TestClient]]:
    clients: list[TestClient] = []

    def make(vendor: str) -> TestClient:
        client = TestClient(make_app(vendor), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def credential(client: TestClient, scheme: str) -> dict[str, str]:
    for item in client.get("/_twin/credentials").json()["credentials"]:
        if item["scheme"] == scheme:
            return item  # type: ignore[no-any-return]
    raise AssertionError(f"no {scheme} credential")


def bearer(client: TestClient) -> dict[str, str]:
    return {"Authorization": f"Bearer {credential(client, 'bearer')['token']}"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """The twin's own server (what ``serve`` runs) on 127.0.0.1 in a thread, stopped by ``should_exit``."""

    def __init__(self, app: TwinApp) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.server = twin_server(app, "127.0.0.1", self.port)
        self.thread = threading.Thread(target=lambda: asyncio.run(self.server.serve()), daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def live() -> Iterator[Callable[[str], httpx.Client]]:
    servers: list[LiveServer] = []
    clients: list[httpx.Client] = []

    def start(vendor: str) -> httpx.Client:
        server = LiveServer(make_app(vendor)).__enter__()
        servers.append(server)
        client = httpx.Client(base_url=server.base_url, timeout=10)
        clients.append(client)
        return client

    yield start
    for client in clients:
        client.close()
    for server in servers:
        server.__exit__()
