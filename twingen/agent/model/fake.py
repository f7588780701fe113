"""A scripted model for tests: each step is a function of the request (or a fixed reply body).

A step may look at the request (the last tool results) to decide what to do, the way a real model
would; a step that is a plain dict is returned as is. When the script runs out, the fake ends the turn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from twingen.agent.model.base import ModelReply, ModelRequest

Step = dict[str, Any] | Callable[[ModelRequest], dict[str, Any]]


def reply_body(*blocks: dict[str, Any], stop_reason: str | None = None, input_tokens: int = 1000,
               output_tokens: int = 100, cache_read: int = 0, cache_write: int = 0) -> dict[str, Any]:  # fmt: skip
    """A Messages API response body with the given content blocks, as the API writes one."""
    uses = any(b.get("type") == "tool_use" for b in blocks)
    return {
        "id": "msg_fake",
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-4-6",
        "content": list(blocks),
        "stop_reason": stop_reason or ("tool_use" if uses else "end_turn"),
        "stop_sequence": None,
        "usage": {
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "cache_read_input_tokens": cache_read,
            "cache_creation_input_tokens": cache_write,
        },
    }


def tool_use(tool_id: str, name: str, **arguments: Any) -> dict[str, Any]:
    return {"type": "tool_use", "id": tool_id, "name": name, "input": arguments}


def text(value: str) -> dict[str, Any]:
    return {"type": "text", "text": value}


class ScriptedModel:
    """Answers with the script's steps in order; records every request it was given."""

    def __init__(self, steps: Sequence[Step]) -> None:
        self.steps = list(steps)
        self.requests: list[ModelRequest] = []

    def complete(self, request: ModelRequest) -> ModelReply:
        self.requests.append(request)
        if not self.steps:
            return ModelReply.from_raw(reply_body(text("done")))
        step = self.steps.pop(0)
        return ModelReply.from_raw(step(request) if callable(step) else step)
