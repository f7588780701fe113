"""The twin clock: ``GET|POST /_twin/clock`` moves it for behaviour (``ctx.now()``) and inferred CRUD."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from twingen.runtime.clock import BASE62_ALPHABET, BASE64URL_ALPHABET, EPOCH, URLSAFE_ALPHABET, Clock, iso8601

BOT = {"Authorization": "Bearer xoxb-test-bot"}


def test_wall_clock_advance_and_set(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")
    before = c.get("/_twin/clock").json()
    assert before["deterministic"] is False and abs(before["now"] - time.time()) < 5
    moved = c.post("/_twin/clock", json={"advance": 86400}).json()
    assert moved["offset"] == 86400 and moved["now"] - time.time() > 86000
    ts = float(c.post("/api/chat.postMessage", headers=BOT, data={"channel": "C1", "text": "x"}).json()["ts"])
    assert ts - time.time() > 86000  # behaviour reads the twin clock through ctx.now()
    at = c.post("/_twin/clock", json={"set": 2_000_000_000}).json()
    assert 2_000_000_000 <= at["now"] < 2_000_000_005 and at["iso"].startswith("2033-05-18T03:33:2")
    c.post("/_twin/reset")
    assert c.get("/_twin/clock").json()["offset"] == 0


@pytest.mark.parametrize(
    "body", [{}, {"advance": "1"}, {"advance": 1, "set": 2}, {"set": -5}, {"advance": True}, [1], {"warp": 1}]
)
def test_bad_clock_moves_are_400(client_for: Callable[[str], TestClient], body: object) -> None:
    r = client_for("slack").post("/_twin/clock", json=body)
    assert r.status_code == 400 and r.json()["error"] == "bad_request"


def test_stepped_clock() -> None:
    clock = Clock(step=1.0)
    assert clock.now() == EPOCH and clock.now() == EPOCH  # stays put within a request
    clock.tick()
    clock.advance(10)
    assert clock.now() == EPOCH + 11
    clock.set(EPOCH + 100)
    clock.tick()
    assert clock.now() == EPOCH + 101
    clock.reset()
    assert clock.now() == EPOCH
    assert iso8601(EPOCH + 0.5) == "2024-01-01T00:00:00.500Z"


def test_the_base64url_alphabet_is_rfc_4648s_in_its_order() -> None:
    every_sextet = sum(n << 6 * (63 - n) for n in range(64)).to_bytes(48, "big")  # the sextets 0, 1, ... 63
    assert base64.urlsafe_b64encode(every_sextet).decode() == BASE64URL_ALPHABET
    assert sorted(BASE64URL_ALPHABET) == sorted(URLSAFE_ALPHABET) and BASE62_ALPHABET.isalnum()
