"""``X-Forwarded-Prefix``: a twin served under a path by a reverse proxy (``twingen universe serve --one-port``) writes
that path into the URLs it answers with; a header that is not a plain path is ignored."""

from __future__ import annotations

import pytest

from twingen.runtime.dispatch.requests import forwarded_prefix, origin

SCOPE = {"scheme": "http", "server": ("127.0.0.1", 9000)}


@pytest.mark.parametrize(
    ("given", "taken"),
    [("/slack", "/slack"), ("/slack/", "/slack"), ("/a/b-c_d.e~f", "/a/b-c_d.e~f"), (None, "")],
)
def test_a_plain_path_is_taken(given: str | None, taken: str) -> None:
    headers = {} if given is None else {"x-forwarded-prefix": given}
    assert forwarded_prefix(headers) == taken


@pytest.mark.parametrize(
    "given", ["slack", "//evil.example", "/a b", "/a?b=c", "/<x>", "/..", "/a/./b", "/a, /b", "/é"]
)
def test_anything_else_is_ignored(given: str) -> None:
    assert forwarded_prefix({"x-forwarded-prefix": given}) == ""


def test_the_origin_is_host_then_prefix() -> None:
    headers = {"host": "127.0.0.1:8100", "x-forwarded-prefix": "/okta"}
    assert origin(headers, SCOPE, "http") == "http://127.0.0.1:8100/okta"
    assert origin({}, SCOPE, "http") == "http://127.0.0.1:9000"
    assert origin({"host": "localhost:1"}, {}, "ws") == "ws://localhost:1"
