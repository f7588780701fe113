"""Bad data never poisons state (issue #18 item 6): it is refused before anything changes, in the vendor's words.

orjson reads JSON nested up to 1,024 levels but writes only 254, so a body nested 255-1,023 deep used to be
stored and then fail every answer that showed it (a 500 until a reset). The runtime now refuses a JSON body
nested more than ``MAX_DEPTH`` levels with the vendor's validation error. The clock refuses a move to a time it
cannot write as a date (year 10000, ``advance: 1e300``) and stays where it was.
"""

from __future__ import annotations

from collections.abc import Callable

import orjson
import pytest
from starlette.testclient import TestClient

from twingen.runtime.dispatch.requests import MAX_DEPTH

from .conftest import bearer

Client = Callable[[str], TestClient]


def nested(depth: int) -> bytes:
    """A JSON array ``depth`` levels deep, written by hand (json.dumps recurses, and stops near 1,000)."""
    return b"[" * depth + b"]" * depth


def widget_body(extra_depth: int) -> bytes:
    """A widget whose ``extra`` field nests ``extra_depth`` levels (the body itself is one more)."""
    return b'{"name": "deep", "extra": ' + nested(extra_depth) + b"}"


@pytest.mark.parametrize("depth", [255, 300, 1023])
def test_a_body_nested_deeper_than_the_limit_is_refused_and_nothing_is_stored(client_for: Client, depth: int) -> None:
    client = client_for("generic")
    auth = {**bearer(client), "content-type": "application/json"}
    answer = client.post("/widgets", headers=auth, content=widget_body(depth))
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_request"
    assert answer.json()["message"] == f"invalid value for extra: 'nested more than {MAX_DEPTH} levels deep'"
    listing = client.get("/widgets", headers=auth)
    assert listing.status_code == 200  # the listing still answers: nothing unanswerable was kept
    assert listing.json() == []


def test_a_body_at_the_limit_is_kept_and_read_back(client_for: Client) -> None:
    client = client_for("generic")
    auth = {**bearer(client), "content-type": "application/json"}
    created = client.post("/widgets", headers=auth, content=widget_body(MAX_DEPTH - 1))
    assert created.status_code == 201, created.text
    listing = client.get("/widgets", headers=auth)
    assert listing.status_code == 200
    assert orjson.dumps(listing.json()[0]["extra"]) == nested(MAX_DEPTH - 1)


def test_a_body_that_is_itself_too_deep_is_refused(client_for: Client) -> None:
    client = client_for("generic")
    answer = client.post(
        "/widgets", headers={**bearer(client), "content-type": "application/json"}, content=nested(600)
    )
    assert answer.status_code == 400
    assert answer.json()["message"] == f"invalid value for body: 'nested more than {MAX_DEPTH} levels deep'"


def test_google_words_a_body_nested_too_deep_as_an_invalid_value(client_for: Client) -> None:
    client = client_for("google")
    token = next(c["token"] for c in client.get("/_twin/credentials").json()["credentials"] if c["scheme"] != "basic")
    body = b'{"name": "x", "properties": ' + b'{"a": ' * 400 + b'"x"' + b"}" * 400 + b"}"
    answer = client.post(
        "/drive/v3/files",
        headers={"Authorization": f"Bearer {token}", "content-type": "application/json"},
        content=body,
    )
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["status"] == "INVALID_ARGUMENT"
    assert error["errors"][0]["reason"] == "invalid"
    assert error["errors"][0]["location"] == "properties"
    assert f"nested more than {MAX_DEPTH} levels deep" in error["message"]


# -- the clock ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "move",
    [
        {"set": 253402300800},  # 10000-01-01T00:00:00Z
        {"set": 1e300},
        {"advance": 1e300},
        {"advance": -1e300},
        {"advance": -4e9},  # before 1970
    ],
)
def test_the_clock_refuses_a_time_it_cannot_show_and_stays_where_it_was(client_for: Client, move: dict) -> None:
    client = client_for("generic")
    client.post("/_twin/clock", json={"advance": 3600})
    before = client.get("/_twin/clock").json()
    answer = client.post("/_twin/clock", json=move)
    assert answer.status_code == 400
    assert answer.json()["error"] == "bad_request"
    assert "it stays between 1970-01-01T00:00:00.000Z and 9999-01-01T00:00:00.000Z" in answer.json()["message"]
    after = client.get("/_twin/clock")
    assert after.status_code == 200
    assert after.json()["offset"] == before["offset"]


def test_the_clock_still_goes_to_the_last_year_it_can_show(client_for: Client) -> None:
    client = client_for("generic")
    answer = client.post("/_twin/clock", json={"set": 253370764000})  # 9998-12-31T23:46:40Z
    assert answer.status_code == 200
    assert answer.json()["iso"].startswith("9998-12-31T23:46:40")
    assert client.get("/_twin/clock").json()["iso"].startswith("9998-12-31")
