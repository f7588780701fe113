"""The Anthropic client through the real SDK: one retry layer (ours), usage with cache fields, errors."""

from __future__ import annotations

import httpx
import pytest
import respx

from twingen.agent.model import ModelError, ModelRequest
from twingen.agent.model.fake import reply_body, text, tool_use
from twingen.agent.pricing import PRICE_TABLE_VERSION, cost_usd, price_for

from .messages_api import MESSAGES_URL, TEST_KEY, client

REQUEST = ModelRequest("claude-sonnet-4-6", "system", [{"name": "t", "description": "d", "input_schema": {
    "type": "object", "properties": {}}}], [{"role": "user", "content": "hi"}])  # fmt: skip
OK = reply_body(tool_use("toolu_1", "t"), input_tokens=11, output_tokens=7, cache_read=2000, cache_write=300)


def _overloaded() -> httpx.Response:
    return httpx.Response(529, json={"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})


def test_a_reply_keeps_the_raw_body_and_the_cache_usage(router: respx.MockRouter) -> None:
    route = router.post(MESSAGES_URL).mock(return_value=httpx.Response(200, json=OK))
    reply = client(router).complete(REQUEST)
    assert reply.raw == OK and reply.stop_reason == "tool_use"
    assert (reply.input_tokens, reply.output_tokens, reply.cache_read_tokens, reply.cache_write_tokens) == (
        11, 7, 2000, 300)  # fmt: skip
    sent = route.calls.last.request
    # the SDK decides how the key travels (anthropic 2.x: a bearer credential)
    assert TEST_KEY in (
        sent.headers.get("x-api-key", ""),
        sent.headers.get("authorization", "").removeprefix("Bearer "),
    )
    assert sent.headers["x-stainless-retry-count"] == "0"


def test_overloaded_and_rate_limits_are_retried_by_us_alone(router: respx.MockRouter) -> None:
    slept: list[float] = []
    answers = [_overloaded(), httpx.Response(429, headers={"retry-after": "3"}, json={}), httpx.Response(200, json=OK)]
    route = router.post(MESSAGES_URL).mock(side_effect=answers)
    model = client(router, sleep=slept.append)
    assert model.complete(REQUEST).stop_reason == "tool_use"
    assert route.call_count == 3 and model.attempts == 3
    assert slept == [1.0, 3.0]  # backoff, then the server's retry-after
    # the SDK's own retries are off, so it never retried on its own behind ours
    assert all(c.request.headers["x-stainless-retry-count"] == "0" for c in route.calls)


def test_a_client_error_is_not_retried(router: respx.MockRouter) -> None:
    route = router.post(MESSAGES_URL).mock(return_value=httpx.Response(
        400, json={"type": "error", "error": {"type": "invalid_request_error", "message": "bad tools"}}))  # fmt: skip
    with pytest.raises(ModelError, match="400: bad tools"):
        client(router).complete(REQUEST)
    assert route.call_count == 1


def test_retries_give_up_after_the_last_attempt(router: respx.MockRouter) -> None:
    route = router.post(MESSAGES_URL).mock(return_value=_overloaded())
    with pytest.raises(ModelError, match="529"):
        client(router).complete(REQUEST)
    assert route.call_count == 5


def test_cost_counts_cache_reads_and_writes() -> None:
    p = price_for("claude-sonnet-4-6-20260101")
    assert (p.input, p.output, p.cache_write, p.cache_read) == (3.0, 15.0, 3.75, 0.3)
    assert cost_usd("claude-sonnet-4-6", 1_000_000, 0) == pytest.approx(3.0)
    assert cost_usd("claude-sonnet-4-6", 0, 0, cache_read=1_000_000, cache_write=1_000_000) == pytest.approx(4.05)
    assert price_for("claude-unknown-9").input == 15.0  # unknown models are priced high, never free
    assert PRICE_TABLE_VERSION


def test_fake_replies_end_the_turn_when_the_script_is_over() -> None:
    from twingen.agent.model.fake import ScriptedModel

    model = ScriptedModel([reply_body(text("one"))])
    assert model.complete(REQUEST).content == [text("one")]
    assert model.complete(REQUEST).stop_reason == "end_turn" and len(model.requests) == 2
