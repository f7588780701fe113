"""A small Slack-style twin for the UI tests: a seed, a posting method that stores what it is given."""

from __future__ import annotations

import sys
from typing import Any

from twingen.runtime import Context, Credential, Registry, SeedContext, TwinApp, behaviour, create_app, seed, view
from twingen.runtime.control.ui.html import Safe, h
from twingen.runtime.control.ui.views import ViewContext

BOT_TOKEN = "xoxb-ui-bot"
BOT = {"Authorization": f"Bearer {BOT_TOKEN}"}


def _op(op_id: str, params: tuple[str, ...] = ()) -> dict[str, Any]:
    parameters = [
        {"name": p, "python_name": p, "location": "form", "required": True, "schema": {"type": "string"}}
        for p in params
    ]
    return {
        "id": op_id,
        "python_name": op_id.replace(".", "_"),
        "method": "POST",
        "path": f"/api/{op_id}",
        "also_methods": ["GET"],
        "parameters": parameters,
        "request_body": None,
        "responses": [{"status": "200", "description": "", "media_type": "application/json", "schema": None}],
        "errors": [],
        "paging": None,
        "auth": ["slackAuth"],
        "media_upload": None,
    }


SPEC: dict[str, Any] = {
    "name": "slack",
    "title": "Slack <Web> API",  # markup in the title too: the page header must escape it
    "version": "1",
    "vendor": "slack",
    "base_url": "https://slack.example.test/api",
    "operations": [_op("auth.test"), _op("chat.postMessage", ("channel", "text")), _op("api.stub")],
    "schemas": {},
    "auth_schemes": [{"name": "slackAuth", "kind": "oauth2", "location": "header", "param_name": "Authorization"}],
    "resources": [],
    "documents": [],
    "description": "",
}


@seed
def ui_seed(ctx: SeedContext) -> None:
    ctx.credential(Credential("bot", "bearer", token=BOT_TOKEN, principal={"user_id": "U0BOT"}))
    ctx.state.collection("channels").put("C1", {"id": "C1", "name": "general"})


@behaviour("auth.test")
def auth_test(ctx: Context) -> dict[str, Any]:
    return {"user_id": "U0BOT"}


@behaviour("chat.postMessage")
def post_message(ctx: Context) -> dict[str, Any]:
    if ctx.params["channel"] not in ctx.state.collection("channels"):
        ctx.error("channel_not_found")  # Slack's profile answers it as HTTP 200 {"ok": false, ...}
    messages = ctx.state.collection("messages")
    ts = f"{len(messages) + 1}.000000"
    messages.put(ts, {"ts": ts, "channel": ctx.params["channel"], "text": ctx.params["text"]})
    return {"ts": ts, "count": len(messages)}


@view("channels", title="Channels")
def channels_view(ctx: ViewContext) -> Safe:
    rows = [
        (ctx.link("channel", f"#{c['name']}", id=c["id"]), ctx.id(c["id"]))
        for c in ctx.state.collection("channels").values()
    ]
    return ctx.table(("channel", "id"), rows, id="channels")


@view("channel", title="Channel", listed=False)
def channel_view(ctx: ViewContext) -> Safe:
    channel = ctx.state.collection("channels").get(ctx.params.get("id", ""))
    if channel is None:
        ctx.missing(f"no channel {ctx.params.get('id')!r}")
    ctx.title = f"#{channel['name']}"
    found = [m for m in ctx.state.collection("messages").values() if m["channel"] == channel["id"]]
    return h("div", {"id": "messages"}, [h("p", {"class_": "msg"}, ctx.id(m["ts"]), " ", m["text"]) for m in found])


def make_app() -> TwinApp:
    return create_app(SPEC, Registry.from_modules([sys.modules[__name__]]))
