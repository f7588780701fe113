"""Incoming webhooks and response URLs through slack_sdk's WebhookClient: the seeded webhook posts to #general as
the app, an install with ``incoming-webhook`` mints a new one, the hooks host's plain-text errors with their HTTP
statuses, and a slash command's ``response_url`` posting in the channel or answering ephemerally."""

from __future__ import annotations

import importlib
import json
from typing import Any

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient
from websockets.sync.client import connect

from .conftest import Twin

pytestmark = pytest.mark.network_loopback

Record = dict[str, Any]


def _hooks(twin: Twin) -> list[Record]:
    found: list[Record] = httpx.get(f"{twin.base_url}/_twin/slack/webhooks").json()["webhooks"]
    return found


def _latest(twin: Twin, channel: str) -> Record:
    found: Record = twin.client("bot").conversations_history(channel=channel, limit=1)["messages"][0]
    return found


def test_the_seeded_webhook_posts_to_general_as_the_app(twin: Twin) -> None:
    hook = _hooks(twin)[0]
    general = twin.channel_ids()["general"]
    assert hook["channel_id"] == general and hook["channel"] == "#general"
    assert hook["path"].startswith("/services/T") and hook["url"].endswith(hook["path"])
    sent = WebhookClient(hook["url"]).send(text="Deploy finished", blocks=[{"type": "divider"}])
    assert (sent.status_code, sent.body) == (200, "ok")
    message = _latest(twin, general)
    bot = twin.client("bot").auth_test()
    assert message["text"] == "Deploy finished" and message["subtype"] == "bot_message"
    assert message["bot_id"] == bot["bot_id"] and message["blocks"] == [{"type": "divider"}]
    assert "user" not in message
    # a message from a webhook is the app's, not its bot user's: chat.update with the bot token may not edit it
    with pytest.raises(SlackApiError) as refused:
        twin.client("bot").chat_update(channel=general, ts=message["ts"], text="edited")
    assert refused.value.response["error"] == "cant_update_message"


def test_webhook_threads_and_metadata(twin: Twin) -> None:
    hook, general = _hooks(twin)[0], twin.channel_ids()["general"]
    parent = twin.client("user").chat_postMessage(channel=general, text="release thread")
    metadata = {"event_type": "deploy_done", "event_payload": {"build": 42}}
    sent = WebhookClient(hook["url"]).send_dict({"text": "built", "thread_ts": parent["ts"], "metadata": metadata})
    assert sent.body == "ok"
    replies = twin.client("bot").conversations_replies(channel=general, ts=parent["ts"])["messages"]
    assert [m["text"] for m in replies] == ["release thread", "built"]
    assert replies[1]["metadata"] == metadata  # the seeded app posted it, so its bot token reads it back


def test_the_hooks_host_answers_errors_in_plain_text_with_their_statuses(twin: Twin) -> None:
    hook = _hooks(twin)[0]
    team, hook_id, secret = hook["path"].split("/")[2:]
    base = twin.base_url

    def post(path: str, **kwargs: Any) -> tuple[int, str]:
        answer = httpx.post(f"{base}{path}", **kwargs)
        return answer.status_code, answer.text

    assert post(hook["path"], json={}) == (400, "no_text")
    assert post(hook["path"], content=b"{not json", headers={"content-type": "text/plain"}) == (400, "invalid_payload")
    assert post(hook["path"], json=["a list"]) == (400, "invalid_payload")
    assert post(hook["path"], json={"blocks": "nope"}) == (400, "invalid_blocks")
    assert post(f"/services/{team}/{hook_id}/{'x' * len(secret)}", json={"text": "hi"}) == (403, "invalid_token")
    assert post(f"/services/{team}/B0NOSUCHHK/{secret}", json={"text": "hi"}) == (404, "no_service")
    assert post(f"/services/T0NOSUCHTM/{hook_id}/{secret}", json={"text": "hi"}) == (400, "no_team")
    # the legacy form post: a ``payload`` field holding the JSON
    assert post(hook["path"], data={"payload": json.dumps({"text": "from a form"})}) == (200, "ok")
    assert _latest(twin, twin.channel_ids()["general"])["text"] == "from a form"


def test_channel_prefs_and_uninstall_close_the_webhook(twin: Twin) -> None:
    hook, general = _hooks(twin)[0], twin.channel_ids()["general"]
    admin = WebClient(token=twin.tokens["org_admin"], base_url=twin.api_url)
    admin.admin_conversations_setConversationPrefs(channel_id=general, prefs={"who_can_post": "type:admin"})
    answer = httpx.post(hook["url"], json={"text": "hi"})
    assert (answer.status_code, answer.text) == (403, "posting_to_general_channel_denied")
    admin.admin_conversations_setConversationPrefs(channel_id=general, prefs={"who_can_post": "type:everyone"})
    assert httpx.post(hook["url"], json={"text": "hi"}).text == "ok"
    twin.client("bot").apps_uninstall(client_id=_app_client(twin)[0], client_secret=_app_client(twin)[1])
    answer = httpx.post(hook["url"], json={"text": "hi"})
    assert (answer.status_code, answer.text) == (404, "no_service")


def _app_client(twin: Twin) -> tuple[str, str]:
    seed = importlib.import_module("twin_slack.behaviour._platform_seed")
    return str(seed.client_id()), str(seed.client_secret())


def test_an_install_with_incoming_webhook_mints_a_webhook(twin: Twin) -> None:
    manifest = {
        "display_information": {"name": "Notifier"},
        "features": {"bot_user": {"display_name": "Notifier"}},
        "oauth_config": {"scopes": {"bot": ["chat:write", "incoming-webhook"]}},
    }
    app = twin.client("config").apps_manifest_create(manifest=json.dumps(manifest))
    client_id, secret = app["credentials"]["client_id"], app["credentials"]["client_secret"]
    alice = str(twin.client("admin").auth_test()["user_id"])
    code = importlib.import_module("twin_slack.behaviour.oauth").code_for(client_id, alice, 1)
    done = WebClient(base_url=twin.api_url).oauth_v2_access(client_id=client_id, client_secret=secret, code=code)
    minted = done["incoming_webhook"]
    assert minted["channel"] == "#general" and minted["channel_id"] == twin.channel_ids()["general"]
    assert minted["url"].startswith(f"{twin.base_url}/services/") and "/services/B" in minted["configuration_url"]
    assert WebhookClient(minted["url"]).send(text="Notifier here").body == "ok"
    message = _latest(twin, twin.channel_ids()["general"])
    assert message["text"] == "Notifier here" and message["app_id"] == app["app_id"]
    assert minted["url"] in [h["url"] for h in _hooks(twin)]


def _response_url(twin: Twin, kind: str, payload: Record) -> str:
    """Inject a slash command or interaction and read its response_url from the envelope, as a Socket Mode app
    receives it."""
    with httpx.Client(base_url=twin.base_url) as http:
        http.post("/_twin/slack/socket", json={"type": kind, "payload": payload}).raise_for_status()
    url = str(WebClient(base_url=twin.api_url).apps_connections_open(app_token=twin.tokens["app"])["url"])
    with connect(url) as ws:  # the envelope waited for the app's next connection
        assert json.loads(ws.recv(timeout=5))["type"] == "hello"
        envelope = json.loads(ws.recv(timeout=5))
        ws.send(json.dumps({"envelope_id": envelope["envelope_id"]}))
    return str(envelope["payload"]["response_url"])


def _slash_command(twin: Twin, channel: str) -> str:
    return _response_url(twin, "slash_commands", {"command": "/deploy", "user_id": "U1", "channel_id": channel})


def test_a_slash_command_response_url_posts_in_channel_or_ephemerally(twin: Twin) -> None:
    general = twin.channel_ids()["general"]
    url = _slash_command(twin, general)
    assert "/commands/T" in url
    private = httpx.post(url, json={"text": "only you see this"})
    assert private.status_code == 200 and private.json() == {"ok": True}
    history = twin.client("bot").conversations_history(channel=general)["messages"]
    assert "only you see this" not in [m.get("text") for m in history]  # ephemeral: in nobody's history
    public = httpx.post(url, json={"text": "Deploying now", "response_type": "in_channel"})
    assert public.json() == {"ok": True}
    assert _latest(twin, general)["text"] == "Deploying now"
    for _ in range(3):
        httpx.post(url, json={"text": "again"})
    assert httpx.post(url, json={"text": "sixth"}).json() == {"ok": False, "error": "used_url"}
    forged = url[: url.rindex("/") + 1] + "0" * 24
    assert httpx.post(forged, json={"text": "x"}).status_code == 403


def test_an_interaction_response_url_replaces_then_deletes_the_original(twin: Twin) -> None:
    general = twin.channel_ids()["general"]
    go = {"type": "button", "action_id": "go", "text": {"type": "plain_text", "text": "Go"}}
    button = {"type": "actions", "elements": [go]}
    posted = twin.client("bot").chat_postMessage(channel=general, text="Ship it?", blocks=[button])
    action = {
        "type": "block_actions",
        "user": {"id": "U1"},
        "channel": {"id": general},
        "container": {"type": "message", "message_ts": posted["ts"], "channel_id": general},
        "message": {"ts": posted["ts"], "text": "Ship it?"},
        "actions": [{"action_id": "go"}],
    }
    url = _response_url(twin, "interactive", action)
    assert "/actions/T" in url
    assert httpx.post(url, json={"replace_original": True, "text": "Shipped"}).json() == {"ok": True}
    replaced = _latest(twin, general)
    assert (replaced["ts"], replaced["text"]) == (posted["ts"], "Shipped") and "blocks" not in replaced
    assert httpx.post(url, json={"delete_original": "true"}).json() == {"ok": True}
    history = twin.client("bot").conversations_history(channel=general)["messages"]
    assert posted["ts"] not in [m["ts"] for m in history]
