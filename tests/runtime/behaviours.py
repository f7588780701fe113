"""Behaviour modules for the runtime tests, written the way a twin's ``behaviour/*.py`` is."""

from __future__ import annotations

from typing import Any

from twingen.runtime import Context, behaviour


@behaviour("auth.test")
def auth_test(ctx: Context) -> dict[str, Any]:
    assert ctx.principal is not None
    return {"user_id": ctx.principal.principal.get("user_id", ""), "credential": ctx.principal.name}


@behaviour("boom")
@behaviour("crash")
def explode(ctx: Context) -> dict[str, Any]:
    raise RuntimeError("secret internals")


@behaviour("users.sdkOnly")
def sdk_only(ctx: Context) -> dict[str, Any]:
    return {"echo": ctx.params.get("x")}


@behaviour("sheets.spreadsheets.batchUpdate")
@behaviour("sheets.spreadsheets.values.get")
@behaviour("sheets.spreadsheets.values.append")
@behaviour("sheets.spreadsheets.values.batchGet")
@behaviour("operations.get")
@behaviour("operations.cancel")
async def echo(ctx: Context) -> dict[str, Any]:
    return {"op": ctx.op["id"], "params": ctx.params, "body": ctx.body}


@behaviour("getWidget")
def get_widget(ctx: Context) -> dict[str, Any]:
    return {"id": ctx.params["widgetId"], "name": "from behaviour"}


@behaviour("chat.postMessage")
def post_message(ctx: Context) -> dict[str, Any]:
    # Slack behaviour checks its own arguments: the runtime validates only stubs and inferred operations
    if ctx.params.get("channel", "nope") == "nope":
        ctx.error("channel_not_found")
    if not ctx.params.get("text"):
        ctx.error("no_text")
    messages = ctx.state.collection("messages")
    ts = f"{ctx.now():.6f}"
    messages.put(ts, {"ts": ts, "text": ctx.params["text"], "channel": ctx.params["channel"]})
    return {"channel": ctx.params["channel"], "ts": ts, "count": len(messages)}


@behaviour("conversations.history")
def history(ctx: Context) -> dict[str, Any]:
    oldest = ctx.params.get("oldest", "0")
    try:
        float(oldest)
    except ValueError:
        ctx.error("invalid_ts_oldest")  # Slack's own code, where generic validation says invalid_arguments
    return {"messages": [], "oldest": oldest}
