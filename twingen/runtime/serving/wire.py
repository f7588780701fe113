"""One port for both plain HTTP and HTTPS.

google-api-python-client sends media uploads to ``https://`` on the host *and port* of the endpoint it
was given, whatever that endpoint's scheme. A twin on ``http://127.0.0.1:8000`` must therefore also
answer TLS on port 8000. Each connection's first byte tells: a TLS handshake record starts with
``0x16``, an HTTP request line with a letter. The connection is then handed to the twin's protocol
(``protocol.py``) as is, or through asyncio's TLS protocol; after that first read the sniffer is out of
the path. A connection that sends nothing is closed after the keep-alive timeout, as the protocol's own are.
"""

from __future__ import annotations

import asyncio
import ssl
from asyncio import sslproto
from typing import Any

from .protocol import TwinHttp

_TLS_HANDSHAKE = 0x16


def dual_protocol(context: ssl.SSLContext) -> type[Any]:
    """A protocol class for uvicorn's ``http=`` that serves HTTPS and plain HTTP on the same port."""

    class Sniffer(asyncio.Protocol):
        def __init__(self, **kwargs: Any) -> None:
            self._kwargs = kwargs
            self._connections: set[Any] = kwargs["server_state"].connections
            self._transport: asyncio.Transport | None = None
            self._idle: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            assert isinstance(transport, asyncio.Transport)
            self._transport = transport
            self._connections.add(self)  # so a shutdown closes connections that never sent a byte
            timeout = self._kwargs["config"].timeout_keep_alive
            self._idle = asyncio.get_running_loop().call_later(timeout, transport.close)

        def data_received(self, data: bytes) -> None:
            transport = self._transport
            assert transport is not None
            self._stop_idle()
            self._connections.discard(self)
            inner = TwinHttp(**self._kwargs)
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
            self._stop_idle()
            self._connections.discard(self)

        def _stop_idle(self) -> None:
            if self._idle is not None:
                self._idle.cancel()
                self._idle = None

        def shutdown(self) -> None:
            if self._transport is not None:
                self._transport.close()

    return Sniffer


def server_context(certfile: str, keyfile: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certfile, keyfile)
    return context
