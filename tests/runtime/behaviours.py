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
    if ctx.params["channel"] == "nope":
        ctx.error("channel_not_found")
    messages = ctx.state.collection("messages")
    ts = f"{ctx.now():.6f}"
    messages.put(ts, {"ts": ts, "text": ctx.params["text"], "channel": ctx.params["channel"]})
    return {"channel": ctx.params["channel"], "ts": ts, "count": len(messages)}
