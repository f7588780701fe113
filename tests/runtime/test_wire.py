"""One write per answer: the head waits for the body, and nothing waits longer than one loop turn."""

from __future__ import annotations

import asyncio

from twingen.runtime.wire import OneWrite, http_protocol

from .conftest import make_app
from .test_faults import BOT


class Recorder:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.writes.append(bytes(data))

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_extra_info(self, name: str) -> object:
        return None if name in ("socket", "sockname", "peername", "sslcontext") else f"extra:{name}"

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


HEAD = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n"


def _run(body: object) -> None:
    asyncio.run(body)  # type: ignore[arg-type]


def test_head_and_body_go_out_in_one_write() -> None:
    async def scenario() -> None:
        raw = Recorder()
        wire = OneWrite(raw)  # type: ignore[arg-type]
        wire.write(HEAD)
        assert raw.writes == []
        wire.write(b"{}")
        assert raw.writes == [HEAD + b"{}"]
        await asyncio.sleep(0)  # the scheduled flush finds nothing left to send
        assert raw.writes == [HEAD + b"{}"]
        assert wire.get_extra_info("compression") == "extra:compression"

    _run(scenario())


def test_a_head_alone_goes_out_on_the_next_loop_turn_and_before_close() -> None:
    async def scenario() -> None:
        raw = Recorder()
        wire = OneWrite(raw)  # type: ignore[arg-type]
        wire.write(HEAD)
        await asyncio.sleep(0)
        assert raw.writes == [HEAD]
        wire.write(HEAD)
        wire.close()
        assert raw.writes == [HEAD, HEAD] and raw.closed

    _run(scenario())


def test_a_large_body_is_not_copied_onto_the_head() -> None:
    async def scenario() -> None:
        raw = Recorder()
        wire = OneWrite(raw)  # type: ignore[arg-type]
        body = b"x" * (OneWrite._JOIN_LIMIT + 1)
        wire.write(HEAD)
        wire.write(body)
        assert raw.writes == [HEAD, body]

    _run(scenario())


def test_the_twin_protocol_answers_a_request_with_one_write() -> None:
    import uvicorn
    from uvicorn.server import ServerState

    async def scenario() -> list[bytes]:
        config = uvicorn.Config(make_app("slack"), lifespan="off", log_level="warning")
        config.load()
        protocol = http_protocol()(config=config, server_state=ServerState(), app_state={})
        raw = Recorder()
        protocol.connection_made(raw)
        auth = BOT["Authorization"].encode()
        protocol.data_received(
            b"POST /api/auth.test HTTP/1.1\r\nhost: x\r\nauthorization: " + auth + b"\r\ncontent-length: 0\r\n\r\n"
        )
        for _ in range(50):
            await asyncio.sleep(0)
        return raw.writes

    writes = asyncio.run(scenario())
    assert len(writes) == 1
    head, _, body = writes[0].partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and b'"ok":true' in body
