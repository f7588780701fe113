"""A tiny Slack twin for the agent's tests: ``auth.test`` passes, ``chat.postMessage`` fails.

Built like the check's own tiny twin (``tests/check/tiny.py``): a real twin folder whose runtime is a
per-session copy of ``twingen/runtime`` linked in, started by ``twingen check`` and called through
``slack_sdk``.
"""

from __future__ import annotations

from pathlib import Path

from tests.twin_folder import write_twin_folder
from twingen.ir.model import Api, AuthScheme, DeclaredError, Operation, Parameter, Response

REPO = Path(__file__).resolve().parents[2]
RUNTIME = REPO / "twingen" / "runtime"
"""What the twin's ``runtime`` links to; the session fixture points it at a snapshot (see conftest)."""
METHODS = ("auth_test", "chat_postMessage")
MODULE = "twin_tiny/behaviour/messages.py"

BEHAVIOUR = '''"""Behaviour of the tiny twin."""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour


@behaviour("auth.test")
def auth_test(ctx: Context) -> dict[str, Any]:
    return {"url": "https://tiny.slack.com/", "team": "Tiny", "user": "bot", "team_id": "T1", "user_id": "U1"}


@behaviour("chat.postMessage")
def chat_post_message(ctx: Context) -> dict[str, Any]:
    raise ctx.error("made_up_failure")  # not an error Slack ever gives: the check says wrong-error
'''

FIX = """@behaviour("chat.postMessage")
def chat_post_message(ctx: Context) -> dict[str, Any]:
    channel = ctx.params.get("channel")
    if not channel:
        raise ctx.error("channel_not_found")
    ts = f"{ctx.now():.6f}"
    message = {"type": "message", "text": ctx.params.get("text", ""), "ts": ts, "user": "U1"}
    return {"channel": channel, "ts": ts, "message": message}
"""

BAD_FIX = """@behaviour("auth.test")
def auth_test(ctx: Context) -> dict[str, Any]:
    raise RuntimeError("a bad patch that breaks a passing method")
"""


def _op(op_id: str, *params: Parameter, errors: tuple[str, ...] = ()) -> Operation:
    token = Parameter("token", "token", "header", False, {"type": "string"})
    answer = Response("200", "ok", schema={"type": "object", "properties": {"ok": {"type": "boolean"}}})
    return Operation(
        id=op_id,
        python_name=op_id.replace(".", "_"),
        method="POST",
        path=f"/api/{op_id}",
        also_methods=("GET",),
        parameters=(token, *params),
        responses=(answer,),
        errors=tuple(DeclaredError(code, 200) for code in errors),
        auth=("slackAuth",),
    )


def tiny_api() -> Api:
    channel = Parameter("channel", "channel", "form", True, {"type": "string"})
    text = Parameter("text", "text", "form", False, {"type": "string"})
    operations = (_op("auth.test"), _op("chat.postMessage", channel, text, errors=("channel_not_found",)))
    auth = (AuthScheme("slackAuth", "oauth2", "header", "Authorization"),)
    return Api("tiny", "Tiny Slack", "1", "slack", "https://slack.com", operations, auth_schemes=auth)


def make_twin(root: Path, behaviour: str = BEHAVIOUR) -> Path:
    """Write the tiny twin under ``root/tiny`` and return its folder."""
    return write_twin_folder(root, tiny_api(), {"messages.py": behaviour}, runtime=RUNTIME)
