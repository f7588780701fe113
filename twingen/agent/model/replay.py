"""Replay: answer model calls, and nondeterministic tool calls, from a recorded run; no network at all.

Model replies come back in the order they were recorded. Each new request is scrubbed the way the store
scrubs and compared with the recorded one: a replay that asks something the recording never asked has
diverged, and continuing would only pretend to reproduce it, so it stops with ``ReplayDivergence``.

Tools split in two (see ``twingen.agent.tools.registry``): deterministic ones (reading files, the docs,
the SDK source, and above all editing behaviour modules) run again for real, so the files end in the
same bytes; nondeterministic ones (``run_check``: a subprocess with timings) answer from the recording,
looked up by the ``tool_use`` id the recorded reply gave them.
"""

from __future__ import annotations

from typing import Any

from twingen.agent.model.base import ModelError, ModelReply, ModelRequest
from twingen.agent.store.transcripts import TranscriptStore


class ReplayDivergence(ModelError):
    """The replayed session asked the model something the recording did not."""


class ReplayModel:
    """The recorded model replies of one run, in order."""

    def __init__(self, store: TranscriptStore, run_id: str) -> None:
        self._store = store
        self._calls: list[dict[str, Any]] = []
        self.tool_results: dict[str, dict[str, Any]] = {}
        for turn in store.turns(run_id):
            payload = store.payload(turn)
            if turn.kind == "model":
                self._calls.append(payload)
            elif turn.kind == "tool":
                self.tool_results[str(payload["tool_use_id"])] = payload
        self.position = 0

    def complete(self, request: ModelRequest) -> ModelReply:
        if self.position >= len(self._calls):
            raise ReplayDivergence(f"the recording has {len(self._calls)} model calls; the replay asked for more")
        recorded = self._calls[self.position]
        asked = self._store.scrubber.value(request.body())
        if asked != recorded["request"]:
            raise ReplayDivergence(f"model call {self.position + 1} differs from the recorded request")
        self.position += 1
        return ModelReply.from_raw(recorded["response"])

    def recorded_result(self, tool_use_id: str) -> tuple[str, bool] | None:
        """The recorded (full result, is_error) of a tool call, or None when it was never recorded."""
        found = self.tool_results.get(tool_use_id)
        if found is None:
            return None
        return str(found["result"]), bool(found["is_error"])
