"""``serve --seed N``: ids, timestamps and fault dice are a function of the request sequence."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from twingen.runtime import Registry, create_app
from twingen.runtime.clock import EPOCH

from . import behaviours, slack_seed, specs

BOT = {"Authorization": "Bearer xoxb-test-bot"}


def _session(seed: int | None) -> list[Any]:
    app = create_app(specs.slack(), Registry.from_modules([behaviours, slack_seed]), seed=seed)
    with TestClient(app) as c:
        c.post("/_twin/faults", json={"probability": 0.3, "action": {"error": "ratelimited"}})
        answers = []
        for n in range(12):
            answers.append(c.post("/api/conversations.create", headers=BOT, data={"name": f"c{n}"}).content)
            answers.append(c.post("/api/chat.postMessage", headers=BOT, data={"channel": "C1", "text": "x"}).content)
        answers.append(c.get("/_twin/clock").json()["now"])
        return answers


def test_same_seed_same_bytes() -> None:
    first, second = _session(42), _session(42)
    assert first == second
    assert b"ratelimited" in b"".join(a for a in first if isinstance(a, bytes))
    assert first[-1] == EPOCH + 24  # one step per vendor request
    assert _session(43) != first


def test_unseeded_twins_differ() -> None:
    assert _session(None)[:-1] != _session(None)[:-1]


def test_reset_replays_a_seeded_twin() -> None:
    app = create_app(specs.slack(), Registry.from_modules([behaviours, slack_seed]), seed=1)
    with TestClient(app) as c:
        run = [c.post("/api/conversations.create", headers=BOT, data={"name": "a"}).json() for _ in range(2)]
        c.post("/_twin/reset")
        again = [c.post("/api/conversations.create", headers=BOT, data={"name": "a"}).json() for _ in range(2)]
    assert run == again and run[0]["channel"]["id"] != run[1]["channel"]["id"]


def test_error_ids_inside_error_bodies_follow_the_seed() -> None:
    def error_ids(seed: int | None) -> list[str]:
        with TestClient(create_app(specs.okta(), seed=seed)) as c:
            return [c.get("/api/v1/users", headers={"Authorization": "SSWS wrong"}).json()["errorId"] for _ in range(3)]

    first = error_ids(7)
    assert first == error_ids(7) and len(set(first)) == 3  # Okta's errorId is new per request
    assert error_ids(8) != first and error_ids(None) != error_ids(None)
