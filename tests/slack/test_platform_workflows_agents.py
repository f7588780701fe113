"""Featured workflows, custom functions, retired workflow steps, assistant threads and agent code channels."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from slack_sdk.errors import SlackApiError

from .conftest import Twin


def _error(call: Callable[..., object], *args: object, **kwargs: object) -> dict[str, object]:
    with pytest.raises(SlackApiError) as caught:
        call(*args, **kwargs)
    data = caught.value.response.data
    assert isinstance(data, dict)
    return data


def _general(twin: Twin) -> str:
    listing = twin.client("bot").conversations_list()["channels"]
    return str(next(c["id"] for c in listing if c["name"] == "general"))


def test_featured_workflows(twin: Twin) -> None:
    bot, general = twin.client("bot"), _general(twin)
    bot.workflows_featured_add(channel_id=general, trigger_ids=["Ft0AAAAAAA", "Ft0BBBBBBB"])
    bot.workflows_featured_remove(channel_id=general, trigger_ids=["Ft0AAAAAAA"])
    listed = bot.workflows_featured_list(channel_ids=[general])["featured_workflows"]
    assert listed == [{"channel_id": general, "triggers": [{"id": "Ft0BBBBBBB", "title": ""}]}]
    bot.workflows_featured_set(channel_id=general, trigger_ids=["Ft0CCCCCCC"])
    assert (
        bot.workflows_featured_list(channel_ids=general)["featured_workflows"][0]["triggers"][0]["id"] == "Ft0CCCCCCC"
    )
    assert _error(bot.workflows_featured_add, channel_id="C0NOPE00000", trigger_ids=["Ft0AAAAAAA"])["error"] == (
        "channel_not_found"
    )
    assert _error(bot.workflows_featured_add, channel_id=general, trigger_ids=["nope"])["error"] == "invalid_arguments"


def test_functions_and_retired_steps(twin: Twin, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACKCLIENT_SKIP_DEPRECATION", "1")  # slack_sdk's own warning is not under test
    bot = twin.client("bot")
    assert _error(bot.functions_completeSuccess, function_execution_id="Fx0NOPE", outputs={})["error"] == (
        "function_execution_not_found"
    )
    assert _error(bot.functions_completeError, function_execution_id="Fx0NOPE", error="boom")["error"] == (
        "function_execution_not_found"
    )
    assert _error(bot.workflows_stepCompleted, workflow_step_execute_id="1.2.abc")["error"] == "not_found"
    assert _error(bot.workflows_stepFailed, workflow_step_execute_id="1.2.abc", error={"message": "x"})["error"] == (
        "not_found"
    )
    assert _error(bot.workflows_updateStep, workflow_step_edit_id="1.2.abc")["error"] == "not_found"


def test_assistant_thread_status_title_prompts(twin: Twin) -> None:
    bot, general = twin.client("bot"), _general(twin)
    ts = bot.chat_postMessage(channel=general, text="How do I deploy?")["ts"]
    bot.assistant_threads_setStatus(channel_id=general, thread_ts=ts, status="is thinking...")
    bot.assistant_threads_setTitle(channel_id=general, thread_ts=ts, title="Deploying")
    prompts = [{"title": "Logs", "message": "Show me the logs"}]
    bot.assistant_threads_setSuggestedPrompts(channel_id=general, thread_ts=ts, prompts=prompts)
    assert _error(bot.assistant_threads_setTitle, channel_id=general, thread_ts="1.000001", title="x")["error"] == (
        "thread_not_found"
    )
    assert _error(bot.assistant_threads_setStatus, channel_id="C0NOPE00000", thread_ts=ts, status="x")["error"] == (
        "channel_not_found"
    )
    assert _error(bot.assistant_threads_setSuggestedPrompts, channel_id=general, prompts=[])["error"] == (
        "invalid_arguments"
    )


def test_agent_code_channel(twin: Twin) -> None:
    bot, general = twin.client("bot"), _general(twin)
    channel = bot.agents_conversations_create(name="Fix the login bug", session_id="ses_1")["channel_id"]
    assert bot.agents_conversations_create(name="again", session_id="ses_1")["channel_id"] == channel
    assert bot.conversations_info(channel=channel)["channel"]["name"] == "fix-the-login-bug"
    view = bot.agents_conversations_setView(channel_id=channel, view_key="src/app.html", content="<p>hi</p>")
    assert view["view_id"].startswith("Ct") and view["content_version"] == 1 and view["type"] == "html"
    again = bot.agents_conversations_setView(channel_id=channel, view_key="src/app.html", content="<p>2</p>")
    assert again["view_id"] == view["view_id"] and again["content_version"] == 2
    assert [v["name"] for v in bot.agents_conversations_listViews(channel_id=channel)["views"]] == ["app"]
    bot.agents_conversations_setCommands(channel_id=channel, commands=[{"name": "test", "description": "Run tests"}])
    bot.agents_conversations_setProperties(channel_id=channel, code_channel={"repo": "twingen"})
    canvas = bot.canvases_create(title="Notes")["canvas_id"]
    bot.agents_conversations_setView(channel_id=channel, type="canvas", view_key="notes", canvas_id=canvas)
    bot.agents_conversations_setCanvasContent(channel=channel, canvas_id=canvas, content="# Notes\n\nDone.")
    assert bot.agents_conversations_getCanvas(channel=channel, canvas_id=canvas)["content"] == "# Notes\n\nDone."
    bot.agents_conversations_removeView(channel_id=channel, view_key="src/app.html")
    assert _error(bot.agents_conversations_removeView, channel_id=channel, view_key="src/app.html")["error"] == (
        "view_not_found"
    )
    assert _error(bot.agents_conversations_listViews, channel_id=general)["error"] == "not_agent_channel"
    session = bot.agents_sessions_setStatus(channel_id=channel, status="processing", title="Login bug")
    assert session.data == {"ok": True, "status": "processing", "agent_status": "processing", "title": "Login bug"}
    assert bot.agents_sessions_rename(channel_id=channel, title="Login bug (auth)")["title"] == "Login bug (auth)"
    assert _error(bot.agents_sessions_setStatus, channel_id=channel, status="done")["error"] == "invalid_status"
    assert _error(bot.agents_sessions_setStatus, channel_id=general, status="active")["error"] == "thread_ts_required"
    bot.agents_conversations_archive(channel_id=channel)
    assert bot.conversations_info(channel=channel)["channel"]["is_archived"] is True
