"""A sample of what a vendor SDK's own suite looks like, written for twingen's tests: it calls the "vendor"
at its real-looking URL, which only the suite driver's rewrite sends to the twin. Each test ends in a known way.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import Any

import pytest

VENDOR = "https://api.sample.invalid"


def call(method: str, path: str, body: Any = None, token: str | None = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Authorization": f"Bearer {token or os.environ['SAMPLE_TOKEN']}", "Content-Type": "application/json"}
    request = urllib.request.Request(VENDOR + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def test_create_then_get() -> None:
    status, item = call("POST", "/items", {"name": "first"})
    assert status == 200
    assert call("GET", f"/items/{item['id']}") == (200, item)


def test_each_test_starts_from_the_seed() -> None:
    # the test before created an item: the twin was reset in between
    assert call("GET", "/items") == (200, {"items": []})


def test_get_a_missing_item() -> None:
    status, _ = call("GET", "/items/it-missing")
    assert status == 200, "the test expected the item to exist"


def test_needs_a_real_account() -> None:
    pytest.skip("needs a real vendor account")


@pytest.fixture
def logged_in() -> None:
    raise RuntimeError("the fixture could not log in")


def test_with_a_broken_fixture(logged_in: None) -> None:
    assert call("GET", "/items")[0] == 200


def _guarded() -> None:
    # never try the network unless the guard is there to refuse it
    guard = sys.modules.get("twingen.oracle.suite_guard")
    if guard is None or not guard.installed():
        pytest.fail("the twingen suite guard is not installed")


def test_the_network_is_refused() -> None:
    _guarded()
    with pytest.raises(ConnectionRefusedError, match=re.escape("twingen suite refused a connection to 192.0.2.1:9")):
        socket.socket().connect(("192.0.2.1", 9))
    with pytest.raises(ConnectionRefusedError, match=re.escape("refused a DNS lookup of 'example.invalid'")):
        socket.getaddrinfo("example.invalid", 443)


def test_a_child_process_is_refused_too() -> None:
    _guarded()
    code = (
        "from twingen.oracle import suite_guard\n"
        "assert suite_guard.installed(), 'no guard in the child'\n"
        "import socket\n"
        "socket.socket().connect(('192.0.2.1', 9))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "twingen suite refused a connection to 192.0.2.1:9" in done.stderr


def test_a_placeholder_token_is_swapped() -> None:
    assert call("GET", "/items", token="PLACEHOLDER") == (200, {"items": []})


def test_needs_a_second_workspace() -> None:
    assert call("GET", "/items", token="a token of another real workspace")[0] == 200


def test_hangs() -> None:
    time.sleep(60)
