"""In-process mode: plain httpx sync and async clients reach the twin's app with no socket."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from twingen.runtime.serving import inprocess
from twingen.runtime.serving.inprocess import InProcessTwin

from .conftest import LiveServer, make_app

API_URL = "https://slack.example.test/api"
BOT = {"Authorization": "Bearer xoxb-test-bot"}


@pytest.fixture
def twin() -> Iterator[InProcessTwin]:
    found = InProcessTwin(make_app("slack"), API_URL)
    yield found
    found.close()


def post(client: httpx.Client, text: str = "hi") -> dict[str, Any]:
    answer = client.post("/api/chat.postMessage", headers=BOT, data={"channel": "C1", "text": text})
    assert answer.status_code == 200
    return answer.json()  # type: ignore[no-any-return]


def test_sync_client_through_the_transport(twin: InProcessTwin) -> None:
    with twin.client() as client:
        assert str(client.base_url) == "https://slack.example.test"
        assert client.post("/api/auth.test", headers=BOT).json() == {
            "ok": True,
            "user_id": "U0BOT",
            "credential": "bot",
        }
        assert client.post("/api/auth.test", data={"token": "nope"}).json() == {"ok": False, "error": "invalid_auth"}
        assert [post(client)["count"] for _ in range(3)] == [1, 2, 3]
        assert client.get("/_twin/health").json() == {"status": "ok"}
    # the app is the one the test holds: its state is there to inspect
    assert len(twin.app.twin.state.collection("messages")) == 3  # type: ignore[attr-defined]


def test_async_client_through_the_transport(twin: InProcessTwin) -> None:
    async def scenario() -> list[int]:
        async with twin.async_client() as client:
            answers = await asyncio.gather(
                *(
                    client.post("/api/chat.postMessage", headers=BOT, data={"channel": "C1", "text": str(n)})
                    for n in range(20)
                )
            )
            return sorted(a.json()["count"] for a in answers)

    assert asyncio.run(scenario()) == list(range(1, 21))


def test_sync_client_inside_a_running_event_loop(twin: InProcessTwin) -> None:
    """A sync SDK called from async code: the caller's loop is busy, the twin's own loop answers."""

    async def scenario() -> dict[str, Any]:
        with twin.client() as client:
            return post(client)

    assert asyncio.run(scenario())["count"] == 1


def test_sync_clients_on_many_threads_lose_no_write(twin: InProcessTwin) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with twin.client() as client:
                for _ in range(25):
                    post(client)
        except BaseException as exc:  # collected: an assertion in a thread would be lost
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert len(twin.app.twin.state.collection("messages")) == 200  # type: ignore[attr-defined]


def test_mock_vendor_hosts_routes_plain_httpx_calls(twin: InProcessTwin) -> None:
    original = (httpx.HTTPTransport.handle_request, httpx.AsyncHTTPTransport.handle_async_request)
    made_before = httpx.Client()
    with twin.mock_vendor_hosts():
        assert httpx.post(f"{API_URL}/auth.test", headers=BOT).json()["user_id"] == "U0BOT"
        assert made_before.post(f"{API_URL}/chat.postMessage", headers=BOT, data={"channel": "C", "text": "x"}).json()[
            "ok"
        ]

        async def scenario() -> dict[str, Any]:
            async with httpx.AsyncClient(base_url=API_URL + "/") as client:
                return (await client.post("chat.postMessage", headers=BOT, json={"channel": "C", "text": "y"})).json()  # type: ignore[no-any-return]

        assert asyncio.run(scenario())["count"] == 2
    made_before.close()
    assert (httpx.HTTPTransport.handle_request, httpx.AsyncHTTPTransport.handle_async_request) == original


def test_other_hosts_go_out_as_usual(twin: InProcessTwin) -> None:
    with LiveServer(make_app("generic")) as other, twin.mock_vendor_hosts():
        assert httpx.get(f"{other.base_url}/_twin/health").json() == {"status": "ok"}
        assert httpx.post(f"{API_URL}/auth.test", headers=BOT).json()["ok"] is True


def test_nested_blocks_and_extra_hosts(twin: InProcessTwin) -> None:
    other = InProcessTwin(make_app("generic"), "https://generic.example.test")
    with twin.mock_vendor_hosts("files.slack.example.test"):
        with other.mock_vendor_hosts():
            assert httpx.get("https://generic.example.test/_twin/health").status_code == 200
            assert httpx.post(f"{API_URL}/auth.test", headers=BOT).json()["ok"] is True
        # the inner block is over: its host is no longer routed (no request: it would leave the machine)
        assert "generic.example.test" not in inprocess._routes
        assert httpx.post("https://files.slack.example.test/api/auth.test", headers=BOT).json()["ok"] is True
    other.close()
    with pytest.raises(ValueError, match="no vendor host"), inprocess.mock_hosts(twin.runner, []):
        pass


async def _dropping_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    await receive()
    if scope["path"] == "/hold":
        await receive()  # waits for the client to leave, as the twin's timeout fault does
    if scope["path"] == "/truncate":
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b'{"ok":', "more_body": True})
    scope["extensions"]["twin.close"]()


def test_dropped_and_held_connections_look_like_network_errors() -> None:
    twin = InProcessTwin(_dropping_app, "https://drop.example.test")
    with twin.client(timeout=httpx.Timeout(5, read=0.2)) as client:
        with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
            client.get("/drop")
        with pytest.raises(httpx.RemoteProtocolError, match="complete message body"):
            client.get("/truncate")
        with pytest.raises(httpx.ReadTimeout):
            client.get("/hold")

    async def scenario() -> None:
        async with twin.async_client(timeout=httpx.Timeout(5, read=0.2)) as client:
            with pytest.raises(httpx.RemoteProtocolError):
                await client.get("/drop")
            with pytest.raises(httpx.ReadTimeout):
                await client.get("/hold")

    asyncio.run(scenario())
    twin.close()
