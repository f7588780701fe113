"""An answer without content carries no content type: clients that see JSON's type try to parse the nothing."""

from __future__ import annotations

from twingen.runtime.serving.app import _start


def _headers(status: int, body: bytes) -> dict[bytes, bytes]:
    return dict(_start(status, body, {}, "application/json")["headers"])


def test_an_empty_202_has_no_content_type() -> None:
    assert _headers(202, b"") == {b"content-length": b"0"}


def test_a_json_answer_keeps_its_type_and_a_204_has_no_body_headers() -> None:
    assert _headers(200, b"{}")[b"content-type"] == b"application/json"
    assert _headers(204, b"") == {}
