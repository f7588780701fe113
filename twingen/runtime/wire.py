"""The twin's own uvicorn protocol: a ``twin.close`` hook for connection faults, one write per answer, and
one port for both plain HTTP and HTTPS.

Why one write: uvicorn writes an answer's head and its body separately, two ``send`` calls and two
segments. On loopback the kernel does the receiver's work inside the sender's system call, so the second
write is most of a request's cost beyond the twin's own work: holding the head until the body comes and
writing both at once raised chat.postMessage from ~9,800 to ~12,400 req/s on this machine
(benchmarks/bench_runtime.py).

Why one port for both: google-api-python-client sends media uploads to ``https://`` on the host *and port*
of the endpoint it was given, whatever that endpoint's scheme. A twin on ``http://127.0.0.1:8000`` must
therefore also answer TLS on port 8000. Each connection's first byte tells: a TLS handshake record
starts with ``0x16``, an HTTP request line with a letter. The connection is then handed to uvicorn's
protocol as is, or through asyncio's TLS protocol; after that first read the sniffer is out of the path.
"""

from __future__ import annotations

import asyncio
import ssl
from asyncio import sslproto
from typing import Any

_TLS_HANDSHAKE = 0x16


def http_protocol() -> type[Any]:
    """uvicorn's HTTP protocol with ``scope["extensions"]["twin.close"]`` (closes the connection)."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as Base
    except ImportError:  # pragma: no cover - uvicorn[standard] brings httptools
        from uvicorn.protocols.http.h11_impl import H11Protocol as Base  # type: ignore[assignment]

    class TwinProtocol(Base):
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            transport = OneWrite(transport)  # type: ignore[assignment]
            super().connection_made(transport)
            app, extensions = self.app, {"twin.close": transport.close}

            async def with_hook(scope: dict[str, Any], receive: Any, send: Any) -> None:
                scope["extensions"] = {**(scope.get("extensions") or {}), **extensions}
                await app(scope, receive, send)

            self.app = with_hook

    return TwinProtocol


class OneWrite:
    """A transport that holds an answer's head until its body is written, then writes both at once.

    A head held alone (an answer whose body never comes, or comes after an ``await``) goes out on the
    loop's next turn, so nothing waits on it longer than one iteration.
    """

    _HEAD_END = b"\r\n\r\n"
    _JOIN_LIMIT = 64 * 1024

    def __init__(self, transport: asyncio.Transport) -> None:
        self._transport = transport
        self._head: bytes | None = None
        self._loop = asyncio.get_running_loop()

    def write(self, data: bytes | bytearray | memoryview) -> None:
        head = self._head
        if head is not None:
            self._head = None
            if len(data) <= self._JOIN_LIMIT:
                self._transport.write(head + bytes(data))
                return
            self._transport.write(head)  # a large body: one more write costs less than copying it
            self._transport.write(data)
        elif isinstance(data, bytes) and data.endswith(self._HEAD_END):
            self._head = data
            self._loop.call_soon(self.flush)
        else:
            self._transport.write(data)

    def flush(self) -> None:
        head, self._head = self._head, None
        if head is not None and not self._transport.is_closing():
            self._transport.write(head)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        # everything else (pause_reading, get_extra_info, is_closing, abort, ...) is the transport's own
        return getattr(self._transport, name)


def dual_protocol(context: ssl.SSLContext) -> type[Any]:
    """A protocol class for uvicorn's ``http=`` that serves HTTPS and plain HTTP on the same port."""
    inner_class = http_protocol()

    class Sniffer(asyncio.Protocol):
        def __init__(self, **kwargs: Any) -> None:
            self._kwargs = kwargs
            self._connections: set[Any] = kwargs["server_state"].connections
            self._transport: asyncio.Transport | None = None

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            assert isinstance(transport, asyncio.Transport)
            self._transport = transport
            self._connections.add(self)  # so a shutdown closes connections that never sent a byte

        def data_received(self, data: bytes) -> None:
            transport = self._transport
            assert transport is not None
            self._connections.discard(self)
            inner = inner_class(**self._kwargs)
            if data[0] != _TLS_HANDSHAKE:
                transport.set_protocol(inner)
                inner.connection_made(transport)
                inner.data_received(data)
                return
            loop = asyncio.get_running_loop()
            tls: Any = sslproto.SSLProtocol(loop, inner, context, None, server_side=True)  # type: ignore[arg-type]
            transport.set_protocol(tls)
            tls.connection_made(transport)
            # the bytes already read go to the TLS protocol as if they had just arrived
            if not hasattr(tls, "get_buffer"):  # Python 3.10: a plain protocol
                tls.data_received(data)
                return
            while data:
                buffer = tls.get_buffer(len(data))
                size = min(len(buffer), len(data))
                buffer[:size] = data[:size]
                tls.buffer_updated(size)
                data = data[size:]

        def connection_lost(self, exc: Exception | None) -> None:
            self._connections.discard(self)

        def shutdown(self) -> None:
            if self._transport is not None:
                self._transport.close()

    return Sniffer


def server_context(certfile: str, keyfile: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certfile, keyfile)
    return context
