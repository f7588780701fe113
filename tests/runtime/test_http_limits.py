"""The HTTP layer's limits (issue #18 item 5): body and head sizes, the head and request timeouts, the idle
connection, pipelined requests before a bad one, and refusals in the vendor's envelope.

Each test talks raw HTTP/1.1 to the twin's own server on 127.0.0.1, with timeouts set small so nothing waits
long; a test that shows a refusal "at once" needs no large allocation: a ``Content-Length`` far over the limit
and a few bytes are enough.
"""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from twingen.runtime import TwinApp
from twingen.runtime.serving.limits import MAX_BODY, HttpLimits, body_limit, parse_size
from twingen.runtime.serving.tls import ensure_certificate
from twingen.runtime.vendors import profile_for

from .conftest import make_app
from .test_faults import Served

pytestmark = pytest.mark.network_loopback

BOT = b"authorization: Bearer xoxb-test-bot\r\n"
AUTH_TEST = b"POST /api/auth.test HTTP/1.1\r\nhost: 127.0.0.1\r\n" + BOT + b"content-length: 0\r\n\r\n"


@pytest.fixture
def slack() -> Iterator[Served]:
    with Served(make_app("slack"), timeout_keep_alive=0.3) as served:
        yield served


def serve(app: TwinApp, **limits: Any) -> Served:
    """The app on its own server with these limits (small timeouts: the tests wait fractions of a second)."""
    app.limits = HttpLimits(**{"head_timeout": 0.3, "request_timeout": 0.6, **limits})
    return Served(app, timeout_keep_alive=0.3)


def connect(served: Served) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", served.port), timeout=5)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def read_all(sock: socket.socket, seconds: float = 5) -> bytes:
    """Everything the server sends until it closes the connection (fails if it stays open ``seconds``)."""
    sock.settimeout(seconds)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    while True:
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, BrokenPipeError):
            break
        except TimeoutError:
            raise AssertionError(f"the connection stayed open {seconds} s; got {b''.join(chunks)[:200]!r}") from None
        if not chunk:
            break
        chunks.append(chunk)
        assert time.monotonic() < deadline, "the server kept sending"
    return b"".join(chunks)


def answers(data: bytes) -> list[tuple[int, dict[str, str], bytes]]:
    """(status, headers, body) of each answer in a stream of content-length answers."""
    found = []
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = dict(line.lower().split(": ", 1) for line in lines[1:])
        length = int(headers.get("content-length", "0"))
        found.append((int(lines[0].split()[1]), headers, rest[:length]))
        data = rest[length:]
    return found


def trickle(sock: socket.socket, pieces: list[bytes]) -> bytes:
    """Send ``pieces`` one by one, 0.1 s apart, until the twin answers or closes; what it answered."""
    sock.settimeout(0.1)
    got = b""
    for piece in pieces:
        try:
            sock.sendall(piece)
            got += sock.recv(65536)
        except TimeoutError:
            continue
        except OSError:
            break
        if got:
            break
    return got


def refusal(data: bytes) -> tuple[int, dict[str, str], Any]:
    """The one answer of a refused request: status, headers and its JSON body; it closes the connection."""
    [(status, headers, body)] = answers(data)
    assert headers["connection"] == "close"
    assert headers["content-type"].startswith("application/json"), headers
    return status, headers, orjson.loads(body)


# -- body and head sizes -----------------------------------------------------------------------------------------


def test_a_body_over_the_limit_gets_413_at_once_in_slacks_envelope(slack: Served) -> None:
    # the reproducer pushed 500 MB: the twin read it all into memory; now the head alone is enough to refuse
    with connect(slack) as sock:
        sock.sendall(
            b"POST /api/files.upload HTTP/1.1\r\nhost: 127.0.0.1\r\n" + BOT + b"content-length: 500000000\r\n\r\n"
        )
        sock.sendall(b"abc")
        status, headers, body = refusal(read_all(sock, 2))
    assert status == 413 and body == {"ok": False, "error": "payload_too_large"}
    assert headers["x-slack-failure"] == "payload_too_large"


def test_a_body_over_the_limit_gets_413_in_googles_envelope() -> None:
    with serve(make_app("google")) as served, connect(served) as sock:
        sock.sendall(b"PUT /upload/drive/v3/files HTTP/1.1\r\nhost: x\r\ncontent-length: 600000000000\r\n\r\nab")
        status, _, body = refusal(read_all(sock, 2))
    assert status == 413
    assert body["error"]["code"] == 413 and body["error"]["errors"][0]["reason"] == "uploadTooLarge"
    assert "104857600" in body["error"]["message"]


def test_expect_100_continue_over_the_limit_gets_413_instead_of_continue(slack: Served) -> None:
    with connect(slack) as sock:
        sock.sendall(
            b"PUT /upload/v1/k HTTP/1.1\r\nhost: x\r\ncontent-length: 200000000\r\nexpect: 100-continue\r\n\r\n"
        )
        data = read_all(sock, 2)
    assert data.startswith(b"HTTP/1.1 413 ") and b"100 Continue" not in data


def test_a_chunked_body_is_counted_as_it_comes() -> None:
    with serve(make_app("slack"), max_body=1000) as served, connect(served) as sock:
        sock.sendall(b"POST /api/auth.test HTTP/1.1\r\nhost: x\r\n" + BOT + b"transfer-encoding: chunked\r\n\r\n")
        sock.sendall(b"258\r\n" + b"a" * 600 + b"\r\n")
        sock.sendall(b"258\r\n" + b"a" * 600 + b"\r\n")
        status, _, body = refusal(read_all(sock, 2))
    assert status == 413 and body["error"] == "payload_too_large"


def test_a_body_at_the_limit_is_served() -> None:
    with serve(make_app("slack"), max_body=1000) as served, connect(served) as sock:
        form = b"channel=C1&text=" + b"x" * (1000 - len(b"channel=C1&text="))
        head = b"POST /api/chat.postMessage HTTP/1.1\r\nhost: x\r\n" + BOT
        head += b"content-type: application/x-www-form-urlencoded\r\nconnection: close\r\n"
        sock.sendall(head + b"content-length: %d\r\n\r\n" % len(form) + form)
        [(status, _, body)] = answers(read_all(sock))
    assert status == 200 and orjson.loads(body)["ok"] is True


def test_a_head_over_the_limit_gets_431(slack: Served) -> None:
    with connect(slack) as sock:  # the reproducer sent 50 MB of headers; 70 KB is over the 64 KiB limit
        sock.sendall(b"GET /api/auth.test HTTP/1.1\r\nhost: x\r\nx-big: " + b"a" * 70_000 + b"\r\n\r\n")
        status, _, body = refusal(read_all(sock, 2))
    assert status == 431 and body == {"ok": False, "error": "request_header_fields_too_large"}


def test_a_head_that_never_ends_is_refused_once_it_passes_the_limit(slack: Served) -> None:
    with connect(slack) as sock:  # refused while it is still coming, so no client gets 50 MB of head held
        sock.sendall(b"GET /api/auth.test HTTP/1.1\r\nhost: x\r\nx-big: ")
        time.sleep(0.05)  # the head is under way before the rest comes
        sock.sendall(b"a" * 100_000)
        status, _, body = refusal(read_all(sock, 2))
    assert status == 431 and body["error"] == "request_header_fields_too_large"


def test_many_small_pipelined_requests_in_one_large_packet_are_no_large_head() -> None:
    with serve(make_app("slack"), max_head=1000) as served, connect(served) as sock:
        sock.sendall(AUTH_TEST * 50 + b"GET /_twin/health HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n")
        got = answers(read_all(sock))
    assert [status for status, _, _ in got] == [200] * 51


def test_body_limits_are_the_twins_cap_never_above_the_vendors_documented_one() -> None:
    assert body_limit(profile_for("slack"), MAX_BODY) == MAX_BODY == 100 * 2**20 == parse_size("100M")
    assert [parse_size(text) for text in ("512", "64k", "1GiB", "2MB")] == [512, 65536, 2**30, 2 * 2**20]
    with pytest.raises(ValueError):
        parse_size("lots")
    assert body_limit(profile_for("slack"), 2 * 2**30) == 2**30  # Slack: files up to 1 GB
    assert body_limit(profile_for("google"), 2**50) == 5 * 2**40  # Drive: files up to 5,120 GB
    assert body_limit(profile_for("generic"), 2**40) == 2**40  # nothing documented: the cap alone


# -- timeouts ------------------------------------------------------------------------------------------------------


def test_a_connection_that_never_sends_a_byte_is_closed_after_the_idle_timeout(slack: Served) -> None:
    with connect(slack) as sock:
        started = time.monotonic()
        assert read_all(sock, 3) == b""  # closed without a word: there was no request to answer
    assert time.monotonic() - started < 2


def test_a_head_sent_a_byte_at_a_time_is_cut_off_by_the_head_timeout() -> None:
    # each byte comes well inside the idle timeout; the head as a whole must still arrive within head_timeout
    with serve(make_app("slack")) as served, connect(served) as sock:
        started = time.monotonic()
        got = trickle(sock, [bytes([b]) for b in b"GET /api/auth.test HTTP/1.1\r\nhost: x\r\nx-slow: " + b"a" * 100])
        elapsed = time.monotonic() - started
        got += read_all(sock, 2)
    status, _, body = refusal(got)
    assert status == 408 and body == {"ok": False, "error": "request_timeout"} and elapsed < 3


def test_a_body_that_trickles_is_cut_off_by_the_request_timeout() -> None:
    with serve(make_app("slack")) as served, connect(served) as sock:
        sock.sendall(b"POST /api/chat.postMessage HTTP/1.1\r\nhost: x\r\n" + BOT + b"content-length: 100\r\n\r\n")
        got = trickle(sock, [b"a"] * 100) + read_all(sock, 2)
    status, _, body = refusal(got)
    assert status == 408 and body["error"] == "request_timeout"


def test_on_a_tls_port_a_silent_connection_closes_and_limits_hold_over_tls(tmp_path: Path) -> None:
    files = ensure_certificate(tmp_path)
    options = {"certfile": str(files.cert), "keyfile": str(files.key), "timeout_keep_alive": 0.3}
    with Served(make_app("slack"), **options) as served:
        with connect(served) as sock:  # not a byte: neither TLS nor plain HTTP, and still closed
            assert read_all(sock, 3) == b""
        context = ssl.create_default_context(cafile=str(files.ca))
        with context.wrap_socket(connect(served), server_hostname="localhost") as tls:
            tls.sendall(b"POST /api/auth.test HTTP/1.1\r\nhost: localhost\r\ncontent-length: 999999999999\r\n\r\n")
            data = b""
            while chunk := tls.recv(65536):
                data += chunk
    status, _, body = refusal(data)
    assert status == 413 and body["error"] == "payload_too_large"


def test_a_connection_between_requests_closes_quietly_after_the_idle_timeout(slack: Served) -> None:
    with connect(slack) as sock:
        sock.sendall(AUTH_TEST)
        [(status, headers, _)] = answers(read_all(sock, 3))  # answered, then closed when idle: no 408
    assert status == 200 and "connection" not in headers


# -- malformed requests and pipelining -------------------------------------------------------------------------


def test_pipelined_requests_before_a_malformed_one_are_all_answered_then_it_gets_400(slack: Served) -> None:
    with connect(slack) as sock:
        sock.sendall(AUTH_TEST * 5 + b"GET / HTTP/1.1\r\nbad header line\r\n\r\n" + AUTH_TEST)
        got = answers(read_all(sock, 3))
    assert [status for status, _, _ in got] == [200] * 5 + [400]
    assert all(orjson.loads(body)["ok"] is True for _, _, body in got[:5])
    assert orjson.loads(got[5][2]) == {"ok": False, "error": "invalid_request"}
    assert got[5][1]["connection"] == "close"


def test_pipelined_requests_before_one_over_the_limit_are_answered_first(slack: Served) -> None:
    with connect(slack) as sock:
        sock.sendall(AUTH_TEST * 3 + b"POST /api/auth.test HTTP/1.1\r\nhost: x\r\ncontent-length: 999999999999\r\n\r\n")
        got = answers(read_all(sock, 3))
    assert [status for status, _, _ in got] == [200, 200, 200, 413]


MALFORMED = [
    b"GET / HTTP/1.1\r\nbad header line\r\n\r\n",
    b"G@T / HTTP/1.1\r\n\r\n",
    b"GET / HTTP/9.9\r\n\r\n",
    b"GET / HTTP/1.1\r\ncontent-length: x\r\n\r\n",
    b"GET / HTTP/1.1\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\nab",
    b"POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n",
    b"GET /\xff\xfe HTTP/1.1\r\n\r\n",
    b"GET / HTTP/1.1\r\nx\x00y: 1\r\n\r\n",
    b"\x01\x02\x03\r\n\r\n",
]


@pytest.mark.parametrize("request_bytes", MALFORMED, ids=range(len(MALFORMED)))
def test_a_malformed_request_gets_400_in_the_vendors_envelope(slack: Served, request_bytes: bytes) -> None:
    with connect(slack) as sock:
        sock.sendall(request_bytes)
        status, _, body = refusal(read_all(sock, 2))
    assert status == 400 and body == {"ok": False, "error": "invalid_request"}


def test_a_bare_asgi_app_still_gets_a_plain_refusal() -> None:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        assert scope["type"] == "lifespan", "no request reaches the app"
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})

    with Served(app) as served, connect(served) as sock:  # type: ignore[arg-type]
        sock.sendall(b"GET / HTTP/1.1\r\nbad header line\r\n\r\n")
        data = read_all(sock, 2)
    assert data.startswith(b"HTTP/1.1 400 Bad Request\r\n") and data.endswith(b"Invalid HTTP request received.")
