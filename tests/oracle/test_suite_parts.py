"""The suite plugin's parts on their own: the loopback rule, the URL and token rewrites, one-line causes."""

from __future__ import annotations

import pytest

from twingen.oracle.suite_guard import is_loopback, target
from twingen.oracle.suite_http import Rewriter
from twingen.oracle.suite_plugin import one_line


@pytest.mark.parametrize("host", ["127.0.0.1", "127.9.9.9", "::1", "[::1]", "localhost", "api.localhost", None, ""])
def test_loopback_hosts_are_allowed(host: object) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["192.0.2.1", "10.0.0.1", "slack.com", "example.invalid", "::ffff:8.8.8.8", 80])
def test_other_hosts_are_not(host: object) -> None:
    assert not is_loopback(host)


def test_the_guard_reads_where_each_socket_event_goes() -> None:
    assert target("socket.connect", (object(), ("192.0.2.1", 443))) == ("192.0.2.1", "a connection to 192.0.2.1:443")
    assert target("socket.getaddrinfo", ("slack.com", 443, 0, 0, 0, 0)) == ("slack.com", "a DNS lookup of 'slack.com'")
    assert target("socket.connect", (object(), "/run/some.sock")) is None  # a Unix socket
    assert target("socket.bind", (object(), ("0.0.0.0", 0))) is None


def test_the_longest_matching_prefix_is_rewritten_and_the_rest_kept() -> None:
    rewriter = Rewriter(
        [("https://www.example.com/upload/", "http://t/u/"), ("https://www.example.com/", "http://t/")], {}
    )
    assert rewriter.url("https://www.example.com/upload/a?x=1") == "http://t/u/a?x=1"
    assert rewriter.url("https://www.example.com/v1/files") == "http://t/v1/files"
    assert rewriter.url("https://other.example.com/v1") == "https://other.example.com/v1"


def test_placeholder_tokens_are_swapped_only_in_authorization() -> None:
    rewriter = Rewriter([], {"<TOKEN>": "seeded"})
    headers = {"Authorization": "Bearer <TOKEN>", "X-Note": "<TOKEN>"}
    assert rewriter.headers(headers) == {"Authorization": "Bearer seeded", "X-Note": "<TOKEN>"}
    assert rewriter.headers(None) is None


def test_a_cause_is_one_line() -> None:
    assert one_line("AssertionError: expected\nassert 404 == 200\n  + where 404 = status\nmore") == (
        "AssertionError: expected / assert 404 == 200 / + where 404 = status"
    )
    assert one_line("Traceback\n  x\nE   KeyError: 'id'\nE   (raised here)") == "KeyError: 'id' / (raised here)"
    assert one_line("x" * 500).endswith("...") and len(one_line("x" * 500)) == 300
