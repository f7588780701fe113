"""The loop around single model calls: repeats are pointed out, long output is cut for the model only."""

from __future__ import annotations

from pathlib import Path

import pytest

from twingen.agent.budget import Budget
from twingen.agent.loop import MAX_RESULT_CHARS, Session, converse
from twingen.agent.model import ModelRequest
from twingen.agent.model.fake import ScriptedModel, reply_body, text, tool_use
from twingen.agent.model.replay import ReplayDivergence, ReplayModel
from twingen.agent.prompt import SYSTEM
from twingen.agent.store import TranscriptStore
from twingen.agent.tools import TOOL_SPECS, Toolbox


def _session(twin: Path, store: TranscriptStore, model: ScriptedModel | ReplayModel, run: str = "") -> Session:
    run = run or store.new_run("tiny", "claude-sonnet-4-6", {})
    return Session(model, Toolbox.for_twin(twin, "slack_sdk"), store, run, Budget(), "claude-sonnet-4-6", SYSTEM,
                   TOOL_SPECS)  # fmt: skip


def _last_results(request: ModelRequest) -> list[dict[str, object]]:
    return list(request.messages[-1]["content"])


def test_repeated_identical_calls_are_pointed_out(twin: Path, store: TranscriptStore) -> None:
    same = tool_use("toolu_a", "list_files", path="twin_tiny")
    steps = [reply_body(same), reply_body({**same, "id": "toolu_b"}), reply_body(text("ok"))]
    model = ScriptedModel(steps)
    assert converse(_session(twin, store, model), "go") == "end_turn"
    first, second = (_last_results(r)[0] for r in model.requests[1:3])
    assert "same call" not in str(first["content"])
    assert str(second["content"]).startswith("NOTE: this is the same call as call #1")


def test_a_model_that_only_repeats_itself_is_stopped(twin: Path, store: TranscriptStore) -> None:
    steps = [reply_body(tool_use(f"toolu_{n}", "grep", pattern="x")) for n in range(10)]
    assert converse(_session(twin, store, ScriptedModel(steps)), "go") == "repeating"


def test_long_output_is_cut_for_the_model_and_kept_whole(twin: Path, store: TranscriptStore) -> None:
    big = twin / "twin_tiny" / "behaviour" / "big.py"
    big.write_text("\n".join(f"X{n} = {n}" for n in range(5000)) + "\n")
    model = ScriptedModel([reply_body(tool_use("toolu_big", "read_file", path="twin_tiny/behaviour/big.py"))])
    session = _session(twin, store, model)
    converse(session, "go")
    shown = str(_last_results(model.requests[1])[0]["content"])
    assert len(shown) < MAX_RESULT_CHARS + 200 and "[... cut:" in shown and "kept in the run store" in shown
    kept = next(store.payload(t) for t in store.turns(session.run_id) if t.kind == "tool")
    assert "X4999 = 4999" in kept["result"] and "cut" not in kept["result"]


def test_per_conversation_turn_limit(twin: Path, store: TranscriptStore) -> None:
    steps = [reply_body(tool_use(f"toolu_{n}", "read_file", path=f"twin_tiny/behaviour/m{n}.py")) for n in range(5)]
    assert converse(_session(twin, store, ScriptedModel(steps)), "go", max_turns=3) == "turns"


def test_a_replay_that_asks_something_else_stops(twin: Path, store: TranscriptStore) -> None:
    session = _session(twin, store, ScriptedModel([reply_body(text("done"))]))
    converse(session, "first question")
    replay = ReplayModel(store, session.run_id)
    with pytest.raises(ReplayDivergence, match="differs"):
        converse(_session(twin, store, replay), "another question")
    replay = ReplayModel(store, session.run_id)
    assert converse(_session(twin, store, replay), "first question") == "end_turn"
    with pytest.raises(ReplayDivergence, match="asked for more"):
        converse(_session(twin, store, replay), "first question")


def test_a_tool_that_crashes_is_an_error_result_and_the_loop_goes_on(
    twin: Path, store: TranscriptStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twingen.agent.tools import files

    def crash(*_: object) -> str:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(files, "list_files", crash)
    steps = [reply_body(tool_use("toolu_x", "list_files"), tool_use("toolu_y", "grep", pattern="auth_test"))]
    model = ScriptedModel(steps)
    assert converse(_session(twin, store, model), "go") == "end_turn"
    crashed, fine = _last_results(model.requests[1])
    assert crashed["is_error"] is True and "RuntimeError: disk on fire" in str(crashed["content"])
    assert fine["is_error"] is False and "messages.py" in str(fine["content"])
