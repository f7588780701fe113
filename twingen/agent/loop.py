"""Our loop around single model calls, for one operation's conversation.

Each model reply's tool calls all run, in call order, and their results go back together in one user
message. An unknown tool, bad arguments or a tool that raises become ``is_error`` results and the loop
goes on: the model can read the error and correct itself. An identical call made twice in a
conversation is answered with a note saying so (models that loop tend to repeat themselves exactly).
Long results are cut for the model, with a marker, and kept whole in the store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from twingen.agent.budget import Budget
from twingen.agent.model.base import ModelClient, ModelRequest
from twingen.agent.model.replay import ReplayModel
from twingen.agent.pricing import cost_usd
from twingen.agent.store.transcripts import TranscriptStore, Usage
from twingen.agent.tools.registry import NONDETERMINISTIC, Toolbox
from twingen.agent.tools.workspace import ToolError

MAX_RESULT_CHARS = 12_000
MAX_TURNS_PER_OPERATION = 12
MAX_REPEATS = 3


@dataclass
class Session:
    """What one conversation needs: the model, the tools, the store and run, and the shared budget."""

    client: ModelClient
    toolbox: Toolbox
    store: TranscriptStore
    run_id: str
    budget: Budget
    model: str
    system: str
    tools: list[dict[str, Any]]
    replay: ReplayModel | None = None


def cut(text: str, limit: int = MAX_RESULT_CHARS) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n[... cut: {len(text) - limit} more characters; the full output is kept in the run store]"


def converse(session: Session, first_message: str, max_turns: int = MAX_TURNS_PER_OPERATION) -> str:
    """Talk until the model ends its turn; returns why it ended (``end_turn``, ``turns``, or a budget)."""
    messages: list[dict[str, Any]] = [{"role": "user", "content": first_message}]
    seen: dict[str, int] = {}
    repeats = 0
    for _ in range(max_turns):
        over = session.budget.exceeded()
        if over is not None:
            return over
        request = ModelRequest(session.model, session.system, session.tools, list(messages))
        reply = session.client.complete(request)
        usage = (reply.input_tokens, reply.output_tokens, reply.cache_read_tokens, reply.cache_write_tokens)
        cost = cost_usd(session.model, *usage)
        session.budget.spend(cost, *usage)
        session.store.append(
            session.run_id, "model", {"request": request.body(), "response": reply.raw},
            usage=Usage(*usage, cost_usd=cost),
        )  # fmt: skip
        messages.append({"role": "assistant", "content": reply.content})
        uses = reply.tool_uses()
        if reply.stop_reason != "tool_use" or not uses:
            return "end_turn"
        results = []
        for use in uses:
            key = json.dumps([use.get("name"), use.get("input")], sort_keys=True)
            result, is_error = _run_tool(session, use)
            if key in seen:
                repeats += 1
                result = (f"NOTE: this is the same call as call #{seen[key]} of this conversation; its result is "
                          f"below again. Repeating it will not help: try something different.\n\n{result}")  # fmt: skip
            else:
                seen[key] = len(seen) + 1
            results.append({"type": "tool_result", "tool_use_id": use["id"], "content": cut(result),
                            "is_error": is_error})  # fmt: skip
        messages.append({"role": "user", "content": results})
        if repeats >= MAX_REPEATS:
            return "repeating"
    return "turns"


def _run_tool(session: Session, use: dict[str, Any]) -> tuple[str, bool]:
    """Run (or, replaying a nondeterministic tool, look up) one call, record it whole, return it scrubbed."""
    name, arguments, tool_id = str(use.get("name")), use.get("input"), str(use.get("id"))
    recorded = None
    if session.replay is not None and name in NONDETERMINISTIC:
        recorded = session.replay.recorded_result(tool_id)
    if recorded is not None:
        result, is_error = recorded
    else:
        result, is_error = _execute(session.toolbox, name, arguments)
    # the model sees what the store keeps: never a secret, even one a file or a subprocess printed
    result = session.store.scrubber.text(result)
    session.store.append(
        session.run_id, "tool",
        {"tool_use_id": tool_id, "name": name, "input": arguments, "result": result, "is_error": is_error,
         "replayed": recorded is not None},
    )  # fmt: skip
    return result, is_error


def _execute(toolbox: Toolbox, name: str, arguments: Any) -> tuple[str, bool]:
    if not isinstance(arguments, dict):
        return "error: the tool input must be a JSON object", True
    try:
        return toolbox.call(name, arguments), False
    except KeyError:
        return f"error: there is no tool {name!r}", True
    except TypeError as exc:
        return f"error: bad arguments for {name}: {exc}", True
    except ToolError as exc:
        return f"error: {exc}", True
    except Exception as exc:  # a tool bug must not end the run: the model is told and the loop goes on
        return f"error: {name} failed: {type(exc).__name__}: {exc}", True
