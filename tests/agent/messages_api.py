"""A respx-mocked Anthropic Messages API that answers with scripted, realistic tool-use turns.

anthropic 2.x sends HTTP through ``httpx2``, which respx does not patch; ``bridge()`` is an ``httpx2``
transport that hands each request to a respx router, so the real SDK (request building, response
parsing, errors) runs end to end against respx routes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import httpx
import httpx2
import respx

from twingen.agent.model.anthropic_client import AnthropicClient
from twingen.agent.model.fake import reply_body, text

MESSAGES_URL = "https://api.anthropic.com/v1/messages"
TEST_KEY = "sk-ant-api03-TESTKEYdoNotStore0123456789"

Step = Callable[[dict[str, Any]], dict[str, Any]] | dict[str, Any]


class RespxBridge(httpx2.BaseTransport):
    """An httpx2 transport answering from a respx router (unmatched requests fail the test)."""

    def __init__(self, router: respx.MockRouter) -> None:
        self.router = router

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        mirrored = httpx.Request(request.method, str(request.url), headers=list(request.headers.items()),
                                 content=request.read())  # fmt: skip
        answer = self.router.handler(mirrored)
        return httpx2.Response(answer.status_code, headers=list(answer.headers.items()), content=answer.read())


def client(router: respx.MockRouter, sleep: Callable[[float], None] = lambda _: None) -> AnthropicClient:
    return AnthropicClient(TEST_KEY, http_client=httpx2.Client(transport=RespxBridge(router)), sleep=sleep)


class ScriptedApi:
    """The Messages API route's side effect: scripted steps, then ``end_turn`` for ever."""

    def __init__(self, steps: Sequence[Step]) -> None:
        self.steps = list(steps)
        self.bodies: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.bodies.append(body)
        step = self.steps.pop(0) if self.steps else reply_body(text("I am done."))
        data = step(body) if callable(step) else step
        return httpx.Response(200, json=data, headers={"request-id": f"req_{len(self.bodies)}"})


def mock_api(router: respx.MockRouter, steps: Sequence[Step]) -> ScriptedApi:
    api = ScriptedApi(steps)
    router.post(MESSAGES_URL).mock(side_effect=api)
    return api


def tool_results(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The tool_result blocks of the last user message of a request body."""
    content = body["messages"][-1]["content"]
    return [b for b in content if isinstance(b, dict) and b.get("type") == "tool_result"]
