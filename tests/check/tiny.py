"""A tiny Slack twin built so that each SDK method ends in a chosen result class.

The twin is a real twin folder (``twin_tiny/`` with ``spec.json``, a ``__main__``, behaviour modules) whose
runtime is the repo's own ``twingen/runtime`` linked in, so ``twingen check`` starts it as a subprocess
exactly as it starts a generated twin and calls it through the real ``slack_sdk.WebClient``.
"""

from __future__ import annotations

from pathlib import Path

from tests.twin_folder import write_twin_folder
from twingen.ir.model import Api, AuthScheme, DeclaredError, Operation, Parameter, Response

REPO = Path(__file__).resolve().parents[2]

# SDK method -> the class the tiny twin makes it end in
EXPECTED = {
    "auth_test": "ok",
    "users_info": "vendor-error-as-expected",
    "chat_postMessage": "wrong-error",
    "conversations_info": "sdk-raised",
    "users_list": "server-error",
    "bots_info": "stub",
    "emoji_list": "not-routed",
}

BEHAVIOUR = '''
"""Behaviour of the tiny twin: one operation per result class."""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour


@behaviour("auth.test")
def auth_test(ctx: Context) -> dict[str, Any]:
    return {"url": "https://tiny.slack.com/", "team": "Tiny", "user": "bot", "team_id": "T1", "user_id": "U1"}


@behaviour("users.info")
def users_info(ctx: Context) -> dict[str, Any]:
    raise ctx.error("user_not_found")  # declared for users.info: what Slack answers for an unknown user


@behaviour("chat.postMessage")
def post(ctx: Context) -> dict[str, Any]:
    raise ctx.error("made_up_failure")  # not an error Slack ever gives for chat.postMessage


@behaviour("conversations.info")
def info(ctx: Context) -> Response:
    return Response(200, "<html>not json</html>", media_type="text/html")


@behaviour("users.list")
def users_list(ctx: Context) -> dict[str, Any]:
    raise RuntimeError("the behaviour crashed")
'''


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


def _string(name: str, required: bool = True) -> Parameter:
    return Parameter(name, name, "form", required, {"type": "string"})


def tiny_api() -> Api:
    operations = (
        _op("auth.test"),
        _op("users.info", _string("user"), errors=("user_not_found",)),
        _op("chat.postMessage", _string("channel"), _string("text", False), errors=("channel_not_found",)),
        _op("conversations.info", _string("channel"), errors=("channel_not_found",)),
        _op("users.list"),
        _op("bots.info"),
    )
    auth = (AuthScheme("slackAuth", "oauth2", "header", "Authorization"),)
    return Api("tiny", "Tiny Slack", "1", "slack", "https://slack.com", operations, auth_schemes=auth)


def make_twin(root: Path, behaviour: str = BEHAVIOUR) -> Path:
    """Write the tiny twin under ``root/tiny`` and return its folder."""
    return write_twin_folder(root, tiny_api(), {"classes.py": behaviour})
