"""Scripted model sessions, as Messages API response bodies (``tool_use`` blocks with ids, usage with cache)."""

from __future__ import annotations

from typing import Any

from twingen.agent.model.fake import reply_body, text, tool_use

from .tiny import BAD_FIX, FIX, MODULE


def _usage(n: int) -> dict[str, Any]:
    # the first call writes the cache (system + tools), later ones read it, as the API reports
    return {"input_tokens": 900 + 50 * n, "output_tokens": 120, "cache_write": 2100 if n == 0 else 0,
            "cache_read": 0 if n == 0 else 2100}  # fmt: skip


def fixing_session() -> list[dict[str, Any]]:
    """Reads the failure and the module (two tools in one reply), edits, checks, and ends its turn."""
    return [
        reply_body(text("Let me look at the module and the check."),
                   tool_use("toolu_01", "read_file", path=MODULE),
                   tool_use("toolu_02", "run_check", methods=["chat_postMessage"]), **_usage(0)),
        reply_body(tool_use("toolu_03", "read_docs", operation="chat.postMessage"), **_usage(1)),
        reply_body(text("chat.postMessage raises a made-up error; I will implement it."),
                   tool_use("toolu_04", "edit_behaviour", path=MODULE, code=FIX), **_usage(2)),
        reply_body(tool_use("toolu_05", "run_check", methods=["chat_postMessage"]), **_usage(3)),
        reply_body(text("chat_postMessage passes now."), **_usage(4)),
    ]  # fmt: skip


def breaking_session() -> list[dict[str, Any]]:
    """Makes a patch that breaks a passing method (auth.test), then ends its turn."""
    return [
        reply_body(tool_use("toolu_11", "edit_behaviour", path=MODULE, code=BAD_FIX), **_usage(0)),
        reply_body(text("Done."), **_usage(1)),
    ]


def erring_session() -> list[dict[str, Any]]:
    """Calls an unknown tool, a tool with bad arguments and a path outside the twin, in one reply."""
    return [
        reply_body(tool_use("toolu_21", "delete_everything", path="."),
                   tool_use("toolu_22", "read_file", file="x.py"),
                   tool_use("toolu_23", "read_file", path="../../../etc/passwd"),
                   tool_use("toolu_24", "edit_behaviour", path=MODULE, code="def broken(:\n"),
                   tool_use("toolu_25", "edit_behaviour", path="twin_tiny/spec.json", code="x = 1\n"), **_usage(0)),
        reply_body(text("I give up."), **_usage(1)),
    ]  # fmt: skip
