"""The model-client interface: one request in, one reply out; no loop, no tools run here.

Requests and replies are plain JSON-like dicts in the Messages API's own shape, so what the store keeps
is exactly what was sent and received, and a replayed reply is indistinguishable from a live one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


class ModelError(RuntimeError):
    """The model could not be reached or refused the request for good (after retries)."""


@dataclass(frozen=True)
class ModelRequest:
    """One Messages API call: ``system`` and ``tools`` are the stable (cached) prefix."""

    model: str
    system: str
    tools: list[dict[str, Any]]
    messages: list[dict[str, Any]]
    max_tokens: int = 4096

    def body(self) -> dict[str, Any]:
        """The JSON body sent to ``/v1/messages``, with cache breakpoints at the end of the stable prefix."""
        tools = [dict(t) for t in self.tools]
        if tools:
            tools[-1]["cache_control"] = {"type": "ephemeral"}
        return {
            "model": self.model,
            "max_tokens": self.max_tokens,
            "system": [{"type": "text", "text": self.system, "cache_control": {"type": "ephemeral"}}],
            "tools": tools,
            "messages": self.messages,
        }


@dataclass(frozen=True)
class ModelReply:
    """The raw response body and what the loop needs from it."""

    raw: dict[str, Any]
    content: list[dict[str, Any]] = field(default_factory=list)
    stop_reason: str = ""
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> ModelReply:
        usage = raw.get("usage") or {}
        return cls(
            raw=raw,
            content=list(raw.get("content") or []),
            stop_reason=str(raw.get("stop_reason") or ""),
            input_tokens=int(usage.get("input_tokens") or 0),
            output_tokens=int(usage.get("output_tokens") or 0),
            cache_read_tokens=int(usage.get("cache_read_input_tokens") or 0),
            cache_write_tokens=int(usage.get("cache_creation_input_tokens") or 0),
        )

    def tool_uses(self) -> list[dict[str, Any]]:
        return [block for block in self.content if block.get("type") == "tool_use"]


class ModelClient(Protocol):
    """Anything that answers one Messages API request."""

    def complete(self, request: ModelRequest) -> ModelReply: ...
