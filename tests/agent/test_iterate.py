"""``iterate`` end to end: the real anthropic SDK against a respx-mocked Messages API, on the tiny twin."""

from __future__ import annotations

from pathlib import Path

import pytest
import respx

from twingen.agent.budget import Budget
from twingen.agent.iterate import IterateOptions, Iteration, Summary
from twingen.agent.store import TranscriptStore

from .messages_api import client, mock_api, tool_results
from .scripts import breaking_session, erring_session, fixing_session
from .tiny import METHODS, MODULE

pytestmark = pytest.mark.network_loopback


def _iterate(twin: Path, store: TranscriptStore, router: respx.MockRouter, budget: Budget | None = None) -> Summary:
    options = IterateOptions(twin, "slack_sdk", patterns=METHODS)
    return Iteration(options, client(router), store, budget or Budget()).run()


def test_a_scripted_model_fixes_the_failing_operation(twin: Path, store: TranscriptStore,
                                                       router: respx.MockRouter) -> None:  # fmt: skip
    api = mock_api(router, fixing_session())
    summary = _iterate(twin, store, router)
    assert (summary.score_before, summary.score_after) == (0.5, 1.0)
    assert summary.fixed == ["chat_postMessage"] and summary.patches_kept == 1
    assert summary.stop_reason == "target reached"
    assert summary.model_calls == 5 and summary.cost_usd > 0
    assert summary.tokens["cache_write"] == 2100 and summary.tokens["cache_read"] == 4 * 2100
    assert 'ctx.params.get("channel")' in (twin / MODULE).read_text()
    # the stable prefix is marked for caching; the first message carries the failure
    first = api.bodies[0]
    assert first["system"][-1]["cache_control"] == {"type": "ephemeral"}
    assert first["tools"][-1]["cache_control"] == {"type": "ephemeral"}
    assert "made_up_failure" in first["messages"][0]["content"]
    # both tools of the first reply answered together, in call order
    results = tool_results(api.bodies[1])
    assert [r["tool_use_id"] for r in results] == ["toolu_01", "toolu_02"]
    assert "wrong-error" in results[1]["content"] and not any(r["is_error"] for r in results)
    assert "ok [source: behaviour]" in tool_results(api.bodies[4])[0]["content"]
    kinds = [t.kind for t in store.turns(summary.run_id)]
    assert kinds.count("model") == 5 and kinds.count("tool") == 5 and kinds.count("patch") == 1


def test_a_bad_patch_is_reverted_byte_for_byte(twin: Path, store: TranscriptStore, router: respx.MockRouter) -> None:
    before = (twin / MODULE).read_bytes()
    mock_api(router, breaking_session())
    summary = _iterate(twin, store, router)
    assert (twin / MODULE).read_bytes() == before
    assert summary.patches_reverted == 1 and summary.patches_kept == 0
    assert summary.score_after == summary.score_before == 0.5
    assert summary.stop_reason == "no progress"
    patch = next(store.payload(t) for t in store.turns(summary.run_id) if t.kind == "patch")
    assert patch["kept"] is False and patch["regressions"] == ["auth_test"] and "a bad patch" in patch["diff"]


def test_tool_errors_reach_the_model_and_the_loop_goes_on(twin: Path, store: TranscriptStore,
                                                          router: respx.MockRouter) -> None:  # fmt: skip
    api = mock_api(router, erring_session())
    summary = _iterate(twin, store, router)
    results = tool_results(api.bodies[1])
    assert [r["tool_use_id"] for r in results] == ["toolu_21", "toolu_22", "toolu_23", "toolu_24", "toolu_25"]
    assert all(r["is_error"] for r in results)
    assert "no tool 'delete_everything'" in results[0]["content"]
    assert "bad arguments" in results[1]["content"]
    assert "outside the twin folder" in results[2]["content"]
    assert "does not parse" in results[3]["content"]
    assert "only modules directly in twin_*/behaviour/" in results[4]["content"]
    assert summary.model_calls == 2 and summary.stop_reason == "no progress"


def test_budgets_stop_the_run_with_their_reason(twin: Path, store: TranscriptStore, router: respx.MockRouter) -> None:
    mock_api(router, fixing_session())
    cost = _iterate(twin, store, router, Budget(max_cost=0.001))
    assert cost.stop_reason.startswith("budget: cost") and cost.model_calls == 1
    assert (twin / MODULE).read_text().count("made_up_failure") == 1  # nothing half-done was kept

    mock_api(router, fixing_session())
    turns = _iterate(twin, store, router, Budget(max_turns=2))
    assert turns.stop_reason.startswith("budget: 2 model calls") and turns.model_calls == 2

    ticks = iter(range(0, 10_000, 120))  # every look at the clock is two minutes later
    mock_api(router, fixing_session())
    minutes = _iterate(twin, store, router, Budget(max_minutes=5, clock=lambda: float(next(ticks))))
    assert minutes.stop_reason.startswith("budget:") and "minutes" in minutes.stop_reason
