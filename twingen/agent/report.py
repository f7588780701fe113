"""Runs as text: the end-of-run summary, ``runs list`` and ``runs show`` (conversation, patches, cost)."""

from __future__ import annotations

import json
import time
from typing import Any

from twingen.agent.store.transcripts import RunInfo, TranscriptStore, Turn

RESULT_LINES = 6


def summary_text(summary: dict[str, Any]) -> str:
    tokens = summary.get("tokens") or {}
    return "\n".join([
        f"run {summary['run_id']}",
        f"score: {summary['score_before']:.1%} -> {summary['score_after']:.1%}",
        f"fixed: {', '.join(summary['fixed']) or 'none'}",
        f"patches: {summary['patches_kept']} kept, {summary['patches_reverted']} reverted",
        f"cost: ${summary['cost_usd']:.4f} over {summary['model_calls']} model calls "
        f"(tokens: {tokens.get('input', 0)} in, {tokens.get('output', 0)} out, "
        f"{tokens.get('cache_read', 0)} cache read, {tokens.get('cache_write', 0)} cache write)",
        f"stopped: {summary['stop_reason']}",
    ])  # fmt: skip


def runs_table(runs: list[RunInfo]) -> str:
    if not runs:
        return "no runs yet (start one with: twingen iterate NAME --sdk PKG)"
    lines = []
    for run in runs:
        s = run.summary
        result = (f"{s['score_before']:.1%} -> {s['score_after']:.1%}  ${s['cost_usd']:.4f}  {s['stop_reason']}"
                  if s else "(unfinished)")  # fmt: skip
        when = time.strftime("%Y-%m-%d %H:%M", time.gmtime(run.created))
        lines.append(f"{run.id}  {when}  {run.twin}  {run.model}  {result}")
    return "\n".join(lines)


def show_run(store: TranscriptStore, run_id: str) -> str:
    run = store.run(run_id)
    prov = run.provenance
    patterns = json.dumps(prov.get("options", {}).get("patterns"))
    out = [f"run {run.id}  twin {run.twin}  model {run.model}  price table {prov.get('price_table')}",
           f"git {prov.get('git_revision')}  methods {patterns}"]  # fmt: skip
    if prov.get("options", {}).get("sandbox"):
        out.append(f"sandbox {prov['options']['sandbox']}")
    if run.forked_from:
        out.append(f"forked after turn {run.forked_from}")
    for number, turn in enumerate(store.turns(run_id), 1):
        out += _turn(number, turn, store.payload(turn))
    if run.summary:
        out += ["", summary_text(run.summary)]
    return "\n".join(out)


def _turn(number: int, turn: Turn, payload: Any) -> list[str]:
    head = f"\n#{number} {turn.kind}"
    if turn.kind == "model":
        u = turn.usage
        lines = [f"{head}  ${u.cost_usd:.4f}  in {u.input_tokens} out {u.output_tokens} "
                 f"cache read {u.cache_read_tokens} write {u.cache_write_tokens}"]  # fmt: skip
        for block in payload["response"].get("content") or ():
            if block.get("type") == "text":
                lines.append("  says: " + str(block.get("text", "")).strip().replace("\n", "\n        "))
            elif block.get("type") == "tool_use":
                lines.append(f"  calls {block.get('name')}({_brief(json.dumps(block.get('input')), 200)})")
        return lines
    if turn.kind == "tool":
        flag = " ERROR" if payload["is_error"] else ""
        result = "\n".join(str(payload["result"]).splitlines()[:RESULT_LINES])
        return [f"{head} {payload['name']}{flag}", "  " + result.replace("\n", "\n  ")]
    if turn.kind == "check":
        failing = [n for n, m in payload["methods"].items() if m["class"] not in ("ok", "vendor-error-as-expected")]
        return [f"{head}  score {payload['score']:.1%}; failing: {', '.join(failing) or 'none'}"]
    if turn.kind == "patch":
        verdict = "KEPT" if payload["kept"] else "REVERTED"
        lines = [f"{head} {verdict} for {', '.join(payload['methods'])}: "
                 f"score {payload['score_before']:.1%} -> {payload['score_after']:.1%}"]  # fmt: skip
        if payload["regressions"]:
            lines.append(f"  would have broken: {', '.join(payload['regressions'])}")
        return [*lines, "  " + str(payload["diff"]).rstrip().replace("\n", "\n  ")]
    return [f"{head} {_brief(json.dumps(payload), 300)}"]


def _brief(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
