"""The Anthropic Messages API client, with the one retry layer we use.

The SDK is built with ``max_retries=0`` and we retry here, so retries never stack (SDK retries inside
ours would multiply the attempts and hide them from the transcript). Retried: 429, 5xx, 529
"overloaded", and connection failures, with exponential backoff that honours ``retry-after``. Anything
else (400, 401, 403, 404) fails at once: retrying cannot fix it.

anthropic 2.x speaks HTTP through ``httpx2`` (not ``httpx``); ``http_client`` takes an ``httpx2.Client``,
which is how tests route the real SDK into a respx router (see ``tests/agent/messages_api.py``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import anthropic
import httpx2

from twingen.agent.model.base import ModelError, ModelReply, ModelRequest

MAX_ATTEMPTS = 5
BASE_DELAY = 1.0
MAX_DELAY = 30.0
RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504, 529})


class AnthropicClient:
    """``complete()`` sends one request; ``sleep`` is injectable so tests of backoff take no time."""

    def __init__(
        self,
        api_key: str,
        *,
        base_url: str | None = None,
        timeout: float = 300.0,
        sleep: Callable[[float], None] = time.sleep,
        http_client: httpx2.Client | None = None,
    ) -> None:
        self._client = anthropic.Anthropic(
            api_key=api_key, base_url=base_url, max_retries=0, timeout=timeout, http_client=http_client
        )
        self._sleep = sleep
        self.attempts = 0
        """Every HTTP attempt made, retries included (for tests and the run summary)."""

    def complete(self, request: ModelRequest) -> ModelReply:
        body = request.body()
        for attempt in range(1, MAX_ATTEMPTS + 1):
            self.attempts += 1
            try:
                raw = self._client.messages.with_raw_response.create(**body)
                # the raw body, not the parsed model: the store keeps exactly what the API answered
                data: dict[str, Any] = json.loads(raw.http_response.text)
                return ModelReply.from_raw(data)
            except anthropic.APIStatusError as exc:
                if exc.status_code not in RETRY_STATUSES or attempt == MAX_ATTEMPTS:
                    raise ModelError(f"Messages API answered {exc.status_code}: {_message(exc)}") from exc
                self._sleep(_delay(attempt, exc.response))
            except anthropic.APIConnectionError as exc:  # includes timeouts
                if attempt == MAX_ATTEMPTS:
                    raise ModelError(f"Messages API unreachable: {exc}") from exc
                self._sleep(_delay(attempt, None))
        raise AssertionError("unreachable")  # pragma: no cover


def _delay(attempt: int, response: httpx2.Response | None) -> float:
    if response is not None:
        after = response.headers.get("retry-after")
        if after is not None:
            try:
                return min(max(float(after), 0.0), MAX_DELAY)
            except ValueError:
                pass
    return float(min(BASE_DELAY * 2 ** (attempt - 1), MAX_DELAY))


def _message(exc: anthropic.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict) and error.get("message"):
            return str(error["message"])
    return str(exc)
